/**
 * privileged (baseline, v1.0+). Privileged pods disable most security mechanisms.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].securityContext.privileged.
 * Allowed: false, undefined.
 */
import type { Json } from '../../k8s';
import { ALLOWED, forbidden, joinQuote, pluralize, securityContextOf, visitContainers } from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function privileged1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const paths: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    if (securityContextOf(c.container)?.privileged === true) {
      names.push(c.name);
      paths.push(`${c.path}.securityContext.privileged`);
    }
  }
  if (names.length === 0) return ALLOWED;
  return forbidden(
    'privileged',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not set securityContext.privileged=true`,
    paths,
  );
}

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: privileged1_0 }],
};
