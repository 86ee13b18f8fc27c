#!/usr/bin/env python3
"""Write a minimal busybox root filesystem as a tar, for `docker import`.

Docker Hub is out of reach on our machines, so both daemons get busybox from the
host's static binary. The tar is built in memory with fixed owners and times so
two runs give the same bytes (and so the same image ID after import).

usage: busybox_rootfs.py OUT.tar [BUSYBOX_BINARY]
"""
import io
import subprocess
import sys
import tarfile

# Fixed mtime: the import result should not depend on when the script ran.
MTIME = 1_700_000_000

PASSWD = (
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
)
GROUP = "root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n"


def entry(name, kind, mode, **extra):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.mtime = MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    for key, value in extra.items():
        setattr(info, key, value)
    return info


def applets(busybox):
    # Every applet goes in /bin, as in the upstream busybox image, so one PATH entry finds them all.
    out = subprocess.run([busybox, "--list"], check=True, capture_output=True, text=True)
    return sorted({name for name in out.stdout.split() if name and name != "busybox"})


def write_rootfs(out_path, busybox="/bin/busybox"):
    with open(busybox, "rb") as f:
        binary = f.read()
    with tarfile.open(out_path, "w", format=tarfile.PAX_FORMAT) as tar:
        for d, mode in (("bin", 0o755), ("etc", 0o755), ("root", 0o700), ("tmp", 0o1777),
                        ("usr", 0o755), ("var", 0o755), ("proc", 0o555), ("sys", 0o555), ("dev", 0o755)):
            tar.addfile(entry(d, tarfile.DIRTYPE, mode))
        tar.addfile(entry("bin/busybox", tarfile.REGTYPE, 0o755, size=len(binary)), io.BytesIO(binary))
        for name in applets(busybox):
            tar.addfile(entry("bin/" + name, tarfile.SYMTYPE, 0o777, linkname="busybox"))
        for name, text in (("etc/passwd", PASSWD), ("etc/group", GROUP)):
            data = text.encode()
            tar.addfile(entry(name, tarfile.REGTYPE, 0o644, size=len(data)), io.BytesIO(data))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    write_rootfs(*sys.argv[1:])
