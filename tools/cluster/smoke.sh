#!/usr/bin/env bash
# Smoke test of a running local control plane (start it with up.sh first), with plain curl and the
# admin client certificate, all on loopback. Proves the settings Bulwark's tests rely on:
#   - /version reports the real Kubernetes version (stamped build);
#   - Pod Security Admission enforces restricted:latest in an ordinary namespace (upstream message),
#     admits a compliant pod there, and exempts kube-system;
#   - ValidatingAdmissionPolicy is served and actually enforced;
#   - kube-controller-manager works (a new namespace gets its "default" ServiceAccount, and a
#     deleted namespace is finalized).
# Pods are created with dryRun=All: admission runs in full, nothing is stored (no node runs pods).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v jq >/dev/null || die "jq is required (apt-get install -y jq)"

PKI="$BULWARK_CLUSTER_DIR/pki"
API="https://127.0.0.1:$APISERVER_PORT"
[[ -f "$PKI/admin.crt" ]] || die "no admin certificate in $PKI; start the plane with: bash tools/cluster/up.sh"

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
fails=0
passes=0

# req METHOD PATH [JSON-BODY] -> sets CODE, body in $OUT
req() {
  local args=(-sS --max-time 10 -o "$OUT" -w '%{http_code}' --cacert "$PKI/ca.crt"
    --cert "$PKI/admin.crt" --key "$PKI/admin.key" -X "$1" -H 'Content-Type: application/json')
  [[ $# -ge 3 ]] && args+=(--data-binary "$3")
  CODE="$(curl "${args[@]}" "$API$2")"
}
ok() {
  passes=$((passes + 1))
  printf 'PASS %s\n' "$1"
}
bad() {
  fails=$((fails + 1))
  printf 'FAIL %s\n     HTTP %s: %s\n' "$1" "$CODE" "$(head -c 600 "$OUT")"
}

NS="bulwark-smoke-$$"

# --- version ---
req GET /version
if [[ $CODE == 200 ]] && jq -e --arg v "$K8S_VERSION" '.gitVersion == $v and .major == "1"' "$OUT" >/dev/null; then
  ok "/version reports $(jq -r '.gitVersion + " (major " + .major + ", minor " + .minor + ")"' "$OUT")"
else bad "/version reports $K8S_VERSION"; fi

# --- namespace + default ServiceAccount (kube-controller-manager) ---
req POST /api/v1/namespaces "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"$NS\"}}"
if [[ $CODE == 201 ]]; then ok "created namespace $NS"; else bad "create namespace $NS"; fi
# The ServiceAccount admission plugin rejects pods until "default" exists, so wait for it.
for _ in {1..60}; do
  req GET "/api/v1/namespaces/$NS/serviceaccounts/default"
  [[ $CODE == 200 ]] && break
  sleep 0.5
done
if [[ $CODE == 200 ]]; then ok "kube-controller-manager created ServiceAccount $NS/default"; else bad "ServiceAccount $NS/default appears"; fi

privileged_pod() { # namespace
  cat <<EOF
{"apiVersion":"v1","kind":"Pod","metadata":{"name":"priv"},
 "spec":{"containers":[{"name":"c","image":"busybox:1.36","securityContext":{"privileged":true}}]}}
EOF
}
restricted_pod='{"apiVersion":"v1","kind":"Pod","metadata":{"name":"ok"},
 "spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":65532,"seccompProfile":{"type":"RuntimeDefault"}},
 "containers":[{"name":"c","image":"busybox:1.36","securityContext":{"allowPrivilegeEscalation":false,
 "capabilities":{"drop":["ALL"]}}}]}}'

# --- PSA: privileged pod rejected in an ordinary namespace ---
req POST "/api/v1/namespaces/$NS/pods?dryRun=All" "$(privileged_pod)"
if [[ $CODE == 403 ]] && grep -q 'violates PodSecurity \\"restricted:latest\\"' "$OUT"; then
  ok "privileged pod in $NS rejected: $(jq -r .message "$OUT")"
else bad "privileged pod in $NS is rejected by PSA restricted:latest"; fi

# --- PSA: a restricted-compliant pod is admitted (enforcement is not just 'deny everything') ---
req POST "/api/v1/namespaces/$NS/pods?dryRun=All" "$restricted_pod"
if [[ $CODE == 201 ]]; then ok "restricted-compliant pod in $NS admitted"; else bad "restricted-compliant pod in $NS admitted"; fi

# --- PSA: kube-system is exempt ---
req POST "/api/v1/namespaces/kube-system/pods?dryRun=All" "$(privileged_pod)"
if [[ $CODE == 201 ]]; then ok "privileged pod in kube-system admitted (exempt)"; else bad "privileged pod in kube-system admitted"; fi

# --- ValidatingAdmissionPolicy: listed, and enforced ---
req GET /apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies
if [[ $CODE == 200 ]] && jq -e '.kind == "ValidatingAdmissionPolicyList"' "$OUT" >/dev/null; then
  ok "GET validatingadmissionpolicies -> ValidatingAdmissionPolicyList ($(jq '.items | length' "$OUT") items)"
else bad "GET validatingadmissionpolicies"; fi

VAP="bulwark-smoke-$$"
req POST /apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies "{
 \"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingAdmissionPolicy\",
 \"metadata\":{\"name\":\"$VAP\"},
 \"spec\":{\"failurePolicy\":\"Fail\",
  \"matchConstraints\":{\"resourceRules\":[{\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"operations\":[\"CREATE\"],\"resources\":[\"configmaps\"]}]},
  \"validations\":[{\"expression\":\"!has(object.metadata.labels) || !('smoke-deny' in object.metadata.labels)\",
                   \"message\":\"bulwark smoke: label smoke-deny is forbidden\"}]}}"
[[ $CODE == 201 ]] || bad "create ValidatingAdmissionPolicy"
req POST /apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings "{
 \"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingAdmissionPolicyBinding\",
 \"metadata\":{\"name\":\"$VAP\"},
 \"spec\":{\"policyName\":\"$VAP\",\"validationActions\":[\"Deny\"],
  \"matchResources\":{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"$NS\"}}}}}"
[[ $CODE == 201 ]] || bad "create ValidatingAdmissionPolicyBinding"
# The policy takes effect once the apiserver's informer has compiled it: poll briefly.
for _ in {1..40}; do
  req POST "/api/v1/namespaces/$NS/configmaps?dryRun=All" \
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"smoke-deny":"1"}}}'
  [[ $CODE == 422 || $CODE == 403 ]] && break
  sleep 0.5
done
if grep -q 'bulwark smoke: label smoke-deny is forbidden' "$OUT"; then
  ok "ValidatingAdmissionPolicy enforced: HTTP $CODE $(jq -r .message "$OUT")"
else bad "ValidatingAdmissionPolicy denies a labelled ConfigMap"; fi

# --- cleanup (also proves namespace finalization by kube-controller-manager) ---
req DELETE "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/$VAP"
req DELETE "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/$VAP"
req DELETE "/api/v1/namespaces/$NS"
for _ in {1..60}; do
  req GET "/api/v1/namespaces/$NS"
  [[ $CODE == 404 ]] && break
  sleep 0.5
done
if [[ $CODE == 404 ]]; then ok "namespace $NS deleted and finalized"; else bad "namespace $NS finalized after delete"; fi

printf '%d passed, %d failed\n' "$passes" "$fails"
[[ $fails == 0 ]]
