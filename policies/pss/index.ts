/**
 * Pod Security Standards: a faithful port of the checks of `k8s.io/pod-security-admission`
 * (policy/check_*.go), versioned v1.0 to v1.37 exactly as upstream.
 */
export {
  PSS_CHECKS,
  applicableCheck,
  evaluatePod,
  formatViolation,
  overriddenAt,
  validateChecks,
  versionedCheckAt,
} from './registry';
export type {
  CheckAllowed,
  CheckForbidden,
  CheckPodFn,
  CheckResult,
  FailedCheck,
  PssCheck,
  VersionedCheck,
} from './types';
