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
"""
import argparse
import concurrent.futures
import statistics
import subprocess
import sys
import threading
import time

LABEL = "berth-bench=1"


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


def load(docker, tar, image, samples):
    times = []
    for _ in range(samples):
        if image_present(docker, image):
            docker.run("rmi", image)
        times.append(docker.timed("load", "-i", tar))
        if not image_present(docker, image):
            raise RuntimeError(f"load of {tar} did not produce {image}")
        log(f"  load {times[-1]:.2f}s")
    docker.run("rmi", image)
    print(f"load_s\t{statistics.median(times):.2f}")


def memory(pid):
    def kib(path, key):
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        raise RuntimeError(f"no {key} in {path}")

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
    else:
        memory(args.pid)


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        sys.exit(f"measure.py: {e}")
