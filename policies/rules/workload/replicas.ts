/**
 * A Deployment runs at least two replicas, so one pod's eviction, crash or node drain does not
 * take the service down (kube-score deployment-replicas, Polaris deploymentMissingReplicas,
 * kube-linter minimum-three-replicas). Like those tools it judges Deployments: a StatefulSet's
 * replica count is usually the topology of the software it runs (a single database primary).
 *
 * Fields: spec.replicas (default 1)
 * Allowed: 2 or more; 0 (scaled down on purpose, so nothing is claimed to be available); any value
 * when a HorizontalPodAutoscaler or a KEDA ScaledObject in the input scales the Deployment, since it
 * owns the count (`workload.hpa-replicas` judges an HPA's minimum).
 */
import { namespaceOf, obj, str } from '../../k8s';
import { replicasOf } from '../../analysis/workloads';
import { defineRule, type RuleContext } from '../../rule';

/** `<namespace>/<name>` of every Deployment an autoscaler in the input targets (KEDA's default kind is Deployment). */
function autoscaledDeployments(context: RuleContext): ReadonlySet<string> {
  return context.memo('workload.autoscaledDeployments', () => {
    const targets = new Set<string>();
    for (const [kind, defaultTarget] of [
      ['HorizontalPodAutoscaler', undefined],
      ['ScaledObject', 'Deployment'],
    ] as const) {
      for (const scaler of context.ofKind(kind)) {
        const ref = obj(obj(scaler.object.spec).scaleTargetRef);
        if ((str(ref.kind) ?? defaultTarget) === 'Deployment' && str(ref.name))
          targets.add(`${namespaceOf(scaler.object)}/${str(ref.name)}`);
      }
    }
    return targets;
  });
}

export const replicas = defineRule({
  id: 'workload.replicas',
  title: 'Deployments run at least two replicas',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-004'],
  kinds: ['Deployment'],
  description:
    'With a single replica every rollout, eviction or node drain is an outage, and a PodDisruptionBudget cannot protect it.',
  remediation:
    'Set `spec.replicas` to 2 or more (and spread them across nodes), or let a HorizontalPodAutoscaler with `minReplicas` of 2 or more own the count.',
  references: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions',
  ],
  check(target, context) {
    const count = replicasOf(target);
    if (count === 0 || count >= 2) return [];
    const key = `${namespaceOf(target.object)}/${target.object.metadata?.name ?? ''}`;
    if (autoscaledDeployments(context).has(key)) return [];
    const unset = typeof obj(target.object.spec).replicas !== 'number';
    return [
      {
        path: 'spec.replicas',
        message: unset ? 'replicas is unset, so one pod runs' : `replicas is ${count}, below 2`,
      },
    ];
  },
});
