/**
 * A policy selecting every pod of its namespace (empty podSelector) does not admit every peer.
 * Such a rule opens all pods at once: ingress from anywhere, or egress to anywhere, for the whole
 * namespace, which cancels its default deny.
 *
 * Peers that admit everything: see `network.allow-all-peers`.
 */
import { obj } from '../../k8s';
import { DIRECTIONS, isEmptySelector, openPeersOf } from '../../analysis/network-policies';
import { defineRule } from '../../rule';

export const namespaceWideAllowAll = defineRule({
  id: 'network.namespace-wide-allow-all',
  title: 'Namespace-wide NetworkPolicies do not allow every peer',
  pack: 'network',
  severity: 'error',
  frameworks: ['cis:5.3.2', 'nsa:network-separation', 'kbp:NET-002'],
  kinds: ['NetworkPolicy'],
  description:
    'A policy with an empty podSelector that admits every peer opens every pod of the namespace, cancelling its default deny.',
  remediation:
    'Select only the pods that need the flow, and name the peers (namespace and pod selectors, or specific CIDRs).',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic',
  ],
  check(target) {
    const spec = obj(target.object.spec);
    if (!isEmptySelector(spec.podSelector)) return [];
    return DIRECTIONS.flatMap((d) =>
      openPeersOf(spec, d).map((peer) => ({
        path: peer.path,
        message: `policy selects every pod of the namespace and ${peer.path} allows ${d} ${d === 'ingress' ? 'from' : 'to'} ${peer.what}`,
      })),
    );
  },
});
