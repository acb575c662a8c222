/**
 * NetworkPolicy analysis: which policies select a pod, which directions they isolate, and which of
 * their rules let in (or out) every peer. Policies are indexed by namespace once per evaluation.
 */
import { arr, isObject, namespaceOf, obj, selectorMatches, str, type Json } from '../k8s';
import type { RuleContext } from '../rule';
import type { SourceObject } from '../types';

/** A traffic direction as NetworkPolicy `policyTypes` names it, lower-cased. */
export type Direction = 'ingress' | 'egress';

export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** A NetworkPolicy as the rules see it. */
export interface PolicyView {
  readonly source: SourceObject;
  readonly name: string;
  readonly namespace: string;
  /** The policy's `spec.podSelector`; a missing selector is treated as `{}` like an empty one. */
  readonly podSelector: Json;
  /** True when `podSelector` is empty, so the policy selects every pod of its namespace. */
  readonly selectsAll: boolean;
  /** The directions the policy isolates (its effective `policyTypes`). */
  readonly isolates: ReadonlySet<Direction>;
}

/** True when a label selector has no requirement, so it selects everything. */
export function isEmptySelector(selector: unknown): boolean {
  const s = obj(selector);
  return arr(s.matchExpressions).length === 0 && Object.keys(obj(s.matchLabels)).length === 0;
}

/**
 * The directions a policy isolates. Without `policyTypes` the API server assumes Ingress, plus
 * Egress when the policy has egress rules.
 */
export function policyTypesOf(spec: Json): Set<Direction> {
  const declared = arr(spec.policyTypes).map((t) => String(t).toLowerCase());
  if (declared.length > 0) return new Set(DIRECTIONS.filter((d) => declared.includes(d)));
  return new Set<Direction>(spec.egress === undefined ? ['ingress'] : ['ingress', 'egress']);
}

/** Every NetworkPolicy of the input, grouped by namespace. */
export function policiesByNamespace(context: RuleContext): ReadonlyMap<string, readonly PolicyView[]> {
  return context.memo('analysis.networkPoliciesByNamespace', () => {
    const out = new Map<string, PolicyView[]>();
    for (const source of context.ofKind('NetworkPolicy')) {
      const spec = obj(source.object.spec);
      const podSelector = obj(spec.podSelector);
      const namespace = namespaceOf(source.object);
      const list = out.get(namespace) ?? [];
      list.push({
        source,
        name: source.object.metadata?.name ?? '',
        namespace,
        podSelector,
        selectsAll: isEmptySelector(podSelector),
        isolates: policyTypesOf(spec),
      });
      out.set(namespace, list);
    }
    return out;
  });
}

/** The NetworkPolicies of a namespace that select pods carrying `labels`. */
export function policiesSelecting(
  context: RuleContext,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): PolicyView[] {
  const policies = policiesByNamespace(context).get(namespace) ?? [];
  return policies.filter((p) => p.selectsAll || selectorMatches(p.podSelector, labels));
}

/** A rule or peer of a policy that admits every peer, with its field path. */
export interface OpenPeer {
  readonly path: string;
  /** What it admits, as a message fragment: `every source`, `every pod in every namespace`, ... */
  readonly what: string;
}

const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * The places in one direction of a policy spec that allow all peers: a rule without `from`/`to`
 * (or with an empty list), an empty peer, `namespaceSelector: {}` without a pod restriction, and an
 * ipBlock of `0.0.0.0/0` or `::/0` without `except`.
 */
export function openPeersOf(spec: Json, direction: Direction): OpenPeer[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const every = direction === 'ingress' ? 'every source' : 'every destination';
  const out: OpenPeer[] = [];
  arr(spec[direction]).forEach((raw, i) => {
    const rulePath = `spec.${direction}[${i}]`;
    const peers = obj(raw)[peersKey];
    if (!Array.isArray(peers) || peers.length === 0) {
      out.push({ path: rulePath, what: every });
      return;
    }
    peers.forEach((rawPeer, j) => {
      const peer = obj(rawPeer);
      const path = `${rulePath}.${peersKey}[${j}]`;
      const hasPods = isObject(peer.podSelector);
      const hasNamespaces = isObject(peer.namespaceSelector);
      const ipBlock = obj(peer.ipBlock);
      if (!hasPods && !hasNamespaces && !isObject(peer.ipBlock)) {
        out.push({ path, what: every });
      } else if (
        hasNamespaces &&
        isEmptySelector(peer.namespaceSelector) &&
        (!hasPods || isEmptySelector(peer.podSelector))
      ) {
        out.push({ path: `${path}.namespaceSelector`, what: 'every pod in every namespace' });
      } else if (EVERYWHERE.has(str(ipBlock.cidr) ?? '') && arr(ipBlock.except).length === 0) {
        out.push({ path: `${path}.ipBlock.cidr`, what: `every address (${String(ipBlock.cidr)})` });
      }
    });
  });
  return out;
}

/**
 * True when the policy is a default deny for `direction`: it selects every pod of its namespace,
 * isolates that direction, and none of its rules re-allows every peer.
 */
export function isDefaultDeny(policy: PolicyView, direction: Direction): boolean {
  return (
    policy.selectsAll &&
    policy.isolates.has(direction) &&
    openPeersOf(obj(policy.source.object.spec), direction).length === 0
  );
}
