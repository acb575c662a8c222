/**
 * runAsUser (restricted, v1.23+; v1.35 relaxes it for user-namespace pods). Containers must not
 * set runAsUser to 0.
 *
 * Fields: spec.securityContext.runAsUser and every container's securityContext.runAsUser.
 * Allowed: non-zero, undefined; from v1.35 anything when spec.hostUsers is false.
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  forbidden,
  inUserNamespace,
  podSecurityContextOf,
  securityContextOf,
  setters,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function runAsUser1_23(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const podBad = podSecurityContextOf(podSpec)?.runAsUser === 0;
  const containers: string[] = [];
  const paths = podBad ? [`${specPath}.securityContext.runAsUser`] : [];
  for (const c of visitContainers(podSpec, specPath)) {
    if (securityContextOf(c.container)?.runAsUser !== 0) continue;
    containers.push(c.name);
    paths.push(`${c.path}.securityContext.runAsUser`);
  }
  const who = setters(podBad, containers);
  if (who.length === 0) return ALLOWED;
  return forbidden('runAsUser=0', `${who.join(' and ')} must not set runAsUser=0`, paths);
}

function runAsUser1_35(meta: unknown, podSpec: Json, specPath: string): CheckResult {
  // KEP-127: UID 0 in a user namespace maps to an unprivileged host UID.
  if (inUserNamespace(podSpec)) return ALLOWED;
  return runAsUser1_23(meta, podSpec, specPath);
}

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minVersion: 'v1.23', check: runAsUser1_23 },
    { minVersion: 'v1.35', check: runAsUser1_35 },
  ],
};
