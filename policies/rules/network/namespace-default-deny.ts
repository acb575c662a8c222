/**
 * Every Namespace has a default deny for ingress and egress: a NetworkPolicy in it with an empty
 * podSelector that isolates the direction and has no rule re-allowing every peer. One policy may
 * cover both directions, or one policy each. Allow rules to specific peers (such as DNS) keep it a
 * default deny, since they open only what they name.
 *
 * Applies to: Namespace objects, against NetworkPolicies of the input in that namespace.
 */
import { DIRECTIONS, isDefaultDeny, policiesByNamespace } from '../../analysis/network-policies';
import { defineRule } from '../../rule';

export const namespaceDefaultDeny = defineRule({
  id: 'network.namespace-default-deny',
  title: 'Namespaces deny ingress and egress by default',
  pack: 'network',
  severity: 'error',
  frameworks: ['cis:5.3.2', 'nsa:network-separation', 'kbp:NET-002'],
  kinds: ['Namespace'],
  description:
    'Without a default deny, every pod of the namespace accepts connections from and opens connections to anything, so one compromised pod can reach the whole cluster.',
  remediation:
    'Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]` and no rules, then allow each needed flow explicitly.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies'],
  check(target, context) {
    const name = target.object.metadata?.name ?? '';
    const policies = policiesByNamespace(context).get(name) ?? [];
    const missing = DIRECTIONS.filter((d) => !policies.some((p) => isDefaultDeny(p, d)));
    if (missing.length === 0) return [];
    return [
      {
        path: 'metadata.name',
        message: `namespace "${name}" has no default-deny NetworkPolicy for ${missing.join(' and ')}`,
      },
    ];
  },
});
