/**
 * procMount (baseline, v1.0+; v1.35 relaxes it for user-namespace pods). The default /proc masks
 * reduce the attack surface and must be kept.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].securityContext.procMount.
 * Allowed: undefined, "Default"; from v1.35 any value when spec.hostUsers is false.
 * (Upstream file: check_procMount_baseline.go; before 1.35 the relaxation sat behind a
 * default-off feature gate, so 1.0 never relaxes.)
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  forbidden,
  inUserNamespace,
  joinQuote,
  pluralize,
  securityContextOf,
  sortedSet,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

/** Forbids any procMount but Default, whatever the pod's namespaces. Also used by procMount_restricted. */
export function procMount1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const paths: string[] = [];
  const types: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const value = securityContextOf(c.container)?.procMount;
    if (value === undefined || value === null || value === 'Default') continue;
    names.push(c.name);
    types.push(String(value));
    paths.push(`${c.path}.securityContext.procMount`);
  }
  if (names.length === 0) return ALLOWED;
  return forbidden(
    'procMount',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths,
  );
}

function procMount1_35(meta: unknown, podSpec: Json, specPath: string): CheckResult {
  // A user-namespace pod's /proc cannot expose the host's, so baseline allows any value.
  if (inUserNamespace(podSpec)) return ALLOWED;
  return procMount1_0(meta, podSpec, specPath);
}

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minVersion: 'v1.0', check: procMount1_0 },
    { minVersion: 'v1.35', check: procMount1_35 },
  ],
};
