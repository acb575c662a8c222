/** The `rbac` pack: dangerous grants in Roles/ClusterRoles and dangerous subjects in bindings. */
import type { Rule } from '../../rule';
import { anonymousBinding } from './anonymous-binding';
import { authenticatedGroupBinding } from './authenticated-group-binding';
import { clusterAdminBinding } from './cluster-admin-binding';
import { createPods } from './create-pods';
import { csrApproval } from './csr-approval';
import { defaultServiceAccountBinding } from './default-service-account-binding';
import { escalateBindImpersonate } from './escalate-bind-impersonate';
import { nodesProxy } from './nodes-proxy';
import { podExec } from './pod-exec';
import { secretsRead } from './secrets-read';
import { serviceAccountToken } from './service-account-token';
import { webhookConfig } from './webhook-config';
import { wildcardRules } from './wildcard-rules';

/** Rules of the `rbac` pack. */
export const RBAC_RULES: readonly Rule[] = [
  anonymousBinding,
  authenticatedGroupBinding,
  clusterAdminBinding,
  createPods,
  csrApproval,
  defaultServiceAccountBinding,
  escalateBindImpersonate,
  nodesProxy,
  podExec,
  secretsRead,
  serviceAccountToken,
  webhookConfig,
  wildcardRules,
];
