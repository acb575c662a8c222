/**
 * allowPrivilegeEscalation (restricted, v1.8+; Windows pods exempt from v1.25). Privilege
 * escalation (such as via set-user-ID or set-group-ID file mode) must not be allowed.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation.
 * Allowed: false (unset fails: the runtime default is true).
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  forbidden,
  isWindowsPod,
  joinQuote,
  pluralize,
  securityContextOf,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function allowPrivilegeEscalation1_8(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const paths: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    if (securityContextOf(c.container)?.allowPrivilegeEscalation === false) continue;
    names.push(c.name);
    paths.push(`${c.path}.securityContext.allowPrivilegeEscalation`);
  }
  if (names.length === 0) return ALLOWED;
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must set securityContext.allowPrivilegeEscalation=false`,
    paths,
  );
}

function allowPrivilegeEscalation1_25(meta: unknown, podSpec: Json, specPath: string): CheckResult {
  // The field does not exist on Windows (API validation rejects it there), so Windows pods pass.
  if (isWindowsPod(podSpec)) return ALLOWED;
  return allowPrivilegeEscalation1_8(meta, podSpec, specPath);
}

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    // The field was added to the API in 1.8.
    { minVersion: 'v1.8', check: allowPrivilegeEscalation1_8 },
    { minVersion: 'v1.25', check: allowPrivilegeEscalation1_25 },
  ],
};
