/**
 * The admission guardrails on a real API server: once Bulwark's ValidatingAdmissionPolicies are in,
 * the whole blueprint is admitted as new objects, and hand-written non-compliant objects in a
 * managed namespace are denied with the rule id in the message.
 */
import { apply, applyAll, kubectl } from './kube';
import { crdObjects, distObjects } from './dist';
import { evaluate } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';

const objects = distObjects('dev');
const clusterScoped = objects.filter((o) => !o.metadata.namespace && o.kind !== 'Namespace');
const namespaced = objects.filter((o) => o.metadata.namespace || o.kind === 'Namespace');

/** The blueprint's own web Deployment, renamed and given one violation: the host network. */
const hostNetworkDeployment = (name: string) => {
  const web = structuredClone(objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web')!);
  web.metadata.name = name;
  web.spec.template.spec.hostNetwork = true;
  return web;
};

/** The blueprint's web Deployment, renamed, with its container changed by `change`. */
const webVariant = (name: string, change: (container: Record<string, any>) => void) => {
  const web = structuredClone(objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web')!);
  web.metadata.name = name;
  change(web.spec.template.spec.containers[0]);
  return web;
};
const DIGEST = `@sha256:${'0123456789abcdef'.repeat(4)}`;

/** Rule ids the engine reports for one object (in the context of the blueprint). */
const engineRuleIds = (object: Record<string, any>) =>
  evaluate(
    [...objects, object].map((o, i) => ({ object: o, file: 'dev', line: i + 1 })),
    { rules: ALL_RULES, pss: { level: 'restricted' } },
  )
    .findings.filter((f) => f.object.name === object.metadata.name && f.object.kind === object.kind)
    .map((f) => f.ruleId);

/** Dry-run applies `object`, returning the API server's answer. */
const attempt = (object: unknown) => apply(object, ['--dry-run=server']);

beforeAll(async () => {
  const crds = crdObjects();
  expect(applyAll(crds).status).toBe(0);
  kubectl([
    'wait',
    '--for=condition=Established',
    '--timeout=120s',
    ...crds.map((c) => `crd/${c.metadata.name}`),
  ]);
  const names = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  expect(
    kubectl(['delete', 'namespace', ...names, '--ignore-not-found', '--wait=true', '--timeout=180s']).stderr,
  ).toBe('');

  // Guardrails first, then wait until the API server enforces them (policies load asynchronously).
  const r = applyAll(clusterScoped);
  expect(r.stderr).toBe('');
  expect(applyAll(objects.filter((o) => o.kind === 'Namespace')).status).toBe(0);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (/\[pss\.baseline\.hostNamespaces\]/.test(attempt(hostNetworkDeployment('probe')).stderr)) break;
    if (Date.now() > deadline)
      throw new Error('the ValidatingAdmissionPolicies were not enforced within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
});

test('the guardrails are installed: policies with their bindings', () => {
  const policies = JSON.parse(kubectl(['get', 'validatingadmissionpolicies', '-o', 'json']).stdout).items.map(
    (p: any) => p.metadata.name,
  );
  const bindings = JSON.parse(
    kubectl(['get', 'validatingadmissionpolicybindings', '-o', 'json']).stdout,
  ).items.map((b: any) => b.spec.policyName);
  expect(policies.filter((n: string) => n.startsWith('bulwark-')).length).toBeGreaterThanOrEqual(5);
  for (const p of policies.filter((n: string) => n.startsWith('bulwark-'))) expect(bindings).toContain(p);
});

test('the whole reference blueprint is admitted as new objects', () => {
  const problems: string[] = [];
  for (const object of namespaced.filter((o) => o.kind !== 'Namespace')) {
    const r = apply(object);
    if (r.status !== 0 || r.warnings.length > 0)
      problems.push(
        `${object.kind} ${object.metadata.namespace}/${object.metadata.name}: ${r.stderr.trim()}`,
      );
  }
  expect(problems).toEqual([]);
});

test.each([
  ['a Deployment on the host network', () => hostNetworkDeployment('rogue'), 'pss.baseline.hostNamespaces'],
  [
    'a Role with a wildcard verb',
    () => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'everything', namespace: 'storefront' },
      // Leases, not ConfigMaps: `*` on configmaps also grants update, which rbac.configmap-write
      // judges first, and the API server names only the first validation that fails.
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['*'] }],
    }),
    'rbac.wildcard-rules',
  ],
  [
    'a NodePort Service',
    () => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'exposed', namespace: 'storefront' },
      spec: {
        type: 'NodePort',
        selector: { 'app.kubernetes.io/name': 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      },
    }),
    'services.node-port',
  ],
  [
    'a NetworkPolicy open to the internet',
    () => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'open', namespace: 'storefront' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8080 }] }],
      },
    }),
    'network.allow-all-peers',
  ],
  [
    'a Service publishing SSH',
    () => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ssh', namespace: 'storefront' },
      spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 22, targetPort: 2222 }] },
    }),
    'network.ssh-port',
  ],
  [
    'the Namespace itself relabelled to enforce privileged',
    () => {
      const ns = structuredClone(
        objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'storefront')!,
      );
      ns.metadata.labels['pod-security.kubernetes.io/enforce'] = 'privileged';
      return ns;
    },
    'workload.namespace-pod-security',
  ],
  // The workload pack's regular expressions, run by the API server's RE2.
  [
    'a Deployment whose container runs sudo in a shell script',
    () =>
      webVariant('sudoer', (c) => {
        c.command = ['/bin/sh', '-c'];
        c.args = ['set -e\nsudo -u web /app/server'];
      }),
    'workload.sudo-command',
  ],
  [
    'a Deployment pulling from the frozen k8s.gcr.io',
    () => webVariant('frozen', (c) => (c.image = `K8S.gcr.io/pause:3.9${DIGEST}`)),
    'workload.deprecated-registry',
  ],
  [
    'a Deployment running Tiller on every interface',
    () =>
      webVariant('tiller', (c) => {
        c.image = `ghcr.io/helm/tiller:v2.17.0${DIGEST}`;
        c.args = ['--listen=localhost:44134', '--listen=0.0.0.0:44134'];
      }),
    'workload.tiller',
  ],
])(
  '%s in a managed namespace is denied with the rule id, as the engine reports it',
  (_what, make, ruleId) => {
    const object = make();
    expect(engineRuleIds(object)).toContain(ruleId);
    const r = attempt(object);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('denied request');
    expect(r.stderr).toContain(`[${ruleId}]`);
  },
);

test('an unmanaged namespace is not subject to the guardrails (PSA still applies to pods)', () => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'unmanaged-scratch' } };
  expect(apply(ns).status).toBe(0);
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'everything', namespace: 'unmanaged-scratch' },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  };
  expect(attempt(role).stderr).not.toContain('[rbac.wildcard-rules]');
});

afterAll(() => {
  kubectl(['delete', 'namespace', 'unmanaged-scratch', '--ignore-not-found', '--wait=false']);
});
