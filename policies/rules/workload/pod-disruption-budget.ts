/**
 * A Deployment or StatefulSet with more than one replica has a PodDisruptionBudget, so a node
 * drain or cluster upgrade cannot evict every replica at once.
 *
 * Fields: spec.replicas (> 1), against PodDisruptionBudgets of the same namespace in the input.
 */
import { namespaceOf, podTargetOf } from '../../k8s';
import { hasBudget } from '../../analysis/disruption-budgets';
import { replicasOf, stringMap } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const podDisruptionBudget = defineRule({
  id: 'workload.pod-disruption-budget',
  title: 'Replicated workloads have a PodDisruptionBudget',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-005'],
  kinds: ['Deployment', 'StatefulSet'],
  description:
    'Without a PodDisruptionBudget, voluntary disruptions such as node drains may take down all replicas together.',
  remediation:
    'Add a PodDisruptionBudget whose selector matches the pod template labels (e.g. `maxUnavailable: 1`).',
  references: ['https://kubernetes.io/docs/concepts/workloads/pods/disruptions/'],
  check(target, context) {
    const pod = podTargetOf(target.object);
    const replicas = replicasOf(target);
    if (
      !pod ||
      replicas <= 1 ||
      hasBudget(context, namespaceOf(target.object), stringMap(pod.metadata.labels))
    )
      return [];
    return [
      {
        path: 'spec.replicas',
        message: `${replicas} replicas but no PodDisruptionBudget in the input selects their pods`,
      },
    ];
  },
});
