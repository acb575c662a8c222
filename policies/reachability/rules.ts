/**
 * One NetworkPolicy rule (an `ingress[i]` or `egress[i]` entry) as the flow computation uses it:
 * which endpoints its peers admit, split into peers that name someone and peers that admit everyone,
 * and which ports it opens towards a given destination.
 */
import { arr, isObject, obj, selectorMatches, str, type Json } from '../k8s';
import { isEmptySelector } from '../analysis/network-policies';
import { blockAdmits, type Endpoint, type Policy } from './model';
import { normalize, type PortRange, type PortSet } from './port-set';

export type Direction = 'ingress' | 'egress';

/** A rule of a policy, with its peers classified once. */
export interface RuleView {
  readonly policy: Policy;
  readonly direction: Direction;
  /** Field path inside the policy: `spec.ingress[0]`. */
  readonly path: string;
  readonly rule: Json;
  /** Peers that name their endpoints (selectors with a requirement, specific CIDRs). */
  readonly named: readonly Json[];
  /** True when the rule has no peer list, so it admits every endpoint. */
  readonly admitsAll: boolean;
  /** Peers that admit everyone they can: `{}`, `namespaceSelector: {}`, `0.0.0.0/0` without except. */
  readonly open: readonly Json[];
}

const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * The same notion of "every peer" as `network.allow-all-peers` (see `openPeersOf`), so the rules
 * and the analysis agree on what counts as naming a peer.
 */
function isOpenPeer(peer: Json): boolean {
  const hasPods = isObject(peer.podSelector);
  const hasNamespaces = isObject(peer.namespaceSelector);
  if (isObject(peer.ipBlock)) {
    const block = obj(peer.ipBlock);
    return EVERYWHERE.has(str(block.cidr) ?? '') && arr(block.except).length === 0;
  }
  if (!hasPods && !hasNamespaces) return true;
  return (
    hasNamespaces &&
    isEmptySelector(peer.namespaceSelector) &&
    (!hasPods || isEmptySelector(peer.podSelector))
  );
}

export function ruleViewsOf(policy: Policy, direction: Direction): RuleView[] {
  const key = direction === 'ingress' ? 'from' : 'to';
  return (policy[direction] ?? []).map((rule, i) => {
    const peers = rule[key];
    const list = Array.isArray(peers) ? peers.map(obj) : [];
    return {
      policy,
      direction,
      path: `spec.${direction}[${i}]`,
      rule,
      named: list.filter((p) => !isOpenPeer(p)),
      admitsAll: list.length === 0,
      open: list.filter(isOpenPeer),
    };
  });
}

/** Resolves a namespace name to its labels (every namespace has at least its name label). */
export type NamespaceLabels = (namespace: string) => Readonly<Record<string, string>>;

/** True when `peer` of a policy in `policyNamespace` admits endpoint `e`, with Kubernetes semantics. */
export function peerMatches(
  peer: Json,
  policyNamespace: string,
  e: Endpoint,
  nsLabels: NamespaceLabels,
): boolean {
  if (isObject(peer.ipBlock))
    return e.type === 'cidr' && e.cidr !== undefined && blockAdmits(obj(peer.ipBlock), e.cidr);
  if (e.type === 'cidr' || !e.namespace) return false;
  const nsOk = isObject(peer.namespaceSelector)
    ? selectorMatches(peer.namespaceSelector, nsLabels(e.namespace))
    : e.namespace === policyNamespace;
  if (!nsOk) return false;
  return isObject(peer.podSelector) ? selectorMatches(peer.podSelector, e.labels) : true;
}

/** The ports a rule opens towards `dest`; named ports resolve against the destination's containers. */
export function rulePorts(rule: Json, dest: Endpoint): PortSet {
  const ports = arr(rule.ports).map(obj);
  if (ports.length === 0) return 'all';
  const ranges: PortRange[] = [];
  for (const p of ports) {
    const protocol = str(p.protocol) ?? 'TCP';
    if (p.port === undefined) {
      ranges.push({ protocol, from: 1, to: 65535 });
    } else if (typeof p.port === 'number') {
      const end = typeof p.endPort === 'number' ? p.endPort : p.port;
      ranges.push({ protocol, from: p.port, to: end });
    } else if (typeof p.port === 'string') {
      // A named port matches nothing on a destination without a container port of that name.
      const named = /^\d+$/.test(p.port) ? { protocol, port: Number(p.port) } : dest.namedPorts.get(p.port);
      if (named && named.protocol === protocol) ranges.push({ protocol, from: named.port, to: named.port });
    }
  }
  return normalize(ranges);
}
