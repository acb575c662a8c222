/**
 * Which rules the admission guardrails enforce, and why each other rule is left to `bulwark check`.
 * A test requires every rule of ALL_RULES to be in exactly one of the two lists, so a new rule
 * cannot ship without that decision.
 */
import { PSS_CHECKS, versionedCheckAt } from '../pss';
import type { Guard, Unguarded } from './guard';
import { NETWORK_GUARDS } from './network';
import { GUARDED_PSS_VERSION, PSS_GUARDS } from './pss';
import { RBAC_GUARDS } from './rbac';
import { SECRETS_GUARDS } from './secrets';
import { SERVICES_GUARDS } from './services';
import { WORKLOAD_GUARDS } from './workload';

/** Every guarded rule, sorted by id. */
export const GUARDS: readonly Guard[] = [
  ...PSS_GUARDS,
  ...WORKLOAD_GUARDS,
  ...NETWORK_GUARDS,
  ...RBAC_GUARDS,
  ...SECRETS_GUARDS,
  ...SERVICES_GUARDS,
].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));

/** Baseline checks a restricted check replaces at the guarded version: the engine reports nothing for them there. */
const SUBSUMED: readonly Unguarded[] = PSS_CHECKS.flatMap((check) =>
  (versionedCheckAt(check, GUARDED_PSS_VERSION)?.overrides ?? []).map((baseline) => ({
    ruleId: `pss.baseline.${baseline}`,
    category: 'subsumed' as const,
    reason: `At restricted ${GUARDED_PSS_VERSION} upstream replaces this check with \`pss.restricted.${check.id}\`, which is guarded and forbids everything this one does.`,
  })),
);

const LIMIT_RANGE =
  "A namespace LimitRange default counts. The LimitRanger fills it into Pods before validation, but not into the pod templates of Deployments and other controllers, and a policy cannot read the namespace's LimitRanges.";
const SELECTS_WORKLOADS =
  'The verdict depends on the workloads of the namespace, which a policy evaluating one object cannot see.';
const ADVISORY =
  '`bulwark check` reports it without failing (severity info), so admission does not enforce it either.';

const OTHERS: readonly Unguarded[] = [
  {
    ruleId: 'network.ingress-backend-missing',
    category: 'cross-object',
    reason: 'The verdict depends on which Services exist in the namespace.',
  },
  {
    ruleId: 'network.instance-metadata-egress',
    category: 'inexpressible',
    reason:
      'It needs CIDR containment over IPv4 and IPv6, with except lists and port ranges. Plain CEL has no IP arithmetic, and the offline evaluator that proves every guard against `bulwark check` lacks the Kubernetes IP library, so a guard could not be shown to agree.',
  },
  {
    ruleId: 'network.namespace-default-deny',
    category: 'cross-object',
    reason: 'The verdict depends on the NetworkPolicies of the namespace, not on the Namespace object.',
  },
  { ruleId: 'network.policy-selects-nothing', category: 'cross-object', reason: SELECTS_WORKLOADS },
  {
    ruleId: 'network.unexpected-reachability',
    category: 'cross-object',
    reason:
      'The verdict comes from the reachability computed over every workload and NetworkPolicy of the input.',
  },
  {
    ruleId: 'network.workload-not-isolated',
    category: 'cross-object',
    reason: 'The verdict depends on which NetworkPolicies of the namespace select the pods.',
  },
  {
    ruleId: 'rbac.role-ref-missing',
    category: 'cross-object',
    reason:
      'The verdict depends on whether the referenced Role or ClusterRole exists, which a policy evaluating the binding cannot see.',
  },
  {
    ruleId: 'rbac.workload-service-account-privileged',
    category: 'cross-object',
    reason:
      "The verdict depends on every RoleBinding, ClusterRoleBinding and role that reaches the workload's ServiceAccount, which a policy evaluating the workload cannot see.",
  },
  {
    ruleId: 'secrets.configmap-credential',
    category: 'inexpressible',
    reason:
      'Its detection splits names into words and uses look-ahead patterns that RE2, the regular expression engine of CEL, does not support; an approximation would disagree with `bulwark check`.',
  },
  {
    ruleId: 'secrets.env-literal-credential',
    category: 'inexpressible',
    reason:
      'Its detection splits names into words and uses look-ahead patterns that RE2, the regular expression engine of CEL, does not support; an approximation would disagree with `bulwark check`.',
  },
  {
    ruleId: 'secrets.secret-data',
    category: 'not-at-admission',
    reason:
      'In the cluster every Secret carries data: the External Secrets Operator and the Vault Secrets Operator write the values there. The rule is about manifests, which admission cannot tell apart from those writes.',
  },
  {
    ruleId: 'secrets.unmanaged-secret-reference',
    category: 'cross-object',
    reason: 'The verdict depends on the ExternalSecrets, Vault secrets and Secrets of the namespace.',
  },
  { ruleId: 'services.selector-matches-nothing', category: 'cross-object', reason: SELECTS_WORKLOADS },
  {
    ruleId: 'workload.automount-service-account-token',
    category: 'cross-object',
    reason:
      'The verdict depends on the ServiceAccount object and on the RoleBindings and ClusterRoleBindings that bind it.',
  },
  { ruleId: 'workload.cpu-limit', category: 'cross-object', reason: LIMIT_RANGE },
  { ruleId: 'workload.cpu-request', category: 'cross-object', reason: LIMIT_RANGE },
  { ruleId: 'workload.cronjob-deadline', category: 'advisory', reason: ADVISORY },
  {
    ruleId: 'workload.default-namespace',
    category: 'not-at-admission',
    reason:
      'Every object reaching admission has a namespace, and the bindings select only Bulwark-managed namespaces, never `default`.',
  },
  {
    ruleId: 'workload.default-service-account-token',
    category: 'not-at-admission',
    reason:
      "The service account controller creates every namespace's `default` ServiceAccount without the field; denying that create would leave namespaces without it. SecureNamespace sets the field on its own `default` account.",
  },
  {
    ruleId: 'workload.deprecated-api-version',
    category: 'not-at-admission',
    reason:
      'The API server does not serve removed versions, so such a request fails before admission; policies see objects converted to the version they match.',
  },
  { ruleId: 'workload.deprecated-service-account-field', category: 'advisory', reason: ADVISORY },
  {
    ruleId: 'workload.duplicate-env-var',
    category: 'inexpressible',
    reason:
      'It compares every env entry with every other of the same container, a nested loop whose CEL cost grows quadratically with unbounded lists; the API server already warns about duplicate env names.',
  },
  { ruleId: 'workload.ephemeral-storage-limit', category: 'cross-object', reason: LIMIT_RANGE },
  { ruleId: 'workload.ephemeral-storage-request', category: 'cross-object', reason: LIMIT_RANGE },
  { ruleId: 'workload.explicit-security-context', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.host-aliases', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.hpa-replicas', category: 'advisory', reason: ADVISORY },
  {
    ruleId: 'workload.hpa-target',
    category: 'cross-object',
    reason: 'The verdict depends on whether the scale target exists in the namespace.',
  },
  { ruleId: 'workload.identical-probes', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.image-pull-policy', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.job-ttl', category: 'advisory', reason: ADVISORY },
  {
    ruleId: 'workload.label-values',
    category: 'not-at-admission',
    reason:
      'The API server validates labels and label selectors before admission policies run and rejects invalid ones, so no such object reaches them.',
  },
  { ruleId: 'workload.memory-limit', category: 'cross-object', reason: LIMIT_RANGE },
  { ruleId: 'workload.memory-request', category: 'cross-object', reason: LIMIT_RANGE },
  {
    ruleId: 'workload.namespace-limit-range',
    category: 'cross-object',
    reason: 'The verdict depends on the LimitRanges of the namespace, not on the Namespace object.',
  },
  { ruleId: 'workload.namespace-pod-security-version', category: 'advisory', reason: ADVISORY },
  {
    ruleId: 'workload.namespace-resource-quota',
    category: 'cross-object',
    reason: 'The verdict depends on the ResourceQuotas of the namespace, not on the Namespace object.',
  },
  {
    ruleId: 'workload.pdb-policy',
    category: 'cross-object',
    reason: 'A numeric minAvailable is judged against the replicas of the workloads the budget selects.',
  },
  {
    ruleId: 'workload.pod-disruption-budget',
    category: 'cross-object',
    reason: 'The verdict depends on the PodDisruptionBudgets of the namespace.',
  },
  { ruleId: 'workload.privileged-port', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.recommended-labels', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.replicas', category: 'advisory', reason: ADVISORY },
  { ruleId: 'workload.rolling-update-strategy', category: 'advisory', reason: ADVISORY },
  {
    ruleId: 'workload.selector-mismatch',
    category: 'not-at-admission',
    reason:
      'The API server validation of apps/v1 controllers already rejects a missing, empty or mismatched selector before admission policies run.',
  },
  {
    ruleId: 'workload.service-account-missing',
    category: 'cross-object',
    reason: 'The verdict depends on the ServiceAccounts of the namespace.',
  },
  {
    ruleId: 'workload.statefulset-service-name',
    category: 'cross-object',
    reason: 'The verdict depends on the Services of the namespace.',
  },
  {
    ruleId: 'workload.system-namespace',
    category: 'not-at-admission',
    reason:
      'The bindings select only Bulwark-managed namespaces, and SecureNamespace refuses the names kube-system, kube-public and kube-node-lease, so no such object reaches the guardrails.',
  },
  { ruleId: 'workload.topology-spread', category: 'advisory', reason: ADVISORY },
];

/** Every rule the guardrails leave to `bulwark check`, sorted by id. */
export const UNGUARDED: readonly Unguarded[] = [...SUBSUMED, ...OTHERS].sort((a, b) =>
  a.ruleId < b.ruleId ? -1 : 1,
);

/** The guard of a rule, or undefined. */
export function guardOf(ruleId: string): Guard | undefined {
  return GUARDS.find((g) => g.ruleId === ruleId);
}
