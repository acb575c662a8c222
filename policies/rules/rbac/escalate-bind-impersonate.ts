/**
 * Roles do not grant `escalate`, `bind` or `impersonate`. Each lets the holder step around RBAC:
 * edit roles beyond their own rights, bind any role to anyone, or act as another user, group or
 * service account.
 *
 * Fields: rules[*] granting escalate/bind on roles or clusterroles, or impersonate on users,
 * groups, serviceaccounts, uids or userextras (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const ESCALATE_BIND_IMPERSONATE_GRANTS: readonly Permission[] = [
  { apiGroup: RBAC_GROUP, resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] },
  { apiGroup: '', resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
  { apiGroup: 'authentication.k8s.io', resources: ['uids', 'userextras'], verbs: ['impersonate'] },
];

export const escalateBindImpersonate = defineRule({
  id: 'rbac.escalate-bind-impersonate',
  title: 'Roles do not grant escalate, bind or impersonate',
  pack: 'rbac',
  severity: 'error',
  frameworks: [
    'cis:5.1.8',
    'nsa:authentication-authorization',
    'kbp:RBAC-006',
    'kbp:RBAC-007',
    'kbp:RBAC-008',
  ],
  kinds: ['ClusterRole', 'Role'],
  description:
    'escalate, bind and impersonate bypass the RBAC rule that nobody can grant more than they hold, so the holder can become cluster-admin.',
  remediation:
    'Remove the escalate, bind and impersonate verbs; grant the specific roles the subject needs through reviewed bindings instead.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb'],
  check(target) {
    return grantFindings(target.object, ESCALATE_BIND_IMPERSONATE_GRANTS);
  },
});
