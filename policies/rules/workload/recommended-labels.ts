/**
 * Workloads carry `app.kubernetes.io/name`, so reports, dashboards and network policies can tell
 * which application an object belongs to.
 *
 * Fields: metadata.labels["app.kubernetes.io/name"]
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

const NAME_LABEL = 'app.kubernetes.io/name';

export const recommendedLabels = defineRule({
  id: 'workload.recommended-labels',
  title: 'Workloads carry the app.kubernetes.io/name label',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:META-004'],
  kinds: POD_BEARING_KINDS,
  description:
    'Without the recommended application label, ownership and blast radius of an object are hard to establish during review or an incident.',
  remediation: 'Label the object with `app.kubernetes.io/name` (and the other `app.kubernetes.io/*` labels).',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/'],
  check(target) {
    const value = target.object.metadata?.labels?.[NAME_LABEL];
    if (typeof value === 'string' && value !== '') return [];
    return [{ path: 'metadata.labels', message: `object has no "${NAME_LABEL}" label` }];
  },
});
