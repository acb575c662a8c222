/**
 * runAsNonRoot (restricted, v1.0+; v1.35 relaxes it for user-namespace pods). Containers must run
 * as non-root users.
 *
 * Fields: spec.securityContext.runAsNonRoot and every container's securityContext.runAsNonRoot.
 * Allowed: true; undefined at container level when the pod sets true; from v1.35 anything when
 * spec.hostUsers is false (before 1.35 that relaxation sat behind a default-off feature gate).
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  forbidden,
  inUserNamespace,
  joinQuote,
  pluralize,
  podSecurityContextOf,
  securityContextOf,
  setters,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function runAsNonRoot1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const podValue = podSecurityContextOf(podSpec)?.runAsNonRoot;
  const podBad = podValue === false;
  const explicit: string[] = [];
  const explicitPaths: string[] = [];
  const implicit: string[] = [];
  const implicitPaths: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const value = securityContextOf(c.container)?.runAsNonRoot;
    const path = `${c.path}.securityContext.runAsNonRoot`;
    if (typeof value === 'boolean') {
      if (!value) {
        explicit.push(c.name);
        explicitPaths.push(path);
      }
    } else if (podValue !== true) {
      // Neither the container nor the pod says true, so the image's user decides.
      implicit.push(c.name);
      implicitPaths.push(path);
    }
  }

  const who = setters(podBad, explicit);
  if (who.length > 0) {
    const paths = podBad ? [`${specPath}.securityContext.runAsNonRoot`, ...explicitPaths] : explicitPaths;
    return forbidden(
      'runAsNonRoot != true',
      `${who.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      paths,
    );
  }
  if (implicit.length > 0) {
    return forbidden(
      'runAsNonRoot != true',
      `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.runAsNonRoot=true`,
      implicitPaths,
    );
  }
  return ALLOWED;
}

function runAsNonRoot1_35(meta: unknown, podSpec: Json, specPath: string): CheckResult {
  // KEP-127: UID 0 in a user namespace is not root on the host.
  if (inUserNamespace(podSpec)) return ALLOWED;
  return runAsNonRoot1_0(meta, podSpec, specPath);
}

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minVersion: 'v1.0', check: runAsNonRoot1_0 },
    { minVersion: 'v1.35', check: runAsNonRoot1_35 },
  ],
};
