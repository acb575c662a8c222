/**
 * The Pulumi program under mocks, per environment: what is deployed is exactly what is synthesized,
 * under the explicit provider, with no plaintext secret, and the outputs describe it.
 */
import * as pulumi from '@pulumi/pulumi';
import { ENVIRONMENT_NAMES, environmentNamed } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import type { K8sObject } from '../../policies/types';
import { loadStackConfig } from '../../stacks/config';
import { runProgram, type ProgramResult } from '../../stacks/program';
import { resourceNameOf } from '../../stacks/register';
import { allViolations } from '../policies/crossguard-args';
import { installMocks, pulumiTypeOf, settle, valueOf, type Registered } from './mocks';

const identity = (o: {
  apiVersion?: string;
  kind?: string;
  metadata?: { namespace?: string; name?: string };
}) => `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** Plain JSON as the mocks see it (undefined dropped). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));

const SECRET_LOOKING: readonly [string, RegExp][] = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['password assignment', /\bpass(word)?\s*[=:]\s*[^\s$<{]+/i],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['JWT', /\beyJ[\w-]{10,}\.[\w-]{10,}\./],
  ['URL with credentials', /[a-z]+:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

/** Every secret-looking value in `value`, as `path: what`. */
function secretLookingValues(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    return SECRET_LOOKING.filter(([, re]) => re.test(value)).map(([what]) => `${path}: ${what}`);
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => secretLookingValues(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const found = Object.entries(o).flatMap(([k, v]) => secretLookingValues(v, path ? `${path}.${k}` : k));
    // An env var named like a credential must come from a reference, never a literal value.
    if (
      typeof o.name === 'string' &&
      /(password|secret|token|api[-_]?key|credential)/i.test(o.name) &&
      'value' in o
    ) {
      found.push(`${path}: literal value for env var "${o.name}"`);
    }
    return found;
  }
  return [];
}

describe.each(ENVIRONMENT_NAMES)('stack %s under mocks', (stack) => {
  let registered: Registered[];
  let result: ProgramResult;
  let objects: readonly K8sObject[];
  const kubernetes = () => registered.filter((r) => r.type.startsWith('kubernetes:'));

  beforeAll(async () => {
    registered = await installMocks(
      stack,
      { context: `ctx-${stack}`, kubeconfig: 'apiVersion: v1\nkind: Config\n' },
      ['kubeconfig'],
    );
    result = runProgram(loadStackConfig());
    objects = synthesizeEnvironment(environmentNamed(stack)).objects;
    await Promise.all([...result.release.resources.values()].map((r) => valueOf(r.urn)));
    await settle(registered);
  });

  it('deploys exactly the synthesized objects, kind by kind and name by name', () => {
    expect(
      kubernetes()
        .map((r) => identity(r.inputs))
        .sort(),
    ).toEqual(objects.map(identity).sort());
    expect(objects.length).toBeGreaterThan(0);
  });

  it('registers each object as a typed resource named <kind>-<namespace>-<name> with the object as inputs', () => {
    const byName = new Map(kubernetes().map((r) => [r.name, r]));
    for (const object of objects) {
      const resource = byName.get(resourceNameOf(object));
      expect(resource).toBeDefined();
      expect(resource!.type).toBe(pulumiTypeOf(object.apiVersion!, object.kind!));
      expect(resource!.inputs).toEqual(json(object));
    }
    expect(byName.get(`deployment-commerce-checkout`)).toBeDefined();
    expect(byName.get(`namespace-commerce`)).toBeDefined();
  });

  it('uses the explicit server-side-apply provider for every Kubernetes resource', () => {
    const providers = registered.filter((r) => r.type === 'pulumi:providers:kubernetes');
    expect(providers.map((p) => p.name)).toEqual(['kubernetes']);
    expect(providers[0].inputs).toMatchObject({ enableServerSideApply: 'true', context: `ctx-${stack}` });
    for (const resource of kubernetes()) {
      expect(resource.provider).toMatch(/::pulumi:providers:kubernetes::kubernetes::kubernetes-id$/);
    }
  });

  it('passes no plaintext secret in any resource input', () => {
    for (const resource of kubernetes()) {
      if (resource.inputs.kind === 'Secret') {
        expect({
          secret: resource.name,
          data: resource.inputs.data,
          stringData: resource.inputs.stringData,
        }).toEqual({
          secret: resource.name,
          data: undefined,
          stringData: undefined,
        });
      }
    }
    const findings = registered
      .filter((r) => r.type !== 'pulumi:providers:kubernetes')
      .flatMap((r) => secretLookingValues(r.inputs).map((f) => `${r.type} ${r.name} ${f}`));
    expect(findings).toEqual([]);
  });

  it('passes the CrossGuard pack as registered (type tokens and inputs, not the manifests)', async () => {
    const inputs = kubernetes().map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
    const pssVersion = environmentNamed(stack).pssVersion;
    expect(await allViolations(inputs, { pssLevel: 'restricted', pssVersion })).toEqual([]);
    // Control: the same inputs without their NetworkPolicies are reported, so the pass above is not vacuous.
    const open = inputs.filter((i) => i.type !== 'kubernetes:networking.k8s.io/v1:NetworkPolicy');
    expect(await allViolations(open, { pssVersion })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bulwark-stack-errors: \[network\.namespace-default-deny\]/),
      ]),
    );
  });

  it('reads the kubeconfig as a secret', async () => {
    const config = loadStackConfig();
    expect(config.kubeconfig).toBeDefined();
    expect(await pulumi.isSecret(config.kubeconfig!)).toBe(true);
  });

  it('exports namespaces, apps and a passing compliance summary', () => {
    const { namespaces, apps, compliance } = result.outputs;
    expect([...namespaces].sort()).toEqual(
      objects
        .filter((o) => o.kind === 'Namespace')
        .map((o) => o.metadata!.name)
        .sort(),
    );
    expect(apps.map((a) => `${a.namespace}/${a.name}`)).toContain('commerce/checkout');
    for (const app of apps) {
      expect(objects.some((o) => o.kind === app.kind && o.metadata?.namespace === app.namespace)).toBe(true);
    }
    expect(compliance).toMatchObject({ environment: stack, errors: 0, objects: objects.length });
    expect(compliance.pss).toBe(`restricted@${environmentNamed(stack).pssVersion}`);
    expect(compliance.rules).toBeGreaterThan(50);
    const env = environmentNamed(stack);
    const side = result.synthesized.vault;
    expect(result.outputs.vault).toEqual({
      managed: env.vault.manageVault,
      address: env.vault.address,
      policies: env.vault.manageVault ? side.policies.map((p) => p.name) : [],
      roles: env.vault.manageVault ? side.roles.map((r) => r.name) : [],
    });
  });

  it('creates the Vault side only where the environment manages Vault, exactly the generated policies and roles', () => {
    const env = environmentNamed(stack);
    const vaultResources = registered.filter(
      (r) => r.type.startsWith('vault:') || r.type === 'pulumi:providers:vault',
    );
    if (!env.vault.manageVault) {
      expect(vaultResources).toEqual([]);
      return;
    }
    const side = result.synthesized.vault;
    expect(side.policies.length).toBeGreaterThan(0);
    expect(side.roles.length).toBeGreaterThan(0);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const policies = registered.filter((r) => r.type === 'vault:index/policy:Policy').sort(byName);
    expect(policies.map((p) => [p.name, p.inputs.name, p.inputs.policy])).toEqual(
      [...side.policies].sort(byName).map((p) => [`vault-policy-${p.name}`, p.name, p.hcl]),
    );
    const roles = registered
      .filter((r) => r.type === 'vault:kubernetes/authBackendRole:AuthBackendRole')
      .sort(byName);
    expect(roles.map((r) => r.inputs)).toEqual(
      [...side.roles].sort(byName).map(({ name, ...role }) => json({ ...role, roleName: name })),
    );
    for (const r of vaultResources.filter((r) => r.type.startsWith('vault:'))) {
      expect(r.provider).toMatch(/::pulumi:providers:vault::vault::vault-id$/);
    }
    expect(registered.find((r) => r.type === 'pulumi:providers:vault')?.inputs.address).toBe(
      env.vault.address,
    );
  });
});
