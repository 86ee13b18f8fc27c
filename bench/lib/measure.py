#!/usr/bin/env python3
"""Measure one part of the benchmark against one daemon, through the docker CLI.

Each subcommand prints result lines `KEY<TAB>VALUE` on stdout (progress goes to stderr), which
bench/run.sh collects per target and bench/lib/report.py turns into the table. Every container
made here carries the label `berth-bench=1`, so run.sh can sweep up leftovers after a failure.

usage: measure.py --cli DOCKER --host unix:///path.sock SUBCOMMAND [options]
  run-seq  --runs N --warmup W          sequential `run --rm --network none busybox true`
  run-par  --runs N --clients C          the same, C clients at once, total runs/s
  ps       --containers N --samples S    median `ps` wall time with N running containers
  load     --tar FILE --image REF --samples S   median `load -i FILE` wall time, rmi between
  rss      --pid PID                     VmRSS and PSS of one process
  exec     --runs N --warmup W           median `exec C true` against one running busybox container
  run-stop --containers N --timeout T    N sequential `run -d`, then N sequential `stop -t T`; containers/s
  run-bridge --runs N --warmup W        sequential `run --rm busybox true` on the default bridge network
  port-tput  --mb N --samples S          MB/s of an N MB file from busybox httpd in a container, published
                                         on 127.0.0.1, read by a client on the host (median of S)
  pull     --ref REF --samples S         median `pull REF` wall time from the bench's registry, rmi between
  build    --context DIR --image REF --samples S
                                         `build -t REF DIR` with DOCKER_BUILDKIT=0 (the classic builder):
                                         median of S cold builds (result and build cache removed before
                                         each), then median of S fully cached rebuilds
  gunzip   --layout DIR                  wall time of gunzip alone over the layers of an OCI layout's image
  reg-tput --registry HOST:PORT --layout DIR --clients C --rounds R
                                         MB/s of C concurrent skopeo pushes of the layout's image to a
                                         registry server, then C concurrent pulls of it (median of R)
  ctr-mem  --containers N --settle S --daemon-pid PID...
                                         memory the engine adds per running idle container: monitor
                                         processes (conmon / containerd-shim-runc-v2) plus the growth
                                         of the daemon processes given
  logs     --mb N --samples S --daemon-pid PID... --data-root DIR
                                         a container writes N MB of 100-byte lines to stdout (default log
                                         driver): the engine's CPU seconds (the daemon processes given plus
                                         the container's monitor), wall time until it has exited and its log
                                         is complete, median `logs C > /dev/null` of S (after one pass that
                                         checks every byte), the log's size on disk
  compose  --client docker-compose|berth --berth BIN --services N --samples S --warmup W --keys PREFIX...
                                         a compose file of N busybox services on one network: median of S
                                         cold `up -d`, no-change `up -d` and `down -v` (after W untimed
                                         rounds), each round from nothing; printed as PREFIX_up_s,
                                         PREFIX_noop_s, PREFIX_down_s for each PREFIX given
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LABEL = "berth-bench=1"
# pid 1 of a container ignores SIGTERM unless it handles it; with this handler `stop` ends it at once
# instead of waiting out the timeout, on both engines alike.
IDLE = ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
# The per-container monitor each engine starts: berth's conmon, Docker's containerd shim.
MONITORS = ("conmon", "containerd-shim-runc-v2")


class Docker:
    """The docker CLI pointed at one daemon."""

    def __init__(self, cli, host):
        self.base = [cli, "-H", host]

    def run(self, *args, timeout=120):
        proc = subprocess.run(self.base + list(args), capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"docker {' '.join(args)} exited {proc.returncode}: {proc.stderr.strip()}")
        return proc.stdout

    def timed(self, *args, timeout=600):
        start = time.perf_counter()
        self.run(*args, timeout=timeout)
        return time.perf_counter() - start


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_true(docker):
    docker.run("run", "--rm", "--network", "none", "--label", LABEL, "busybox:latest", "true")


def run_seq(docker, runs, warmup):
    for _ in range(warmup):
        run_true(docker)
    start = time.perf_counter()
    for _ in range(runs):
        run_true(docker)
    elapsed = time.perf_counter() - start
    print(f"run_seq_per_s\t{runs / elapsed:.2f}")


def run_bridge(docker, runs, warmup):
    def once():
        docker.run("run", "--rm", "--label", LABEL, "busybox:latest", "true")
    for _ in range(warmup):
        once()
    start = time.perf_counter()
    for _ in range(runs):
        once()
    print(f"run_bridge_per_s\t{runs / (time.perf_counter() - start):.2f}")


def stream_once(port, size, deadline):
    """GETs /big (size bytes) from 127.0.0.1:port, retrying until the server answers; seconds taken."""
    import socket
    request = b"GET /big HTTP/1.0\r\n\r\n"
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            start = time.perf_counter()
            s.sendall(request)
            got = 0
            buf = bytearray(1 << 20)
            view = memoryview(buf)
            while True:
                n = s.recv_into(view)
                if n == 0:
                    break
                got += n
            elapsed = time.perf_counter() - start
            s.close()
            if got >= size:
                return elapsed
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {size}-byte answer from 127.0.0.1:{port}")
        time.sleep(0.2)


def port_throughput(docker, mb, samples):
    # busybox httpd sends a sparse file with sendfile(): the container side costs next to nothing, so
    # the figure is the published port's path (busybox nc copies in small chunks and caps both engines
    # at ~45 MB/s on our machines, which would hide the difference)
    rates = []
    for _ in range(samples):
        cid = docker.run("run", "-d", "--label", LABEL, "-p", "127.0.0.1::5001", "busybox:latest", "sh", "-c",
                         f"mkdir -p /srv && truncate -s {mb}M /srv/big && exec httpd -f -p 5001 -h /srv").strip()
        try:
            port = int(docker.run("port", cid, "5001/tcp").split()[0].rsplit(":", 1)[1])
            elapsed = stream_once(port, mb << 20, time.monotonic() + 60)
            rates.append(mb / elapsed)
        finally:
            docker.run("rm", "-f", cid)
    print(f"port_tput_mb_per_s\t{statistics.median(rates):.0f}")


def run_par(docker, runs, clients):
    for _ in range(clients):  # warm up each path the clients will take
        run_true(docker)
    remaining = [runs]
    lock = threading.Lock()

    def client():
        while True:
            with lock:
                if remaining[0] == 0:
                    return
                remaining[0] -= 1
            run_true(docker)

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()  # re-raises the first failed run
    elapsed = time.perf_counter() - start
    print(f"run_par_per_s\t{runs / elapsed:.2f}")


def ps_latency(docker, containers, samples):
    ids = []
    try:
        # Start them 4 at a time: we measure ps, not run, and 40 sequential runs take a while.
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            futures = [pool.submit(docker.run, "run", "-d", "--network", "none", "--label", LABEL,
                                   "busybox:latest", "sleep", "3600") for _ in range(containers)]
            for future in futures:
                ids.append(future.result().strip())
        listed = docker.run("ps", "-q").split()
        if len(listed) < containers:
            raise RuntimeError(f"expected {containers} running containers, ps shows {len(listed)}")
        for _ in range(3):
            docker.run("ps")
        times = [docker.timed("ps") for _ in range(samples)]
        print(f"ps_ms\t{statistics.median(times) * 1000:.1f}")
    finally:
        if ids:
            docker.run("rm", "-f", *ids, timeout=300)


def image_present(docker, ref):
    try:
        docker.run("image", "inspect", ref)
        return True
    except RuntimeError:
        return False


def image_rounds(docker, image, samples, key, *command):
    """Median wall time of `docker COMMAND` that makes `image`, with the image removed before each round."""
    times = []
    for _ in range(samples):
        if image_present(docker, image):
            docker.run("rmi", image)
        times.append(docker.timed(*command))
        if not image_present(docker, image):
            raise RuntimeError(f"{' '.join(command)} did not produce {image}")
        log(f"  {command[0]} {times[-1]:.2f}s")
    docker.run("rmi", image)
    print(f"{key}\t{statistics.median(times):.2f}")


def load(docker, tar, image, samples):
    image_rounds(docker, image, samples, "load_s", "load", "-i", tar)


def pull(docker, ref, samples):
    """docker pull of an image from the bench's registry on 127.0.0.1, removed before each pull."""
    image_rounds(docker, ref, samples, "pull_s", "pull", "-q", ref)


def classic_build(docker, context, image):
    """`docker build -t image context` through the classic builder; (seconds, what it printed)."""
    env = dict(os.environ, DOCKER_BUILDKIT="0")
    start = time.perf_counter()
    proc = subprocess.run(docker.base + ["build", "-t", image, context], capture_output=True, text=True,
                          timeout=600, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build of {context} exited {proc.returncode}: {proc.stderr.strip()}")
    return elapsed, proc.stdout


def drop_build_cache(docker, image):
    """Removes the result and the cache: for berth its build cache; for Docker's classic builder the
    cache is the intermediate images, which rmi of the result removes with it (prune is for BuildKit's)."""
    if image_present(docker, image):
        docker.run("rmi", image)
    env = dict(os.environ, DOCKER_BUILDKIT="0")
    subprocess.run(docker.base + ["builder", "prune", "-af"], capture_output=True, text=True, timeout=300,
                   env=env, check=True)


def build(docker, context, image, samples):
    """Median cold build, then median fully cached rebuild, of the bench's Dockerfile."""
    with open(os.path.join(context, "Dockerfile")) as f:
        steps = sum(1 for line in f if line.strip() and not line.lstrip().startswith("#"))
    cold, cached = [], []
    for _ in range(samples):
        drop_build_cache(docker, image)
        elapsed, out = classic_build(docker, context, image)
        if "Using cache" in out:  # the figure would be a rebuild's: the cache was not dropped
            raise RuntimeError(f"a cold build used the cache:\n{out}")
        cold.append(elapsed)
        log(f"  cold build {elapsed:.2f}s")
    for _ in range(samples):
        elapsed, out = classic_build(docker, context, image)
        if out.count(" ---> Using cache") != steps - 1:  # every step but FROM
            raise RuntimeError(f"a rebuild did not take all {steps - 1} steps from the cache:\n{out}")
        cached.append(elapsed)
        log(f"  cached build {elapsed:.2f}s")
    drop_build_cache(docker, image)
    print(f"build_cold_s\t{statistics.median(cold):.2f}")
    print(f"build_cached_s\t{statistics.median(cached):.2f}")


def layout_layers(layout):
    """The gzip layer blobs of the single image in an OCI layout, and their total size."""
    with open(os.path.join(layout, "index.json")) as f:
        manifest_digest = json.load(f)["manifests"][0]["digest"]
    blob = lambda d: os.path.join(layout, "blobs", *d.split(":"))
    with open(blob(manifest_digest)) as f:
        layers = json.load(f)["layers"]
    return [blob(l["digest"]) for l in layers], sum(l["size"] for l in layers)


def gunzip_alone(layout):
    """Wall time of gunzip decompressing the image's layers one after the other, to /dev/null."""
    paths, _ = layout_layers(layout)
    start = time.perf_counter()
    for p in paths:
        with open(p, "rb") as src, open(os.devnull, "wb") as dst:
            subprocess.run(["gunzip", "-c"], stdin=src, stdout=dst, check=True)
    print(f"gunzip_s\t{time.perf_counter() - start:.2f}")


def registry_throughput(registry, layout, clients, rounds):
    """clients skopeo pushes of the layout's image at once to fresh repositories, then as many pulls back."""
    _, size = layout_layers(layout)
    cache = "/var/lib/containers/cache/blob-info-cache-v1.boltdb"  # else skopeo mounts instead of uploading
    push_rates, pull_rates = [], []
    for r in range(rounds):
        tag = f"{os.getpid()}-{r}"
        if os.path.exists(cache):
            os.remove(cache)
        def push(i):
            subprocess.run(["skopeo", "--insecure-policy", "copy", "-q", "--dest-tls-verify=false", f"oci:{layout}",
                            f"docker://{registry}/bench/tput-{tag}-{i}:latest"], check=True, capture_output=True)
        def pull(i):
            out = f"/tmp/bench-pull-{tag}-{i}"
            try:
                subprocess.run(["skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false",
                                f"docker://{registry}/bench/tput-{tag}-{i}:latest", f"dir:{out}"], check=True, capture_output=True)
            finally:
                subprocess.run(["rm", "-rf", out])
        for op, rates in ((push, push_rates), (pull, pull_rates)):
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(clients) as pool:
                list(pool.map(op, range(clients)))
            rates.append(clients * size / 1e6 / (time.perf_counter() - start))
            log(f"  {op.__name__} {rates[-1]:.0f} MB/s")
    print(f"reg_push_mb_per_s\t{statistics.median(push_rates):.1f}")
    print(f"reg_pull_mb_per_s\t{statistics.median(pull_rates):.1f}")


def run_idle(docker):
    return docker.run("run", "-d", "--network", "none", "--label", LABEL, "busybox:latest", *IDLE).strip()


def exec_latency(docker, runs, warmup):
    cid = run_idle(docker)
    try:
        for _ in range(warmup):
            docker.run("exec", cid, "true")
        times = sorted(docker.timed("exec", cid, "true") for _ in range(runs))
        print(f"exec_ms\t{statistics.median(times) * 1000:.1f}")
        print(f"exec_p25_ms\t{times[len(times) // 4] * 1000:.1f}")
    finally:
        docker.run("rm", "-f", cid)


def run_stop(docker, containers, timeout):
    docker.run("rm", "-f", run_idle(docker))  # warm-up: the first run of a session pays for lazy set-up
    ids = []
    try:
        start = time.perf_counter()
        for _ in range(containers):
            ids.append(run_idle(docker))
        for cid in ids:
            docker.run("stop", "-t", str(timeout), cid, timeout=timeout + 60)
        elapsed = time.perf_counter() - start
        states = docker.run("inspect", "-f", "{{.State.Status}}", *ids).split()
        if any(s != "exited" for s in states):
            raise RuntimeError(f"after stop, states are {sorted(set(states))}, expected only exited")
        print(f"run_stop_per_s\t{containers / elapsed:.2f}")
    finally:
        if ids:
            docker.run("rm", "-f", *ids, timeout=300)


def kib(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {key} in {path}")


def rss_pss_kib(pid):
    return kib(f"/proc/{pid}/status", "VmRSS"), kib(f"/proc/{pid}/smaps_rollup", "Pss")


def monitors_of(ids):
    """Pids of the monitor processes whose command line names one of the given container ids."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if not argv or os.path.basename(argv[0].decode(errors="replace")) not in MONITORS:
            continue
        words = {a.decode(errors="replace") for a in argv}
        for cid in ids:
            if cid in words:
                found[int(entry)] = cid
    return found


def container_memory(docker, containers, settle, daemon_pids):
    docker.run("rm", "-f", run_idle(docker))  # warm-up, so that first-use set-up is not counted
    time.sleep(settle)
    before = [rss_pss_kib(pid) for pid in daemon_pids]
    ids = []
    try:
        for _ in range(containers):
            ids.append(run_idle(docker))
        time.sleep(settle)
        monitors = monitors_of(ids)
        if set(monitors.values()) != set(ids):
            raise RuntimeError(f"found monitors for {len(set(monitors.values()))} of {len(ids)} containers")
        mon = [rss_pss_kib(pid) for pid in monitors]
        after = [rss_pss_kib(pid) for pid in daemon_pids]
        mon_rss, mon_pss = sum(r for r, _ in mon), sum(p for _, p in mon)
        grow_rss = sum(a[0] - b[0] for a, b in zip(after, before))
        grow_pss = sum(a[1] - b[1] for a, b in zip(after, before))
        per = 1024 * containers
        log(f"  {len(monitors)} monitors: RSS {mon_rss} KiB, PSS {mon_pss} KiB; daemon growth RSS {grow_rss} KiB, PSS {grow_pss} KiB")
        print(f"ctr_mon_pss_mib\t{mon_pss / per:.2f}")
        print(f"ctr_daemon_pss_mib\t{grow_pss / per:.2f}")
        print(f"ctr_pss_mib\t{(mon_pss + grow_pss) / per:.2f}")
        print(f"ctr_rss_mib\t{(mon_rss + grow_rss) / per:.2f}")
    finally:
        if ids:
            docker.run("rm", "-f", *ids, timeout=300)


# logs: 100-byte lines (99 characters and a newline), written by busybox alone, the same on both engines
LOG_LINE = b"berth-bench log line " + b"x" * 78 + b"\n"
LOG_CHUNK_LINES = 100_000  # the container writes a 10 MB file of lines once, then cats it over and over


def cpu_seconds(pid):
    """utime + stime of one process (all its threads), without its children: the monitors reap the
    container's processes, whose CPU must not count as the engine's."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuWatch(threading.Thread):
    """Keeps the last CPU reading of processes that exit during the run (the monitors end with the
    container, and /proc forgets them then): at most one interval of their CPU goes unseen."""

    def __init__(self, pids, interval=0.01):
        super().__init__(daemon=True)
        self.last = {pid: 0.0 for pid in pids}
        self.interval = interval
        self.stopping = threading.Event()
        self.sample()

    def sample(self):
        alive = 0
        for pid in self.last:
            try:
                self.last[pid] = cpu_seconds(pid)
                alive += 1
            except (OSError, IndexError, ValueError):
                pass  # gone: keep its last reading
        return alive

    def run(self):
        while not self.stopping.wait(self.interval):
            if self.sample() == 0:
                return

    def total(self):
        self.stopping.set()
        self.join()
        return sum(self.last.values())


def disk_bytes(*paths):
    """Space allocated on disk (not the apparent size) of the files, and of everything under the directories."""
    total = 0
    for path in paths:
        if os.path.isdir(path):
            for root, _, files in os.walk(path):
                total += sum(os.lstat(os.path.join(root, f)).st_blocks * 512 for f in files)
        elif os.path.exists(path):
            total += os.lstat(path).st_blocks * 512
    return total


def log_files(docker, cid, data_root):
    """The container's log file(s): inspect's LogPath and its rotations, as Docker's json-file has them;
    else berth's conmon log, <data-root>/containers/<id>/container.log (its inspect has no LogPath yet)."""
    path = docker.run("inspect", "-f", "{{.LogPath}}", cid).strip()
    if path in ("", "<no value>"):
        path = os.path.join(data_root, "containers", cid, "container.log")
        if not os.path.exists(path):
            raise RuntimeError(f"inspect shows no LogPath for {cid} and there is no {path}")
    directory, name = os.path.split(path)
    rotated = sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.startswith(name + "."))
    return [path] + rotated


def tail_has(path, needle, size=4096):
    with open(path, "rb") as f:
        f.seek(max(0, os.fstat(f.fileno()).st_size - size))
        return needle in f.read()


def read_and_check(docker, cid, body_bytes, marker_line):
    """`docker logs` through a pipe, compared byte for byte with what the container wrote; bytes read."""
    period = len(LOG_LINE)
    pattern = LOG_LINE * ((1 << 20) // period + 2)  # any read of up to 1 MiB, at any offset in a line
    proc = subprocess.Popen(docker.base + ["logs", cid], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    got, tail, bad_at = 0, bytearray(), None
    while True:
        chunk = os.read(proc.stdout.fileno(), 1 << 20)
        if not chunk:
            break
        in_body = max(0, min(len(chunk), body_bytes - got))
        offset = got % period
        if bad_at is None and chunk[:in_body] != pattern[offset:offset + in_body]:
            bad_at = got
        tail += chunk[in_body:]
        got += len(chunk)
        if len(tail) > len(marker_line):
            bad_at = got if bad_at is None else bad_at
            tail = tail[-len(marker_line):]
    stderr = proc.stderr.read().decode(errors="replace").strip()
    if proc.wait() != 0:
        raise RuntimeError(f"docker logs {cid} exited {proc.returncode}: {stderr}")
    if bad_at is not None or bytes(tail) != marker_line or got != body_bytes + len(marker_line):
        raise RuntimeError(f"docker logs gave {got} bytes, expected {body_bytes + len(marker_line)}"
                           + (f"; first difference near byte {bad_at}" if bad_at is not None else "")
                           + f"; it ended with {bytes(tail[-80:])!r}")
    return got


def logs(docker, mb, samples, daemon_pids, data_root):
    """A container writes mb MB of 100-byte lines to stdout through the default log driver: the
    engine's CPU for it (daemon processes plus the container's monitor), the wall time until the
    container has exited and its log ends with the last line, then `docker logs` of it, and its size."""
    if mb * 1_000_000 % (LOG_CHUNK_LINES * len(LOG_LINE)):
        raise RuntimeError(f"--mb must be a multiple of {LOG_CHUNK_LINES * len(LOG_LINE) // 1_000_000}")
    body = mb * 1_000_000
    marker = f"berth-bench-log-end-{os.getpid()}-{time.time_ns()}"
    marker_line = marker.encode() + b"\n"
    # "$0" is the line, "$1" the marker: no quoting of either inside the script
    script = ('yes "$0" | head -c %d > /tmp/lines && i=0 && while [ $i -lt %d ]; do cat /tmp/lines; '
              'i=$((i + 1)); done && rm /tmp/lines && echo "$1"') % (LOG_CHUNK_LINES * len(LOG_LINE),
                                                   body // (LOG_CHUNK_LINES * len(LOG_LINE)))
    before = sum(cpu_seconds(pid) for pid in daemon_pids)
    start = time.perf_counter()
    cid = docker.run("run", "-d", "--network", "none", "--label", LABEL, "busybox:latest",
                     "sh", "-c", script, LOG_LINE[:-1].decode(), marker).strip()
    try:
        monitors = monitors_of([cid])
        if not monitors:
            raise RuntimeError(f"no monitor process ({' or '.join(MONITORS)}) names {cid}")
        watch = CpuWatch(list(monitors))
        watch.start()
        files = log_files(docker, cid, data_root)
        code = docker.run("wait", cid, timeout=3600).strip()
        if code != "0":
            raise RuntimeError(f"the log writer exited {code}")
        deadline = time.monotonic() + 300
        while not tail_has(files[0], marker.encode()):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{files[0]} does not end with the last line 300 s after the container exited")
            time.sleep(0.01)
        write_s = time.perf_counter() - start
        deadline = time.monotonic() + 60
        while watch.is_alive() and time.monotonic() < deadline:  # the monitors' last work: their exit
            time.sleep(0.01)
        monitor_cpu = watch.total()
        daemon_cpu = sum(cpu_seconds(pid) for pid in daemon_pids) - before
        driver = docker.run("inspect", "-f", "{{.HostConfig.LogConfig.Type}}", cid).strip()
        log(f"  driver {driver or '?'}; log {files[0]}; wrote in {write_s:.2f}s, daemons {daemon_cpu:.2f} "
            f"CPU s, monitors {monitor_cpu:.2f} CPU s ({len(monitors)}: {sorted(set(monitors))})")
        print(f"logs_engine_cpu_s\t{daemon_cpu + monitor_cpu:.2f}")
        print(f"logs_daemon_cpu_s\t{daemon_cpu:.2f}")
        print(f"logs_monitor_cpu_s\t{monitor_cpu:.2f}")
        print(f"logs_write_s\t{write_s:.2f}")
        print(f"logs_disk_mb\t{disk_bytes(*files) / 1e6:.1f}")
        print(f"logs_dir_disk_mb\t{disk_bytes(os.path.join(data_root, 'containers', cid)) / 1e6:.1f}", flush=True)

        print(f"logs_read_bytes\t{read_and_check(docker, cid, body, marker_line)}")  # also the reads' warm-up
        times = []
        before_read = sum(cpu_seconds(pid) for pid in daemon_pids)
        for _ in range(samples):
            start = time.perf_counter()
            proc = subprocess.run(docker.base + ["logs", cid], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=3600)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise RuntimeError(f"docker logs {cid} exited {proc.returncode}: {proc.stderr.decode().strip()}")
            log(f"  docker logs > /dev/null {times[-1]:.2f}s")
        read_cpu = (sum(cpu_seconds(pid) for pid in daemon_pids) - before_read) / samples
        print(f"logs_read_s\t{statistics.median(times):.2f}")
        print(f"logs_read_cpu_s\t{read_cpu:.2f}")
    finally:
        docker.run("rm", "-f", cid, timeout=300)


# compose: the same project on both daemons, its containers and network labelled so run.sh can sweep them
COMPOSE_PROJECT = "berthbench"


def compose_file(services):
    """N idle busybox services on one user network, in the YAML both clients read."""
    lines = ["services:"]
    for i in range(1, services + 1):
        lines += [f"  s{i:02d}:", "    image: busybox:latest", f"    command: {json.dumps(IDLE)}",
                  "    networks: [bench]", f"    labels: [{LABEL}]"]
    lines += ["networks:", "  bench:", f"    labels: [{LABEL}]"]
    return "\n".join(lines) + "\n"


class ComposeClient:
    """docker-compose 1.29 (Docker's, Python) or `berth compose`, pointed at one daemon, on one file."""

    def __init__(self, kind, host, berth, path):
        if kind == "berth":
            self.base = [berth, "compose"]
        else:
            self.base = ["docker-compose"]
        self.base += ["-p", COMPOSE_PROJECT, "-f", path]
        # berth's CLI takes BERTH_HOST before DOCKER_HOST; docker-compose reads DOCKER_HOST
        self.env = dict(os.environ, DOCKER_HOST=host, BERTH_HOST=host)

    def timed(self, *args):
        start = time.perf_counter()
        proc = subprocess.run(self.base + list(args), capture_output=True, text=True, timeout=600, env=self.env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(self.base + list(args))} exited {proc.returncode}: "
                               f"{(proc.stderr or proc.stdout).strip()}")
        return elapsed


def project_state(docker):
    """(running container ids, all container ids, network names) labelled with the bench project."""
    label = f"label=com.docker.compose.project={COMPOSE_PROJECT}"
    running = set(docker.run("ps", "-q", "--no-trunc", "--filter", label).split())
    every = set(docker.run("ps", "-aq", "--no-trunc", "--filter", label).split())
    networks = set(docker.run("network", "ls", "-q", "--filter", label).split())
    return running, every, networks


def compose(docker, host, kind, berth, services, samples, warmup, prefixes):
    """Each round from nothing: cold `up -d` (network and containers made), `up -d` again (nothing to do),
    `down -v`. The part fails if a round leaves the wrong state: the figures would not be of that work."""
    workdir = tempfile.mkdtemp(prefix="bench-compose-")
    path = os.path.join(workdir, "compose.yml")
    with open(path, "w") as f:
        f.write(compose_file(services))
    client = ComposeClient(kind, host, berth, path)
    up, noop, down = [], [], []
    try:
        client.timed("down", "-v")  # a leftover of an interrupted run
        for n in range(warmup + samples):
            t_up = client.timed("up", "-d")
            running, _, networks = project_state(docker)
            if len(running) != services or len(networks) != 1:
                raise RuntimeError(f"after up -d: {len(running)} running containers and {len(networks)} networks "
                                   f"of project {COMPOSE_PROJECT}, expected {services} and 1")
            t_noop = client.timed("up", "-d")
            again, _, _ = project_state(docker)
            if again != running:
                raise RuntimeError(f"the no-change up -d recreated or stopped containers "
                                   f"({len(running - again)} gone, {len(again - running)} new)")
            t_down = client.timed("down", "-v")
            _, left, networks = project_state(docker)
            if left or networks:
                raise RuntimeError(f"after down -v: {len(left)} containers and {len(networks)} networks left")
            log(f"  {kind}: up -d {t_up:.2f}s, no-change up -d {t_noop:.2f}s, down -v {t_down:.2f}s"
                + (" (warm-up)" if n < warmup else ""))
            if n >= warmup:
                up.append(t_up); noop.append(t_noop); down.append(t_down)
    finally:
        try:
            client.timed("down", "-v")
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            log(f"  cleanup: {e}")  # keep the error that brought us here; run.sh sweeps what is left
        shutil.rmtree(workdir, ignore_errors=True)
    for prefix in prefixes:
        print(f"{prefix}_up_s\t{statistics.median(up):.2f}")
        print(f"{prefix}_noop_s\t{statistics.median(noop):.2f}")
        print(f"{prefix}_down_s\t{statistics.median(down):.2f}")


def memory(pid):
    print(f"rss_mib\t{kib(f'/proc/{pid}/status', 'VmRSS') / 1024:.1f}")
    print(f"pss_mib\t{kib(f'/proc/{pid}/smaps_rollup', 'Pss') / 1024:.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default="/usr/local/bin/docker")
    parser.add_argument("--host", required=True)
    sub = parser.add_subparsers(dest="part", required=True)
    p = sub.add_parser("run-seq"); p.add_argument("--runs", type=int, default=30); p.add_argument("--warmup", type=int, default=3)
    p = sub.add_parser("run-par"); p.add_argument("--runs", type=int, default=80); p.add_argument("--clients", type=int, default=8)
    p = sub.add_parser("ps"); p.add_argument("--containers", type=int, default=40); p.add_argument("--samples", type=int, default=30)
    p = sub.add_parser("load"); p.add_argument("--tar", required=True); p.add_argument("--image", required=True)
    p.add_argument("--samples", type=int, default=3)
    p = sub.add_parser("rss"); p.add_argument("--pid", type=int, required=True)
    p = sub.add_parser("exec"); p.add_argument("--runs", type=int, default=30); p.add_argument("--warmup", type=int, default=3)
    p = sub.add_parser("run-stop"); p.add_argument("--containers", type=int, default=20)
    p.add_argument("--timeout", type=int, default=10)
    p = sub.add_parser("run-bridge"); p.add_argument("--runs", type=int, default=30); p.add_argument("--warmup", type=int, default=3)
    p = sub.add_parser("port-tput"); p.add_argument("--mb", type=int, default=1024); p.add_argument("--samples", type=int, default=3)
    p = sub.add_parser("pull"); p.add_argument("--ref", required=True); p.add_argument("--samples", type=int, default=3)
    p = sub.add_parser("gunzip"); p.add_argument("--layout", required=True)
    p = sub.add_parser("build"); p.add_argument("--context", required=True); p.add_argument("--image", required=True)
    p.add_argument("--samples", type=int, default=3)
    p = sub.add_parser("reg-tput"); p.add_argument("--registry", required=True); p.add_argument("--layout", required=True)
    p.add_argument("--clients", type=int, default=8); p.add_argument("--rounds", type=int, default=1)
    p = sub.add_parser("ctr-mem"); p.add_argument("--containers", type=int, default=10)
    p.add_argument("--settle", type=float, default=5); p.add_argument("--daemon-pid", type=int, action="append", required=True)
    p = sub.add_parser("logs"); p.add_argument("--mb", type=int, default=1000); p.add_argument("--samples", type=int, default=1)
    p.add_argument("--daemon-pid", type=int, action="append", required=True); p.add_argument("--data-root", required=True)
    p = sub.add_parser("compose"); p.add_argument("--client", choices=["docker-compose", "berth"], required=True)
    p.add_argument("--berth", default="bin/berth"); p.add_argument("--services", type=int, default=10)
    p.add_argument("--samples", type=int, default=3); p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--keys", nargs="+", required=True)
    args = parser.parse_args()
    docker = Docker(args.cli, args.host)
    if args.part == "run-seq":
        run_seq(docker, args.runs, args.warmup)
    elif args.part == "run-par":
        run_par(docker, args.runs, args.clients)
    elif args.part == "ps":
        ps_latency(docker, args.containers, args.samples)
    elif args.part == "load":
        load(docker, args.tar, args.image, args.samples)
    elif args.part == "exec":
        exec_latency(docker, args.runs, args.warmup)
    elif args.part == "run-stop":
        run_stop(docker, args.containers, args.timeout)
    elif args.part == "run-bridge":
        run_bridge(docker, args.runs, args.warmup)
    elif args.part == "port-tput":
        port_throughput(docker, args.mb, args.samples)
    elif args.part == "pull":
        pull(docker, args.ref, args.samples)
    elif args.part == "build":
        build(docker, args.context, args.image, args.samples)
    elif args.part == "gunzip":
        gunzip_alone(args.layout)
    elif args.part == "reg-tput":
        registry_throughput(args.registry, args.layout, args.clients, args.rounds)
    elif args.part == "ctr-mem":
        container_memory(docker, args.containers, args.settle, args.daemon_pid)
    elif args.part == "logs":
        logs(docker, args.mb, args.samples, args.daemon_pid, args.data_root)
    elif args.part == "compose":
        compose(docker, args.host, args.client, args.berth, args.services, args.samples, args.warmup, args.keys)
    else:
        memory(args.pid)


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        sys.exit(f"measure.py: {e}")
