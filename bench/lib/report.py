#!/usr/bin/env python3
"""Print the benchmark table from the per-target result files that measure.py lines make.

usage: report.py BERTH.tsv DOCKER.tsv   (a missing or empty file shows as "-")
"""
import os
import sys

# key: (label, unit, which way is better); run.sh passes the sizes it used through the environment.
METRICS = {
    "run_seq_per_s": ("run --rm true, sequential", "runs/s", "higher"),
    "run_par_per_s": (f"run --rm true, {os.environ.get('PAR_CLIENTS', '8')} clients", "runs/s", "higher"),
    "ps_ms": (f"ps with {os.environ.get('PS_CONTAINERS', '40')} running", "ms", "lower"),
    "load_s": ("load ~200 MB image", "s", "lower"),
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
                    values[key] = float(value)
    return values


def main(berth_path, docker_path):
    berth, docker = read(berth_path), read(docker_path)
    rows = [("metric", "berth", "docker", "ratio berth/docker")]
    for key, (label, unit, better) in METRICS.items():
        if key not in berth and key not in docker:
            continue
        b, d = berth.get(key), docker.get(key)
        ratio = f"{b / d:.2f}" if b is not None and d else "-"
        rows.append((f"{label} ({unit}, {better} is better)",
                     "-" if b is None else f"{b:g}", "-" if d is None else f"{d:g}", ratio))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for n, row in enumerate(rows):
        print(" | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("-|-".join("-" * w for w in widths))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
