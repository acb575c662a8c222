/** The Vault side from hand-made data: one policy and one auth role per entry, under one provider. */
import { registerVaultSide, type VaultSideData } from '../../stacks/vault';
import { installMocks, settle, valueOf } from './mocks';

const DATA: VaultSideData = {
  address: 'https://vault.example:8200',
  kubernetesAuthMount: 'kubernetes-prod',
  policies: [
    {
      name: 'commerce-checkout-read',
      hcl: 'path "kv/data/commerce/checkout/*" {\n  capabilities = ["read"]\n}\n',
    },
    { name: 'finance-ledger-read', hcl: 'path "kv/data/finance/ledger/*" {\n  capabilities = ["read"]\n}\n' },
  ],
  roles: [
    {
      roleName: 'commerce-checkout',
      boundServiceAccountNames: ['checkout'],
      boundServiceAccountNamespaces: ['commerce'],
      tokenPolicies: ['commerce-checkout-read'],
      audience: 'vault',
      tokenTtl: 600,
      tokenMaxTtl: 1200,
    },
    {
      roleName: 'finance-ledger',
      boundServiceAccountNames: ['ledger'],
      boundServiceAccountNamespaces: ['finance'],
      tokenPolicies: ['finance-ledger-read', 'default'],
    },
  ],
};

describe('registerVaultSide', () => {
  it('registers the policies and roles as given, under an explicit Vault provider', async () => {
    const registered = await installMocks('prod');
    const side = registerVaultSide(DATA);
    await Promise.all([...side.roles.values()].map((r) => valueOf(r.urn)));
    await settle(registered);

    const provider = registered.find((r) => r.type === 'pulumi:providers:vault');
    expect(provider).toMatchObject({ name: 'vault', inputs: { address: DATA.address } });
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
    for (const r of registered.filter((r) => r.type.startsWith('vault:'))) {
      expect(r.provider).toMatch(/::pulumi:providers:vault::vault::vault-id$/);
    }
  });

  it('refuses a role that names an undefined policy', async () => {
    await installMocks('prod');
    const bad: VaultSideData = { ...DATA, roles: [{ ...DATA.roles[0], tokenPolicies: ['nope'] }] };
    expect(() => registerVaultSide(bad)).toThrow(/Vault role 'commerce-checkout' names policy 'nope'/);
  });
});
