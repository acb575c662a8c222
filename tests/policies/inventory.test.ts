/**
 * The inventory of non-pss rules: every id with its severity, as a literal. Ids are stable forever
 * (suppressions and reports name them), so adding, renaming, removing or re-grading a rule must
 * show up here as a reviewed change.
 */
import type { Rule } from '../../policies/rule';
import { ALL_RULES } from '../../policies/rules';
import { NETWORK_RULES } from '../../policies/rules/network';
import { RBAC_RULES } from '../../policies/rules/rbac';
import { SECRETS_RULES } from '../../policies/rules/secrets';
import { SERVICES_RULES } from '../../policies/rules/services';
import { WORKLOAD_RULES } from '../../policies/rules/workload';

const PACKS: Record<string, readonly Rule[]> = {
  network: NETWORK_RULES,
  rbac: RBAC_RULES,
  secrets: SECRETS_RULES,
  services: SERVICES_RULES,
  workload: WORKLOAD_RULES,
};

const NON_PSS_RULES = Object.values(PACKS).flat();

test('the non-pss rule inventory', () => {
  const inventory = NON_PSS_RULES.map((r) => [r.id, r.severity]).sort(([a], [b]) => (a < b ? -1 : 1));
  expect(inventory).toEqual([
    ['network.allow-all-peers', 'warning'],
    ['network.ingress-backend-missing', 'info'],
    ['network.ingress-snippet-annotations', 'error'],
    ['network.ingress-tls', 'warning'],
    ['network.instance-metadata-egress', 'warning'],
    ['network.namespace-default-deny', 'error'],
    ['network.namespace-wide-allow-all', 'error'],
    ['network.policy-selects-nothing', 'info'],
    ['network.ssh-port', 'warning'],
    ['network.unexpected-reachability', 'warning'],
    ['network.workload-not-isolated', 'warning'],
    ['rbac.anonymous-binding', 'error'],
    ['rbac.audit-trail-deletion', 'warning'],
    ['rbac.authenticated-group-binding', 'error'],
    ['rbac.cluster-admin-binding', 'error'],
    ['rbac.configmap-write', 'warning'],
    ['rbac.create-persistent-volumes', 'warning'],
    ['rbac.create-pods', 'warning'],
    ['rbac.csr-approval', 'error'],
    ['rbac.default-service-account-binding', 'error'],
    ['rbac.delete-rights', 'warning'],
    ['rbac.ephemeral-containers', 'error'],
    ['rbac.escalate-bind-impersonate', 'error'],
    ['rbac.nodes-proxy', 'error'],
    ['rbac.pod-exec', 'error'],
    ['rbac.role-ref-missing', 'info'],
    ['rbac.secrets-read', 'error'],
    ['rbac.service-account-token', 'error'],
    ['rbac.status-subresource-write', 'warning'],
    ['rbac.system-masters-binding', 'error'],
    ['rbac.webhook-config', 'error'],
    ['rbac.wildcard-rules', 'error'],
    ['rbac.workload-service-account-privileged', 'error'],
    ['secrets.configmap-credential', 'error'],
    ['secrets.env-literal-credential', 'error'],
    ['secrets.secret-data', 'error'],
    ['secrets.secret-env-var', 'warning'],
    ['secrets.unmanaged-secret-reference', 'error'],
    ['services.external-ips', 'error'],
    ['services.external-name', 'warning'],
    ['services.load-balancer', 'warning'],
    ['services.node-port', 'warning'],
    ['services.selector-matches-nothing', 'info'],
    ['workload.automount-service-account-token', 'warning'],
    ['workload.bare-pod', 'warning'],
    ['workload.container-runtime-socket', 'error'],
    ['workload.cpu-limit', 'info'],
    ['workload.cpu-request', 'warning'],
    ['workload.cronjob-deadline', 'info'],
    ['workload.dangerous-capabilities', 'error'],
    ['workload.default-namespace', 'warning'],
    ['workload.default-service-account', 'warning'],
    ['workload.default-service-account-token', 'warning'],
    ['workload.deprecated-api-version', 'warning'],
    ['workload.deprecated-registry', 'warning'],
    ['workload.deprecated-service-account-field', 'info'],
    ['workload.duplicate-env-var', 'warning'],
    ['workload.ephemeral-storage-limit', 'warning'],
    ['workload.ephemeral-storage-request', 'info'],
    ['workload.explicit-security-context', 'info'],
    ['workload.git-sync-exec', 'warning'],
    ['workload.high-uid-gid', 'warning'],
    ['workload.host-aliases', 'info'],
    ['workload.hpa-replicas', 'info'],
    ['workload.hpa-target', 'info'],
    ['workload.identical-probes', 'info'],
    ['workload.image-digest', 'warning'],
    ['workload.image-pull-policy', 'info'],
    ['workload.image-tag', 'error'],
    ['workload.job-ttl', 'info'],
    ['workload.kubernetes-dashboard', 'warning'],
    ['workload.label-values', 'warning'],
    ['workload.liveness-probe', 'warning'],
    ['workload.memory-limit', 'warning'],
    ['workload.memory-request', 'warning'],
    ['workload.namespace-limit-range', 'warning'],
    ['workload.namespace-pod-security', 'error'],
    ['workload.namespace-pod-security-version', 'info'],
    ['workload.namespace-resource-quota', 'warning'],
    ['workload.pdb-policy', 'warning'],
    ['workload.pod-disruption-budget', 'info'],
    ['workload.privileged-port', 'info'],
    ['workload.read-only-root-filesystem', 'warning'],
    ['workload.readiness-probe', 'warning'],
    ['workload.recommended-labels', 'info'],
    ['workload.replicas', 'info'],
    ['workload.rolling-update-strategy', 'info'],
    ['workload.root-group', 'warning'],
    ['workload.selector-mismatch', 'warning'],
    ['workload.sensitive-host-path', 'error'],
    ['workload.service-account-missing', 'info'],
    ['workload.statefulset-service-name', 'info'],
    ['workload.sudo-command', 'warning'],
    ['workload.system-namespace', 'warning'],
    ['workload.tiller', 'error'],
    ['workload.topology-spread', 'info'],
    ['workload.writable-host-path', 'warning'],
  ]);
});

test.each(Object.entries(PACKS))('pack %s: ids carry the pack prefix and are listed once', (pack, rules) => {
  for (const rule of rules) {
    expect(rule.pack).toBe(pack);
    expect(rule.id.startsWith(`${pack}.`)).toBe(true);
  }
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
});

test('every non-pss rule is registered in ALL_RULES', () => {
  const all = new Set(ALL_RULES.map((r) => r.id));
  expect(NON_PSS_RULES.filter((r) => !all.has(r.id)).map((r) => r.id)).toEqual([]);
});

test('every rule has references and frameworks of the known kinds', () => {
  for (const rule of NON_PSS_RULES) {
    expect(rule.references?.length ?? 0).toBeGreaterThan(0);
    for (const framework of rule.frameworks)
      expect(framework).toMatch(/^(cis:5(\.\d+)+|nsa:[a-z-]+|pss:(baseline|restricted)|kbp:[A-Z]+-\d{3})$/);
  }
});
