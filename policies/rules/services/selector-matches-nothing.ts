/**
 * A Service's selector matches some workload. A dangling selector usually means a label typo, and
 * any pod that later carries those labels (anyone who can create pods) receives the traffic.
 * Only judged when the input holds workloads in the Service's namespace; Services without a
 * selector (manual endpoints) and ExternalName Services are skipped.
 *
 * Fields: spec.selector, against pod template labels of the same namespace.
 */
import { namespaceOf, obj } from '../../k8s';
import { stringMap, workloadsIn } from '../../analysis/workloads';
import { defineRule } from '../../rule';

export const selectorMatchesNothing = defineRule({
  id: 'services.selector-matches-nothing',
  title: 'Service selectors match a workload',
  pack: 'services',
  severity: 'info',
  frameworks: ['kbp:NET-012'],
  kinds: ['Service'],
  description:
    'A Service that selects no workload serves nothing, and traffic goes to whichever pod later takes on its labels.',
  remediation:
    'Make `spec.selector` match the pod template labels of the intended workload, or remove the Service.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  check(target, context) {
    const spec = obj(target.object.spec);
    const selector = stringMap(spec.selector);
    if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) return [];
    const namespace = namespaceOf(target.object);
    const workloads = workloadsIn(context, namespace);
    const matches = (labels: Readonly<Record<string, string>>) =>
      Object.entries(selector).every(([k, v]) => labels[k] === v);
    if (workloads.length === 0 || workloads.some((w) => matches(w.labels))) return [];
    return [
      {
        path: 'spec.selector',
        message: `selector matches no workload of namespace "${namespace}" in the input`,
      },
    ];
  },
});
