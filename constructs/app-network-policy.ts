/**
 * Renders an app's own NetworkPolicy from its declared connections: one rule per (peer, port), so
 * each declared flow is visible on its own and nothing else is opened.
 */
import { LABELS } from './defaults';
import type { Peer } from './peer';

/** A declared flow, from the point of view of one app. */
export interface Connection {
  /** The other end: a SecureApp or a Peer. */
  readonly peer: ConnectionPeer;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** What a connection's other end must offer to be rendered. */
export type ConnectionPeer =
  | Peer
  | {
      readonly namespace: { readonly name: string };
      readonly selectorLabels: Readonly<Record<string, string>>;
      readonly displayPath: string;
    };

function peerJson(peer: ConnectionPeer): Record<string, unknown> {
  if ('selectorLabels' in peer) {
    return {
      namespaceSelector: { matchLabels: { [LABELS.namespaceName]: peer.namespace.name } },
      podSelector: { matchLabels: { ...peer.selectorLabels } },
    };
  }
  return peer._toPeer();
}

function rules(connections: readonly Connection[], key: 'from' | 'to'): Record<string, unknown>[] {
  const rendered = connections.map((c) => ({
    [key]: [peerJson(c.peer)],
    ports: [{ port: c.port, protocol: c.protocol }],
  }));
  // Sorted by their JSON so the output does not depend on declaration order.
  return rendered
    .map((r) => [JSON.stringify(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/** The `spec` of the app's NetworkPolicy. */
export function renderAppNetworkPolicy(
  selectorLabels: Readonly<Record<string, string>>,
  inbound: readonly Connection[],
  outbound: readonly Connection[],
): Record<string, unknown> {
  // Both types are always listed: with no rules for a direction the app stays isolated there, which
  // the namespace default deny already ensures, and the policy documents it explicitly.
  const spec: Record<string, unknown> = {
    podSelector: { matchLabels: { ...selectorLabels } },
    policyTypes: ['Ingress', 'Egress'],
  };
  // An empty rule list is omitted, not written as []: the API server drops empty lists, so a
  // server-side apply of `egress: []` would differ from the stored object and bump its generation
  // on every apply (found by the integration suite on a real kube-apiserver).
  const egress = rules(outbound, 'to');
  const ingress = rules(inbound, 'from');
  if (egress.length > 0) spec.egress = egress;
  if (ingress.length > 0) spec.ingress = ingress;
  return spec;
}
