/**
 * A container does not define the same environment variable twice: the last definition silently
 * wins, so the value a reviewer reads may not be the value that runs.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].env[*].name
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const duplicateEnvVar = defineRule({
  id: 'workload.duplicate-env-var',
  title: 'Containers define each environment variable once',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:META-006'],
  kinds: POD_BEARING_KINDS,
  description:
    'With duplicate names the last entry wins, so the reviewed value may not be the one the container sees.',
  remediation: 'Remove the duplicate `env` entries so each name appears once.',
  references: [
    'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      const seen = new Set<string>();
      arr(c.container.env).forEach((raw, i) => {
        const name = str(obj(raw).name);
        if (name === undefined) return;
        if (seen.has(name)) {
          findings.push({
            path: `${c.path}.env[${i}].name`,
            message: `container "${c.name}" defines env "${name}" more than once`,
          });
        }
        seen.add(name);
      });
    }
    return findings;
  },
});
