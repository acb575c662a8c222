/**
 * Services are not of type ExternalName. An ExternalName is a DNS alias that NetworkPolicies cannot
 * see through, and it has been used to make ingress controllers proxy to arbitrary hosts.
 *
 * Fields: spec.type, spec.externalName
 */
import { obj, str } from '../../k8s';
import { defineRule } from '../../rule';

export const externalName = defineRule({
  id: 'services.external-name',
  title: 'Services are not ExternalName aliases',
  pack: 'services',
  severity: 'warning',
  frameworks: ['nsa:network-separation'],
  kinds: ['Service'],
  description:
    'An ExternalName Service redirects in-cluster names to arbitrary hosts; ingress controllers may proxy to it, and policies cannot constrain it by name.',
  remediation:
    'Call the external host directly with an egress NetworkPolicy for its CIDR, or use a ClusterIP Service with explicit endpoints.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#externalname'],
  check(target) {
    const spec = obj(target.object.spec);
    if (spec.type !== 'ExternalName') return [];
    return [
      {
        path: 'spec.type',
        message: `service "${target.object.metadata?.name ?? ''}" aliases external host "${str(spec.externalName) ?? ''}"`,
      },
    ];
  },
});
