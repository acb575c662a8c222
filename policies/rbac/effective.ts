/**
 * What each ServiceAccount may do: its effective permissions through every RoleBinding and
 * ClusterRoleBinding of the input, whichever way the binding names it (the account itself, the
 * user `system:serviceaccount:<ns>:<name>`, or the groups `system:serviceaccounts`,
 * `system:serviceaccounts:<ns>` and `system:authenticated`), with ClusterRole aggregation
 * resolved and the dangerous grants flagged. A pure function of the objects.
 *
 * The accounts are those the input shows: ServiceAccount objects, accounts named by bindings,
 * accounts pods run as, and the `default` account every Namespace of the input has.
 */
import { arr, namespaceOf, obj, podTargetOf, str } from '../k8s';
import { serviceAccountNameOf } from '../analysis/service-accounts';
import type { K8sObject } from '../types';
import { DANGERS, dangerDetail, wildcardDetail, type DangerId } from './dangers';
import { BUILT_IN_ROLES } from './built-in';
import { resolveRoles, roleKey, type ResolvedRole, type RoleRule } from './roles';

/** One rule granted to an account, with the binding chain that grants it. */
export interface Grant {
  /** The namespace the grant applies in, or `*` for a ClusterRoleBinding (every namespace and cluster-scoped resources). */
  readonly scope: string;
  readonly rule: RoleRule;
  /** `RoleBinding ns/name` or `ClusterRoleBinding name`. */
  readonly binding: string;
  /** `Role ns/name` or `ClusterRole name`. */
  readonly role: string;
  /** How the binding names the account: `ServiceAccount`, `User "system:serviceaccount:…"`, `Group "…"`. */
  readonly subject: string;
}

/** A dangerous grant of an account. */
export interface Danger {
  readonly id: DangerId;
  readonly title: string;
  /** What is granted, e.g. `"get" on "secrets"`. */
  readonly detail: string;
  /** The grant that carries it (an index into `grants`). */
  readonly grant: number;
}

/** The effective permissions of one ServiceAccount. */
export interface ServiceAccountPermissions {
  readonly namespace: string;
  readonly name: string;
  /** True when a ServiceAccount object for it is in the input. */
  readonly declared: boolean;
  /** Workloads running as it: `namespace/Kind/name`, sorted. */
  readonly usedBy: readonly string[];
  readonly grants: readonly Grant[];
  readonly dangers: readonly Danger[];
}

/** The result of `computeEffectivePermissions`. */
export interface RbacAnalysis {
  /** Every account, sorted by namespace then name. */
  readonly serviceAccounts: readonly ServiceAccountPermissions[];
  /** Bindings whose role is not in the input (`RoleBinding ns/name → Role ns/x`): they grant nothing here. */
  readonly unresolved: readonly string[];
}

interface Binding {
  readonly label: string;
  readonly scope: string;
  readonly roleLabel: string;
  readonly rules: readonly RoleRule[] | undefined;
  readonly subjects: readonly { kind: string; name: string; namespace: string }[];
}

const SA_USER = 'system:serviceaccount:';
/** The groups every ServiceAccount of `namespace` is in, as the token authenticator reports them. */
const GROUPS = (namespace: string) => [
  'system:serviceaccounts',
  `system:serviceaccounts:${namespace}`,
  'system:authenticated',
];

/** Effective permissions of every ServiceAccount the input shows. */
export function computeEffectivePermissions(objects: readonly K8sObject[]): RbacAnalysis {
  return analyze(objects, resolveRoles(objects));
}

/**
 * The same, with a reference to `cluster-admin`, `admin` or `edit` that the input does not ship
 * resolved to the rules the API server creates for it (`BUILT_IN_ROLES`) instead of left
 * unresolved: for rules that judge what a binding to a built-in role hands out.
 */
export function computeEffectivePermissionsWithBuiltIns(objects: readonly K8sObject[]): RbacAnalysis {
  return analyze(objects, new Map([...BUILT_IN_ROLES, ...resolveRoles(objects)]));
}

function analyze(objects: readonly K8sObject[], roles: ReadonlyMap<string, ResolvedRole>): RbacAnalysis {
  const accounts = new Map<
    string,
    { namespace: string; name: string; declared: boolean; usedBy: string[] }
  >();
  const account = (namespace: string, name: string) => {
    const key = `${namespace}/${name}`;
    let a = accounts.get(key);
    if (!a) accounts.set(key, (a = { namespace, name, declared: false, usedBy: [] }));
    return a;
  };
  const bindings: Binding[] = [];
  const unresolved: string[] = [];
  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    if (o.kind === 'ServiceAccount') account(namespaceOf(o), name).declared = true;
    else if (o.kind === 'Namespace') account(name, 'default');
    else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      const b = bindingOf(o, roles);
      bindings.push(b);
      if (!b.rules) unresolved.push(`${b.label} → ${b.roleLabel}`);
      for (const s of b.subjects) {
        if (s.kind === 'ServiceAccount' && s.namespace) account(s.namespace, s.name);
        const user =
          s.kind === 'User' && s.name.startsWith(SA_USER) ? s.name.slice(SA_USER.length).split(':') : [];
        if (user.length === 2) account(user[0], user[1]);
      }
    } else {
      const pod = podTargetOf(o);
      if (pod)
        account(namespaceOf(o), serviceAccountNameOf(pod)).usedBy.push(`${namespaceOf(o)}/${o.kind}/${name}`);
    }
  }
  // Index bindings by the subject strings an account can match, so each account looks up its own.
  const bySubject = new Map<string, number[]>();
  bindings.forEach((b, i) => {
    for (const s of b.subjects) {
      const key = s.kind === 'ServiceAccount' ? `sa:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`;
      const list = bySubject.get(key) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      bySubject.set(key, list);
    }
  });
  // Keyed `namespace/name` (neither may contain '/'), so the sort compares one string.
  const serviceAccounts = [...accounts.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([, a]) => a)
    .map((a) => {
      const keys = [
        `sa:${a.namespace}/${a.name}`,
        `User:${SA_USER}${a.namespace}:${a.name}`,
        ...GROUPS(a.namespace).map((g) => `Group:${g}`),
      ];
      const indexes = [...new Set(keys.flatMap((k) => bySubject.get(k) ?? []))].sort((x, y) => x - y);
      // Sorted by binding (stable, so rules keep their order): the input order does not matter.
      const grants = indexes
        .flatMap((i) => grantsOf(bindings[i], a.namespace, a.name))
        .sort((x, y) => cmp(x.binding, y.binding));
      return { ...a, usedBy: [...a.usedBy].sort(), grants, dangers: dangersOf(grants) };
    });
  return { serviceAccounts, unresolved: unresolved.sort() };
}

function bindingOf(o: K8sObject, roles: ReadonlyMap<string, ResolvedRole>): Binding {
  const cluster = o.kind === 'ClusterRoleBinding';
  const namespace = namespaceOf(o);
  const ref = obj(o.roleRef);
  const kind = str(ref.kind) ?? '';
  const roleName = str(ref.name) ?? '';
  // A ClusterRoleBinding can only reference a ClusterRole; the API server rejects anything else.
  const valid = kind === 'ClusterRole' || (kind === 'Role' && !cluster);
  const role = valid ? roles.get(roleKey(kind, namespace, roleName)) : undefined;
  return {
    label: cluster
      ? `ClusterRoleBinding ${o.metadata?.name ?? ''}`
      : `RoleBinding ${namespace}/${o.metadata?.name ?? ''}`,
    scope: cluster ? '*' : namespace,
    roleLabel: kind === 'Role' && !cluster ? `Role ${namespace}/${roleName}` : `${kind} ${roleName}`,
    rules: role?.rules,
    subjects: arr(o.subjects).map((raw) => {
      const s = obj(raw);
      // A RoleBinding's ServiceAccount subject without a namespace means the binding's namespace.
      return {
        kind: str(s.kind) ?? '',
        name: str(s.name) ?? '',
        namespace: str(s.namespace) ?? (cluster ? '' : namespace),
      };
    }),
  };
}

/** How `binding` names the account, or undefined when it does not. */
function subjectFor(binding: Binding, namespace: string, name: string): string | undefined {
  for (const s of binding.subjects) {
    if (s.kind === 'ServiceAccount' && s.name === name && s.namespace === namespace) return 'ServiceAccount';
    if (s.kind === 'User' && s.name === `${SA_USER}${namespace}:${name}`) return `User "${s.name}"`;
    if (
      s.kind === 'Group' &&
      ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'].includes(
        s.name,
      )
    )
      return `Group "${s.name}"`;
  }
  return undefined;
}

function grantsOf(binding: Binding, namespace: string, name: string): Grant[] {
  const subject = subjectFor(binding, namespace, name);
  if (!subject || !binding.rules) return [];
  return binding.rules.map((rule) => ({
    scope: binding.scope,
    rule,
    binding: binding.label,
    role: binding.roleLabel,
    subject,
  }));
}

function dangersOf(grants: readonly Grant[]): Danger[] {
  const out: Danger[] = [];
  grants.forEach((g, i) => {
    const wildcard = wildcardDetail(g.rule);
    if (wildcard) out.push({ id: 'wildcard', title: 'wildcard', detail: wildcard, grant: i });
    for (const d of DANGERS) {
      const detail = dangerDetail(d, g.rule, g.scope === '*');
      if (detail) out.push({ id: d.id, title: d.title, detail, grant: i });
    }
  });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
