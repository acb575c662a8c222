/**
 * Roles do not create pods or create/update/patch workload controllers. Whoever defines a pod
 * chooses its ServiceAccount, mounts and node placement, so the grant reaches every secret and
 * service account of the namespace. A warning, not an error: deployers and operators need it,
 * and their grant should carry a suppression that says so.
 *
 * Fields: rules[*] granting create on pods, or create/update/patch on deployments, daemonsets,
 * statefulsets, replicasets, replicationcontrollers, jobs or cronjobs (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

const WRITE = ['create', 'update', 'patch'];
/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const CREATE_PODS_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['pods'], verbs: ['create'] },
  { apiGroup: '', resources: ['replicationcontrollers'], verbs: WRITE },
  { apiGroup: 'apps', resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'], verbs: WRITE },
  { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: WRITE },
];

export const createPods = defineRule({
  id: 'rbac.create-pods',
  title: 'Roles do not create pods or workloads',
  pack: 'rbac',
  severity: 'warning',
  frameworks: ['cis:5.1.4', 'nsa:authentication-authorization', 'kbp:RBAC-009'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Creating a pod, directly or through a controller, lets the holder run as any ServiceAccount of the namespace and mount any of its Secrets.',
  remediation:
    'Remove pod and workload write access, or suppress with the reason this subject deploys workloads.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
  check(target) {
    return grantFindings(target.object, CREATE_PODS_GRANTS);
  },
});
