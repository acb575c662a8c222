/**
 * The ServiceAccount a pod runs as exists. The API server refuses to create pods whose
 * ServiceAccount is missing, so the workload silently runs no pods; and whoever creates that account
 * later decides what the pods may do. `default` exists in every namespace.
 *
 * Fields: spec.serviceAccountName (or the deprecated spec.serviceAccount) of the pod template
 * Judged: only in namespaces whose Namespace object is in the input, so checking part of an
 * application reports nothing it cannot see.
 */
import { declaresNamespace, exists } from '../../analysis/names';
import { serviceAccountNameOf } from '../../analysis/service-accounts';
import { namespaceOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';

export const serviceAccountMissing = defineRule({
  id: 'workload.service-account-missing',
  title: 'Pods run as a ServiceAccount that exists',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:SA-006'],
  kinds: POD_BEARING_KINDS,
  description:
    'Pods naming a missing ServiceAccount are never created, and the identity they would run as is defined by whoever creates that account later.',
  remediation:
    'Declare the ServiceAccount in the namespace, or point `serviceAccountName` at one that is declared.',
  references: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
  check(target, context) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const namespace = namespaceOf(target.object);
    const account = serviceAccountNameOf(pod);
    if (account === 'default' || !declaresNamespace(context, namespace)) return [];
    if (exists(context, 'ServiceAccount', namespace, account)) return [];
    const field = str(pod.spec.serviceAccountName) ? 'serviceAccountName' : 'serviceAccount';
    return [
      {
        path: `${pod.specPath}.${field}`,
        message: `service account "${account}" is not declared in namespace "${namespace}"`,
      },
    ];
  },
});
