/**
 * capabilities_baseline (baseline, v1.0+). Adding NET_RAW or capabilities beyond the container
 * runtime's default set must be disallowed.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add.
 * Allowed: undefined/empty, or values from the default set below.
 */
import { arr, type Json } from '../../k8s';
import { ALLOWED, field, forbidden, joinQuote, pluralize, sortedSet, visitContainers } from '../helpers';
import type { CheckResult, PssCheck } from '../types';

/** Upstream's `capabilities_allowed_1_0` (the Docker/containerd default set, without NET_RAW). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function capabilitiesBaseline1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const paths: string[] = [];
  const caps: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    const capabilities = field(c.container, 'securityContext', 'capabilities');
    let valid = true;
    arr(capabilities?.add).forEach((raw, i) => {
      const cap = String(raw);
      if (BASELINE_CAPABILITIES.has(cap)) return;
      valid = false;
      caps.push(cap);
      paths.push(`${c.path}.securityContext.capabilities.add[${i}]`);
    });
    if (!valid) names.push(c.name);
  }
  if (names.length === 0) return ALLOWED;
  return forbidden(
    'non-default capabilities',
    `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    paths,
  );
}

export const capabilities_baseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: capabilitiesBaseline1_0 }],
};
