/**
 * seccompProfile_baseline (baseline, v1.0+ annotations, v1.19+ fields). If a seccomp profile is
 * specified, only the runtime default and localhost profiles are allowed.
 *
 * v1.0-v1.18: metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'] and
 * ['container.seccomp.security.alpha.kubernetes.io/<container name>']; allowed 'runtime/default',
 * 'docker/default', 'localhost/*', undefined.
 * v1.19+: spec.securityContext.seccompProfile.type and every container's; allowed RuntimeDefault,
 * Localhost, undefined.
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

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Upstream's `validSeccomp`. */
export function validSeccompType(type: string): boolean {
  return type === 'Localhost' || type === 'RuntimeDefault';
}

function validSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

function seccompProfileBaseline1_0(
  podMeta: ObjectMeta,
  podSpec: Json,
  specPath: string,
  metadataPath: string,
): CheckResult {
  const annotations: Readonly<Record<string, string>> = podMeta.annotations ?? {};
  const bad = new Map<string, string>(); // `key="value"` -> path, de-duplicated like upstream's set
  const inspect = (key: string): void => {
    if (!Object.prototype.hasOwnProperty.call(annotations, key)) return;
    const value = typeof annotations[key] === 'string' ? annotations[key] : '';
    // An empty value is not a valid profile name, so upstream forbids it too.
    if (!validSeccompAnnotation(value))
      bad.set(`${key}=${goQuote(value)}`, `${metadataPath}.annotations.${key}`);
  };
  inspect(SECCOMP_POD_ANNOTATION);
  for (const c of visitContainers(podSpec, specPath)) inspect(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name);
  if (bad.size === 0) return ALLOWED;
  const texts = sortedSet(bad.keys());
  return forbidden(
    'seccompProfile',
    `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`,
    texts.map((text) => bad.get(text) ?? metadataPath),
  );
}

function seccompProfileBaseline1_19(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const badValues: string[] = [];
  const paths: string[] = [];
  const podProfile = field(podSecurityContextOf(podSpec), 'seccompProfile');
  const podBad = podProfile !== undefined && !validSeccompType(stringField(podProfile, 'type'));
  if (podBad) {
    badValues.push(stringField(podProfile, 'type'));
    paths.push(`${specPath}.securityContext.seccompProfile.type`);
  }
  const containers: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const profile = field(securityContextOf(c.container), 'seccompProfile');
    if (profile === undefined || validSeccompType(stringField(profile, 'type'))) continue;
    containers.push(c.name);
    badValues.push(stringField(profile, 'type'));
    paths.push(`${c.path}.securityContext.seccompProfile.type`);
  }
  const who = setters(podBad, containers);
  if (who.length === 0) return ALLOWED;
  return forbidden(
    'seccompProfile',
    `${who.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    paths,
  );
}

export const seccompProfile_baseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minVersion: 'v1.0', check: seccompProfileBaseline1_0 },
    { minVersion: 'v1.19', check: seccompProfileBaseline1_19 },
  ],
};
