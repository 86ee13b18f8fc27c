#!/usr/bin/env python3
"""Where the time of one `docker exec C true` goes, per engine: the API calls the docker CLI makes,
timed one by one without the CLI, against a bare `runc exec` of the same container (the floor that
both engines share). Targets take turns, so load from other work on the machine hits them alike.

usage: exec_breakdown.py [--runs N] TARGET...
  TARGET is  api:SOCKET:CONTAINER        (exec over the Engine API, as the CLI does it)
         or  runc:RUNC_ROOT:CONTAINER_ID  (runc --root RUNC_ROOT exec ID true)

Columns (medians, ms): create = POST /containers/{id}/exec; start = POST /exec/{id}/start until the
101 answer; stream = from 101 until the daemon closes the stream (the process ran and exited);
inspect = GET /exec/{id}/json; total. The CLI adds its own start-up and two more requests
(HEAD /_ping, GET /containers/{id}/json) on top of these.

Example (the bench daemons, one idle container on each):
  bench/lib/exec_breakdown.py api:/run/berth-bench/berth.sock:C runc:/run/berth-bench/runc:ID \\
      api:/run/bench-docker/docker.sock:C runc:/run/bench-docker/exec/runtime-runc/moby:ID
"""
import argparse
import json
import socket
import statistics
import subprocess
import sys
import time


class Api:
    """Just enough HTTP/1.1 over a unix socket for the exec calls (Content-Length bodies only)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.buffer = b""

    def close(self):
        self.sock.close()

    def send(self, method, url, body=None, upgrade=False):
        data = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {url} HTTP/1.1\r\nHost: api.moby.localhost\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n")
        if upgrade:
            head += "Connection: Upgrade\r\nUpgrade: tcp\r\n"
        self.sock.sendall(head.encode() + b"\r\n" + data)

    def head(self):
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("connection closed before the response head")
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        return status, headers

    def response(self):
        status, headers = self.head()
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self.buffer += self.sock.recv(65536)
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, body

    def drain(self):
        while self.sock.recv(65536):
            pass


def api_exec(path, container):
    """One exec the way the CLI does it; returns the phase times in seconds."""
    t0 = time.perf_counter()
    api = Api(path)
    api.send("POST", f"/v1.41/containers/{container}/exec",
             {"AttachStdout": True, "AttachStderr": True, "Cmd": ["true"]})
    status, body = api.response()
    if status != 201:
        raise RuntimeError(f"exec create answered {status}: {body!r}")
    exec_id = json.loads(body)["Id"]
    t1 = time.perf_counter()
    stream = Api(path)
    stream.send("POST", f"/v1.41/exec/{exec_id}/start", {"Detach": False, "Tty": False}, upgrade=True)
    status, _ = stream.head()
    if status not in (101, 200):
        raise RuntimeError(f"exec start answered {status}")
    t2 = time.perf_counter()
    stream.drain()
    stream.close()
    t3 = time.perf_counter()
    api.send("GET", f"/v1.41/exec/{exec_id}/json")
    status, body = api.response()
    api.close()
    t4 = time.perf_counter()
    code = json.loads(body).get("ExitCode")
    if code != 0:
        raise RuntimeError(f"exec exited {code}")
    return [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0]


def runc_exec(root, container_id):
    t0 = time.perf_counter()
    subprocess.run(["runc", "--root", root, "exec", container_id, "true"], check=True, stdin=subprocess.DEVNULL)
    return [time.perf_counter() - t0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("targets", nargs="+")
    args = parser.parse_args()
    calls = []
    for target in args.targets:
        kind, _, rest = target.partition(":")
        where, _, what = rest.rpartition(":")
        if kind == "api":
            calls.append((target, lambda w=where, c=what: api_exec(w, c)))
        elif kind == "runc":
            calls.append((target, lambda w=where, c=what: runc_exec(w, c)))
        else:
            sys.exit(f"exec_breakdown.py: target must start with api: or runc:, not {target!r}")
    times = {target: [] for target, _ in calls}
    for n in range(args.warmup + args.runs):
        for target, call in calls:
            phases = call()
            if n >= args.warmup:
                times[target].append(phases)
    print(f"{'target':<48} {'create':>7} {'start':>7} {'stream':>7} {'inspect':>7} {'total':>7}")
    for target, samples in times.items():
        columns = [statistics.median(column) * 1000 for column in zip(*samples)]
        cells = columns if len(columns) == 5 else [None] * 4 + columns
        print(f"{target[:48]:<48} " + " ".join("      -" if c is None else f"{c:7.1f}" for c in cells))


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"exec_breakdown.py: {e}")
