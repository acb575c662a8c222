/**
 * Services are not exposed through an external LoadBalancer. Each one is a public entry point that
 * bypasses the shared ingress (TLS, WAF, authentication). Load balancers marked internal with the
 * cloud providers' annotations pass.
 *
 * Fields: spec.type, metadata.annotations (internal load-balancer markers)
 */
import { obj } from '../../k8s';
import { defineRule } from '../../rule';

/** Annotation -> value that makes the cloud provider create an internal load balancer. */
const INTERNAL: Readonly<Record<string, string>> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
  'networking.gke.io/load-balancer-type': 'Internal',
  'cloud.google.com/load-balancer-type': 'Internal',
  'service.beta.kubernetes.io/oci-load-balancer-internal': 'true',
};

export const loadBalancer = defineRule({
  id: 'services.load-balancer',
  title: 'Services are not exposed through an external load balancer',
  pack: 'services',
  severity: 'warning',
  frameworks: ['nsa:network-separation', 'kbp:NET-006'],
  kinds: ['Service'],
  description:
    'An external LoadBalancer Service publishes the app directly, outside the shared ingress and its TLS, authentication and rate limits.',
  remediation:
    'Use a ClusterIP Service behind the ingress, or mark the load balancer internal and restrict `loadBalancerSourceRanges`.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer'],
  check(target) {
    if (obj(target.object.spec).type !== 'LoadBalancer') return [];
    const annotations = target.object.metadata?.annotations ?? {};
    if (Object.entries(INTERNAL).some(([key, value]) => annotations[key] === value)) return [];
    return [
      {
        path: 'spec.type',
        message: `service "${target.object.metadata?.name ?? ''}" is an external LoadBalancer`,
      },
    ];
  },
});
