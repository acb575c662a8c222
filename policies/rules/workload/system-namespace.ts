/**
 * Workloads and the objects they use live outside the namespaces Kubernetes reserves for itself.
 * kube-system holds the control plane's most privileged ServiceAccounts and is usually exempt from
 * Pod Security Admission and from Bulwark's guardrails; kube-public is readable by every client,
 * unauthenticated ones included; kube-node-lease only holds node heartbeats.
 *
 * Fields: metadata.namespace
 * Kinds: pod-bearing kinds, Services, ConfigMaps, Secrets, ServiceAccounts and
 * PersistentVolumeClaims. RBAC objects are left out: a RoleBinding in kube-system is how access to
 * its objects is granted, and the rbac pack judges what it grants.
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

const RESERVED: Readonly<Record<string, string>> = {
  'kube-system': 'reserved for the objects of the Kubernetes system',
  'kube-public': 'readable by every client, unauthenticated ones included',
  'kube-node-lease': 'reserved for node heartbeat Leases',
};

export const systemNamespace = defineRule({
  id: 'workload.system-namespace',
  title: 'Workloads are not in kube-system, kube-public or kube-node-lease',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:namespaces', 'kbp:NS-002'],
  kinds: [
    ...POD_BEARING_KINDS,
    'ConfigMap',
    'PersistentVolumeClaim',
    'Secret',
    'Service',
    'ServiceAccount',
  ].sort(),
  description:
    'The system namespaces sit next to the most privileged identities of the cluster and outside the Pod Security and guardrail boundaries of application namespaces, so anything placed there escapes them.',
  remediation: 'Move the object to a dedicated application namespace.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
  ],
  check(target) {
    const namespace = target.object.metadata?.namespace;
    if (namespace === undefined || !Object.prototype.hasOwnProperty.call(RESERVED, namespace)) return [];
    return [
      {
        path: 'metadata.namespace',
        message: `object is in the "${namespace}" namespace, which is ${RESERVED[namespace]}`,
      },
    ];
  },
});
