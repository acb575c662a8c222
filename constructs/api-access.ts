/**
 * API access → RBAC. An app declares the verbs and resources it needs; Bulwark emits a Role and a
 * RoleBinding for the app's ServiceAccount and refuses grants that amount to cluster takeover.
 */
import { evaluate } from '../policies/engine';
import { RBAC_RULES } from '../policies/rules/rbac';

/** One permission an app needs on the Kubernetes API. */
export interface ApiAccess {
  /**
   * API group of the resources (`''` for the core group, `apps`, `batch`, ...).
   *
   * @default '' (core)
   */
  readonly apiGroup?: string;
  /** Resources, e.g. `['configmaps']`. Never `*`. */
  readonly resources: readonly string[];
  /** Verbs, e.g. `['get', 'list', 'watch']`. Never `*`, `escalate`, `bind` or `impersonate`. */
  readonly verbs: readonly string[];
  /**
   * Restricts the grant to these object names. Required for `secrets`.
   *
   * @default - every object of the resources in the namespace
   */
  readonly resourceNames?: readonly string[];
}

/** Cluster-wide access: needs a reason, because it reaches every namespace. */
export interface ClusterApiAccess {
  /** The permissions. */
  readonly rules: readonly ApiAccess[];
  /** Why the app needs cluster-wide access (at least 10 characters); written to the ClusterRole. */
  readonly justification: string;
}

const FORBIDDEN_VERBS = new Set(['escalate', 'bind', 'impersonate']);
const KNOWN_VERBS = new Set([
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
]);
/** Subresources that hand out a shell, a tunnel or a token. */
const DANGEROUS_RESOURCES = new Set([
  'pods/exec',
  'pods/attach',
  'pods/portforward',
  'nodes/proxy',
  'serviceaccounts/token',
]);

/** Problems of one access entry, for the field `field` (e.g. `apiAccess[0]`). */
export function apiAccessProblems(field: string, access: ApiAccess): string[] {
  const problems: string[] = [];
  const group = access.apiGroup ?? '';
  if (group === '*')
    problems.push(`${field}.apiGroup '*' is a wildcard. Name the API group (e.g. '' or 'apps').`);
  if (access.resources.length === 0)
    problems.push(`${field}.resources is empty. Name the resources the app reads or writes.`);
  if (access.verbs.length === 0)
    problems.push(`${field}.verbs is empty. Name the verbs the app needs (e.g. 'get', 'list').`);
  for (const r of access.resources) {
    if (r === '*' || r.includes('*'))
      problems.push(`${field}.resources '${r}' is a wildcard. Name each resource.`);
    else if (DANGEROUS_RESOURCES.has(r))
      problems.push(`${field}.resources '${r}' grants shell, tunnel or token access and is not allowed.`);
  }
  for (const v of access.verbs) {
    if (v === '*') problems.push(`${field}.verbs '*' is a wildcard. Name each verb.`);
    else if (FORBIDDEN_VERBS.has(v))
      problems.push(`${field}.verbs '${v}' allows privilege escalation and is not allowed.`);
    else if (!KNOWN_VERBS.has(v))
      problems.push(`${field}.verbs '${v}' is not a Kubernetes verb (${[...KNOWN_VERBS].join(', ')}).`);
  }
  if (group === '' && access.resources.includes('secrets') && (access.resourceNames ?? []).length === 0) {
    problems.push(
      `${field} grants access to all Secrets of the namespace. List the Secrets in 'resourceNames'.`,
    );
  }
  if (access.resources.includes('pods') && access.verbs.includes('create')) {
    problems.push(
      `${field} allows creating pods, which can run as any ServiceAccount of the namespace and is not allowed.`,
    );
  }
  // Whatever the checks above do not name, the rule engine still refuses: a grant that an
  // error-severity RBAC rule reports would fail the synth later, so refuse it here, with the rule.
  if (problems.length === 0) problems.push(...forbiddenGrants(field, access));
  return problems;
}

/** Error-severity RBAC rules that judge a Role on its own. */
const ROLE_RULES = RBAC_RULES.filter((r) => r.severity === 'error' && r.kinds.includes('Role'));

/** What the error-severity RBAC rules report about the Role rule `access` becomes. */
function forbiddenGrants(field: string, access: ApiAccess): string[] {
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'api-access', namespace: 'api-access' },
    rules: [toPolicyRule(access)],
  };
  const report = evaluate([{ object: role, file: field, line: 1 }], { rules: ROLE_RULES });
  return report.findings.map(
    (f) =>
      `${field} ${f.message.replace(/^rules\[0\] /, '')}, which rule ${f.ruleId} forbids. ${f.remediation}`,
  );
}

/** The PolicyRule JSON of an access entry, with sorted lists for stable output. */
export function toPolicyRule(access: ApiAccess): Record<string, unknown> {
  const rule: Record<string, unknown> = {
    apiGroups: [access.apiGroup ?? ''],
    resources: [...access.resources].sort(),
    verbs: [...access.verbs].sort(),
  };
  if (access.resourceNames && access.resourceNames.length > 0)
    rule.resourceNames = [...access.resourceNames].sort();
  return rule;
}
