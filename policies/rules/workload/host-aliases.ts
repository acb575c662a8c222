/**
 * Pods do not set hostAliases (Trivy KSV-0007). The entries are written into every container's
 * /etc/hosts, overriding DNS for those names: a quiet way to redirect traffic that no Service,
 * NetworkPolicy or DNS record shows.
 *
 * Fields: spec.hostAliases
 * Severity: info. There are legitimate uses (a name DNS cannot resolve yet); the finding asks for a
 * review, and suppression records why.
 */
import { arr, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';

export const hostAliases = defineRule({
  id: 'workload.host-aliases',
  title: 'Pods resolve names through DNS, not hostAliases',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:HOST-012'],
  kinds: POD_BEARING_KINDS,
  description:
    "hostAliases rewrite the containers' /etc/hosts, sending traffic for those names to fixed addresses that DNS, Services and reviews of the network do not show.",
  remediation:
    'Remove `hostAliases`; publish the names in DNS, or point a Service (with an EndpointSlice if needed) at the address.',
  references: ['https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/'],
  check(target) {
    const pod = podTargetOf(target.object);
    const aliases = pod ? arr(pod.spec.hostAliases).map(obj) : [];
    if (!pod || aliases.length === 0) return [];
    const entries = aliases.map(
      (a) =>
        `"${str(a.ip) ?? ''} ${arr(a.hostnames)
          .filter((h) => typeof h === 'string')
          .join(' ')}"`,
    );
    return [
      {
        path: `${pod.specPath}.hostAliases`,
        message: `pod adds ${entries.length === 1 ? 'an entry' : `${entries.length} entries`} to /etc/hosts: ${entries.join(', ')}`,
      },
    ];
  },
});
