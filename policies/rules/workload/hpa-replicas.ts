/**
 * A HorizontalPodAutoscaler keeps at least two replicas and can actually scale: a minimum of one
 * is a single point of failure, and equal minimum and maximum never autoscale.
 *
 * Fields: spec.minReplicas (default 1), spec.maxReplicas
 */
import { obj } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const hpaReplicas = defineRule({
  id: 'workload.hpa-replicas',
  title: 'Autoscalers keep two replicas and can scale',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-008'],
  kinds: ['HorizontalPodAutoscaler'],
  description:
    'An autoscaler allowed to go down to one replica leaves a single point of failure; one whose bounds are equal does nothing.',
  remediation: 'Set `minReplicas` to 2 or more and `maxReplicas` above it.',
  references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  check(target) {
    const spec = obj(target.object.spec);
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    const findings: RuleFinding[] = [];
    if (min < 2) findings.push({ path: 'spec.minReplicas', message: `minReplicas is ${min}, below 2` });
    if (spec.maxReplicas === min)
      findings.push({ path: 'spec.maxReplicas', message: `maxReplicas equals minReplicas (${min})` });
    return findings;
  },
});
