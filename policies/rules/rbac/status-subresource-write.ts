/**
 * Roles do not write the status of Services, pods or nodes. Status is what controllers and the
 * kubelet report and what the rest of the cluster trusts: services/status sets
 * `status.loadBalancer.ingress` and intercepts traffic to that IP cluster-wide (CVE-2020-8554,
 * unfixed upstream), pods/status changes the conditions and IPs Endpoints are built from, and
 * nodes/status changes what the scheduler sees of a node.
 *
 * Fields: rules[*] granting update or patch on services/status, pods/status or nodes/status of the
 * core group (including through `*`, `pods/*` and `*\/status`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const STATUS_SUBRESOURCE_WRITE_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['services/status', 'pods/status', 'nodes/status'], verbs: ['update', 'patch'] },
];

export const statusSubresourceWrite = defineRule({
  id: 'rbac.status-subresource-write',
  title: 'Roles do not write the status of services, pods or nodes',
  pack: 'rbac',
  severity: 'warning',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-021'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Writing services/status lets the holder claim a load-balancer IP and intercept its traffic (CVE-2020-8554); writing pods/status or nodes/status feeds false state to Endpoints and the scheduler.',
  remediation:
    'Remove update and patch on the status subresources; leave status to the controllers and kubelets that own it, and suppress with the reason for a load-balancer controller.',
  references: ['https://github.com/kubernetes/kubernetes/issues/97076'],
  check(target) {
    return grantFindings(target.object, STATUS_SUBRESOURCE_WRITE_GRANTS);
  },
});
