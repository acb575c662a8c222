/**
 * A namespace's `default` ServiceAccount does not mount its token. Every pod that names no
 * ServiceAccount runs as `default`; with automount off at the account, such a pod gets no API
 * credential unless it asks for one itself.
 *
 * Fields: automountServiceAccountToken of a ServiceAccount named `default`
 * Allowed: `false`. Unset means true.
 */
import { defineRule } from '../../rule';

export const defaultServiceAccountToken = defineRule({
  id: 'workload.default-service-account-token',
  title: 'The default service account does not mount its token',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.1.5', 'nsa:authentication-authorization', 'kbp:SA-003'],
  kinds: ['ServiceAccount'],
  description:
    'Pods that name no ServiceAccount run as `default`; if it mounts its token, each of them carries an API credential it never asked for.',
  remediation:
    'Set `automountServiceAccountToken: false` on the `default` ServiceAccount of every namespace.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  ],
  check(target) {
    const account = target.object;
    if (account.metadata?.name !== 'default' || account.automountServiceAccountToken === false) return [];
    return [
      {
        path: 'automountServiceAccountToken',
        message: `the "default" service account mounts its token (automountServiceAccountToken is ${
          account.automountServiceAccountToken === undefined
            ? 'unset'
            : JSON.stringify(account.automountServiceAccountToken)
        })`,
      },
    ];
  },
});
