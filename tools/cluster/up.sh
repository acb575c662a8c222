#!/usr/bin/env bash
# Start (or reuse) the local real control plane: etcd + kube-apiserver + kube-controller-manager,
# loopback only, RBAC, Pod Security Admission enforcing "restricted" (kube-system exempt),
# ValidatingAdmissionPolicy on. Builds the binaries on first use (see build.sh).
#
# Progress and errors go to stderr. The LAST line on stdout is exactly
#   KUBECONFIG=/absolute/path/to/admin.kubeconfig
# so callers (jest global setup, CI) can take it with `tail -n1`.
#
# Env: BULWARK_CLUSTER_DIR (state dir), BULWARK_CACHE_DIR (caches + binaries),
#      BULWARK_CLUSTER_BIN_DIR (use prebuilt binaries), BULWARK_*_PORT (see lib.sh).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

S="$BULWARK_CLUSTER_DIR"
PKI="$S/pki"
LOGS="$S/logs"
RUN="$S/run"
KUBECONFIG_FILE="$S/admin.kubeconfig"
APISERVER_URL="https://127.0.0.1:$APISERVER_PORT"

# Start order; down.sh stops them in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager)

# --- prerequisites ------------------------------------------------------------------------------
need_tool() { # command debian-package
  command -v "$1" >/dev/null && return 0
  if [[ $EUID == 0 ]] && command -v apt-get >/dev/null; then
    log "$1 is missing; installing Debian package $2"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >&2 ||
      die "could not install $2 (needed for $1); install it by hand: apt-get install -y $2"
  else
    die "$1 is required; install the $2 package (e.g. sudo apt-get install -y $2)"
  fi
}
need_tool openssl openssl # certificates and service-account keys
need_tool curl curl       # health checks
need_tool flock util-linux
need_tool setsid util-linux

mkdir -p "$S" "$PKI" "$LOGS" "$RUN"
touch "$S/.bulwark-cluster-state" # marker: down.sh --reset only deletes a dir that has it

# Serialise up/down on this state dir: a concurrent up.sh waits, then reuses the running plane.
exec 8>"$S/.lock"
if ! flock -n 8; then
  log "another up.sh/down.sh is working on $S; waiting for it"
  flock -w 1800 8 || die "timed out waiting for the lock $S/.lock (held by: $(fuser "$S/.lock" 2>/dev/null || echo unknown))"
fi

# --- helpers ------------------------------------------------------------------------------------
admin_curl() { # path [curl args...]: a request as the admin user, loopback only
  local path="$1"
  shift
  curl -sS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "$@" "$APISERVER_URL$path"
}

apiserver_ready() { [[ -f "$PKI/admin.crt" ]] && [[ "$(admin_curl /readyz 2>/dev/null)" == "ok" ]]; }

all_running() {
  local c
  for c in "${COMPONENTS[@]}"; do pid_alive "$RUN/$c.pid" || return 1; done
}

any_running() {
  local c
  for c in "${COMPONENTS[@]}"; do pid_alive "$RUN/$c.pid" && return 0; done
  return 1
}

print_result() {
  log "control plane ready at $APISERVER_URL (state: $S)"
  echo "KUBECONFIG=$KUBECONFIG_FILE"
}

# Wait until `check` succeeds, failing fast (with the log tail) if the process dies meanwhile.
wait_for() { # name timeout-seconds check-command...
  local name="$1" timeout="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! pid_alive "$RUN/$name.pid"; then
      show_log_tail "$LOGS/$name.log"
      die "$name exited during startup; see $LOGS/$name.log (last lines above)"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$LOGS/$name.log"
      die "$name did not become ready within ${timeout}s; see $LOGS/$name.log (last lines above). Stop with: bash tools/cluster/down.sh"
    fi
    sleep 0.5
  done
}

# A port is taken if anything accepts a connection on it. Name the holder when ss can.
check_port_free() { # port what
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    local holder=""
    command -v ss >/dev/null && holder="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n1 || true)"
    die "port 127.0.0.1:$1 ($2) is already in use${holder:+: $holder}. Stop whatever holds it (if it is an old plane: bash tools/cluster/down.sh), or choose another port with ${3}."
  fi
}

# Start a daemon detached from this shell (setsid: it outlives `npm run` and the terminal).
start_daemon() { # name binary args...
  local name="$1" bin="$2"
  shift 2
  log "starting $name (log: $LOGS/$name.log)"
  # Keep the previous run's log: after a crash it is the one that explains what happened.
  [[ -f "$LOGS/$name.log" ]] && mv -f "$LOGS/$name.log" "$LOGS/$name.previous.log"
  # 8>&-: the daemon must not inherit the state-dir lock, or it would hold it for its lifetime.
  setsid "$bin" "$@" >"$LOGS/$name.log" 2>&1 </dev/null 8>&- &
  echo $! >"$RUN/$name.pid"
  # Until setsid has exec'd the binary, the pid still looks like bash; give it a moment.
  for _ in {1..40}; do
    pid_alive "$RUN/$name.pid" && return 0
    kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null || break
    sleep 0.05
  done
  pid_alive "$RUN/$name.pid" || {
    show_log_tail "$LOGS/$name.log"
    die "$name failed to start; see $LOGS/$name.log"
  }
}

# --- reuse a running plane ----------------------------------------------------------------------
if all_running; then
  log "control plane already running (pids $(cat "$RUN"/*.pid | tr '\n' ' ')); checking /readyz"
  deadline=$((SECONDS + 30)) # it may still be starting (another up.sh just launched it)
  until apiserver_ready || ! all_running || ((SECONDS >= deadline)); do sleep 0.5; done
  if all_running && apiserver_ready; then
    print_result
    exit 0
  fi
  log "the running control plane is not healthy (see $LOGS/kube-apiserver.log); restarting it"
fi
if any_running; then
  # Half a plane (e.g. the apiserver crashed or was killed) is not worth diagnosing here:
  # stop what is left and start cleanly.
  log "stopping the remains of a previous control plane before a clean start"
  bash "$CLUSTER_TOOLS_DIR/down.sh" --locked >&2
fi
rm -f "$RUN"/*.pid

# From here on a failure names the failing command, and stops whatever this run started, so no
# half plane is left behind (the logs stay).
set -E
trap 'log "command failed (line $LINENO): $BASH_COMMAND"' ERR
cleanup_on_failure() {
  local rc=$?
  [[ $rc == 0 ]] && return
  log "startup failed; stopping anything this run started (logs kept in $LOGS)"
  bash "$CLUSTER_TOOLS_DIR/down.sh" --locked >&2 || true
  exit "$rc"
}
trap cleanup_on_failure EXIT

# --- binaries -----------------------------------------------------------------------------------
if [[ -n "${BULWARK_CLUSTER_BIN_DIR:-}" ]]; then
  BIN="$BULWARK_CLUSTER_BIN_DIR"
else
  BIN="$(bash "$CLUSTER_TOOLS_DIR/build.sh" | tail -n1)" || die "building the control plane failed (see the output above)"
fi
for b in "${REQUIRED_BINS[@]}"; do
  [[ -x "$BIN/$b" ]] || die "binary $b is missing in $BIN; rebuild with: bash tools/cluster/build.sh --force"
done
echo "$BIN" >"$S/bin-dir" # for humans: which binaries this plane runs

check_port_free "$ETCD_CLIENT_PORT" "etcd client" BULWARK_ETCD_CLIENT_PORT
check_port_free "$ETCD_PEER_PORT" "etcd peer" BULWARK_ETCD_PEER_PORT
check_port_free "$APISERVER_PORT" "kube-apiserver" BULWARK_APISERVER_PORT
check_port_free "$KCM_PORT" "kube-controller-manager" BULWARK_KCM_PORT

# --- PKI (generated once, kept across restarts so copied kubeconfigs keep working) --------------
# openssl's chatter ("Certificate request self-signature ok") goes to a log, not the terminal.
gen_key() { openssl genrsa -out "$1" 2048 2>>"$LOGS/openssl.log"; }

# sign name CN O extensions...: a leaf certificate signed by our CA.
sign() {
  local name="$1" cn="$2" org="$3"
  shift 3
  gen_key "$PKI/$name.key"
  openssl req -new -key "$PKI/$name.key" -subj "/CN=$cn${org:+/O=$org}" -out "$PKI/$name.csr"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -out "$PKI/$name.crt" -extfile <(printf '%s\n' "$@") 2>>"$LOGS/openssl.log"
  rm -f "$PKI/$name.csr"
}

# A cert that is missing or expires within a day is (re)made; the CA lives 10 years.
needs_cert() { [[ ! -f "$PKI/$1.crt" ]] || ! openssl x509 -checkend 86400 -noout -in "$PKI/$1.crt" >/dev/null; }

make_pki() {
  umask 077
  if needs_cert ca; then
    log "generating CA and certificates in $PKI"
    rm -f "$PKI"/*.crt "$PKI"/*.key
    gen_key "$PKI/ca.key"
    openssl req -new -key "$PKI/ca.key" -subj "/CN=bulwark-local-ca" -out "$PKI/ca.csr"
    openssl x509 -req -in "$PKI/ca.csr" -signkey "$PKI/ca.key" -days 3650 -out "$PKI/ca.crt" \
      -extfile <(printf '%s\n' "basicConstraints=critical,CA:TRUE" \
        "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" "subjectKeyIdentifier=hash") 2>>"$LOGS/openssl.log"
    rm -f "$PKI/ca.csr"
  fi
  local client=("extendedKeyUsage=clientAuth" "keyUsage=critical,digitalSignature,keyEncipherment")
  # Serving cert: what clients dial (127.0.0.1/localhost) plus the in-cluster names, for later stages.
  needs_cert apiserver && sign apiserver kube-apiserver "" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local" \
    "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature,keyEncipherment"
  # Admin: group system:masters (bypasses RBAC: it is the cluster-admin for tests and humans).
  needs_cert admin && sign admin bulwark-admin system:masters "${client[@]}"
  # The controller manager's user is bound to its bootstrap ClusterRole by name.
  needs_cert kcm && sign kcm system:kube-controller-manager "" "${client[@]}"
  # Service-account token signing key pair (RS256).
  if [[ ! -f "$PKI/sa.key" || ! -f "$PKI/sa.pub" ]]; then
    gen_key "$PKI/sa.key"
    openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>>"$LOGS/openssl.log"
  fi
  umask 022
}

# kubeconfig with embedded certs, so the file alone is enough (copyable, no relative paths).
write_kubeconfig() { # file user cert-name
  local tmp
  tmp="$(mktemp "$1.XXXXXX")"
  cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: bulwark-local
  cluster:
    server: $APISERVER_URL
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 "$PKI/$3.crt")
    client-key-data: $(base64 -w0 "$PKI/$3.key")
contexts:
- name: bulwark-local
  context:
    cluster: bulwark-local
    user: $2
current-context: bulwark-local
EOF
  chmod 600 "$tmp"
  mv "$tmp" "$1"
}

make_pki # (not `make_pki || die`: that would switch off set -e inside it)
write_kubeconfig "$KUBECONFIG_FILE" bulwark-admin admin
write_kubeconfig "$S/kcm.kubeconfig" system:kube-controller-manager kcm

# Pod Security Admission: the built-in defaults are "privileged", so set restricted explicitly,
# for enforce, audit and warn, at the latest policy version. kube-system is exempt, as on real
# clusters, for system components that legitimately need privileges.
cat >"$S/admission.yaml" <<'EOF'
apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults:
        enforce: restricted
        enforce-version: latest
        audit: restricted
        audit-version: latest
        warn: restricted
        warn-version: latest
      exemptions:
        usernames: []
        runtimeClasses: []
        namespaces: [kube-system]
EOF

# --- etcd ---------------------------------------------------------------------------------------
# Single member on loopback. --unsafe-no-fsync: this is throwaway test state; fsync only slows it.
start_daemon etcd "$BIN/etcd" \
  --name=bulwark --data-dir="$S/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --advertise-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="bulwark=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync --log-level=warn
etcd_healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null | grep -q '"health":"true"'; }
wait_for etcd 30 etcd_healthy
log "etcd healthy on 127.0.0.1:$ETCD_CLIENT_PORT"

# --- kube-apiserver -----------------------------------------------------------------------------
# PodSecurity and ValidatingAdmissionPolicy are on by default in 1.37; listing them makes that
# explicit and keeps them on should a default ever change. --allow-privileged=true so a privileged
# pod reaches admission and PSA (not a blanket flag check) decides, as on a real cluster.
start_daemon kube-apiserver "$BIN/kube-apiserver" \
  --bind-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
  --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --authorization-mode=RBAC \
  --enable-admission-plugins=PodSecurity,ValidatingAdmissionPolicy \
  --admission-control-config-file="$S/admission.yaml" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  --allow-privileged=true --profiling=false --v=1
wait_for kube-apiserver 120 apiserver_ready
log "kube-apiserver ready on $APISERVER_URL"

# --- kube-controller-manager --------------------------------------------------------------------
# Gives namespaces their "default" ServiceAccount and kube-root-ca.crt, finishes namespace
# deletion, garbage-collects owned objects, fills token Secrets. --use-service-account-credentials
# runs each controller under its own RBAC identity, as on a real cluster.
start_daemon kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig="$S/kcm.kubeconfig" \
  --authentication-kubeconfig="$S/kcm.kubeconfig" --authorization-kubeconfig="$S/kcm.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --cert-dir="$S/kcm-serving" \
  --leader-elect=false --use-service-account-credentials \
  --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --service-cluster-ip-range=10.96.0.0/16 --controllers='*' --profiling=false --v=1
kcm_healthy() { [[ "$(curl -sk --max-time 2 "https://127.0.0.1:$KCM_PORT/healthz" 2>/dev/null)" == "ok" ]]; }
wait_for kube-controller-manager 60 kcm_healthy
log "kube-controller-manager healthy"

print_result
