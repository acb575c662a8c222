/**
 * The Pod Security Admission namespace labels and the values upstream accepts
 * (k8s.io/pod-security-admission/api: ParseLevel, ParseVersion).
 */

/** The level Pod Security Admission enforces on the namespace's pods. */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The Pod Security Standards version the enforced level is evaluated at. */
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** Every level upstream parses. */
export const PSA_LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

/** The levels that restrict anything. */
export const ENFORCING_LEVELS: readonly string[] = ['baseline', 'restricted'];

/** A version upstream parses: `latest` or `v1.<minor>` without leading zeros. */
export const PSA_VERSION = /^(latest|v1\.(0|[1-9][0-9]*))$/;
