/**
 * A NetworkPolicy selects at least one workload. A policy matching nothing usually means a label
 * typo, so the flow it was meant to restrict is governed by something else. Only judged when the
 * input holds workloads in the policy's namespace.
 *
 * Fields: spec.podSelector, against pod template labels in the same namespace.
 */
import { namespaceOf, obj, selectorMatches } from '../../k8s';
import { isEmptySelector } from '../../analysis/network-policies';
import { workloadsIn } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const policySelectsNothing = defineRule({
  id: 'network.policy-selects-nothing',
  title: 'NetworkPolicies select some workload',
  pack: 'network',
  severity: 'info',
  frameworks: ['kbp:NET-004'],
  kinds: ['NetworkPolicy'],
  description:
    'A policy whose podSelector matches no workload has no effect, which usually hides a label mismatch.',
  remediation:
    'Fix `spec.podSelector` to match the pod template labels of the workload it is meant for, or remove the policy.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  check(target, context) {
    const selector = obj(target.object.spec).podSelector;
    const namespace = namespaceOf(target.object);
    const workloads = workloadsIn(context, namespace);
    if (
      isEmptySelector(selector) ||
      workloads.length === 0 ||
      workloads.some((w) => selectorMatches(selector, w.labels))
    ) {
      return [];
    }
    return [
      {
        path: 'spec.podSelector',
        message: `podSelector matches no workload of namespace "${namespace}" in the input`,
      },
    ];
  },
});
