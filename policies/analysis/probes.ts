/**
 * Probe presence on regular containers: init containers run to completion and ephemeral containers
 * cannot have probes, so only `containers` are judged.
 */
import { containersOf, isObject, podTargetOf } from '../k8s';
import type { Rule } from '../rule';

/** The check of a rule that wants `<field>` (e.g. `readinessProbe`) on every regular container. */
export function missingProbeCheck(field: 'livenessProbe' | 'readinessProbe', noun: string): Rule['check'] {
  return (target) => {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod)
      .filter((c) => c.list === 'containers' && !isObject(c.container[field]))
      .map((c) => ({ path: `${c.path}.${field}`, message: `container "${c.name}" has no ${noun}` }));
  };
}
