/** The Vault side from hand-made data: one policy and one auth role per entry, under one provider. */
import type { VaultSide } from '../../environments/vault';
import { registerVaultSide } from '../../stacks/vault';
import { installMocks, settle, valueOf } from './mocks';

const ADDRESS = 'https://vault.example:8200';

const policy = (name: string, path: string) => ({
  name,
  app: name,
  identity: 'app' as const,
  rules: [{ path, capabilities: ['read'], reason: 'reads its secrets' }],
  hcl: `path "${path}" {\n  capabilities = ["read"]\n}\n`,
});

const DATA: VaultSide = {
  policies: [
    policy('commerce-checkout-read', 'kv/data/commerce/checkout/payments'),
    policy('finance-ledger-read', 'kv/data/finance/ledger/db'),
  ],
  roles: [
    {
      name: 'commerce-checkout',
      backend: 'kubernetes-prod',
      aliasNameSource: 'serviceaccount_uid',
      boundServiceAccountNames: ['checkout'],
      boundServiceAccountNamespaces: ['commerce'],
      tokenPolicies: ['commerce-checkout-read'],
      audience: 'vault',
      tokenTtl: 600,
      tokenMaxTtl: 1200,
    },
    {
      name: 'finance-ledger',
      backend: 'kubernetes-prod',
      aliasNameSource: 'serviceaccount_uid',
      audience: 'vault',
      boundServiceAccountNames: ['ledger'],
      boundServiceAccountNamespaces: ['finance'],
      tokenPolicies: ['finance-ledger-read', 'default'],
      tokenPeriod: 3600,
    },
  ],
};

describe('registerVaultSide', () => {
  it('registers the policies and roles as given, under an explicit Vault provider', async () => {
    const registered = await installMocks('prod');
    const side = registerVaultSide(DATA, { address: ADDRESS });
    await Promise.all([...side.roles.values()].map((r) => valueOf(r.urn)));
    await settle(registered);

    const provider = registered.find((r) => r.type === 'pulumi:providers:vault');
    expect(provider).toMatchObject({ name: 'vault', inputs: { address: ADDRESS } });
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const policies = registered.filter((r) => r.type === 'vault:index/policy:Policy').sort(byName);
    expect(policies.map((r) => [r.name, r.inputs.name, r.inputs.policy])).toEqual(
      DATA.policies.map((p) => [`vault-policy-${p.name}`, p.name, p.hcl]),
    );
    const roles = registered
      .filter((r) => r.type === 'vault:kubernetes/authBackendRole:AuthBackendRole')
      .sort(byName);
    expect(roles.map((r) => r.name)).toEqual(['vault-role-commerce-checkout', 'vault-role-finance-ledger']);
    expect(roles[0].inputs).toEqual({
      backend: 'kubernetes-prod',
      roleName: 'commerce-checkout',
      boundServiceAccountNames: ['checkout'],
      boundServiceAccountNamespaces: ['commerce'],
      tokenPolicies: ['commerce-checkout-read'],
      aliasNameSource: 'serviceaccount_uid',
      audience: 'vault',
      tokenTtl: 600,
      tokenMaxTtl: 1200,
    });
    expect(roles[1].inputs).toMatchObject({
      roleName: 'finance-ledger',
      tokenPeriod: 3600,
      tokenPolicies: ['finance-ledger-read', 'default'],
    });
    expect(roles[1].inputs.tokenTtl).toBeUndefined();
    for (const r of registered.filter((r) => r.type.startsWith('vault:'))) {
      expect(r.provider).toMatch(/::pulumi:providers:vault::vault::vault-id$/);
    }
  });

  it('refuses a role that names an undefined policy, before creating anything', async () => {
    const registered = await installMocks('prod');
    const bad: VaultSide = { ...DATA, roles: [{ ...DATA.roles[0], tokenPolicies: ['nope'] }] };
    expect(() => registerVaultSide(bad, { address: ADDRESS })).toThrow(
      /Vault role 'commerce-checkout' names policy 'nope', which the Vault side does not define/,
    );
    await settle(registered);
    expect(registered).toEqual([]);
  });
});
