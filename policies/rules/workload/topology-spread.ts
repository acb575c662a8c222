/**
 * Replicas of a Deployment or StatefulSet are spread across nodes (topology spread constraints or
 * pod anti-affinity); otherwise the scheduler may stack them on one node, which a single failure
 * or drain then takes down.
 *
 * Fields: spec.template.spec.topologySpreadConstraints, spec.template.spec.affinity.podAntiAffinity
 */
import { arr, obj, podTargetOf } from '../../k8s';
import { replicasOf } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const topologySpread = defineRule({
  id: 'workload.topology-spread',
  title: 'Replicas are spread across nodes',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-007'],
  kinds: ['Deployment', 'StatefulSet'],
  description:
    'Without spread constraints or anti-affinity all replicas may share a node, so one node failure removes the whole service.',
  remediation:
    'Add `topologySpreadConstraints` over `kubernetes.io/hostname` (and zones), or a podAntiAffinity on the app labels.',
  references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
  check(target) {
    const pod = podTargetOf(target.object);
    const replicas = replicasOf(target);
    if (!pod || replicas <= 1) return [];
    const antiAffinity = obj(obj(pod.spec.affinity).podAntiAffinity);
    const spread =
      arr(pod.spec.topologySpreadConstraints).length > 0 ||
      arr(antiAffinity.requiredDuringSchedulingIgnoredDuringExecution).length > 0 ||
      arr(antiAffinity.preferredDuringSchedulingIgnoredDuringExecution).length > 0;
    if (spread) return [];
    return [
      {
        path: `${pod.specPath}.topologySpreadConstraints`,
        message: `${replicas} replicas have neither topology spread constraints nor pod anti-affinity`,
      },
    ];
  },
});
