/**
 * Types of the Pod Security Standards evaluator, a port of `k8s.io/pod-security-admission/policy`.
 */
import type { Json } from '../k8s';
import type { ObjectMeta, PssLevel } from '../types';

/** The check allowed the pod. */
export interface CheckAllowed {
  readonly allowed: true;
}

/** The check forbade the pod: upstream's reason and detail, plus where the offending values are. */
export interface CheckForbidden {
  readonly allowed: false;
  /** Upstream's `ForbiddenReason`, e.g. `host namespaces`. */
  readonly forbiddenReason: string;
  /** Upstream's `ForbiddenDetail`, e.g. `hostNetwork=true, hostPID=true`. */
  readonly forbiddenDetail: string;
  /** Field paths of the offending values, relative to the object root, in the order upstream reports them. */
  readonly paths: readonly string[];
}

/** Upstream's `CheckResult`. */
export type CheckResult = CheckAllowed | CheckForbidden;

/**
 * Judges one pod. `specPath` and `metadataPath` locate the pod spec and pod metadata inside the
 * object (`spec` and `metadata` for a Pod, `spec.template.spec` for a Deployment, ...).
 */
export type CheckPodFn = (
  podMeta: ObjectMeta,
  podSpec: Json,
  specPath: string,
  metadataPath: string,
) => CheckResult;

/** One implementation of a check, used from `minVersion` until the next entry's `minVersion`. */
export interface VersionedCheck {
  /** First policy version this implementation applies to, `v1.X`. */
  readonly minVersion: string;
  readonly check: CheckPodFn;
  /** Baseline check ids this restricted implementation replaces (upstream's `OverrideCheckIDs`). */
  readonly overrides?: readonly string[];
}

/** Upstream's `Check`: an id, a level and append-only versioned implementations. */
export interface PssCheck {
  /** Upstream check id, e.g. `hostNamespaces`, `seccompProfile_restricted`. */
  readonly id: string;
  readonly level: PssLevel;
  /** Strictly increasing by `minVersion`. */
  readonly versions: readonly VersionedCheck[];
}

/** A check that forbade a pod, as returned by `evaluatePod`. */
export interface FailedCheck {
  readonly check: PssCheck;
  readonly result: CheckForbidden;
}
