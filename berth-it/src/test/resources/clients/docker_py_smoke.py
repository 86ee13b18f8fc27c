"""docker-py against a berth daemon: the calls CLIENTS.md records for containers.run, list,
exec_run, stop, wait and remove. Prints one line per check; exits non-zero on the first mismatch."""
import sys

import docker


def check(what, got, want):
    if got != want:
        print(f"FAIL {what}: got {got!r}, want {want!r}")
        sys.exit(1)
    print(f"ok {what}")


client = docker.DockerClient(base_url=sys.argv[1])
check("ping", client.ping(), True)
check("run --rm", client.containers.run("busybox", ["echo", "hello from docker-py"], remove=True),
      b"hello from docker-py\n")
box = client.containers.run("busybox", ["sh", "-c", "echo started; sleep 30"], detach=True,
                            labels={"client": "docker-py"})
check("list by label", [c.id for c in client.containers.list(filters={"label": ["client=docker-py"]})], [box.id])
result = box.exec_run(["sh", "-c", "echo exec; exit 4"])
check("exec_run", (result.exit_code, result.output), (4, b"exec\n"))
box.stop(timeout=1)
check("wait", box.wait()["StatusCode"], 137)
check("logs", box.logs(), b"started\n")
box.remove(v=True)
check("removed", [c.id for c in client.containers.list(all=True, filters={"label": ["client=docker-py"]})], [])
check("image", "busybox:latest" in client.images.get("busybox").tags, True)
