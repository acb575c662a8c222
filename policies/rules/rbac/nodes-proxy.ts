/**
 * Roles grant nothing on nodes/proxy. It reaches the kubelet API, which runs commands in any pod on
 * the node and bypasses admission and audit of the API server.
 *
 * Fields: rules[*] granting any verb on nodes/proxy (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const NODES_PROXY_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['nodes/proxy'], verbs: ['*'] },
];

export const nodesProxy = defineRule({
  id: 'rbac.nodes-proxy',
  title: 'Roles do not grant nodes/proxy',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.10', 'nsa:authentication-authorization', 'kbp:RBAC-010'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'nodes/proxy gives direct access to the kubelet API, which can execute commands in every pod of the node without API-server admission or audit.',
  remediation: 'Remove access to nodes/proxy; read metrics through the metrics API instead.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
  ],
  check(target) {
    return grantFindings(target.object, NODES_PROXY_GRANTS);
  },
});
