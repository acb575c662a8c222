# shellcheck shell=bash disable=SC2034 # variables here are used by the scripts that source it
# Shared settings for building the Pulumi CLI and the Kubernetes provider (sourced, not executed).
#
# Everything built lives OUTSIDE the repo, under $BULWARK_CACHE_DIR (default ~/.cache/bulwark):
#   go/mod, go/build                          Go module + build caches (shared with tools/cluster)
#   pulumi/cli-<ver>-<go>-<hash>/bin          pulumi
#   pulumi/kubernetes-<ver>-<go>-<hash>/bin   pulumi-resource-kubernetes
#   pulumi/root-<hash>/bin                    symlinks to both: the `root` for the Automation API
#   pulumi/build.log                          the last build's full log
# so a `git clean` never throws away an hour-long build, and nothing built is committed.

# Pinned versions. To bump: edit here, then run tools/pulumi/update-modules.sh.
# The CLI matches the npm @pulumi/pulumi pin (3.248.0).
PULUMI_VERSION=v3.248.0
# The Kubernetes provider: the Go module proxy serves exactly one version of
# github.com/pulumi/pulumi-kubernetes/provider/v4 (that repo never tags the provider/ sub-module, so
# only pseudo-versions exist): the pseudo-version below, which is the v4.25.0 release commit.
# provider/v4@v4.34.2 (and @v4.34.2+incompatible on the root module) answer "403: This module
# version is not available". The npm SDK @pulumi/kubernetes is pinned to the same 4.25.0
# (tests/package/pulumi-pins.test.ts keeps them equal). See tools/pulumi/README.md.
K8S_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
K8S_PROVIDER_VERSION=4.25.0 # what that commit was released as; stamped into the binary

PULUMI_TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BULWARK_CACHE_DIR="${BULWARK_CACHE_DIR:-$HOME/.cache/bulwark}"
PULUMI_CACHE_DIR="$BULWARK_CACHE_DIR/pulumi"

export GOMODCACHE="$BULWARK_CACHE_DIR/go/mod"
export GOCACHE="$BULWARK_CACHE_DIR/go/build"
export GOTOOLCHAIN=local # never download another Go toolchain
# go.mod/go.sum are committed, so a build must not rewrite them; VCS stamping would describe
# Bulwark's tree, not Pulumi's, so turn it off.
export GOFLAGS="-mod=readonly -buildvcs=false"
export CGO_ENABLED=0 # upstream ships both binaries static

# As upstream's goreleaser config: tags osusergo,grpcnotrace; version in sdk/go/common/version.
# The Node Automation API parses `pulumi version` (and gates inline destroy on >= 3.181), so the
# stamp is not cosmetic.
cli_ldflags() { echo "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"; }
CLI_TAGS=osusergo,grpcnotrace
provider_ldflags() { echo "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_VERSION"; }

_inputs_hash() { # module-dir extra-text: hash of go.mod/go.sum, sources and flags
  { cat "$PULUMI_TOOLS_DIR/$1"/go.mod "$PULUMI_TOOLS_DIR/$1"/go.sum "$PULUMI_TOOLS_DIR/$1"/*.go "$PULUMI_TOOLS_DIR/$1"/*/*.go 2>/dev/null
    echo "$GOFLAGS $CGO_ENABLED $2"; } | sha256sum | cut -c1-12
}
_need_go() { command -v go >/dev/null || die "go is not installed; Pulumi is built from Go modules (Go >= 1.26 needed)"; }

cli_bin_dir() {
  _need_go
  echo "$PULUMI_CACHE_DIR/cli-$PULUMI_VERSION-$(go env GOVERSION)-$(_inputs_hash cli "$(declare -f cli_ldflags) $CLI_TAGS")/bin"
}
provider_bin_dir() {
  _need_go
  echo "$PULUMI_CACHE_DIR/kubernetes-v$K8S_PROVIDER_VERSION-$(go env GOVERSION)-$(_inputs_hash k8sprovider "$(declare -f provider_ldflags)")/bin"
}
# The directory the Automation API gets as `root` (it runs `<root>/bin/pulumi` and puts <root>/bin
# first on PATH, where the CLI finds the provider as an ambient plugin).
root_dir() {
  local key
  key="$(printf '%s\n%s\n' "$(cli_bin_dir)" "$(provider_bin_dir)" | sha256sum | cut -c1-12)"
  echo "$PULUMI_CACHE_DIR/root-$key"
}

LOG_TAG=pulumi-build
# shellcheck source-path=SCRIPTDIR source=../log.sh
source "$PULUMI_TOOLS_DIR/../log.sh"
