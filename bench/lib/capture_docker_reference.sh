#!/usr/bin/env bash
# Capture what a real dockerd answers for the requests berth must imitate, as test data.
#
# usage: bench/lib/capture_docker_reference.sh OUTDIR
#   needs a dockerd on $DOCKER_SOCK (bench/run.sh --docker-only --start-only starts one) with no
#   busybox:latest container in use. Writes OUTDIR/busybox-docker20.tar, OUTDIR/responses/*.json and
#   OUTDIR/README.md. IDs and times differ per run; the shapes, statuses and messages do not.
set -euo pipefail

OUT=${1:?usage: $0 OUTDIR}
SOCK=${DOCKER_SOCK:-/run/bench-docker/docker.sock}
DOCKER=${DOCKER_CLI:-/usr/local/bin/docker}
HERE=$(cd "$(dirname "$0")" && pwd)
export DOCKER_HOST=unix://$SOCK

mkdir -p "$OUT/responses"
WORK=$(mktemp -d /tmp/docker-reference.XXXXXX)
README=$WORK/README.body
: > "$README"
trap 'rm -rf "$WORK"' EXIT

md() { printf '%s\n' "$*" >> "$README"; }

# shown ARGS...: a command line as a person would type it; crafted inputs appear as crafted/NAME.
shown() {
  local arg out=()
  for arg in "$@"; do
    arg=${arg//$WORK\//crafted/}
    arg=${arg//$DOCKER/docker}
    case $arg in *[\ \"\'\$\{\}]*) arg="'$arg'" ;; esac
    out+=("$arg")
  done
  printf '%s' "${out[*]}"
}

# req FILE_STEM TITLE METHOD PATH [curl args...]: one raw API request, body kept verbatim.
req() {
  local stem=$1 title=$2 method=$3 path=$4; shift 4
  local body=$OUT/responses/$stem.json status ctype
  status=$(curl -sS --unix-socket "$SOCK" -X "$method" -o "$body" -D "$WORK/headers" \
    -w '%{http_code}' "$@" "http://localhost$path")
  ctype=$(grep -i '^content-type:' "$WORK/headers" | tr -d '\r' | cut -d' ' -f2- || true)
  md "### $title"
  md ""
  md "\`$method $path\`$( [ $# -gt 0 ] && printf ' (curl `%s`)' "$(shown "$@")")"
  md ""
  md "- status: **$status**, Content-Type: \`${ctype:-none}\`"
  if [ "$(wc -c < "$body")" -le 700 ]; then
    md "- body (\`responses/$stem.json\`):"
    md ""
    md '```'
    cat "$body" >> "$README"
    [ -z "$(tail -c1 "$body")" ] || md ""
    md '```'
  else
    md "- body: \`responses/$stem.json\` ($(wc -c < "$body") bytes)"
  fi
  md ""
}

# cli TITLE CMD...: what the docker CLI prints (stdout and stderr together) and its exit code.
cli() {
  local title=$1; shift
  local rc=0
  timeout 60 "$@" > "$WORK/cli.out" 2>&1 || rc=$?
  md "### $title"
  md ""
  md "\`$(shown "$@")\` → exit code **$rc**"
  md ""
  md '```'
  cat "$WORK/cli.out" >> "$README"
  [ -z "$(tail -c1 "$WORK/cli.out")" ] || md ""
  md '```'
  md ""
}

import_busybox() {
  python3 "$HERE/busybox_rootfs.py" "$WORK/rootfs.tar"
  "$DOCKER" import -c 'CMD ["sh"]' "$WORK/rootfs.tar" busybox:latest > /dev/null
}

# Crafted hostile or broken inputs, built with python's tarfile.
python3 - "$WORK" <<'PY'
import io, sys, tarfile
work = sys.argv[1]
def add(tar, name, data):
    info = tarfile.TarInfo(name); info.size = len(data); tar.addfile(info, io.BytesIO(data))
with open(f"{work}/not-a-tar.bin", "wb") as f:
    f.write(b"this is not a tar archive\n")
with tarfile.open(f"{work}/dotdot-with-manifest.tar", "w") as tar:
    add(tar, "../escaped.txt", b"outside\n")
    add(tar, "manifest.json", b"[]")
with tarfile.open(f"{work}/dotdot-only.tar", "w") as tar:
    add(tar, "../escaped.txt", b"outside\n")
with tarfile.open(f"{work}/dotdot-config.tar", "w") as tar:
    add(tar, "a/../../escaped.txt", b"outside\n")
    add(tar, "manifest.json", b'[{"Config":"../escaped.txt","RepoTags":["evil:1"],"Layers":[]}]')
PY

"$DOCKER" rmi -f busybox:latest > /dev/null 2>&1 || true
import_busybox
"$DOCKER" save busybox:latest -o "$OUT/busybox-docker20.tar"
chmod 644 "$OUT/busybox-docker20.tar"
IMG=$("$DOCKER" image inspect -f '{{.Id}}' busybox:latest)
CID=$("$DOCKER" create --name ref-stopped busybox:latest true)
"$DOCKER" start -a ref-stopped > /dev/null
RUNNING=$("$DOCKER" run -d --network none --name ref-running busybox:latest sleep 600)

md "## Read-only requests (busybox image ID \`$IMG\`, stopped container \`$CID\`)"
md ""
req version "Version" GET /v1.41/version
req info "Info" GET /v1.41/info
req images-list "Image list" GET /v1.41/images/json
req image-busybox "Inspect image busybox" GET /v1.41/images/busybox/json
req image-busybox-history "Image history" GET /v1.41/images/busybox/history
req containers-list-all "Container list, all (one stopped, one running \`sleep 600\`)" GET '/v1.41/containers/json?all=1'
req container-stopped "Inspect a stopped container (\`create busybox true\`, started, exited 0)" GET "/v1.41/containers/$CID/json"

md "## busybox-docker20.tar (\`docker save busybox:latest\`)"
md ""
md '```'
tar tvf "$OUT/busybox-docker20.tar" >> "$README"
md '```'
md ""
md "manifest.json: \`$(tar xOf "$OUT/busybox-docker20.tar" manifest.json)\`"
md ""
md "repositories: \`$(tar xOf "$OUT/busybox-docker20.tar" repositories)\`"
md ""
md "## Errors"
md ""
req err-unknown-route "Unknown route, versioned" GET /v1.41/nope
req err-unknown-route-unversioned "Unknown route, unversioned" GET /nope
req err-create-invalid-name "Create with an invalid name (one character)" POST '/v1.41/containers/create?name=x' \
  -H 'Content-Type: application/json' -d '{"Image":"busybox"}'
req err-create-invalid-name-unknown-image "Create with an invalid name AND an unknown image (which check wins)" \
  POST '/v1.41/containers/create?name=x' -H 'Content-Type: application/json' -d '{"Image":"nosuch:1"}'
req err-kill-stopped "Kill a stopped container" POST "/v1.41/containers/$CID/kill"
req err-rmi-unknown "Remove an unknown image" DELETE /v1.41/images/nosuch:latest
req err-rmi-running-by-id "Remove an image used by a running (and a stopped) container, by ID, no force" DELETE "/v1.41/images/$IMG"
req err-rmi-running-by-id-force "Remove an image used by a running (and a stopped) container, by ID, force=1" DELETE "/v1.41/images/$IMG?force=1"
"$DOCKER" rm -f ref-running > /dev/null
req err-rmi-in-use-by-ref "Remove an image used by a stopped container, by reference, no force" DELETE /v1.41/images/busybox:latest
req err-rmi-in-use-by-id "Remove an image used by a stopped container, by full ID, no force" DELETE "/v1.41/images/$IMG"
req err-rmi-in-use-by-short-id "Remove an image used by a stopped container, by short ID, no force" DELETE "/v1.41/images/${IMG:7:12}"
cli "CLI: rmi of an image used by a stopped container" "$DOCKER" rmi busybox:latest
cli "CLI: rmi by ID of an image used by a stopped container" "$DOCKER" rmi "${IMG:7:12}"
req rmi-in-use-by-ref-force "Remove an image used by a stopped container, by reference, force=1" DELETE '/v1.41/images/busybox:latest?force=1'
req containers-list-after-image-removed "Container list after its image was force-removed" GET '/v1.41/containers/json?all=1'
import_busybox
IMG=$("$DOCKER" image inspect -f '{{.Id}}' busybox:latest)
"$DOCKER" tag busybox:latest busybox:second
req rmi-in-use-by-id-force "Remove an image used by a stopped container, by ID, force=1 (image has two tags)" DELETE "/v1.41/images/$IMG?force=1"
import_busybox
req err-load-not-tar "Load a non-tar input" POST /v1.41/images/load -H 'Content-Type: application/x-tar' --data-binary "@$WORK/not-a-tar.bin"
req err-load-empty "Load an empty input" POST /v1.41/images/load -H 'Content-Type: application/x-tar' --data-binary @/dev/null
req load-dotdot-with-manifest "Load a tar with a \`../escaped.txt\` entry and \`manifest.json\` = \`[]\`" \
  POST /v1.41/images/load -H 'Content-Type: application/x-tar' --data-binary "@$WORK/dotdot-with-manifest.tar"
req err-load-dotdot-only "Load a tar with only a \`../escaped.txt\` entry" \
  POST /v1.41/images/load -H 'Content-Type: application/x-tar' --data-binary "@$WORK/dotdot-only.tar"
req err-load-dotdot-config "Load a tar whose manifest's Config is \`../escaped.txt\` (entry \`a/../../escaped.txt\`)" \
  POST /v1.41/images/load -H 'Content-Type: application/x-tar' --data-binary "@$WORK/dotdot-config.tar"
cli "CLI: load of a non-tar input" "$DOCKER" load -i "$WORK/not-a-tar.bin"
cli "CLI: load of a tar with \`../\` entries" "$DOCKER" load -i "$WORK/dotdot-only.tar"
req import-empty "Import an empty input" POST '/v1.41/images/create?fromSrc=-&repo=empty&tag=latest' \
  -H 'Content-Type: text/plain' --data-binary @/dev/null
req image-empty "Inspect the image that the empty import made" GET /v1.41/images/empty:latest/json
cli "CLI: import of an empty input" "$DOCKER" import - empty:cli < /dev/null
"$DOCKER" rmi empty:latest empty:cli > /dev/null 2>&1 || true

md "## docker CLI 28.2.2 against it"
md ""
cli "run, command exits 3" "$DOCKER" run --rm --network none busybox sh -c 'exit 3'
cli "run, command not found" "$DOCKER" run --rm --network none busybox nope
cli "run, command is a directory" "$DOCKER" run --rm --network none busybox /etc
cli "run, image unknown (no registry reachable)" "$DOCKER" run --rm --network none unknown:tag
cli "kill of a stopped container" "$DOCKER" kill ref-stopped
cli "create with an invalid name" "$DOCKER" create --name x busybox
"$DOCKER" run -d --network none --name ref-ps-running busybox sleep 600 > /dev/null
cli "ps layout (one running container)" "$DOCKER" ps
cli "ps -a layout (plus the stopped one)" "$DOCKER" ps -a
cli "images layout" "$DOCKER" images

"$DOCKER" rm -f ref-ps-running ref-stopped > /dev/null
"$DOCKER" image prune -f > /dev/null

{
  cat "$HERE/docker_reference_header.md"
  echo
  echo "Captured $(date -u +%Y-%m-%dT%H:%M:%SZ) from dockerd $("$DOCKER" version -f '{{.Server.Version}}') (API 1.41) with curl --unix-socket"
  echo "and the docker CLI $("$DOCKER" version -f '{{.Client.Version}}'), by \`bench/lib/capture_docker_reference.sh\`."
  echo
  cat "$README"
} > "$OUT/README.md"
echo "wrote $OUT"
