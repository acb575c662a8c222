#!/usr/bin/env bash
# Regenerate tools/cluster/k8s/go.mod and tools/cluster/etcd/go.mod for the versions pinned in
# lib.sh. Run it by hand after bumping K8S_VERSION / ETCD_VERSION, then commit go.mod + go.sum.
#
# Why a generated wrapper module: k8s.io/kubernetes can't be `go install`ed. Its go.mod replaces
# every k8s.io/* staging module with ./staging/src/... and requires them at v0.0.0, and replace
# directives of a dependency are ignored. So our wrapper replaces each staging module with its
# published tag (v1.X.Y -> v0.X.Y). The list is read from the served go.mod, never typed by hand,
# because new staging modules appear between releases (k8s.io/streaming in 1.37).
#
# etcd gets its own tiny module so it is built with exactly the dependency versions etcd released
# with (in the k8s module MVS would mix in Kubernetes' grpc/otel versions, and vice versa).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export GOFLAGS=-buildvcs=false # tidy has to write go.mod/go.sum here

command -v jq >/dev/null || die "jq is required (apt-get install -y jq)"

K8S_STAGING="v0.${K8S_VERSION#v1.}" # v1.37.2 -> v0.37.2

# --- Kubernetes wrapper -------------------------------------------------------------------------
cd "$CLUSTER_TOOLS_DIR/k8s"
rm -f go.mod go.sum
go mod init bulwark.invalid/tools/cluster/k8s
KMOD="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | jq -r .GoMod)"
# Same language version and godebug defaults as upstream: only the main module's godebug counts.
go mod edit -go="$(go mod edit -json "$KMOD" | jq -r .Go)"
go mod edit -json "$KMOD" | jq -r '.GoDebug[]? | "\(.Key)=\(.Value)"' |
  while read -r g; do go mod edit -godebug="$g"; done
# Staging modules (./staging/src/k8s.io/X) -> the published k8s.io/X@v0.X.Y.
go mod edit -json "$KMOD" | jq -r '.Replace[] | select(.New.Path|startswith("./")) | .Old.Path' |
  while read -r m; do go mod edit -replace="$m=$m@$K8S_STAGING"; done
# Any non-local replace upstream has (normally none) is copied verbatim.
go mod edit -json "$KMOD" |
  jq -r '.Replace[] | select(.New.Path|startswith("./")|not) | "\(.Old.Path)=\(.New.Path)@\(.New.Version)"' |
  while read -r r; do go mod edit -replace="$r"; done
go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
# `tool` directives keep the main packages in the module graph (a tools.go can't import a main).
for t in kube-apiserver kube-controller-manager kubectl; do
  go mod edit -tool="k8s.io/kubernetes/cmd/$t"
done
go mod tidy

# --- etcd ---------------------------------------------------------------------------------------
cd "$CLUSTER_TOOLS_DIR/etcd"
rm -f go.mod go.sum
go mod init bulwark.invalid/tools/cluster/etcd
EMOD="$(go mod download -json "go.etcd.io/etcd/server/v3@$ETCD_VERSION" | jq -r .GoMod)"
go mod edit -go="$(go mod edit -json "$EMOD" | jq -r .Go)"
go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION"
# etcd's main package is the module root (server/main.go).
go mod edit -tool=go.etcd.io/etcd/server/v3
go mod tidy

log "regenerated k8s/go.mod ($K8S_VERSION) and etcd/go.mod ($ETCD_VERSION); commit go.mod + go.sum"
