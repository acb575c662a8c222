/**
 * capabilities_restricted (restricted, v1.22+; Windows pods exempt from v1.25; overrides
 * capabilities_baseline). Containers must drop ALL capabilities and may add back only
 * NET_BIND_SERVICE.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.{drop,add}.
 * Allowed: drop must include "ALL"; add undefined/empty or "NET_BIND_SERVICE".
 */
import { arr, type Json } from '../../k8s';
import {
  ALLOWED,
  field,
  forbidden,
  isWindowsPod,
  joinQuote,
  pluralize,
  sortedSet,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function capabilitiesRestricted1_22(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const missingDropAll: string[] = [];
  const dropPaths: string[] = [];
  const addingForbidden: string[] = [];
  const addPaths: string[] = [];
  const forbiddenCaps: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const capabilities = field(c.container, 'securityContext', 'capabilities');
    const base = `${c.path}.securityContext.capabilities`;
    if (capabilities === undefined) {
      missingDropAll.push(c.name);
      dropPaths.push(`${base}.drop`);
      continue;
    }
    if (!arr(capabilities.drop).some((cap) => cap === 'ALL')) {
      missingDropAll.push(c.name);
      dropPaths.push(`${base}.drop`);
    }
    let adds = false;
    arr(capabilities.add).forEach((raw, i) => {
      if (raw === 'NET_BIND_SERVICE') return;
      adds = true;
      forbiddenCaps.push(String(raw));
      addPaths.push(`${base}.add[${i}]`);
    });
    if (adds) addingForbidden.push(c.name);
  }

  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(
      `${pluralize('container', 'containers', missingDropAll.length)} ${joinQuote(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${pluralize('container', 'containers', addingForbidden.length)} ${joinQuote(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCaps))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return ALLOWED;
  return forbidden('unrestricted capabilities', details.join('; '), [...dropPaths, ...addPaths]);
}

function capabilitiesRestricted1_25(meta: unknown, podSpec: Json, specPath: string): CheckResult {
  // Linux capabilities do not exist on Windows (API validation rejects the field there).
  if (isWindowsPod(podSpec)) return ALLOWED;
  return capabilitiesRestricted1_22(meta, podSpec, specPath);
}

export const capabilities_restricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minVersion: 'v1.22', check: capabilitiesRestricted1_22, overrides: ['capabilities_baseline'] },
    { minVersion: 'v1.25', check: capabilitiesRestricted1_25, overrides: ['capabilities_baseline'] },
  ],
};
