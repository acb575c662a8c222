/**
 * The Vault side of an environment as data: the policies and Kubernetes auth roles its blueprint's
 * secret declarations need. `bulwark synth` writes it to `dist/<env>/vault/` (`vaultSideFiles`), and
 * the Pulumi stacks create it with `@pulumi/vault` where the environment's `vault.manageVault` is on
 * (`vault.Policy({name, policy: hcl})`, `vault.kubernetes.AuthBackendRole({roleName: name, ...role})`).
 * Never a secret value: Vault holds those, seeded out of band.
 */
import { renderVaultSide, roleRequestBody, type VaultSide } from '../constructs';
import type { Blueprint } from './blueprint';

export type { VaultKubernetesRole, VaultPolicy, VaultPolicyRule, VaultSide } from '../constructs';

/** The Vault side of a built blueprint (every app with secrets in its chart), sorted by name. */
export function vaultSideOf(blueprint: Pick<Blueprint, 'chart'>): VaultSide {
  return renderVaultSide(blueprint.chart);
}

/**
 * The files of `dist/<env>/vault/`: `<policy>.hcl` (the policy text) and `<role>.json` (the body of
 * `vault write auth/<kubernetesAuthMount>/role/<role> @<role>.json`). Sorted, stable bytes.
 */
export function vaultSideFiles(side: VaultSide): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  for (const policy of side.policies) files.set(`${policy.name}.hcl`, policy.hcl);
  for (const role of side.roles)
    files.set(`${role.name}.json`, `${JSON.stringify(roleRequestBody(role), null, 2)}\n`);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
