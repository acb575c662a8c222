/**
 * The rules each Role and ClusterRole grants, with ClusterRole aggregation resolved the way the
 * API server's aggregation controller does it: a ClusterRole with an `aggregationRule` gets the
 * union of the rules of every other ClusterRole whose labels match one of its
 * `clusterRoleSelectors` (its own `rules` are overwritten), repeated until nothing changes, so
 * aggregates of aggregates and cycles settle.
 */
import { arr, namespaceOf, obj, selectorMatches, str } from '../k8s';
import type { K8sObject } from '../types';

/** One rule of a role, with where it was written. */
export interface RoleRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  /** `ClusterRole view rules[2]`: the role and index that wrote it (the source role, for aggregated rules). */
  readonly origin: string;
}

/** A role as bindings see it. */
export interface ResolvedRole {
  /** `Role ns/name` or `ClusterRole name`. */
  readonly label: string;
  readonly rules: readonly RoleRule[];
  /** For an aggregated ClusterRole, the ClusterRoles it takes rules from, sorted. */
  readonly aggregatedFrom?: readonly string[];
}

const strings = (value: unknown): string[] => arr(value).filter((v): v is string => typeof v === 'string');

function rulesOf(role: K8sObject, label: string): RoleRule[] {
  return arr(role.rules).map((raw, i) => {
    const rule = obj(raw);
    return {
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      verbs: strings(rule.verbs),
      resourceNames: strings(rule.resourceNames),
      nonResourceURLs: strings(rule.nonResourceURLs),
      origin: `${label} rules[${i}]`,
    };
  });
}

/** Key of a role reference: `Role/ns/name` or `ClusterRole/name`. */
export function roleKey(kind: string, namespace: string, name: string): string {
  return kind === 'Role' ? `Role/${namespace}/${name}` : `ClusterRole/${name}`;
}

/** Every Role and ClusterRole of the input by `roleKey`, aggregation resolved. */
export function resolveRoles(objects: readonly K8sObject[]): ReadonlyMap<string, ResolvedRole> {
  const out = new Map<string, ResolvedRole>();
  const clusterRoles: K8sObject[] = [];
  for (const o of objects) {
    const name = str(o.metadata?.name) ?? '';
    if (o.kind === 'Role') {
      const label = `Role ${namespaceOf(o)}/${name}`;
      out.set(roleKey('Role', namespaceOf(o), name), { label, rules: rulesOf(o, label) });
    } else if (o.kind === 'ClusterRole') {
      clusterRoles.push(o);
      out.set(roleKey('ClusterRole', '', name), {
        label: `ClusterRole ${name}`,
        rules: rulesOf(o, `ClusterRole ${name}`),
      });
    }
  }
  const aggregated = clusterRoles.filter((o) => obj(o.aggregationRule).clusterRoleSelectors !== undefined);
  const sources = new Map<K8sObject, K8sObject[]>();
  for (const target of aggregated) {
    const selectors = arr(obj(target.aggregationRule).clusterRoleSelectors);
    sources.set(
      target,
      clusterRoles
        .filter((c) => c !== target && selectors.some((s) => selectorMatches(s, c.metadata?.labels ?? {})))
        // By name, so aggregated rules come in the same order whatever the input's order.
        .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1)),
    );
    const name = target.metadata?.name ?? '';
    out.set(roleKey('ClusterRole', '', name), {
      label: `ClusterRole ${name}`,
      rules: [],
      aggregatedFrom: sources
        .get(target)!
        .map((c) => `ClusterRole ${c.metadata?.name ?? ''}`)
        .sort(),
    });
  }
  // Fixpoint: each pass can only add rules, and there are finitely many, so it terminates.
  for (let changed = aggregated.length > 0; changed;) {
    changed = false;
    for (const target of aggregated) {
      const key = roleKey('ClusterRole', '', target.metadata?.name ?? '');
      const current = out.get(key)!;
      const seen = new Set(current.rules.map(ruleKey));
      const added = sources
        .get(target)!
        .flatMap((c) => out.get(roleKey('ClusterRole', '', c.metadata?.name ?? ''))!.rules)
        .filter((r) => !seen.has(ruleKey(r)) && seen.add(ruleKey(r)));
      if (added.length > 0) {
        out.set(key, { ...current, rules: [...current.rules, ...added] });
        changed = true;
      }
    }
  }
  // Canonical order (source role, then rule index), so the result does not depend on the input's order.
  for (const target of aggregated) {
    const key = roleKey('ClusterRole', '', target.metadata?.name ?? '');
    const role = out.get(key)!;
    out.set(key, { ...role, rules: [...role.rules].sort(byOrigin) });
  }
  return out;
}

function byOrigin(a: RoleRule, b: RoleRule): number {
  const split = (r: RoleRule) => {
    const at = r.origin.lastIndexOf(' rules[');
    return [r.origin.slice(0, at), Number(r.origin.slice(at + 7, -1))] as const;
  };
  const [ra, ia] = split(a);
  const [rb, ib] = split(b);
  return ra < rb ? -1 : ra > rb ? 1 : ia - ib;
}

function ruleKey(r: RoleRule): string {
  return JSON.stringify([r.apiGroups, r.resources, r.verbs, r.resourceNames, r.nonResourceURLs, r.origin]);
}
