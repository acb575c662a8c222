/**
 * A controller's selector matches its own pod template labels. Otherwise the API server rejects it,
 * or (with a too-broad selector) it adopts pods of other apps.
 *
 * Fields: spec.selector against spec.template.metadata.labels
 * Allowed: a non-empty selector that matches the template labels.
 */
import { obj, podTargetOf, selectorMatches } from '../../k8s';
import { isEmptySelector } from '../../analysis/network-policies';
import { stringMap } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const selectorMismatch = defineRule({
  id: 'workload.selector-mismatch',
  title: 'Controller selectors match their pod template labels',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:META-005'],
  kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  description:
    'A selector that does not match the template is rejected by the API server; an empty one would claim every pod of the namespace.',
  remediation: 'Set `spec.selector.matchLabels` to a subset of `spec.template.metadata.labels`.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const selector = obj(target.object.spec).selector;
    if (selector === undefined || isEmptySelector(selector)) {
      return [{ path: 'spec.selector', message: 'selector is missing or empty' }];
    }
    if (selectorMatches(selector, stringMap(pod.metadata.labels))) return [];
    return [{ path: 'spec.selector', message: 'selector does not match the pod template labels' }];
  },
});
