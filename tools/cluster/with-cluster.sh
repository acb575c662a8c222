#!/usr/bin/env bash
# Run a command against the local control plane, for CI and one-off runs:
#   bash tools/cluster/with-cluster.sh npm run test:integration
# Starts (or reuses) the plane, exports KUBECONFIG, runs the command, and stops the plane
# afterwards only if this script started it (a developer's running plane is left alone).
# Exits with the command's status.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -gt 0 ]] || die "usage: with-cluster.sh COMMAND [ARGS...]"

# The integration suites share one plane and delete and re-create the blueprint's namespaces, so
# two runs at once break each other: take turns. Only this shell holds the lock (fd 9 is closed for
# the plane's daemons and the command), so it is released when this script ends.
mkdir -p "$BULWARK_CLUSTER_DIR"
exec 9>"$BULWARK_CLUSTER_DIR/with-cluster.lock"
if ! flock -n 9; then
  log "another run holds $BULWARK_CLUSTER_DIR/with-cluster.lock; waiting for it (at most 30 min)"
  flock -w 1800 9 || die "another run held $BULWARK_CLUSTER_DIR/with-cluster.lock for 30 minutes"
fi

was_running=0
pid_alive "$BULWARK_CLUSTER_DIR/run/kube-apiserver.pid" && was_running=1

last="$(bash "$CLUSTER_TOOLS_DIR/up.sh" 9>&- | tail -n1)" || die "the control plane did not start (see above)"
[[ "$last" == KUBECONFIG=/* ]] || die "unexpected last line from up.sh: $last"
export KUBECONFIG="${last#KUBECONFIG=}"

if [[ $was_running == 0 ]]; then
  trap 'bash "$CLUSTER_TOOLS_DIR/down.sh" 9>&- || true' EXIT
fi
log "running: $* (KUBECONFIG=$KUBECONFIG)"
set +e
"$@" 9>&-
rc=$?
set -e
exit "$rc"
