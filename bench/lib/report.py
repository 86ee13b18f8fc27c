#!/usr/bin/env python3
"""Print the benchmark table from the per-target result files that measure.py lines make.

usage: report.py BERTH.tsv DOCKER.tsv   (a missing or empty file shows as "-")
A metric measured more than once (run.sh REPEAT) shows the median of its values.
"""
import os
import statistics
import sys

# key: (label, unit, which way is better); run.sh passes the sizes it used through the environment.
METRICS = {
    "run_seq_per_s": ("run --rm true, sequential", "runs/s", "higher"),
    "run_par_per_s": (f"run --rm true, {os.environ.get('PAR_CLIENTS', '8')} clients", "runs/s", "higher"),
    "ps_ms": (f"ps with {os.environ.get('PS_CONTAINERS', '40')} running", "ms", "lower"),
    "load_s": ("load ~200 MB image", "s", "lower"),
    "exec_ms": ("exec true, median", "ms", "lower"),
    "exec_p25_ms": ("exec true, 25th percentile", "ms", "lower"),
    "run_stop_per_s": (f"run -d + stop, {os.environ.get('STOP_CONTAINERS', '20')} in a row", "containers/s", "higher"),
    "run_bridge_per_s": ("run --rm true, default bridge, sequential", "runs/s", "higher"),
    "port_tput_mb_per_s": (f"published port, {os.environ.get('TPUT_MB', '1024')} MB stream", "MB/s", "higher"),
    "pull_s": (f"pull ~{os.environ.get('PULL_MB', '200')} MB image from a local registry", "s", "lower"),
    "reg_push_mb_per_s": (f"registry server, {os.environ.get('REG_CLIENTS', '8')} pushes at once", "MB/s", "higher"),
    "reg_pull_mb_per_s": (f"registry server, {os.environ.get('REG_CLIENTS', '8')} pulls at once", "MB/s", "higher"),
    "build_cold_s": ("build, 6 steps, 51 files / 5 MB context, cold", "s", "lower"),
    "build_cached_s": ("build, the same, fully cached", "s", "lower"),
    "compose_up_s": (f"compose up -d, {os.environ.get('COMPOSE_SERVICES', '10')} services, cold: berth compose vs docker-compose", "s", "lower"),
    "compose_noop_s": ("compose up -d, no change: berth compose vs docker-compose", "s", "lower"),
    "compose_down_s": ("compose down -v: berth compose vs docker-compose", "s", "lower"),
    "compose_dc_up_s": ("  docker-compose 1.29 on both: up -d, cold", "s", "lower"),
    "compose_dc_noop_s": ("  docker-compose 1.29 on both: up -d, no change", "s", "lower"),
    "compose_dc_down_s": ("  docker-compose 1.29 on both: down -v", "s", "lower"),
    "logs_engine_cpu_s": (f"logs: {os.environ.get('LOGS_MB', '1000')} MB of lines, engine CPU", "s", "lower"),
    "logs_daemon_cpu_s": ("  of which daemon processes", "s", "lower"),
    "logs_monitor_cpu_s": ("  of which the container's monitor", "s", "lower"),
    "logs_write_s": ("logs: run until exited and log complete", "s", "lower"),
    "logs_read_s": ("logs: `logs C > /dev/null`", "s", "lower"),
    "logs_read_cpu_s": ("  daemon CPU per `logs C`", "s", "lower"),
    "logs_read_bytes": ("logs: bytes read by `logs C` (checked)", "bytes", "equal"),
    "logs_disk_mb": ("logs: log file(s) on disk", "MB", "lower"),
    "logs_dir_disk_mb": ("  container directory on disk", "MB", "lower"),
    "ctr_pss_mib": ("memory per idle container, PSS", "MiB", "lower"),
    "ctr_mon_pss_mib": ("  of which monitor PSS", "MiB", "lower"),
    "ctr_daemon_pss_mib": ("  of which daemon growth PSS", "MiB", "lower"),
    "ctr_rss_mib": ("memory per idle container, RSS", "MiB", "lower"),
    "rss_mib": ("daemon RSS at idle", "MiB", "lower"),
    "pss_mib": ("daemon PSS at idle", "MiB", "lower"),
}


def read(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, _, value = line.strip().partition("\t")
                if key:
                    values.setdefault(key, []).append(float(value))
    return {key: statistics.median(v) + 0.0 for key, v in values.items()}  # + 0.0: no "-0" in the table


def number(value):
    """Shortest form, but a large whole number (a byte count) in full."""
    return f"{value:.0f}" if value.is_integer() and abs(value) >= 1e6 else f"{value:g}"


def main(berth_path, docker_path):
    berth, docker = read(berth_path), read(docker_path)
    rows = [("metric", "berth", "docker", "ratio berth/docker")]
    for key, (label, unit, better) in METRICS.items():
        if key not in berth and key not in docker:
            continue
        b, d = berth.get(key), docker.get(key)
        # a ratio of a difference near zero (memory growth within noise) means nothing
        ratio = f"{b / d:.2f}" if b is not None and d is not None and b >= 0 and d > 0 else "-"
        rows.append((f"{label} ({unit}, {'must be equal' if better == 'equal' else better + ' is better'})",
                     "-" if b is None else number(b), "-" if d is None else number(d), ratio))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for n, row in enumerate(rows):
        print(" | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("-|-".join("-" * w for w in widths))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
