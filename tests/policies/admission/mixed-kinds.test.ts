/**
 * Policies whose pack guards pod-bearing kinds and other kinds together (the workload pack judges
 * Namespaces, the network pack Services and pod ports): other objects see an empty pod, are judged
 * on every update, and cluster-scoped ones are bound by their own label.
 */
import { admissionPolicies, type AdmissionObject } from '../../../policies/admission';
import { evaluatePolicies } from '../../../policies/admission/offline';
import type { K8sObject } from '../../../policies/types';

const SELECTOR = { 'bulwark.dev/managed': 'true' };
const objects = admissionPolicies({ selector: SELECTOR });
const policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
const specOf = (o: AdmissionObject) => o.spec as Record<string, any>;

const namespace = (labels: Record<string, string>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'shop', labels: { 'bulwark.dev/managed': 'true', ...labels } },
});
const PINNED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'v1.37',
};

/** Every verdict for `object`, failing the test on an evaluation error. */
function verdicts(object: K8sObject, oldObject?: K8sObject) {
  const out = evaluatePolicies(policies, object, oldObject ? { operation: 'UPDATE', oldObject } : undefined);
  expect(out.filter((v) => v.error !== undefined)).toEqual([]);
  return out;
}
const denied = (object: K8sObject, oldObject?: K8sObject) =>
  verdicts(object, oldObject)
    .filter((v) => !v.allowed)
    .map((v) => v.ruleId);

describe('Namespaces in the workload policy', () => {
  test('are bound by their own label, pod-bearing kinds by their namespace label', () => {
    const workload = objects.filter(
      (o) => o.kind === 'ValidatingAdmissionPolicyBinding' && specOf(o).policyName === 'bulwark-workload',
    );
    expect(workload.map((b) => b.metadata.name).sort()).toEqual([
      'bulwark-workload',
      'bulwark-workload-cluster-scoped',
    ]);
    const cluster = workload.find((b) => b.metadata.name === 'bulwark-workload-cluster-scoped')!;
    expect(specOf(cluster).matchResources).toEqual({
      objectSelector: { matchLabels: SELECTOR },
      resourceRules: [
        { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['namespaces'] },
      ],
    });
    const namespaced = workload.find((b) => b.metadata.name === 'bulwark-workload')!;
    const resources = specOf(namespaced).matchResources.resourceRules.flatMap(
      (r: { resources: string[] }) => r.resources,
    );
    expect(resources).not.toContain('namespaces');
    expect(resources).toContain('deployments');
  });

  test('a managed Namespace must enforce baseline or restricted at a valid version', () => {
    expect(denied(namespace(PINNED))).toEqual([]);
    expect(denied(namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }))).toEqual([]);
    expect(denied(namespace({}))).toEqual(['workload.namespace-pod-security']);
    expect(denied(namespace({ ...PINNED, 'pod-security.kubernetes.io/enforce': 'privileged' }))).toEqual([
      'workload.namespace-pod-security',
    ]);
    expect(denied(namespace({ ...PINNED, 'pod-security.kubernetes.io/enforce-version': 'v1.037' }))).toEqual([
      'workload.namespace-pod-security',
    ]);
  });

  test('is judged on every update, unlike pod templates (relabelling to privileged is denied)', () => {
    const weakened = namespace({ ...PINNED, 'pod-security.kubernetes.io/enforce': 'privileged' });
    expect(denied(weakened, namespace(PINNED))).toEqual(['workload.namespace-pod-security']);
    expect(denied(weakened, weakened)).toEqual(['workload.namespace-pod-security']);
  });

  test('pod guards of the same policy keep skipping updates that leave the pod template alone', () => {
    const deployment = (replicas: number): K8sObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'shop' },
      spec: { replicas, template: { spec: { containers: [{ name: 'app', image: 'app:latest' }] } } },
    });
    expect(denied(deployment(1))).toContain('workload.image-tag');
    expect(verdicts(deployment(0), deployment(1))).toEqual([]);
  });
});

describe('Services and pods in the network policy', () => {
  const service = (ports: Record<string, unknown>[]): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'git', namespace: 'dev' },
    spec: { selector: { app: 'git' }, ports },
  });

  test('a Service is judged on its ports, with a named targetPort left to the pods', () => {
    expect(denied(service([{ port: 443, targetPort: 'https', protocol: 'TCP' }]))).toEqual([]);
    expect(denied(service([{ port: 22, targetPort: 2222, protocol: 'TCP' }]))).toEqual(['network.ssh-port']);
    expect(denied(service([{ port: 8022, targetPort: 22, protocol: 'TCP' }]))).toEqual(['network.ssh-port']);
    expect(denied(service([{ port: 2222, targetPort: 2222, protocol: 'UDP' }]))).toEqual([]);
  });

  test('a pod is judged on every container port', () => {
    const pod = (ports: Record<string, unknown>[]): K8sObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'dev', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs' }] },
      spec: {
        initContainers: [{ name: 'init', image: 'init:1.0', ports }],
        containers: [{ name: 'app', image: 'app:1.0' }],
      },
    });
    expect(denied(pod([{ containerPort: 8080 }]))).not.toContain('network.ssh-port');
    expect(denied(pod([{ containerPort: 22, protocol: 'TCP' }]))).toContain('network.ssh-port');
  });
});
