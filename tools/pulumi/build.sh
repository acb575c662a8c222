#!/usr/bin/env bash
# Build the Pulumi CLI ($PULUMI_VERSION) and pulumi-resource-kubernetes ($K8S_PROVIDER_VERSION)
# from the Go module proxy into versioned cache dirs (see lib.sh), unless already there, and make
# the Automation API root dir <root>/bin with both. Prints the root dir as its LAST stdout line.
#
# Usage: build.sh [--force] [cli|provider|all]      (default: all)
#
# Cold (empty Go caches) this is a long build on 2 cores; afterwards it is a no-op (~0.1 s).
# Progress (one line per compiled package, with a count) goes to stderr; the full log to
# $BULWARK_CACHE_DIR/pulumi/build.log.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=0
WHAT=all
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    cli | provider | all) WHAT="$a" ;;
    *) die "usage: build.sh [--force] [cli|provider|all]" ;;
  esac
done

CLI_BIN="$(cli_bin_dir)"
PROVIDER_BIN="$(provider_bin_dir)"
ROOT="$(root_dir)"

have() { [[ -f "$1/.complete" && -x "$1/$2" ]]; } # bin-dir binary

link_root() {
  have "$CLI_BIN" pulumi && have "$PROVIDER_BIN" pulumi-resource-kubernetes || return 0
  if [[ ! -L "$ROOT/bin/pulumi" || ! -L "$ROOT/bin/pulumi-resource-kubernetes" ]]; then
    mkdir -p "$ROOT/bin"
    ln -sfn "$CLI_BIN/pulumi" "$ROOT/bin/pulumi"
    ln -sfn "$PROVIDER_BIN/pulumi-resource-kubernetes" "$ROOT/bin/pulumi-resource-kubernetes"
  fi
}

need_cli=0
need_provider=0
[[ $WHAT != provider ]] && { [[ $FORCE == 1 ]] || ! have "$CLI_BIN" pulumi; } && need_cli=1
[[ $WHAT != cli ]] && { [[ $FORCE == 1 ]] || ! have "$PROVIDER_BIN" pulumi-resource-kubernetes; } && need_provider=1

if [[ $need_cli == 0 && $need_provider == 0 ]]; then
  link_root
  echo "$ROOT"
  exit 0
fi

mkdir -p "$PULUMI_CACHE_DIR"
# One builder at a time: a second caller waits here, then finds the binaries built.
exec 9>"$PULUMI_CACHE_DIR/build.lock"
if ! flock -n 9; then
  log "another Pulumi build is running; waiting for it (lock $PULUMI_CACHE_DIR/build.lock, log $PULUMI_CACHE_DIR/build.log)"
  flock 9
  exec "$0" "$@" # re-evaluate: the other build probably produced what we need
fi

BUILD_START=$SECONDS
BUILD_LOG="$PULUMI_CACHE_DIR/build.log"
: >"$BUILD_LOG"
WORK="$(mktemp -d "$PULUMI_CACHE_DIR/.work-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

log "$(go env GOVERSION); GOMODCACHE=$GOMODCACHE GOCACHE=$GOCACHE; full log: $BUILD_LOG"

# go build -v prints one line per compiled package; show it with a running count against the
# number of packages in the build graph (cached packages are not printed, so a warm build
# finishes early).
go_build() { # label dir go-build-args... (last arg: the main package)
  local label="$1" dir="$2" start n=0 total rc line
  shift 2
  start=$SECONDS
  total="$(cd "$dir" && go list -deps "${@: -1}" 2>/dev/null | wc -l)" || total='?'
  log "[$label] go build $* ($total packages in the graph)"
  set +e
  (cd "$dir" && go build -v "$@" 2>&1) | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "$line" >>"$BUILD_LOG"
    printf '[pulumi-build] [%s %4d/%s %3ds] %s\n' "$label" "$n" "$total" "$((SECONDS - start))" "$line" >&2
  done
  rc=${PIPESTATUS[0]}
  set -e
  if [[ $rc != 0 ]]; then
    show_log_tail "$BUILD_LOG" 30
    die "building $label failed (exit $rc). Full log: $BUILD_LOG. Check the Go module proxy (go env GOPROXY) and disk space under $BULWARK_CACHE_DIR; rerun 'bash tools/pulumi/build.sh --force $label'."
  fi
  log "[$label] done in $((SECONDS - start))s"
}

download() { # label dir
  local start=$SECONDS
  log "[$1] go mod download"
  if ! (cd "$2" && go mod download 2>&1) >>"$BUILD_LOG"; then
    show_log_tail "$BUILD_LOG" 30
    die "go mod download failed in $2; is the Go module proxy reachable? (go env GOPROXY)"
  fi
  log "[$1] downloaded in $((SECONDS - start))s"
}

publish() { # tmp-dir final-dir
  rm -rf "$2"
  mkdir -p "$(dirname "$2")"
  mv "$1" "$2"
  touch "$2/.complete"
}

if [[ $need_cli == 1 ]]; then
  log "building the Pulumi CLI $PULUMI_VERSION into $CLI_BIN"
  download cli "$PULUMI_TOOLS_DIR/cli"
  mkdir -p "$WORK/cli-bin"
  go_build cli "$PULUMI_TOOLS_DIR/cli" -trimpath -tags "$CLI_TAGS" -ldflags "$(cli_ldflags)" \
    -o "$WORK/cli-bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  v="$("$WORK/cli-bin/pulumi" version)"
  [[ "$v" == "$PULUMI_VERSION" ]] || die "pulumi version printed '$v', expected '$PULUMI_VERSION'"
  publish "$WORK/cli-bin" "$CLI_BIN"
fi

if [[ $need_provider == 1 ]]; then
  log "building pulumi-resource-kubernetes $K8S_PROVIDER_VERSION into $PROVIDER_BIN"
  # Build from a copy outside the repo: the two embedded JSON files are generated here, as
  # upstream's `go generate` does (they are gitignored upstream, so not in the module zip).
  src="$WORK/k8sprovider"
  mkdir -p "$src"
  cp -r "$PULUMI_TOOLS_DIR/k8sprovider/go.mod" "$PULUMI_TOOLS_DIR/k8sprovider/go.sum" \
    "$PULUMI_TOOLS_DIR/k8sprovider/"*.go "$PULUMI_TOOLS_DIR/k8sprovider/gen" "$src/"
  download provider "$src"
  d="$(cd "$src" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)/cmd/pulumi-resource-kubernetes"
  [[ -f "$d/schema.json" && -f "$d/terraform-mapping.json" ]] || die "schema.json / terraform-mapping.json missing in $d"
  # = upstream generate.go: set .version, re-marshal compactly.
  (cd "$src" && go run ./gen "$d/schema.json" "$K8S_PROVIDER_VERSION" schema-embed.json &&
    go run ./gen "$d/terraform-mapping.json" "" terraform-mapping-embed.json) 2>>"$BUILD_LOG" ||
    { show_log_tail "$BUILD_LOG" 20; die "generating the provider's embedded schema failed"; }
  mkdir -p "$WORK/provider-bin"
  go_build provider "$src" -trimpath -ldflags "$(provider_ldflags)" \
    -o "$WORK/provider-bin/pulumi-resource-kubernetes" .
  publish "$WORK/provider-bin" "$PROVIDER_BIN"
fi

link_root
log "done in $((SECONDS - BUILD_START))s; Automation API root: $ROOT (bin: $(ls "$ROOT/bin" 2>/dev/null | tr '\n' ' '))"
echo "$ROOT"
