/**
 * A HorizontalPodAutoscaler targets an object that exists (of any kind, so Argo Rollouts and
 * other scalable resources count). Only judged when the input holds workloads in the autoscaler's
 * namespace, so checking one file alone does not flag it.
 *
 * Fields: spec.scaleTargetRef.{kind,name}
 */
import { namespaceOf, obj, str } from '../../k8s';
import { exists } from '../../analysis/names';
import { workloadsIn } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const hpaTarget = defineRule({
  id: 'workload.hpa-target',
  title: 'Autoscalers target an existing workload',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-008'],
  kinds: ['HorizontalPodAutoscaler'],
  description:
    'An autoscaler whose target does not exist scales nothing, so the capacity it promises is not there.',
  remediation: 'Point `spec.scaleTargetRef` at the kind and name of the workload to scale.',
  references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
  check(target, context) {
    const ref = obj(obj(target.object.spec).scaleTargetRef);
    const kind = str(ref.kind) ?? '';
    const name = str(ref.name) ?? '';
    const namespace = namespaceOf(target.object);
    if (workloadsIn(context, namespace).length === 0 || exists(context, kind, namespace, name)) return [];
    return [{ path: 'spec.scaleTargetRef.name', message: `target ${kind} "${name}" is not in the input` }];
  },
});
