/**
 * procMount_restricted (restricted, v1.35+). Restricted keeps the unconditional /proc mask rule
 * after baseline relaxed it for user-namespace pods in v1.35, and overrides the weaker baseline
 * `procMount` check from that version.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].securityContext.procMount.
 * Allowed: undefined, "Default".
 */
import type { PssCheck } from '../types';
import { procMount1_0 } from './procMount';

export const procMount_restricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minVersion: 'v1.35', check: procMount1_0, overrides: ['procMount'] }],
};
