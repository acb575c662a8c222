#!/usr/bin/env bash
# Build kube-apiserver, kube-controller-manager, kubectl (Kubernetes $K8S_VERSION) and etcd
# ($ETCD_VERSION) from the Go module proxy into the versioned cache dir, unless already there.
# Prints the bin dir as its last line. Usage: build.sh [--force]
#
# Cold (empty Go caches) this takes many minutes on 2 cores; afterwards it is a no-op.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

BIN="$(cluster_bin_dir)"
STAMP="$BIN/.complete"

have_all() {
  [[ -f "$STAMP" ]] || return 1
  local b
  for b in "${ALL_BINS[@]}"; do [[ -x "$BIN/$b" ]] || return 1; done
}

if [[ $FORCE == 0 ]] && have_all; then
  echo "$BIN"
  exit 0
fi

mkdir -p "$BULWARK_CACHE_DIR/cluster"
# One builder at a time: a second up.sh started during a cold build waits here, then reuses it.
exec 9>"$BULWARK_CACHE_DIR/cluster/build.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it (lock $BULWARK_CACHE_DIR/cluster/build.lock)"
  flock 9
fi
if [[ $FORCE == 0 ]] && have_all; then
  echo "$BIN"
  exit 0
fi

BUILD_START=$SECONDS
BUILD_LOG="$BULWARK_CACHE_DIR/cluster/build.log"
: >"$BUILD_LOG"
TMP_BIN="$(mktemp -d "$BULWARK_CACHE_DIR/cluster/.bin-XXXXXX")"
trap 'rm -rf "$TMP_BIN"' EXIT

log "building the local control plane into $BIN"
log "  Kubernetes $K8S_VERSION (kube-apiserver, kube-controller-manager, kubectl), etcd $ETCD_VERSION, $(go env GOVERSION)"
log "  Go caches: GOMODCACHE=$GOMODCACHE GOCACHE=$GOCACHE"
log "  full log: $BUILD_LOG"
log "  the first build compiles ~2900 packages: about 7 minutes on 2 cores; later runs reuse it"

# Run `go build -v` (one line per compiled package) with a running count, so a long cold build
# visibly progresses; everything also goes to the build log. On failure, show the log tail.
go_build() { # label dir go-build-args...
  local label="$1" dir="$2" start n=0 rc line
  shift 2
  start=$SECONDS
  log "[$label] go build $*"
  set +e
  (cd "$dir" && go build -v "$@" 2>&1) | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "$line" >>"$BUILD_LOG"
    printf '[cluster] [%s %4d] %s\n' "$label" "$n" "$line" >&2
  done
  rc=${PIPESTATUS[0]}
  set -e
  if [[ $rc != 0 ]]; then
    show_log_tail "$BUILD_LOG" 30
    die "building $label failed (exit $rc). Full log: $BUILD_LOG. Check that the Go module proxy is reachable (go env GOPROXY) and disk space under $BULWARK_CACHE_DIR; rerun 'bash tools/cluster/build.sh --force'."
  fi
  log "[$label] done in $((SECONDS - start))s"
}

# Download modules first, so a proxy problem shows as such rather than as a compile error.
start=$SECONDS
log "[download] go mod download (k8s + etcd modules; ~1 GB on first use)"
for d in k8s etcd; do
  if ! (cd "$CLUSTER_TOOLS_DIR/$d" && go mod download 2>&1) >>"$BUILD_LOG"; then
    show_log_tail "$BUILD_LOG" 30
    die "go mod download failed in tools/cluster/$d; is the Go module proxy reachable? (go env GOPROXY)"
  fi
done
log "[download] done in $((SECONDS - start))s"

# Version stamping: see k8s_ldflags/etcd_ldflags in lib.sh.
k8s_flags="$(k8s_ldflags)" || exit 1
go_build k8s "$CLUSTER_TOOLS_DIR/k8s" -trimpath -ldflags "$k8s_flags" -o "$TMP_BIN/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
# kubectl is not needed by tests (they talk to the API from Node) but is handy for humans, and
# shares most packages with the two above, so it only adds ~20 s to a cold build.
go_build kubectl "$CLUSTER_TOOLS_DIR/k8s" -trimpath -ldflags "$k8s_flags" -o "$TMP_BIN/" \
  k8s.io/kubernetes/cmd/kubectl
go_build etcd "$CLUSTER_TOOLS_DIR/etcd" -trimpath -ldflags "$(etcd_ldflags)" \
  -o "$TMP_BIN/etcd" go.etcd.io/etcd/server/v3

# Sanity-check the stamping before publishing the binaries.
v="$("$TMP_BIN/kube-apiserver" --version)"
[[ "$v" == "Kubernetes $K8S_VERSION" ]] || die "kube-apiserver --version printed '$v', expected 'Kubernetes $K8S_VERSION'"
"$TMP_BIN/etcd" --version | grep -q "etcd Version: ${ETCD_VERSION#v}" ||
  die "etcd --version does not report ${ETCD_VERSION#v}"

# Publish atomically: a half-built bin dir is never used.
rm -rf "$BIN"
mkdir -p "$(dirname "$BIN")"
mv "$TMP_BIN" "$BIN"
trap - EXIT
touch "$STAMP"
log "built ${ALL_BINS[*]} ($(du -sh "$BIN" | cut -f1)) in $((SECONDS - BUILD_START))s"
echo "$BIN"
