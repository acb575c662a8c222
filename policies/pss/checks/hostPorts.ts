/**
 * hostPorts (baseline, v1.0+). HostPort ports must be forbidden.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].ports[*].hostPort. Allowed: undefined, 0.
 */
import { arr, obj, type Json } from '../../k8s';
import { ALLOWED, forbidden, joinQuote, pluralize, sortedSet, visitContainers } from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function hostPorts1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const paths: string[] = [];
  const ports: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    let valid = true;
    arr(c.container.ports).forEach((raw, i) => {
      const hostPort = obj(raw).hostPort;
      if (typeof hostPort !== 'number' || hostPort === 0) return;
      valid = false;
      ports.push(String(hostPort));
      paths.push(`${c.path}.ports[${i}].hostPort`);
    });
    if (!valid) names.push(c.name);
  }
  if (names.length === 0) return ALLOWED;
  // Upstream keeps the ports in a string set, so they are de-duplicated and sorted as strings.
  const unique = sortedSet(ports);
  return forbidden(
    'hostPort',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
    paths,
  );
}

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: hostPorts1_0 }],
};
