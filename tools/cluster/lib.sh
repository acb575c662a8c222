# shellcheck shell=bash disable=SC2034 # variables here are used by the scripts that source it
# Shared settings for the local control-plane scripts (sourced, not executed).
#
# Everything built or generated lives OUTSIDE the repo, under $BULWARK_CACHE_DIR:
#   go/mod, go/build              Go module + build caches (GOMODCACHE, GOCACHE)
#   cluster/<versions>/bin        kube-apiserver, kube-controller-manager, kubectl, etcd
#   cluster/state                 PKI, configs, etcd data, logs, pid files, kubeconfig
# so a `git clean` never throws away a 7-minute build, and nothing built is committed.

# Pinned versions. To bump: edit here, then run tools/cluster/update-modules.sh.
K8S_VERSION=v1.37.2
ETCD_VERSION=v3.7.3

CLUSTER_TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

BULWARK_CACHE_DIR="${BULWARK_CACHE_DIR:-$HOME/.cache/bulwark}"
BULWARK_CLUSTER_DIR="${BULWARK_CLUSTER_DIR:-$BULWARK_CACHE_DIR/cluster/state}"

# Loopback-only fixed ports (override with env if they clash on a machine).
ETCD_CLIENT_PORT="${BULWARK_ETCD_CLIENT_PORT:-23790}"
ETCD_PEER_PORT="${BULWARK_ETCD_PEER_PORT:-23800}"
APISERVER_PORT="${BULWARK_APISERVER_PORT:-16443}"
KCM_PORT="${BULWARK_KCM_PORT:-16257}" # kube-controller-manager's own https health endpoint

# Go environment for every go command run by these scripts.
export GOMODCACHE="$BULWARK_CACHE_DIR/go/mod"
export GOCACHE="$BULWARK_CACHE_DIR/go/build"
export GOTOOLCHAIN=local # never try to download another Go toolchain
# go.mod/go.sum are committed, so a build must not rewrite them; the modules sit inside this git
# repo, and VCS stamping would describe Bulwark's tree, not Kubernetes', so turn it off.
export GOFLAGS="-mod=readonly -buildvcs=false"
export CGO_ENABLED=0 # upstream ships these binaries static; no C toolchain needed

# Version stamping as upstream's hack/lib/version.sh does. Without it /version reports
# v0.0.0-master+$Format:%H$, which breaks clients that parse the server version (Helm, Pulumi).
# buildDate is the release tag's time (from the module proxy), so every build of a version is
# identical. The git commit is not known from a module download, so it is left empty, not faked.
k8s_ldflags() {
  local minor date p flags="-s -w"
  minor="${K8S_VERSION#v1.}"
  minor="${minor%%.*}"
  date="$(cd "$CLUSTER_TOOLS_DIR/k8s" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)" ||
    die "could not read the release time of k8s.io/kubernetes $K8S_VERSION from the Go module proxy"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    flags+=" -X $p.gitTreeState=clean -X $p.buildDate=$date -X $p.gitCommit="
  done
  echo "$flags"
}
# etcd's version is a constant in go.etcd.io/etcd/api/v3/version; only GitSHA is stamped.
etcd_ldflags() { echo "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=go-module-$ETCD_VERSION"; }

# Binaries are keyed by every input that changes them: the versions, the Go version, and a hash of
# the module files and flags (so a go.sum or ldflags change triggers a rebuild, a comment does not).
cluster_bin_dir() {
  if [[ -n "${BULWARK_CLUSTER_BIN_DIR:-}" ]]; then # prebuilt binaries from elsewhere
    echo "$BULWARK_CLUSTER_BIN_DIR"
    return
  fi
  command -v go >/dev/null || die "go is not installed; the control plane is built from Go modules (Go >= 1.26 needed)"
  local gov inputs
  gov="$(go env GOVERSION)"
  # The flag functions are hashed as source text: computing them needs the module proxy, and
  # this must work offline once the binaries exist.
  inputs="$({
    cat "$CLUSTER_TOOLS_DIR/k8s/go.mod" "$CLUSTER_TOOLS_DIR/k8s/go.sum" \
      "$CLUSTER_TOOLS_DIR/etcd/go.mod" "$CLUSTER_TOOLS_DIR/etcd/go.sum"
    echo "$GOFLAGS $CGO_ENABLED"
    declare -f k8s_ldflags etcd_ldflags
  } | sha256sum | cut -c1-12)"
  echo "$BULWARK_CACHE_DIR/cluster/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-$gov-$inputs/bin"
}

# The binaries up.sh needs; kubectl is built too but only for humans.
REQUIRED_BINS=(kube-apiserver kube-controller-manager etcd)
ALL_BINS=(kube-apiserver kube-controller-manager kubectl etcd)

LOG_TAG=cluster
# shellcheck source-path=SCRIPTDIR source=../log.sh
source "$CLUSTER_TOOLS_DIR/../log.sh"

# True if the process in pid file $1 (named <binary>.pid) is alive AND is that binary, so a pid
# recycled by an unrelated process after a crash or reboot is never mistaken for ours (or killed).
pid_alive() {
  local pidfile="$1" pid exe name
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  name="$(basename "$pidfile" .pid)"
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  [[ "$exe" == */"$name" || "$exe" == */"$name (deleted)" ]]
}
