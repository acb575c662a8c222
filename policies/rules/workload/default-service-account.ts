/**
 * Pods run as a dedicated ServiceAccount, not the namespace's `default` one, which every pod
 * without a name shares, so any permission granted to it leaks to all of them.
 *
 * Fields: spec.serviceAccountName (and the deprecated spec.serviceAccount)
 * Allowed: a name other than `default`.
 */
import { podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { serviceAccountNameOf } from '../../analysis/service-accounts';
import { defineRule } from '../../rule';

export const defaultServiceAccount = defineRule({
  id: 'workload.default-service-account',
  title: 'Pods use a dedicated service account',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.1.5', 'nsa:authentication-authorization', 'kbp:SA-002'],
  kinds: POD_BEARING_KINDS,
  description:
    'The `default` ServiceAccount is shared by every pod of the namespace that names none, so permissions granted to it reach all of them.',
  remediation: 'Create a ServiceAccount per app and set `serviceAccountName` to it.',
  references: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod || serviceAccountNameOf(pod) !== 'default') return [];
    return [
      { path: `${pod.specPath}.serviceAccountName`, message: 'pods run as the "default" service account' },
    ];
  },
});
