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
import type { VaultSideData } from '../../stacks/vault';
import { installMocks, pulumiTypeOf, settle, valueOf, type Registered } from './mocks';

const identity = (o: {
  apiVersion?: string;
  kind?: string;
  metadata?: { namespace?: string; name?: string };
}) => `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** A Vault side built by hand: one read policy and one role per app service account. */
function handMadeVaultSide(envName: string): VaultSideData {
  const env = environmentNamed(envName);
  const apps = synthesizeEnvironment(env).blueprint.apps;
  return {
    address: env.vault.address,
    kubernetesAuthMount: env.vault.kubernetesAuthMount,
    policies: apps.map((app) => ({
      name: `${app.namespace.name}-${app.name}-read`,
      hcl: `path "${env.vault.kvMount}/data/${app.namespace.name}/${app.name}/*" {\n  capabilities = ["read"]\n}\n`,
    })),
    roles: apps.map((app) => ({
      roleName: `${app.namespace.name}-${app.name}`,
      boundServiceAccountNames: [app.serviceAccountName],
      boundServiceAccountNamespaces: [app.namespace.name],
      tokenPolicies: [`${app.namespace.name}-${app.name}-read`],
      audience: 'vault',
      tokenTtl: 600,
    })),
  };
}

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
    result = runProgram(loadStackConfig(), { vaultSide: (env) => handMadeVaultSide(env.name) });
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
  });

  it('creates the Vault side only where the environment manages Vault, matching its policies and roles', () => {
    const env = environmentNamed(stack);
    const policies = registered.filter((r) => r.type === 'vault:index/policy:Policy');
    const roles = registered.filter((r) => r.type === 'vault:kubernetes/authBackendRole:AuthBackendRole');
    if (!env.vault.manageVault) {
      expect(
        registered.filter((r) => r.type.startsWith('vault:') || r.type === 'pulumi:providers:vault'),
      ).toEqual([]);
      return;
    }
    const expected = handMadeVaultSide(stack);
    expect(
      policies
        .map((p) => ({ name: p.inputs.name, hcl: p.inputs.policy }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(
      expected.policies
        .map((p) => ({ name: p.name, hcl: p.hcl }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(roles.map((r) => r.inputs.roleName).sort()).toEqual(expected.roles.map((r) => r.roleName).sort());
    for (const role of expected.roles) {
      const registeredRole = roles.find((r) => r.inputs.roleName === role.roleName)!;
      expect(registeredRole.inputs).toMatchObject({
        backend: env.vault.kubernetesAuthMount,
        boundServiceAccountNames: role.boundServiceAccountNames,
        boundServiceAccountNamespaces: role.boundServiceAccountNamespaces,
        tokenPolicies: role.tokenPolicies,
        aliasNameSource: 'serviceaccount_uid',
      });
      expect(registeredRole.provider).toMatch(/::pulumi:providers:vault::vault::/);
    }
    const provider = registered.find((r) => r.type === 'pulumi:providers:vault');
    expect(provider?.inputs.address).toBe(env.vault.address);
  });
});
