/**
 * The check registry and `evaluatePod`, a port of upstream's `policy/registry.go`: for a level and
 * version, each check runs its newest implementation whose minimum version is at or below the
 * evaluated one (checks with none are skipped); restricted runs every baseline check except those a
 * restricted implementation active at that version overrides, plus the restricted checks.
 */
import type { Json } from '../k8s';
import { pssMinor } from '../pss-selection';
import type { ObjectMeta, PssLevel } from '../types';
import { allowPrivilegeEscalation } from './checks/allowPrivilegeEscalation';
import { appArmorProfile } from './checks/appArmorProfile';
import { capabilities_baseline } from './checks/capabilities_baseline';
import { capabilities_restricted } from './checks/capabilities_restricted';
import { hostNamespaces } from './checks/hostNamespaces';
import { hostPathVolumes } from './checks/hostPathVolumes';
import { hostPorts } from './checks/hostPorts';
import { hostProbesAndHostLifecycle } from './checks/hostProbesAndHostLifecycle';
import { privileged } from './checks/privileged';
import { procMount } from './checks/procMount';
import { procMount_restricted } from './checks/procMount_restricted';
import { restrictedVolumes } from './checks/restrictedVolumes';
import { runAsNonRoot } from './checks/runAsNonRoot';
import { runAsUser } from './checks/runAsUser';
import { seccompProfile_baseline } from './checks/seccompProfile_baseline';
import { seccompProfile_restricted } from './checks/seccompProfile_restricted';
import { seLinuxOptions } from './checks/seLinuxOptions';
import { sysctls } from './checks/sysctls';
import { windowsHostProcess } from './checks/windowsHostProcess';
import type { FailedCheck, PssCheck, VersionedCheck } from './types';

/** Throws when the checks break upstream's registry invariants (same messages as `validateChecks`). */
export function validateChecks(checks: readonly PssCheck[]): void {
  const levels = new Map(checks.map((c) => [c.id, c.level]));
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new Error(`multiple checks registered for ID ${check.id}`);
    seen.add(check.id);
    if (check.level !== 'baseline' && check.level !== 'restricted') {
      throw new Error(`check ${check.id}: invalid level ${String(check.level)}`);
    }
    if (check.versions.length === 0) throw new Error(`check ${check.id}: empty`);
    let previous = -1;
    for (const v of check.versions) {
      const minor = pssMinor(v.minVersion);
      if (minor <= previous) throw new Error(`check ${check.id}: versions must be strictly increasing`);
      previous = minor;
      for (const id of v.overrides ?? []) {
        if (check.level !== 'restricted')
          throw new Error(`check ${check.id}: only restricted checks may set overrides`);
        if (levels.get(id) !== 'baseline')
          throw new Error(`check ${check.id}: overrides unknown baseline check ${id}`);
      }
    }
  }
}

function byId(a: PssCheck, b: PssCheck): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const BASELINE = [
  appArmorProfile,
  capabilities_baseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfile_baseline,
  sysctls,
  windowsHostProcess,
];
const RESTRICTED = [
  allowPrivilegeEscalation,
  capabilities_restricted,
  procMount_restricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfile_restricted,
];

/** Every check, baseline first, each level sorted by id: the order upstream reports violations in. */
export const PSS_CHECKS: readonly PssCheck[] = (() => {
  const all = [...[...BASELINE].sort(byId), ...[...RESTRICTED].sort(byId)];
  validateChecks(all);
  return Object.freeze(all);
})();

/** The implementation of `check` in force at `version`, or undefined when it starts later. */
export function versionedCheckAt(check: PssCheck, version: string): VersionedCheck | undefined {
  const minor = pssMinor(version);
  let found: VersionedCheck | undefined;
  for (const v of check.versions) {
    if (pssMinor(v.minVersion) <= minor) found = v;
  }
  return found;
}

const overridesByVersion = new Map<string, ReadonlySet<string>>();

/** Ids of the baseline checks that restricted checks active at `version` replace. */
export function overriddenAt(version: string): ReadonlySet<string> {
  let ids = overridesByVersion.get(version);
  if (!ids) {
    const set = new Set<string>();
    for (const check of PSS_CHECKS) {
      if (check.level === 'restricted')
        for (const id of versionedCheckAt(check, version)?.overrides ?? []) set.add(id);
    }
    ids = set;
    overridesByVersion.set(version, ids);
  }
  return ids;
}

/**
 * The implementation of `check` that an evaluation at `level` and `version` runs, or undefined when
 * the check does not apply: a restricted check at baseline, a check that starts after `version`, or
 * a baseline check overridden at restricted.
 */
export function applicableCheck(
  check: PssCheck,
  level: PssLevel,
  version: string,
): VersionedCheck | undefined {
  if (check.level === 'restricted' && level !== 'restricted') return undefined;
  if (check.level === 'baseline' && level === 'restricted' && overriddenAt(version).has(check.id))
    return undefined;
  return versionedCheckAt(check, version);
}

/** Runs every applicable check on one pod and returns those that forbid it, in upstream's order. */
export function evaluatePod(
  level: PssLevel,
  version: string,
  podMeta: ObjectMeta,
  podSpec: Json,
  specPath = 'spec',
  metadataPath = 'metadata',
): FailedCheck[] {
  const failed: FailedCheck[] = [];
  for (const check of PSS_CHECKS) {
    const versioned = applicableCheck(check, level, version);
    if (!versioned) continue;
    const result = versioned.check(podMeta, podSpec, specPath, metadataPath);
    if (!result.allowed) failed.push({ check, result });
  }
  return failed;
}

/** `reason (detail)`, the way upstream prints one violation. */
export function formatViolation(result: {
  readonly forbiddenReason: string;
  readonly forbiddenDetail: string;
}): string {
  return result.forbiddenDetail
    ? `${result.forbiddenReason} (${result.forbiddenDetail})`
    : result.forbiddenReason;
}
