#!/usr/bin/env bash
# Stop the local control plane started by up.sh: kube-controller-manager, kube-apiserver, then
# etcd (reverse start order, so the apiserver never loses etcd under a live controller).
# Idempotent: with nothing running it just says so. State (PKI, etcd data, logs) is kept, so the
# next up.sh is fast and copied kubeconfigs keep working.
#
#   down.sh          stop the processes
#   down.sh --reset  stop, then delete the whole state dir (fresh etcd and PKI on next up.sh)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

S="$BULWARK_CLUSTER_DIR"
RUN="$S/run"
RESET=0
LOCKED=0 # --locked: called by up.sh, which already holds the state-dir lock
for a in "$@"; do
  case "$a" in
    --reset) RESET=1 ;;
    --locked) LOCKED=1 ;;
    *) die "unknown argument $a (usage: down.sh [--reset])" ;;
  esac
done

if [[ ! -d "$S" ]]; then
  log "no state dir at $S; nothing to stop"
  exit 0
fi

if [[ $LOCKED == 0 ]]; then
  exec 8>"$S/.lock"
  flock -w 1800 8 || die "timed out waiting for the lock $S/.lock (an up.sh still running?)"
fi

# SIGTERM, then wait up to 30 s for a clean exit (etcd flushes, the apiserver drains), then SIGKILL.
stop() { # name
  local name="$1" pidfile="$RUN/$1.pid" pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(cat "$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not exit within 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  kill -0 "$pid" 2>/dev/null && die "could not stop $name (pid $pid)"
  rm -f "$pidfile"
}

stopped_any=0
for c in kube-controller-manager kube-apiserver etcd; do
  if pid_alive "$RUN/$c.pid"; then stopped_any=1; fi
  stop "$c"
done
if [[ $stopped_any == 1 ]]; then log "control plane stopped"; else log "control plane was not running"; fi

if [[ $RESET == 1 ]]; then
  # Refuse to delete anything that up.sh did not create (BULWARK_CLUSTER_DIR could be mistyped).
  [[ -f "$S/.bulwark-cluster-state" ]] || die "$S does not look like a Bulwark cluster state dir (no .bulwark-cluster-state marker); not deleting it"
  rm -rf "$S"
  log "deleted state dir $S"
fi
