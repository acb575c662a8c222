/**
 * Every pod is selected by a NetworkPolicy isolating ingress and one isolating egress. A pod no
 * policy selects accepts and opens every connection, whatever other policies say.
 *
 * Fields: pod template labels, against NetworkPolicies of the same namespace in the input.
 */
import { namespaceOf, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { DIRECTIONS, policiesSelecting } from '../../analysis/network-policies';
import { stringMap } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const workloadNotIsolated = defineRule({
  id: 'network.workload-not-isolated',
  title: 'Pods are isolated by NetworkPolicies for ingress and egress',
  pack: 'network',
  severity: 'warning',
  frameworks: ['cis:5.3.2', 'nsa:network-separation', 'kbp:NET-001', 'kbp:NET-003'],
  kinds: POD_BEARING_KINDS,
  description:
    'A pod that no NetworkPolicy selects for a direction has no restriction in that direction, so it is reachable from, and can reach, every pod and address.',
  remediation:
    'Add a default-deny NetworkPolicy to the namespace (or a policy selecting these pods) with both Ingress and Egress policy types.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
  ],
  check(target, context) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const selecting = policiesSelecting(context, namespaceOf(target.object), stringMap(pod.metadata.labels));
    const open = DIRECTIONS.filter((d) => !selecting.some((p) => p.isolates.has(d)));
    if (open.length === 0) return [];
    return [
      {
        path: `${pod.metadataPath}.labels`,
        message: `no NetworkPolicy selects the pods for ${open.join(' or ')}`,
      },
    ];
  },
});
