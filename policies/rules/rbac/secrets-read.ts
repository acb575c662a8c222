/**
 * Roles do not read Secrets without naming them. get, list or watch on every Secret of a
 * namespace (or the cluster) yields every credential there, including other apps' tokens.
 * A rule limited by `resourceNames` passes (Checkov CKV2_K8S_5 ignores them, issue #7110).
 *
 * Fields: rules[*] granting get/list/watch on secrets (including through `*`) without resourceNames.
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const SECRETS_READ_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
];

export const secretsRead = defineRule({
  id: 'rbac.secrets-read',
  title: 'Roles read only named Secrets',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.2', 'nsa:authentication-authorization', 'kbp:RBAC-003'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Reading every Secret exposes all credentials in scope, including service account tokens of more privileged workloads.',
  remediation:
    'Limit the rule with `resourceNames` to the Secrets the subject needs, or deliver them through Vault.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets'],
  check(target) {
    return grantFindings(target.object, SECRETS_READ_GRANTS, {
      unlessResourceNames: true,
      suffix: ' without resourceNames',
    });
  },
});
