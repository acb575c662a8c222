/**
 * Services set no externalIPs. Whoever can create a Service with externalIPs can intercept traffic
 * the cluster sends to those addresses (CVE-2020-8554, unfixed by design).
 *
 * Fields: spec.externalIPs
 */
import { arr, obj } from '../../k8s';
import { defineRule } from '../../rule';

export const externalIps = defineRule({
  id: 'services.external-ips',
  title: 'Services set no externalIPs',
  pack: 'services',
  severity: 'error',
  frameworks: ['nsa:network-separation', 'kbp:NET-007'],
  kinds: ['Service'],
  description:
    'externalIPs make kube-proxy capture traffic to arbitrary addresses, a man-in-the-middle path for any address (CVE-2020-8554).',
  remediation: 'Remove `spec.externalIPs`; expose the Service through an Ingress or a LoadBalancer instead.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
    'https://github.com/kubernetes/kubernetes/issues/97076',
  ],
  check(target) {
    const ips = arr(obj(target.object.spec).externalIPs).map(String);
    if (ips.length === 0) return [];
    return [
      {
        path: 'spec.externalIPs',
        message: `service "${target.object.metadata?.name ?? ''}" claims external IPs ${ips.map((ip) => `"${ip}"`).join(', ')}`,
      },
    ];
  },
});
