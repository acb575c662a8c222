/**
 * RBAC analysis: what a Role/ClusterRole rule grants (with `*` and subresource wildcards resolved),
 * subjects of bindings, and which ServiceAccounts any binding in the input grants something to.
 */
import { arr, namespaceOf, obj, str } from '../k8s';
import type { RuleContext } from '../rule';
import type { K8sObject, RuleFinding } from '../types';

/** One entry of a role's `rules`, with its field path. */
export interface PolicyRuleView {
  readonly path: string;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
}

const strings = (value: unknown): string[] => arr(value).filter((v): v is string => typeof v === 'string');

/** The rules of a Role or ClusterRole. */
export function policyRulesOf(role: K8sObject): PolicyRuleView[] {
  return arr(role.rules).map((raw, i) => {
    const rule = obj(raw);
    return {
      path: `rules[${i}]`,
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      verbs: strings(rule.verbs),
      resourceNames: strings(rule.resourceNames),
    };
  });
}

/** A permission a rule looks for: verbs on resources of one API group (`''` is the core group). */
export interface Permission {
  readonly apiGroup: string;
  readonly resources: readonly string[];
  /** `*` means any verb at all. */
  readonly verbs: readonly string[];
}

/** True when a rule's resource entry covers `wanted` (a wildcard, the exact name, or a subresource wildcard such as pods/star or star/exec). */
export function resourceCovers(entry: string, wanted: string): boolean {
  if (entry === '*' || entry === wanted) return true;
  const [base, sub] = wanted.split('/');
  if (sub === undefined) return false;
  return entry === `${base}/*` || entry === `*/${sub}`;
}

/** The verbs and resources of `wanted` that `rule` grants (empty lists when it grants none). */
export function grantedBy(
  rule: PolicyRuleView,
  wanted: readonly Permission[],
): { verbs: string[]; resources: string[] } {
  const verbs = new Set<string>();
  const resources = new Set<string>();
  for (const permission of wanted) {
    if (!rule.apiGroups.some((g) => g === '*' || g === permission.apiGroup)) continue;
    const matchedVerbs = permission.verbs.includes('*')
      ? rule.verbs
      : permission.verbs.filter((v) => rule.verbs.includes(v) || rule.verbs.includes('*'));
    if (matchedVerbs.length === 0) continue;
    for (const resource of permission.resources) {
      if (!rule.resources.some((r) => resourceCovers(r, resource))) continue;
      resources.add(resource);
      matchedVerbs.forEach((v) => verbs.add(v));
    }
  }
  return { verbs: [...verbs], resources: [...resources] };
}

/** `"a", "b"` for message text. */
export function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/**
 * One finding per rule of `role` that grants any of `wanted`, e.g. `rules[0] grants "create" on
 * "pods/exec"`. With `unlessResourceNames`, a rule limited by resourceNames is not a finding.
 */
export function grantFindings(
  role: K8sObject,
  wanted: readonly Permission[],
  options: { readonly unlessResourceNames?: boolean; readonly suffix?: string } = {},
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of policyRulesOf(role)) {
    if (options.unlessResourceNames && rule.resourceNames.length > 0) continue;
    const { verbs, resources } = grantedBy(rule, wanted);
    if (verbs.length === 0) continue;
    findings.push({
      path: rule.path,
      message: `${rule.path} grants ${quoted(verbs)} on ${quoted(resources)}${options.suffix ?? ''}`,
    });
  }
  return findings;
}

/** A subject of a binding, with its field path and its namespace resolved for ServiceAccounts. */
export interface SubjectView {
  readonly path: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** The subjects of a RoleBinding or ClusterRoleBinding. A RoleBinding's SA subjects default to its namespace. */
export function subjectsOf(binding: K8sObject): SubjectView[] {
  const fallback = binding.kind === 'RoleBinding' ? namespaceOf(binding) : '';
  return arr(binding.subjects).map((raw, i) => {
    const subject = obj(raw);
    return {
      path: `subjects[${i}]`,
      kind: str(subject.kind) ?? '',
      name: str(subject.name) ?? '',
      namespace: str(subject.namespace) ?? fallback,
    };
  });
}

/** How a subject reads in a message: `ServiceAccount "ns/name"`, `Group "x"`. */
export function describeSubject(subject: SubjectView): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount "${subject.namespace}/${subject.name}"`
    : `${subject.kind} "${subject.name}"`;
}

/** Which ServiceAccounts some binding in the input grants a role to. */
export interface BoundServiceAccounts {
  isBound(namespace: string, name: string): boolean;
}

/**
 * Indexes every binding subject that can be a ServiceAccount: by name, by the per-namespace group
 * `system:serviceaccounts:<ns>`, and the cluster-wide group `system:serviceaccounts`.
 */
export function boundServiceAccounts(context: RuleContext): BoundServiceAccounts {
  return context.memo('analysis.boundServiceAccounts', () => {
    const accounts = new Set<string>();
    const namespaces = new Set<string>();
    let everyAccount = false;
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const source of context.ofKind(kind)) {
        for (const subject of subjectsOf(source.object)) {
          if (subject.kind === 'ServiceAccount') accounts.add(`${subject.namespace}/${subject.name}`);
          else if (subject.kind === 'Group' && subject.name === 'system:serviceaccounts') everyAccount = true;
          else if (subject.kind === 'Group' && subject.name.startsWith('system:serviceaccounts:')) {
            namespaces.add(subject.name.slice('system:serviceaccounts:'.length));
          }
        }
      }
    }
    return {
      isBound: (namespace, name) =>
        everyAccount || namespaces.has(namespace) || accounts.has(`${namespace}/${name}`),
    };
  });
}
