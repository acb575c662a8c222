/**
 * The admission guardrails: the rules enforced in the cluster as ValidatingAdmissionPolicies (CEL),
 * the rules left to `bulwark check` with the reason, and the renderer of both.
 */
export type { Guard, Unguarded, UnguardedCategory } from './guard';
export { GUARDS, UNGUARDED, guardOf } from './registry';
export { GUARDED_PSS_VERSION } from './pss';
export {
  ADMISSION_API_VERSION,
  DRY_RUN,
  ENFORCE,
  admissionPolicies,
  messageOf,
  ruleIdOfMessage,
  type AdmissionObject,
  type AdmissionPolicyOptions,
  type ValidationActions,
} from './policies';
