#!/usr/bin/env bash
# Regenerate tools/pulumi/{cli,k8sprovider}/go.mod and go.sum for the versions pinned in lib.sh
# (needs the Go module proxy). Commit the four files afterwards; build.sh never rewrites them.
#
# The CLI module copies pkg/go.mod's non-local replace directives from the served go.mod, so a
# new upstream replace shows up here, not as a compile error.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export GOFLAGS="-mod=mod -buildvcs=false"

# --- CLI ----------------------------------------------------------------------------------------
cd "$PULUMI_TOOLS_DIR/cli"
gomod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
[[ -f "$gomod" ]] || die "could not download github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION"
# Single-line `replace X => Y vZ` directives whose target is a module (not a ../path).
replaces="$(grep -E '^replace [^ ]+ => [^. /][^ ]* v' "$gomod" || true)"
go mod edit -require="github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" -require="github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
for old in $(go mod edit -json | tr -d ' \t\n' | grep -o '"Old":{"Path":"[^"]*"' | cut -d'"' -f6); do
  go mod edit -dropreplace="$old"
done
while read -r _ from _ to version; do
  [[ -n "$from" ]] && go mod edit -replace="$from=$to@$version"
done <<<"$replaces"
go mod tidy
log "cli/go.mod: pkg/v3 $PULUMI_VERSION; replaces: ${replaces:-none}"

# --- provider -----------------------------------------------------------------------------------
cd "$PULUMI_TOOLS_DIR/k8sprovider"
go mod edit -require="github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_PROVIDER_MODULE_VERSION"
# The package embeds two generated files; tidy only needs them to exist.
trap 'rm -f schema-embed.json terraform-mapping-embed.json' EXIT
echo '{}' >schema-embed.json
echo '{}' >terraform-mapping-embed.json
go mod tidy
log "k8sprovider/go.mod: provider/v4 $K8S_PROVIDER_MODULE_VERSION"
