/**
 * A pod mounts its ServiceAccount token only when the account has Kubernetes API permissions to
 * use. A token with no binding is useless to the app and useful to an intruder (API discovery,
 * and any permission granted to the account later).
 *
 * Effective automount: the pod's `automountServiceAccountToken`; else its ServiceAccount's, when
 * that object is in the input; else true. "Needed" means a RoleBinding or ClusterRoleBinding in
 * the input binds the account (or its group), or the Vault Agent Injector is enabled, which logs
 * in to Vault with that token.
 */
import { namespaceOf, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { boundServiceAccounts } from '../../analysis/rbac';
import { serviceAccountNameOf, tokenMounted } from '../../analysis/service-accounts';
import { defineRule } from '../../rule';

const VAULT_AGENT_ANNOTATION = 'vault.hashicorp.com/agent-inject';

export const automountServiceAccountToken = defineRule({
  id: 'workload.automount-service-account-token',
  title: 'Service account tokens are mounted only where RBAC grants something',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.1.6', 'nsa:pod-security', 'kbp:SA-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'A mounted token whose account has no role bindings serves the app nothing but gives an intruder an API identity.',
  remediation:
    'Set `automountServiceAccountToken: false` on the pod or its ServiceAccount, or bind the role the app needs.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  ],
  check(target, context) {
    const pod = podTargetOf(target.object);
    if (!pod || pod.metadata.annotations?.[VAULT_AGENT_ANNOTATION] === 'true') return [];
    const namespace = namespaceOf(target.object);
    const account = serviceAccountNameOf(pod);
    if (!tokenMounted(context, namespace, pod) || boundServiceAccounts(context).isBound(namespace, account))
      return [];
    return [
      {
        path: `${pod.specPath}.automountServiceAccountToken`,
        message: `pods mount the token of service account "${account}", which no RoleBinding or ClusterRoleBinding in the input binds`,
      },
    ];
  },
});
