/**
 * appArmorProfile (baseline, v1.0+). The default AppArmor profile must not be disabled or
 * overridden, except with localhost profiles.
 *
 * Fields: metadata.annotations['container.apparmor.security.beta.kubernetes.io/*'] (allowed:
 * 'runtime/default', 'localhost/*', empty, undefined) and
 * spec.securityContext.appArmorProfile.type, {init,,ephemeral}containers[*].securityContext.appArmorProfile.type
 * (allowed: RuntimeDefault, Localhost, undefined). Upstream patched the field check into the 1.0
 * implementation when the fields were added (1.30), so it applies at every version.
 */
import type { Json } from '../../k8s';
import type { ObjectMeta } from '../../types';
import {
  ALLOWED,
  field,
  forbidden,
  goQuote,
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

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function allowedProfileType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function appArmorProfile1_0(
  podMeta: ObjectMeta,
  podSpec: Json,
  specPath: string,
  metadataPath: string,
): CheckResult {
  const badValues: string[] = [];
  const paths: string[] = [];

  const podProfile = field(podSecurityContextOf(podSpec), 'appArmorProfile');
  const podBad = podProfile !== undefined && !allowedProfileType(stringField(podProfile, 'type'));
  if (podBad) {
    badValues.push(stringField(podProfile, 'type'));
    paths.push(`${specPath}.securityContext.appArmorProfile.type`);
  }

  const containers: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const profile = field(securityContextOf(c.container), 'appArmorProfile');
    if (profile === undefined || allowedProfileType(stringField(profile, 'type'))) continue;
    containers.push(c.name);
    badValues.push(stringField(profile, 'type'));
    paths.push(`${c.path}.securityContext.appArmorProfile.type`);
  }

  const annotations: [string, string][] = [];
  for (const [key, value] of Object.entries(podMeta.annotations ?? {})) {
    const text = typeof value === 'string' ? value : '';
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAnnotationValue(text)) {
      annotations.push([`${key}=${goQuote(text)}`, `${metadataPath}.annotations.${key}`]);
    }
  }
  annotations.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  const who = setters(podBad, containers);
  const values = sortedSet(badValues);
  if (annotations.length > 0) {
    values.push(...annotations.map(([text]) => text));
    paths.push(...annotations.map(([, path]) => path));
    who.push(pluralize('annotation', 'annotations', annotations.length));
  }
  if (who.length === 0) return ALLOWED;
  return forbidden(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${who.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    paths,
  );
}

export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: appArmorProfile1_0 }],
};
