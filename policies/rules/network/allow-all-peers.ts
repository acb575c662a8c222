/**
 * NetworkPolicy rules name their peers. A rule without `from`/`to`, an empty peer,
 * `namespaceSelector: {}` without a pod restriction, or an ipBlock of `0.0.0.0/0` or `::/0`
 * without `except` admits every peer and undoes the isolation the policy creates.
 *
 * Applies to policies with a non-empty podSelector; namespace-wide policies are judged by
 * `network.namespace-wide-allow-all`, so one rule reports each problem.
 */
import { obj } from '../../k8s';
import { DIRECTIONS, isEmptySelector, openPeersOf } from '../../analysis/network-policies';
import { defineRule } from '../../rule';

export const allowAllPeers = defineRule({
  id: 'network.allow-all-peers',
  title: 'NetworkPolicy rules do not allow every peer',
  pack: 'network',
  severity: 'warning',
  frameworks: ['nsa:network-separation'],
  kinds: ['NetworkPolicy'],
  description:
    'A rule that admits every source or destination re-opens the selected pods to the whole cluster or the internet.',
  remediation:
    'List the peers explicitly: a namespaceSelector on `kubernetes.io/metadata.name` with a podSelector, or specific CIDRs.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
  ],
  check(target) {
    const spec = obj(target.object.spec);
    if (isEmptySelector(spec.podSelector)) return [];
    return DIRECTIONS.flatMap((d) =>
      openPeersOf(spec, d).map((peer) => ({
        path: peer.path,
        message: `${peer.path} allows ${d} ${d === 'ingress' ? 'from' : 'to'} ${peer.what}`,
      })),
    );
  },
});
