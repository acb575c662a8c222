/**
 * Roles do not delete workloads, their Services and Secrets, or namespaces. Deletion is how an
 * intruder takes an application down, and deleting pods is how a compromised node attracts the
 * pods it wants to steal (their controllers recreate them, possibly on that node). The resources
 * are those of the catalog (kubescape C-0007): pods, Secrets, Services and every workload
 * controller, plus namespaces, whose deletion removes everything in them.
 *
 * Fields: rules[*] granting delete or deletecollection on core pods, secrets, services,
 * replicationcontrollers and namespaces, apps deployments, daemonsets, statefulsets and
 * replicasets, or batch jobs and cronjobs (including through `*`). A rule limited by
 * `resourceNames` passes: it deletes only the named objects, and deletecollection never matches it.
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

const DELETE = ['delete', 'deletecollection'];
/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const DELETE_RIGHTS_GRANTS: readonly Permission[] = [
  {
    apiGroup: '',
    resources: ['pods', 'secrets', 'services', 'replicationcontrollers', 'namespaces'],
    verbs: DELETE,
  },
  {
    apiGroup: 'apps',
    resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
    verbs: DELETE,
  },
  { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: DELETE },
];

export const deleteRights = defineRule({
  id: 'rbac.delete-rights',
  title: 'Roles do not delete workloads, Services, Secrets or namespaces',
  pack: 'rbac',
  severity: 'warning',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-018'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Deleting pods, controllers, Services, Secrets or namespaces takes applications down, and deleting pods moves them onto nodes an intruder may control.',
  remediation:
    'Remove delete and deletecollection, or limit the rule with `resourceNames` to the objects the subject manages; suppress with the reason for controllers that own what they delete.',
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources'],
  check(target) {
    return grantFindings(target.object, DELETE_RIGHTS_GRANTS, { unlessResourceNames: true });
  },
});
