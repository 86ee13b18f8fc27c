#!/usr/bin/env bash
# berth against Docker: the same workload, through the same docker CLI, against both daemons.
# See bench/README.md for what each figure means and the targets berth must reach.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--docker-only | --berth-only] [--start-only] [PART...]

PART is any of: run-seq run-par ps load exec run-stop ctr-mem run-bridge port-tput pull reg-tput build compose logs rss
(default: all of them, in that order).
  --docker-only   measure Docker alone (berth column shows "-")
  --berth-only    measure berth alone
  --start-only    start the daemons, make sure busybox:latest is there, leave them running, exit

Environment (defaults in brackets):
  BERTH_SOCK [/run/berth-bench/berth.sock]   DOCKER_CLI [/usr/local/bin/docker]
  SEQ_RUNS [30] SEQ_WARMUP [3] PAR_RUNS [80] PAR_CLIENTS [8] PS_CONTAINERS [40] PS_SAMPLES [30]
  LOAD_MB [200] LOAD_SAMPLES [3] RSS_SETTLE [10 seconds of quiet before reading memory]
  BRIDGE_RUNS [30] TPUT_MB [1024] TPUT_SAMPLES [3] PULL_MB [200] PULL_SAMPLES [3] REG_CLIENTS [8] REG_ROUNDS [1]
  BUILD_SAMPLES [3] COMPOSE_SERVICES [10] COMPOSE_SAMPLES [3] COMPOSE_WARMUP [1] LOGS_MB [1000, a multiple of 10] LOGS_SAMPLES [1]
  EXEC_RUNS [30] EXEC_WARMUP [3] STOP_CONTAINERS [20] STOP_TIMEOUT [10] MEM_CONTAINERS [10] MEM_SETTLE [5]
  REPEAT [1]: measure each part this many times, berth and docker taking turns; the table shows medians
  BERTH_DIST: the build whose jars bin/berth runs when this script starts the berth daemon
EOF
}

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
DOCKER_CLI=${DOCKER_CLI:-/usr/local/bin/docker}
DOCKER_RUN=/run/bench-docker
DOCKER_SOCK=$DOCKER_RUN/docker.sock
DOCKER_PIDFILE=$DOCKER_RUN/docker.pid
DOCKER_ROOT=/var/lib/bench-docker
BERTH_SOCK=${BERTH_SOCK:-/run/berth-bench/berth.sock}
BERTH_RUN=/run/berth-bench
BERTH_PIDFILE=$BERTH_RUN/berth.pid
BERTH_ROOT=/var/lib/berth-bench
export SEQ_RUNS=${SEQ_RUNS:-30} SEQ_WARMUP=${SEQ_WARMUP:-3} PAR_RUNS=${PAR_RUNS:-80} PAR_CLIENTS=${PAR_CLIENTS:-8}
export PS_CONTAINERS=${PS_CONTAINERS:-40} PS_SAMPLES=${PS_SAMPLES:-30}
LOAD_MB=${LOAD_MB:-200} LOAD_SAMPLES=${LOAD_SAMPLES:-3} RSS_SETTLE=${RSS_SETTLE:-10}
export EXEC_RUNS=${EXEC_RUNS:-30} EXEC_WARMUP=${EXEC_WARMUP:-3} STOP_CONTAINERS=${STOP_CONTAINERS:-20}
export STOP_TIMEOUT=${STOP_TIMEOUT:-10} MEM_CONTAINERS=${MEM_CONTAINERS:-10} MEM_SETTLE=${MEM_SETTLE:-5}
REPEAT=${REPEAT:-1}
export BRIDGE_RUNS=${BRIDGE_RUNS:-30} TPUT_MB=${TPUT_MB:-1024} TPUT_SAMPLES=${TPUT_SAMPLES:-3}
export PULL_MB=${PULL_MB:-200} PULL_SAMPLES=${PULL_SAMPLES:-3} REG_CLIENTS=${REG_CLIENTS:-8} REG_ROUNDS=${REG_ROUNDS:-1}
BUILD_SAMPLES=${BUILD_SAMPLES:-3}
export COMPOSE_SERVICES=${COMPOSE_SERVICES:-10}  # report.py names the count
COMPOSE_SAMPLES=${COMPOSE_SAMPLES:-3} COMPOSE_WARMUP=${COMPOSE_WARMUP:-1}
export LOGS_MB=${LOGS_MB:-1000} LOGS_SAMPLES=${LOGS_SAMPLES:-1}
LOAD_IMAGE=berth-bench/load:latest
# pull: an image of PULL_MB of host files (compressible, as real images are) in a Distribution registry
# the bench starts on 127.0.0.1; reg-tput: berth's registry server against that same registry program
PULL_LAYOUT=$BENCH/.cache/pull-${PULL_MB}mb-oci
PULL_REGISTRY=127.0.0.1:5055
PULL_REF=$PULL_REGISTRY/bench/pull:latest
REGISTRY_RUN=/run/bench-registry
LOAD_TAR=$BENCH/.cache/load-${LOAD_MB}mb.tar
# build: a six-step Dockerfile over 50 small files and one 5 MB file, made once
BUILD_CONTEXT=$BENCH/.cache/build-context
BUILD_IMAGE=berth-bench/build:latest
ALL_PARTS=(run-seq run-par ps load exec run-stop ctr-mem run-bridge port-tput pull reg-tput build compose logs rss)

TARGETS=(berth docker)
START_ONLY=0
WANTED=()
for arg in "$@"; do
  case $arg in
    --docker-only) TARGETS=(docker) ;;
    --berth-only) TARGETS=(berth) ;;
    --start-only) START_ONLY=1 ;;
    -h|--help) usage; exit 0 ;;
    run-seq|run-par|ps|load|exec|run-stop|ctr-mem|run-bridge|port-tput|pull|reg-tput|build|compose|logs|rss) WANTED+=("$arg") ;;
    *) echo "run.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done
# Keep the canonical order whatever the command line said: rss reads memory after the work.
PARTS=()
for part in "${ALL_PARTS[@]}"; do
  if [ ${#WANTED[@]} -eq 0 ] || [[ " ${WANTED[*]} " == *" $part "* ]]; then PARTS+=("$part"); fi
done

say() { printf '[bench] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

sock_of() { if [ "$1" = docker ]; then echo "$DOCKER_SOCK"; else echo "$BERTH_SOCK"; fi; }
cli() { local target=$1; shift; "$DOCKER_CLI" -H "unix://$(sock_of "$target")" "$@"; }
answers() { [ "$(curl -s --max-time 2 --unix-socket "$1" http://localhost/_ping 2>/dev/null)" = OK ]; }

# wait_for SOCK PID SECONDS LOG: until the daemon answers, or fail if it died or took too long.
wait_for() {
  local sock=$1 pid=$2 seconds=$3 log=$4 i
  for ((i = 0; i < seconds * 2; i++)); do
    answers "$sock" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; die "daemon (pid $pid) exited before answering on $sock; log: $log"; }
    sleep 0.5
  done
  tail -20 "$log" >&2
  die "daemon (pid $pid) did not answer on $sock within ${seconds}s; log: $log"
}

# Daemons this script started, so that it stops exactly those (by pid) at the end.
STARTED_PIDS=()

stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  say "pid $pid ignored SIGTERM for 30s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

sweep_containers() {
  local target=$1 ids
  answers "$(sock_of "$target")" || return 0
  ids=$(cli "$target" ps -aq --filter label=berth-bench=1 2>/dev/null || true)
  if [ -n "$ids" ]; then
    say "$target: removing leftover bench containers"
    # shellcheck disable=SC2086 # one id per word
    cli "$target" rm -f $ids > /dev/null 2>&1 || true
  fi
  ids=$(cli "$target" network ls -q --filter label=berth-bench=1 2>/dev/null || true)  # compose's network
  if [ -n "$ids" ]; then
    say "$target: removing leftover bench networks"
    # shellcheck disable=SC2086 # one id per word
    cli "$target" network rm $ids > /dev/null 2>&1 || true
  fi
}

RESULTS=""

cleanup() {
  local target pid
  [ -z "$RESULTS" ] || rm -rf "$RESULTS"
  for target in "${TARGETS[@]}"; do sweep_containers "$target"; done
  [ "$START_ONLY" = 1 ] && return 0
  for pid in "${STARTED_PIDS[@]}"; do
    say "stopping daemon pid $pid"
    stop_pid "$pid"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_static_busybox() {
  if [ ! -x /bin/busybox ] || ldd /bin/busybox > /dev/null 2>&1; then
    say "installing busybox-static"
    DEBIAN_FRONTEND=noninteractive apt-get install -y busybox-static > /dev/null
  fi
}

start_docker() {
  if answers "$DOCKER_SOCK"; then
    say "docker: using the dockerd already on $DOCKER_SOCK"
  else
    if ! command -v dockerd > /dev/null; then
      say "installing docker.io"
      DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io > /dev/null ||
        { apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io > /dev/null; }
    fi
    mkdir -p "$DOCKER_RUN/exec" "$DOCKER_ROOT"
    local log=$DOCKER_RUN/dockerd.log
    # Own socket, data and exec roots: never the system's /var/run/docker.sock or /var/lib/docker.
    # Its default bridge and iptables rules as shipped (docker0, 172.17.0.0/16, the userland proxy for
    # published ports): run-bridge and port-tput measure them; the other parts use --network none.
    dockerd -H "unix://$DOCKER_SOCK" --data-root "$DOCKER_ROOT" --exec-root "$DOCKER_RUN/exec" \
      --pidfile "$DOCKER_PIDFILE" > "$log" 2>&1 &
    local pid=$!
    STARTED_PIDS+=("$pid")
    say "docker: started dockerd pid $pid (log $log)"
    wait_for "$DOCKER_SOCK" "$pid" 60 "$log"
  fi
  if ! cli docker image inspect busybox:latest > /dev/null 2>&1; then
    ensure_static_busybox
    local tmp
    tmp=$(mktemp /tmp/bench-rootfs.XXXXXX.tar)
    python3 "$BENCH/lib/busybox_rootfs.py" "$tmp"
    cli docker import -c 'CMD ["sh"]' "$tmp" busybox:latest > /dev/null
    rm -f "$tmp"
    say "docker: imported busybox:latest from the host's static busybox"
  fi
}

start_berth() {
  if answers "$BERTH_SOCK"; then
    say "berth: using the daemon already on $BERTH_SOCK"
  else
    [ -x "$REPO/bin/berth" ] || die "no berth daemon on $BERTH_SOCK and no launcher at $REPO/bin/berth to start one"
    mkdir -p "$BERTH_RUN" "$(dirname "$BERTH_SOCK")" "$BERTH_ROOT"
    local log=$BERTH_RUN/daemon.log
    (cd "$REPO" && exec bin/berth daemon -H "unix://$BERTH_SOCK" --data-root "$BERTH_ROOT" \
      --exec-root "$BERTH_RUN" --pidfile "$BERTH_PIDFILE" > "$log" 2>&1) &
    local pid=$!
    STARTED_PIDS+=("$pid")
    say "berth: started daemon pid $pid (log $log)"
    wait_for "$BERTH_SOCK" "$pid" 120 "$log"
    # If the launcher runs java as a child rather than exec'ing it, stop that java process too.
    local java_pid
    java_pid=$(cat "$BERTH_PIDFILE" 2>/dev/null || true)
    if [ -n "$java_pid" ] && [ "$java_pid" != "$pid" ]; then STARTED_PIDS=("$java_pid" "${STARTED_PIDS[@]}"); fi
  fi
  if ! cli berth image inspect busybox:latest > /dev/null 2>&1; then
    (cd "$REPO" && bin/berth -H "unix://$BERTH_SOCK" bootstrap busybox) >&2
    cli berth image inspect busybox:latest > /dev/null 2>&1 || die "berth bootstrap busybox did not make busybox:latest"
  fi
}

# The daemon process whose memory we read: dockerd alone (not containerd or shims); for berth,
# the java process, which the daemon's pidfile names.
daemon_pid() {
  local pidfile
  if [ "$1" = docker ]; then pidfile=$DOCKER_PIDFILE; else pidfile=$BERTH_PIDFILE; fi
  [ -s "$pidfile" ] || die "$1: no pidfile at $pidfile to find the daemon's pid"
  cat "$pidfile"
}

# The processes whose growth counts as the engine's per-container memory besides the monitors:
# dockerd and its containerd for Docker (containerd keeps a task per container), the java process for berth.
engine_pids() {
  local containerd=$DOCKER_RUN/exec/containerd/containerd.pid pid
  pid=$(daemon_pid "$1") || return 1
  echo "$pid"  # the pidfiles end without a newline: one pid a line
  if [ "$1" = docker ]; then
    [ -s "$containerd" ] || die "docker: no containerd pidfile at $containerd"
    echo "$(cat "$containerd")"
  fi
}

# An image of busybox plus LOAD_MB of random (incompressible) data in 4 layers, saved by Docker once.
make_load_image() {
  [ -s "$LOAD_TAR" ] && return 0
  answers "$DOCKER_SOCK" || start_docker
  say "making $LOAD_TAR (once)"
  mkdir -p "$BENCH/.cache"
  local ctx i
  ctx=$(mktemp -d "$BENCH/.cache/build.XXXXXX")
  {
    echo "FROM busybox:latest"
    for i in 1 2 3 4; do
      head -c $((LOAD_MB * 1024 * 1024 / 4)) /dev/urandom > "$ctx/random$i"
      echo "COPY random$i /bench/random$i"
    done
  } > "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 cli docker build -q -t "$LOAD_IMAGE" "$ctx" > /dev/null
  cli docker save "$LOAD_IMAGE" -o "$LOAD_TAR.tmp"
  mv "$LOAD_TAR.tmp" "$LOAD_TAR"
  cli docker rmi "$LOAD_IMAGE" > /dev/null
  rm -rf "$ctx"
}

# The build context, made once: 50 small text files and one 5 MB file of random (incompressible) data,
# and the six-step Dockerfile (FROM, ENV, COPY of it all, two RUNs, LABEL).
make_build_context() {
  [ -s "$BUILD_CONTEXT/Dockerfile" ] && return 0
  say "making $BUILD_CONTEXT (once)"
  local tmp=$BUILD_CONTEXT.tmp i
  rm -rf "$tmp"; mkdir -p "$tmp/files/small"
  for i in $(seq -w 1 50); do
    seq "$i" 7 "$((10#$i * 40))" > "$tmp/files/small/file$i.txt"  # 15 B to 1.4 KB each, all different
  done
  head -c $((5 * 1024 * 1024)) /dev/urandom > "$tmp/files/big.bin"
  cat > "$tmp/Dockerfile" <<'EOF'
FROM busybox:latest
ENV BENCH_PART=build
COPY files/ /data/
RUN cat /data/small/*.txt | wc -l > /data/small.lines
RUN sha256sum /data/big.bin > /data/big.sha256
LABEL berth-bench.part=build
EOF
  mv "$tmp" "$BUILD_CONTEXT"
}

# The pull image as an OCI layout, made once from the host's files.
make_pull_layout() {
  [ -s "$PULL_LAYOUT/index.json" ] && return 0
  say "making $PULL_LAYOUT (once)"
  rm -rf "$PULL_LAYOUT.tmp"
  python3 "$BENCH/lib/pull_image.py" "$PULL_LAYOUT.tmp" "$PULL_MB"
  mv "$PULL_LAYOUT.tmp" "$PULL_LAYOUT"
}

# A registry server on 127.0.0.1:PORT with a fresh root, its pid appended to STARTED_PIDS:
# start_registry berth|distribution PORT
start_registry() {
  local kind=$1 port=$2 root=$REGISTRY_RUN/$1-$2
  curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && return 0  # started by an earlier round
  command -v skopeo > /dev/null && [ -x /usr/bin/docker-registry ] || \
    DEBIAN_FRONTEND=noninteractive apt-get install -y docker-registry skopeo > /dev/null
  rm -rf "$root"; mkdir -p "$root/data"
  if [ "$kind" = berth ]; then
    "$REPO/bin/berth" registry serve --addr "127.0.0.1:$port" --root "$root/data" > "$root.log" 2>&1 &
  else
    printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
      "$root/data" "$port" > "$root.yml"
    /usr/bin/docker-registry serve "$root.yml" > "$root.log" 2>&1 &
  fi
  STARTED_PIDS+=("$!")
  local i
  for i in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && return 0
    sleep 0.1
  done
  die "$kind registry on port $port did not start: $(cat "$root.log")"
}

# compose: Docker's side is docker-compose 1.29 (Debian's; Compose v2 is not packaged for this machine).
ensure_docker_compose() {
  command -v docker-compose > /dev/null && return 0
  say "installing docker-compose"
  DEBIAN_FRONTEND=noninteractive apt-get install -y docker-compose > /dev/null ||
    { apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y docker-compose > /dev/null; }
}

# Whether this build of the berth CLI has a `compose` command (it is being written); without it the
# berth compose row shows "-" and only docker-compose 1.29 runs against both daemons. `--help` alone
# proves nothing: without the command the CLI prints its top-level usage and exits 0.
berth_has_compose() {
  "$REPO/bin/berth" compose version > /dev/null 2>&1 && return 0
  local usage
  usage=$("$REPO/bin/berth" compose --help 2>&1) || return 1
  [[ $usage == *"Usage: berth compose"* ]]
}

versions() {
  local target
  for target in "${TARGETS[@]}"; do
    printf '; %s daemon %s' "$target" "$(cli "$target" version -f '{{.Server.Version}}' 2>/dev/null || echo '?')"
  done
}

measure() {
  local target=$1; shift
  python3 "$BENCH/lib/measure.py" --cli "$DOCKER_CLI" --host "unix://$(sock_of "$target")" "$@"
}

# ---- start -----------------------------------------------------------------------------------
command -v curl > /dev/null || die "curl is needed to ping the daemons"
for target in "${TARGETS[@]}"; do
  if [ "$target" = docker ]; then start_docker; else start_berth; fi
done
if [ "$START_ONLY" = 1 ]; then
  say "daemons are up; stop them by the pids in $DOCKER_PIDFILE / $BERTH_PIDFILE"
  exit 0
fi
[[ " ${PARTS[*]} " == *" load "* ]] && make_load_image
[[ " ${PARTS[*]} " == *" build "* ]] && make_build_context
if [[ " ${PARTS[*]} " == *" pull "* || " ${PARTS[*]} " == *" reg-tput "* ]]; then
  make_pull_layout
fi
if [[ " ${PARTS[*]} " == *" pull "* ]]; then
  start_registry distribution "${PULL_REGISTRY#*:}"
  skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$PULL_LAYOUT" "docker://$PULL_REF"
  GUNZIP_S=$(python3 "$BENCH/lib/measure.py" --host none gunzip --layout "$PULL_LAYOUT" | cut -f2)
fi

BERTH_COMPOSE=0
if [[ " ${PARTS[*]} " == *" compose "* ]]; then
  ensure_docker_compose
  if [[ " ${TARGETS[*]} " == *" berth "* ]]; then
    if berth_has_compose; then BERTH_COMPOSE=1; else say "berth: no \`berth compose\` in this build; its row shows \"-\""; fi
  fi
fi

RESULTS=$(mktemp -d /tmp/bench-results.XXXXXX)
FAILED=()
for part in "${PARTS[@]}"; do
  # Taking turns spreads the load of other work on the machine over both targets alike.
  for ((round = 1; round <= REPEAT; round++)); do
    for target in "${TARGETS[@]}"; do
      say "$target: $part ($round/$REPEAT)"
      args=()
      case $part in
        run-seq) args=(run-seq --runs "$SEQ_RUNS" --warmup "$SEQ_WARMUP") ;;
        run-par) args=(run-par --runs "$PAR_RUNS" --clients "$PAR_CLIENTS") ;;
        ps) args=(ps --containers "$PS_CONTAINERS" --samples "$PS_SAMPLES") ;;
        load) args=(load --tar "$LOAD_TAR" --image "$LOAD_IMAGE" --samples "$LOAD_SAMPLES") ;;
        exec) args=(exec --runs "$EXEC_RUNS" --warmup "$EXEC_WARMUP") ;;
        run-stop) args=(run-stop --containers "$STOP_CONTAINERS" --timeout "$STOP_TIMEOUT") ;;
        run-bridge) args=(run-bridge --runs "$BRIDGE_RUNS" --warmup "$SEQ_WARMUP") ;;
        port-tput) args=(port-tput --mb "$TPUT_MB" --samples "$TPUT_SAMPLES") ;;
        pull) args=(pull --ref "$PULL_REF" --samples "$PULL_SAMPLES") ;;
        build) args=(build --context "$BUILD_CONTEXT" --image "$BUILD_IMAGE" --samples "$BUILD_SAMPLES") ;;
        compose)
          # docker-compose 1.29 against each daemon; against Docker it is also the reference for berth compose
          compose_args=(compose --services "$COMPOSE_SERVICES" --samples "$COMPOSE_SAMPLES" --warmup "$COMPOSE_WARMUP")
          args=("${compose_args[@]}" --client docker-compose --keys compose_dc)
          [ "$target" = berth ] || args+=(compose) ;;
        reg-tput)
          # not the daemons: berth's registry server against the Distribution registry, same client
          if [ "$target" = berth ]; then port=5056; kind=berth; else port=5057; kind=distribution; fi
          start_registry "$kind" "$port"
          args=(reg-tput --registry "127.0.0.1:$port" --layout "$PULL_LAYOUT" --clients "$REG_CLIENTS" --rounds "$REG_ROUNDS") ;;
        ctr-mem)
          if ! pids=$(engine_pids "$target"); then FAILED+=("$target:$part"); continue; fi
          args=(ctr-mem --containers "$MEM_CONTAINERS" --settle "$MEM_SETTLE")
          for pid in $pids; do args+=(--daemon-pid "$pid"); done ;;
        logs)
          if ! pids=$(engine_pids "$target"); then FAILED+=("$target:$part"); continue; fi
          if [ "$target" = docker ]; then root=$DOCKER_ROOT; else root=$BERTH_ROOT; fi
          args=(logs --mb "$LOGS_MB" --samples "$LOGS_SAMPLES" --data-root "$root")
          for pid in $pids; do args+=(--daemon-pid "$pid"); done ;;
        rss)
          sleep "$RSS_SETTLE"
          if ! pid=$(daemon_pid "$target"); then FAILED+=("$target:$part"); continue; fi
          args=(rss --pid "$pid") ;;
      esac
      if ! measure "$target" "${args[@]}" >> "$RESULTS/$target.tsv"; then
        FAILED+=("$target:$part")
        sweep_containers "$target"
      fi
      if [ "$part" = compose ] && [ "$target" = berth ] && [ "$BERTH_COMPOSE" = 1 ]; then
        say "berth: compose with berth compose ($round/$REPEAT)"
        if ! measure berth "${compose_args[@]}" --client berth --berth "$REPO/bin/berth" --keys compose \
            >> "$RESULTS/berth.tsv"; then
          FAILED+=("berth:compose(berth-compose)")
          sweep_containers berth
        fi
      fi
    done
  done
done

mkdir -p "$BENCH/results"
OUT=$BENCH/results/$(date +%Y-%m-%d_%H%M%S).txt
{
  echo "berth benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -r), $(nproc) CPUs"
  echo "targets: ${TARGETS[*]}; parts: ${PARTS[*]}"
  echo "docker CLI $("$DOCKER_CLI" version -f "{{.Client.Version}}" 2>/dev/null)$(versions)"
  echo "berth tree: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
  for part in "${PARTS[@]}"; do
    case $part in
      run-seq) echo "run-seq: $SEQ_RUNS runs after $SEQ_WARMUP warm-up" ;;
      run-par) echo "run-par: $PAR_RUNS runs by $PAR_CLIENTS clients at once" ;;
      ps) echo "ps: median of $PS_SAMPLES with $PS_CONTAINERS containers running" ;;
      load) echo "load: median of $LOAD_SAMPLES loads of $(du -m "$LOAD_TAR" | cut -f1) MB, rmi between" ;;
      exec) echo "exec: median of $EXEC_RUNS \`exec C true\` after $EXEC_WARMUP warm-up, one running busybox container" ;;
      run-stop) echo "run-stop: $STOP_CONTAINERS \`run -d\` in a row, then \`stop -t $STOP_TIMEOUT\` of each in a row; containers / wall time of both" ;;
      ctr-mem)
        echo "ctr-mem: $MEM_CONTAINERS idle containers, read ${MEM_SETTLE}s after they started: per container, the monitor"
        echo "  processes whose argv names it (berth: conmon; docker: containerd-shim-runc-v2) plus the growth over"
        echo "  the same idle engine before them of the daemon processes (berth: java; docker: dockerd + containerd);"
        echo "  PSS from /proc/PID/smaps_rollup (shared pages divided), RSS from /proc/PID/status (shared pages counted"
        echo "  in full); the containers' own processes and the transient runc are not counted" ;;
      run-bridge) echo "run-bridge: $BRIDGE_RUNS sequential \`run --rm busybox true\` on the default bridge after $SEQ_WARMUP warm-up" ;;
      port-tput) echo "port-tput: median of $TPUT_SAMPLES GETs of a $TPUT_MB MB file from busybox httpd in a container through -p 127.0.0.1::5001 by a host client" ;;
      pull) echo "pull: median of $PULL_SAMPLES \`pull\` of a $(du -sm "$PULL_LAYOUT" | cut -f1) MB (compressed) image of $PULL_MB MB of host files from a Distribution registry on 127.0.0.1, rmi between; gunzip alone of its layers: ${GUNZIP_S}s" ;;
      reg-tput) echo "reg-tput: $REG_CLIENTS skopeo pushes of the pull image at once to fresh repositories, then $REG_CLIENTS pulls; berth column = \`berth registry serve\`, docker column = Debian's docker-registry" ;;
      build) echo "build: DOCKER_BUILDKIT=0 \`build\` of a six-step Dockerfile over $(find "$BUILD_CONTEXT/files" -type f | wc -l) files ($(du -sm "$BUILD_CONTEXT/files" | cut -f1) MB); median of $BUILD_SAMPLES cold builds (result rmi'd and \`builder prune -af\` before each), then of $BUILD_SAMPLES fully cached rebuilds" ;;
      logs)
        echo "logs: a container (--network none, default log driver) writes $LOGS_MB MB of 100-byte lines (busybox cat of a"
        echo "  10 MB file of them, over and over); engine CPU = user+sys of the daemon processes (berth: java; docker:"
        echo "  dockerd + containerd) over the run plus the container's monitor (conmon / containerd-shim-runc-v2), not"
        echo "  their children (the container, runc); write = \`run -d\` until exited and the log file ends with the last"
        echo "  line; read = median of $LOGS_SAMPLES \`logs C > /dev/null\` after one pass that checks every byte; disk = blocks"
        echo "  of the log file(s), and of the container's directory in the data root" ;;
      compose)
        echo "compose: $COMPOSE_SERVICES busybox services (idle sh) on one user network; median of $COMPOSE_SAMPLES rounds after"
        echo "  $COMPOSE_WARMUP warm-up, each from nothing: \`up -d\` (network and containers made), \`up -d\` again (no change,"
        echo "  nothing recreated), \`down -v\`. Docker's client: docker-compose $(docker-compose version --short 2>/dev/null || echo '?')"
        echo "  (Debian; Compose v2 is not available on this machine). The first three rows: \`berth compose\` against"
        echo "  docker-compose on Docker$([[ " ${TARGETS[*]} " != *" berth "* || "$BERTH_COMPOSE" = 1 ]] || echo ' (this build has no `berth compose`: "-")');"
        echo "  the docker-compose rows: the same docker-compose 1.29 against both daemons" ;;
      rss) echo "rss: after ${RSS_SETTLE}s idle; docker = dockerd alone, berth = the daemon's java process" ;;
    esac
  done
  [ "$REPEAT" = 1 ] || echo "each part measured $REPEAT times, berth and docker in turn; the table shows the median"
  [ ${#FAILED[@]} -eq 0 ] || echo "FAILED: ${FAILED[*]}"
  echo
  python3 "$BENCH/lib/report.py" "$RESULTS/berth.tsv" "$RESULTS/docker.tsv"
} | tee "$OUT"
say "written to $OUT"
[ ${#FAILED[@]} -eq 0 ]
