/**
 * windowsHostProcess (baseline, v1.0+). Windows HostProcess containers have privileged access to
 * the Windows node and must be forbidden.
 *
 * Fields: spec.securityContext.windowsOptions.hostProcess and every container's
 * securityContext.windowsOptions.hostProcess. Allowed: undefined, false.
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  field,
  forbidden,
  podSecurityContextOf,
  securityContextOf,
  setters,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function windowsHostProcess1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const containers: string[] = [];
  const containerPaths: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    if (field(securityContextOf(c.container), 'windowsOptions')?.hostProcess === true) {
      containers.push(c.name);
      containerPaths.push(`${c.path}.securityContext.windowsOptions.hostProcess`);
    }
  }
  const podBad = field(podSecurityContextOf(podSpec), 'windowsOptions')?.hostProcess === true;
  const who = setters(podBad, containers);
  if (who.length === 0) return ALLOWED;
  const paths = podBad
    ? [`${specPath}.securityContext.windowsOptions.hostProcess`, ...containerPaths]
    : containerPaths;
  return forbidden(
    'hostProcess',
    `${who.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    paths,
  );
}

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: windowsHostProcess1_0 }],
};
