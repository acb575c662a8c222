/**
 * Pods are created by a controller. A bare Pod is not rescheduled when its node fails and escapes
 * the rollout, disruption-budget and review flow of a Deployment or Job.
 *
 * Fields: metadata.ownerReferences
 * Allowed: at least one owner reference.
 */
import { arr } from '../../k8s';
import { defineRule } from '../../rule';

export const barePod = defineRule({
  id: 'workload.bare-pod',
  title: 'Pods are managed by a controller',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:NS-006'],
  kinds: ['Pod'],
  description:
    'A Pod without a controller is not recreated when its node fails and bypasses rollouts and disruption budgets.',
  remediation: 'Run the pod through a Deployment, StatefulSet, DaemonSet, Job or CronJob.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
  ],
  check(target) {
    if (arr(target.object.metadata?.ownerReferences).length > 0) return [];
    return [
      {
        path: 'metadata',
        message: `pod "${target.object.metadata?.name ?? ''}" is not managed by a controller`,
      },
    ];
  },
});
