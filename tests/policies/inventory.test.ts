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
    ['network.namespace-default-deny', 'error'],
    ['network.namespace-wide-allow-all', 'error'],
    ['network.policy-selects-nothing', 'info'],
    ['network.unexpected-reachability', 'warning'],
    ['network.workload-not-isolated', 'warning'],
    ['rbac.anonymous-binding', 'error'],
    ['rbac.authenticated-group-binding', 'error'],
    ['rbac.cluster-admin-binding', 'error'],
    ['rbac.create-pods', 'warning'],
    ['rbac.csr-approval', 'error'],
    ['rbac.default-service-account-binding', 'error'],
    ['rbac.escalate-bind-impersonate', 'error'],
    ['rbac.nodes-proxy', 'error'],
    ['rbac.pod-exec', 'error'],
    ['rbac.secrets-read', 'error'],
    ['rbac.service-account-token', 'error'],
    ['rbac.webhook-config', 'error'],
    ['rbac.wildcard-rules', 'error'],
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
    ['workload.cpu-limit', 'info'],
    ['workload.cpu-request', 'warning'],
    ['workload.default-namespace', 'warning'],
    ['workload.default-service-account', 'warning'],
    ['workload.deprecated-api-version', 'warning'],
    ['workload.duplicate-env-var', 'warning'],
    ['workload.ephemeral-storage-limit', 'warning'],
    ['workload.ephemeral-storage-request', 'info'],
    ['workload.high-uid-gid', 'warning'],
    ['workload.hpa-replicas', 'info'],
    ['workload.hpa-target', 'info'],
    ['workload.image-digest', 'warning'],
    ['workload.image-pull-policy', 'info'],
    ['workload.image-tag', 'error'],
    ['workload.liveness-probe', 'warning'],
    ['workload.memory-limit', 'warning'],
    ['workload.memory-request', 'warning'],
    ['workload.pdb-policy', 'warning'],
    ['workload.pod-disruption-budget', 'info'],
    ['workload.read-only-root-filesystem', 'warning'],
    ['workload.readiness-probe', 'warning'],
    ['workload.recommended-labels', 'info'],
    ['workload.rolling-update-strategy', 'info'],
    ['workload.root-group', 'warning'],
    ['workload.selector-mismatch', 'warning'],
    ['workload.topology-spread', 'info'],
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
