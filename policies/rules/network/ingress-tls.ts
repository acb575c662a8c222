/**
 * An Ingress terminates TLS, so credentials and session tokens never cross the network in clear text.
 *
 * Fields: spec.tls
 */
import { arr, obj } from '../../k8s';
import { defineRule } from '../../rule';

export const ingressTls = defineRule({
  id: 'network.ingress-tls',
  title: 'Ingresses terminate TLS',
  pack: 'network',
  severity: 'warning',
  frameworks: ['nsa:network-separation', 'kbp:NET-008'],
  kinds: ['Ingress'],
  description:
    'An Ingress without TLS serves its hosts over plain HTTP, exposing credentials and session tokens in transit.',
  remediation: 'Add `spec.tls` with the hosts and a certificate Secret (e.g. issued by cert-manager).',
  references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  check(target) {
    if (arr(obj(target.object.spec).tls).length > 0) return [];
    return [
      {
        path: 'spec.tls',
        message: `ingress "${target.object.metadata?.name ?? ''}" has no TLS configuration`,
      },
    ];
  },
});
