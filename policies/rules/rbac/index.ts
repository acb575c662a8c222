/**
 * The `rbac` pack: dangerous grants in Roles/ClusterRoles, dangerous subjects and references in
 * bindings, and workloads running as over-privileged service accounts.
 */
import type { Rule } from '../../rule';
import { anonymousBinding } from './anonymous-binding';
import { auditTrailDeletion } from './audit-trail-deletion';
import { authenticatedGroupBinding } from './authenticated-group-binding';
import { clusterAdminBinding } from './cluster-admin-binding';
import { configmapWrite } from './configmap-write';
import { createPersistentVolumes } from './create-persistent-volumes';
import { createPods } from './create-pods';
import { csrApproval } from './csr-approval';
import { defaultServiceAccountBinding } from './default-service-account-binding';
import { deleteRights } from './delete-rights';
import { ephemeralContainers } from './ephemeral-containers';
import { escalateBindImpersonate } from './escalate-bind-impersonate';
import { nodesProxy } from './nodes-proxy';
import { podExec } from './pod-exec';
import { roleRefMissing } from './role-ref-missing';
import { secretsRead } from './secrets-read';
import { serviceAccountToken } from './service-account-token';
import { statusSubresourceWrite } from './status-subresource-write';
import { systemMastersBinding } from './system-masters-binding';
import { webhookConfig } from './webhook-config';
import { wildcardRules } from './wildcard-rules';
import { workloadServiceAccountPrivileged } from './workload-service-account-privileged';

/** Rules of the `rbac` pack. */
export const RBAC_RULES: readonly Rule[] = [
  anonymousBinding,
  auditTrailDeletion,
  authenticatedGroupBinding,
  clusterAdminBinding,
  configmapWrite,
  createPersistentVolumes,
  createPods,
  csrApproval,
  defaultServiceAccountBinding,
  deleteRights,
  ephemeralContainers,
  escalateBindImpersonate,
  nodesProxy,
  podExec,
  roleRefMissing,
  secretsRead,
  serviceAccountToken,
  statusSubresourceWrite,
  systemMastersBinding,
  webhookConfig,
  wildcardRules,
  workloadServiceAccountPrivileged,
];
