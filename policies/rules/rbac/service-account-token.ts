/**
 * Roles do not create ServiceAccount tokens. The TokenRequest API mints a token for any account of
 * the namespace, so the holder acts with that account's permissions.
 *
 * Fields: rules[*] granting create on serviceaccounts/token (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const SERVICE_ACCOUNT_TOKEN_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['serviceaccounts/token'], verbs: ['create'] },
];

export const serviceAccountToken = defineRule({
  id: 'rbac.service-account-token',
  title: 'Roles do not create service account tokens',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.13', 'nsa:authentication-authorization', 'kbp:RBAC-011'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Creating serviceaccounts/token issues credentials for any ServiceAccount in scope, including more privileged ones.',
  remediation:
    'Remove create on serviceaccounts/token; let the kubelet mount a projected token for the account of each pod.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request'],
  check(target) {
    return grantFindings(target.object, SERVICE_ACCOUNT_TOKEN_GRANTS);
  },
});
