/**
 * Cross-object rules index by namespace through context.memo, so a large input stays linear. This
 * guards against an accidental O(n^2) scan: about 20,000 objects (2,000 small apps in 100 namespaces).
 * The bound is loose on purpose (a quadratic rule would take minutes); the measured time is ~1 s.
 */
import { evaluate } from '../../../policies/engine';
import { NETWORK_RULES } from '../../../policies/rules/network';
import { RBAC_RULES } from '../../../policies/rules/rbac';
import { SECRETS_RULES } from '../../../policies/rules/secrets';
import { SERVICES_RULES } from '../../../policies/rules/services';
import { WORKLOAD_RULES } from '../../../policies/rules/workload';
import type { K8sObject, SourceObject } from '../../../policies/types';

const RULES = [...WORKLOAD_RULES, ...NETWORK_RULES, ...RBAC_RULES, ...SECRETS_RULES, ...SERVICES_RULES];

function app(namespace: string, name: string): K8sObject[] {
  const meta = { name, namespace, labels: { 'app.kubernetes.io/name': name } };
  const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, automountServiceAccountToken: false },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta,
      spec: {
        replicas: 2,
        selector,
        template: {
          metadata: { labels: meta.labels },
          spec: {
            serviceAccountName: name,
            containers: [{ name, image: 'app:1.0', env: [{ name: 'MODE', value: 'serve' }] }],
            volumes: [{ name: 'db', secret: { secretName: `${name}-db` } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: { selector: meta.labels, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta,
      spec: { maxUnavailable: 1, selector },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta,
      spec: { podSelector: selector, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'gw' } } }] }] },
    },
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { ...meta, name: `${name}-db` },
      spec: {},
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta,
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name }],
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta,
      data: { LOG_LEVEL: 'info', 'app.properties': 'a=b\nc=d' },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: { scaleTargetRef: { kind: 'Deployment', name }, minReplicas: 2, maxReplicas: 6 },
    },
  ];
}

function input(namespaces: number, appsPerNamespace: number): SourceObject[] {
  const objects: K8sObject[] = [];
  for (let n = 0; n < namespaces; n++) {
    const namespace = `ns-${n}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    for (let a = 0; a < appsPerNamespace; a++) objects.push(...app(namespace, `app-${a}`));
  }
  return objects.map((object, i) => ({ object, file: 'scale.yaml', line: i + 1 }));
}

test('about 20,000 objects in 100 namespaces evaluate in linear time', () => {
  const objects = input(100, 20);
  expect(objects.length).toBeGreaterThan(20_000);
  const started = Date.now();
  const report = evaluate(objects, { rules: RULES });
  const elapsed = Date.now() - started;
  expect(report.summary.objects).toBe(objects.length);
  expect(report.findings.some((f) => f.message.startsWith('rule failed'))).toBe(false);
  expect(elapsed).toBeLessThan(15_000);
});
