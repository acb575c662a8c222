/**
 * What the API server itself enforces on Bulwark namespaces: Pod Security Admission rejects a
 * hostile pod with the upstream message, custom resources are validated against the upstream CRD
 * schemas, and a container that drops the hardening is reported against the object at fault.
 */
import { apply, kubectl } from './kube';
import { crdObjects, distObjects } from './dist';

beforeAll(() => {
  for (const crd of crdObjects()) expect(apply(crd).status).toBe(0);
  kubectl([
    'wait',
    '--for=condition=Established',
    '--timeout=120s',
    ...crdObjects().map((c) => `crd/${c.metadata.name}`),
  ]);
  for (const o of distObjects('dev').filter((o) => o.kind === 'Namespace')) expect(apply(o).status).toBe(0);
});

test('a hostile pod in a Bulwark namespace is rejected by Pod Security Admission', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hostile', namespace: 'storefront' },
    spec: {
      hostNetwork: true,
      containers: [
        {
          name: 'shell',
          image: 'registry.example.com/tools/shell:1.0',
          securityContext: { privileged: true, runAsUser: 0 },
        },
      ],
    },
  };
  const r = apply(pod);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(
    'pods "hostile" is forbidden: violates PodSecurity "restricted:v1.37": host namespaces (hostNetwork=true)',
  );
  expect(r.stderr).toContain('privileged (container "shell" must not set securityContext.privileged=true)');
  expect(r.stderr).toContain('runAsUser=0 (container "shell" must not set runAsUser=0)');
});

test('every custom resource kind Bulwark emits is schema-checked: a deliberately invalid one is rejected', () => {
  const dev = distObjects('dev');
  const vss =
    dev.find((o) => o.kind === 'VaultStaticSecret') ?? dev.find((o) => o.kind === 'VaultDynamicSecret');
  expect(vss).toBeDefined();
  const broken = structuredClone(vss!);
  broken.metadata.name = 'broken-refresh';
  broken.spec.refreshAfter = '1d';
  const r = apply(broken);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/spec\.refreshAfter/);

  const es = dev.find((o) => o.kind === 'ExternalSecret');
  expect(es).toBeDefined();
  const unknownField = structuredClone(es!);
  unknownField.metadata.name = 'broken-field';
  unknownField.spec.target.creationPolicy = 'Sometimes';
  const r2 = apply(unknownField);
  expect(r2.status).not.toBe(0);
  expect(r2.stderr).toMatch(/creationPolicy/);
});

test('breaking the output on purpose (no drop ALL) is reported against the object', () => {
  const web = distObjects('dev').find((o) => o.kind === 'Deployment' && o.metadata.name === 'web')!;
  const broken = structuredClone(web);
  broken.metadata.name = 'web-broken';
  broken.spec.selector.matchLabels['app.kubernetes.io/instance'] = 'storefront-web-broken';
  broken.spec.template.metadata.labels['app.kubernetes.io/instance'] = 'storefront-web-broken';
  delete broken.spec.template.spec.containers[0].securityContext.capabilities;
  const r = apply(broken, ['--dry-run=server']);
  // The guardrails (ValidatingAdmissionPolicies) may deny it outright; PSA at least warns.
  const said = `${r.stderr}`;
  expect(said).toMatch(/web-broken|capabilities/);
  expect(said).toContain('capabilities.drop=["ALL"]');
});
