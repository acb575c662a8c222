/**
 * Roles do not delete Events or pod logs. Events are the cluster's record of what happened to each
 * object (scheduling, image pulls, kills, failed mounts); deleting them is how an intruder hides
 * activity from whoever investigates. Both API groups that serve Events count: the core group and
 * events.k8s.io. `delete` on pods/log is what the catalog (Trivy KSV-0042) names for log erasure.
 *
 * Fields: rules[*] granting delete or deletecollection on events (core or events.k8s.io), or delete
 * on pods/log (including through `*`). A rule limited by `resourceNames` passes: it deletes only the
 * named objects, and deletecollection never matches it.
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

const DELETE = ['delete', 'deletecollection'];
/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const AUDIT_TRAIL_DELETION_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['events'], verbs: DELETE },
  { apiGroup: 'events.k8s.io', resources: ['events'], verbs: DELETE },
  { apiGroup: '', resources: ['pods/log'], verbs: ['delete'] },
];

export const auditTrailDeletion = defineRule({
  id: 'rbac.audit-trail-deletion',
  title: 'Roles do not delete events or pod logs',
  pack: 'rbac',
  severity: 'warning',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-019'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Events and logs are the trail an investigation follows; deleting them lets an intruder hide what they did.',
  remediation:
    'Remove delete and deletecollection on events and delete on pods/log; let the event TTL of the API server expire Events.',
  references: ['https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/'],
  check(target) {
    return grantFindings(target.object, AUDIT_TRAIL_DELETION_GRANTS, { unlessResourceNames: true });
  },
});
