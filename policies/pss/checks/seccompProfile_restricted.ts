/**
 * seccompProfile_restricted (restricted, v1.19+; Windows pods exempt from v1.25; overrides
 * seccompProfile_baseline). A seccomp profile must be set, to the runtime default or a localhost one.
 *
 * Fields: spec.securityContext.seccompProfile.type and every container's securityContext.seccompProfile.type.
 * Allowed: RuntimeDefault, Localhost; a container may leave it unset when the pod sets a valid one.
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  field,
  forbidden,
  isWindowsPod,
  joinQuote,
  pluralize,
  podSecurityContextOf,
  securityContextOf,
  setters,
  sortedSet,
  stringField,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';
import { validSeccompType } from './seccompProfile_baseline';

function seccompProfileRestricted1_19(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const badValues: string[] = [];
  const podProfile = field(podSecurityContextOf(podSpec), 'seccompProfile');
  const podBad = podProfile !== undefined && !validSeccompType(stringField(podProfile, 'type'));
  const podSet = podProfile !== undefined && !podBad;
  if (podBad) badValues.push(stringField(podProfile, 'type'));

  const explicit: string[] = [];
  const explicitPaths: string[] = podBad ? [`${specPath}.securityContext.seccompProfile.type`] : [];
  const implicit: string[] = [];
  const implicitPaths: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const profile = field(securityContextOf(c.container), 'seccompProfile');
    const path = `${c.path}.securityContext.seccompProfile.type`;
    if (profile !== undefined) {
      if (!validSeccompType(stringField(profile, 'type'))) {
        explicit.push(c.name);
        explicitPaths.push(path);
        badValues.push(stringField(profile, 'type'));
      }
    } else if (!podSet) {
      implicit.push(c.name);
      implicitPaths.push(path);
    }
  }

  const who = setters(podBad, explicit);
  if (who.length > 0) {
    return forbidden(
      'seccompProfile',
      `${who.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
      explicitPaths,
    );
  }
  if (implicit.length > 0) {
    return forbidden(
      'seccompProfile',
      `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      implicitPaths,
    );
  }
  return ALLOWED;
}

function seccompProfileRestricted1_25(meta: unknown, podSpec: Json, specPath: string): CheckResult {
  // Seccomp does not exist on Windows (API validation rejects the field there), so Windows pods pass.
  if (isWindowsPod(podSpec)) return ALLOWED;
  return seccompProfileRestricted1_19(meta, podSpec, specPath);
}

export const seccompProfile_restricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minVersion: 'v1.19', check: seccompProfileRestricted1_19, overrides: ['seccompProfile_baseline'] },
    { minVersion: 'v1.25', check: seccompProfileRestricted1_25, overrides: ['seccompProfile_baseline'] },
  ],
};
