/**
 * Objects use API versions that current Kubernetes serves. A removed version fails to apply, and
 * an upgrade blocked on old manifests keeps the cluster on unpatched releases. PodSecurityPolicy
 * (removed in v1.25) has no successor API at all: Pod Security Admission labels replace it.
 *
 * Fields: apiVersion (with kind)
 */
import { defineRule } from '../../rule';

/** `apiVersion kind` (or `apiVersion *`) -> [removed in, replacement]. */
const REMOVED: Readonly<Record<string, readonly [string, string]>> = {
  'extensions/v1beta1 Deployment': ['v1.16', 'apps/v1'],
  'extensions/v1beta1 DaemonSet': ['v1.16', 'apps/v1'],
  'extensions/v1beta1 ReplicaSet': ['v1.16', 'apps/v1'],
  'extensions/v1beta1 NetworkPolicy': ['v1.16', 'networking.k8s.io/v1'],
  'extensions/v1beta1 PodSecurityPolicy': ['v1.16', 'Pod Security Admission'],
  'extensions/v1beta1 Ingress': ['v1.22', 'networking.k8s.io/v1'],
  'apps/v1beta1 *': ['v1.16', 'apps/v1'],
  'apps/v1beta2 *': ['v1.16', 'apps/v1'],
  'networking.k8s.io/v1beta1 *': ['v1.22', 'networking.k8s.io/v1'],
  'rbac.authorization.k8s.io/v1alpha1 *': ['v1.22', 'rbac.authorization.k8s.io/v1'],
  'rbac.authorization.k8s.io/v1beta1 *': ['v1.22', 'rbac.authorization.k8s.io/v1'],
  'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration': [
    'v1.22',
    'admissionregistration.k8s.io/v1',
  ],
  'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration': [
    'v1.22',
    'admissionregistration.k8s.io/v1',
  ],
  'apiextensions.k8s.io/v1beta1 *': ['v1.22', 'apiextensions.k8s.io/v1'],
  'apiregistration.k8s.io/v1beta1 *': ['v1.22', 'apiregistration.k8s.io/v1'],
  'certificates.k8s.io/v1beta1 *': ['v1.22', 'certificates.k8s.io/v1'],
  'coordination.k8s.io/v1beta1 *': ['v1.22', 'coordination.k8s.io/v1'],
  'scheduling.k8s.io/v1beta1 *': ['v1.22', 'scheduling.k8s.io/v1'],
  'storage.k8s.io/v1beta1 CSIStorageCapacity': ['v1.27', 'storage.k8s.io/v1'],
  'storage.k8s.io/v1beta1 *': ['v1.22', 'storage.k8s.io/v1'],
  'batch/v1beta1 *': ['v1.25', 'batch/v1'],
  'discovery.k8s.io/v1beta1 *': ['v1.25', 'discovery.k8s.io/v1'],
  'events.k8s.io/v1beta1 *': ['v1.25', 'events.k8s.io/v1'],
  'autoscaling/v2beta1 *': ['v1.25', 'autoscaling/v2'],
  'autoscaling/v2beta2 *': ['v1.26', 'autoscaling/v2'],
  'policy/v1beta1 PodDisruptionBudget': ['v1.25', 'policy/v1'],
  'policy/v1beta1 PodSecurityPolicy': ['v1.25', 'Pod Security Admission'],
  'node.k8s.io/v1beta1 *': ['v1.25', 'node.k8s.io/v1'],
  'flowcontrol.apiserver.k8s.io/v1beta1 *': ['v1.26', 'flowcontrol.apiserver.k8s.io/v1'],
  'flowcontrol.apiserver.k8s.io/v1beta2 *': ['v1.29', 'flowcontrol.apiserver.k8s.io/v1'],
  'flowcontrol.apiserver.k8s.io/v1beta3 *': ['v1.32', 'flowcontrol.apiserver.k8s.io/v1'],
};

export const deprecatedApiVersion = defineRule({
  id: 'workload.deprecated-api-version',
  title: 'Objects use API versions that are still served',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:META-001', 'kbp:NS-005'],
  kinds: ['*'],
  description: 'Removed API versions fail to apply and pin clusters to old, unpatched Kubernetes releases.',
  remediation: 'Migrate the object to the replacement API version named in the finding.',
  references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  check(target) {
    const { apiVersion, kind } = target.object;
    const hit = REMOVED[`${apiVersion} ${kind}`] ?? REMOVED[`${apiVersion} *`];
    if (hit === undefined) return [];
    const [removedIn, replacement] = hit;
    return [
      {
        path: 'apiVersion',
        message: `apiVersion "${String(apiVersion)}" of ${String(kind)} was removed in Kubernetes ${removedIn}; use "${replacement}"`,
      },
    ];
  },
});
