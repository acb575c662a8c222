/**
 * hostNamespaces (baseline, v1.0+). Sharing the host namespaces must be disallowed.
 *
 * Fields: spec.hostNetwork, spec.hostPID, spec.hostIPC. Allowed: false, undefined.
 */
import type { Json } from '../../k8s';
import { ALLOWED, forbidden } from '../helpers';
import type { CheckResult, PssCheck } from '../types';

const NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

function hostNamespaces1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const bad = NAMESPACES.filter((name) => podSpec[name] === true);
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'host namespaces',
    bad.map((name) => `${name}=true`).join(', '),
    bad.map((name) => `${specPath}.${name}`),
  );
}

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: hostNamespaces1_0 }],
};
