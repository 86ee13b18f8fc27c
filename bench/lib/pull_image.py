#!/usr/bin/env python3
"""Write the OCI image layout the pull benchmark pushes to its registry.

usage: pull_image.py DIR MB

About MB megabytes of uncompressed content in four gzip layers on top of busybox: the host's own
/usr files (shared libraries, the JDK, documentation), so the layers compress as real images do,
unlike the random data of the load image. The walk is sorted and the tar headers carry fixed times
and owners, so the same host gives the same image.
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

SOURCES = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/jvm", "/usr/share", "/usr/bin"]


def files(budget):
    taken = 0
    for root in SOURCES:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                size = os.path.getsize(path)
                if size > 32 * 1024 * 1024:
                    continue
                yield path, size
                taken += size
                if taken >= budget:
                    return


def layer_tar(paths):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in paths:
            info = tar.gettarinfo(path, arcname=path.lstrip("/"))
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with open(path, "rb") as f:
                tar.addfile(info, f)
    return raw.getvalue()


def busybox_tar():
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tar.gettarinfo("/bin/busybox", arcname="bin/busybox")
        info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
        with open("/bin/busybox", "rb") as f:
            tar.addfile(info, f)
        for applet in ("sh", "true", "cat", "ls"):
            link = tarfile.TarInfo("bin/" + applet)
            link.type, link.linkname = tarfile.SYMTYPE, "busybox"
            tar.addfile(link)
    return raw.getvalue()


def main(out, mb):
    blobs = os.path.join(out, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)

    def put(data):
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(blobs, digest), "wb") as f:
            f.write(data)
        return "sha256:" + digest, len(data)

    all_files = list(files(mb * 1024 * 1024))
    quarter = sum(s for _, s in all_files) / 4
    groups, current, size = [], [], 0
    for path, s in all_files:
        current.append(path)
        size += s
        if size >= quarter and len(groups) < 3:
            groups.append(current)
            current, size = [], 0
    groups.append(current)
    tars = [busybox_tar()] + [layer_tar(g) for g in groups]
    layers, diff_ids = [], []
    for t in tars:
        diff_ids.append("sha256:" + hashlib.sha256(t).hexdigest())
        digest, size = put(gzip.compress(t, compresslevel=6, mtime=0))
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": size})
    config = json.dumps({"architecture": "amd64", "os": "linux", "created": "2026-01-01T00:00:00Z",
                         "config": {"Cmd": ["sh"]}, "rootfs": {"type": "layers", "diff_ids": diff_ids},
                         "history": [{"created": "2026-01-01T00:00:00Z"} for _ in tars]}).encode()
    cdigest, csize = put(config)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cdigest, "size": csize},
                           "layers": layers}).encode()
    mdigest, msize = put(manifest)
    with open(os.path.join(out, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "digest": mdigest, "size": msize, "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, f)
    print(f"{sum(len(t) for t in tars) / 1e6:.0f} MB in {len(tars)} layers, "
          f"{sum(l['size'] for l in layers) / 1e6:.0f} MB compressed", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
