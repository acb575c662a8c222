/** Test helpers: run one upstream check at a version on a bare pod spec. */
import type { Json } from '../../../policies/k8s';
import { PSS_CHECKS, versionedCheckAt, type CheckResult } from '../../../policies/pss';
import type { ObjectMeta } from '../../../policies/types';

/** Runs check `id` as implemented at `version` on a Pod (`spec`, `metadata` paths). */
export function runCheck(id: string, version: string, spec: Json, metadata: ObjectMeta = {}): CheckResult {
  const check = PSS_CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const versioned = versionedCheckAt(check, version);
  if (!versioned) throw new Error(`check ${id} has no implementation at ${version}`);
  return versioned.check(metadata, spec, 'spec', 'metadata');
}

/** The result as a plain object for `toEqual`: `{ reason, detail, paths }`, or `'allowed'`. */
export function outcome(
  result: CheckResult,
): 'allowed' | { reason: string; detail: string; paths: readonly string[] } {
  return result.allowed
    ? 'allowed'
    : { reason: result.forbiddenReason, detail: result.forbiddenDetail, paths: result.paths };
}

/** A container named `name` with the given securityContext (and extra fields). */
export function container(name: string, securityContext?: Json, extra: Json = {}): Json {
  return securityContext === undefined
    ? { name, image: 'pause', ...extra }
    : { name, image: 'pause', securityContext, ...extra };
}
