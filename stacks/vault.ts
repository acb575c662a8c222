/**
 * The Vault side of an environment (ACL policies and Kubernetes auth roles) as `@pulumi/vault`
 * resources. It takes the Vault side as plain data (`environments/vault.ts`, `SynthesizedEnvironment.vault`),
 * the same data `bulwark synth` writes to `dist/<env>/vault/`, so the files and the stack never differ.
 */
import * as pulumi from '@pulumi/pulumi';
import * as vault from '@pulumi/vault';
import type { VaultSide } from '../environments/vault';

/** The resources `registerVaultSide` created. */
export interface VaultSideResources {
  readonly provider: vault.Provider;
  /** By policy name. */
  readonly policies: ReadonlyMap<string, vault.Policy>;
  /** By role name. */
  readonly roles: ReadonlyMap<string, vault.kubernetes.AuthBackendRole>;
}

/** Options of `registerVaultSide`. */
export interface RegisterVaultSideOptions {
  /** Vault address (`https://…`), the environment's `vault.address`. */
  readonly address: string;
  /** Vault token, a secret. @default the provider reads `VAULT_TOKEN` */
  readonly token?: pulumi.Input<string>;
  /** The component that owns the Vault resources. @default - none: they belong to the stack */
  readonly parent?: pulumi.Resource;
}

/** Vault's built-in policies a role may name without the Vault side defining them. */
const BUILT_IN_POLICIES: ReadonlySet<string> = new Set(['default']);

/**
 * Creates the Vault side: one explicit `vault.Provider` (named `vault`), one `vault.Policy` per
 * policy (`vault-policy-<name>`) and one `vault.kubernetes.AuthBackendRole` per role
 * (`vault-role-<name>`), each role depending on the policies it names. Throws when a role names a
 * policy that is neither in `side.policies` nor built in, before creating anything.
 */
export function registerVaultSide(side: VaultSide, options: RegisterVaultSideOptions): VaultSideResources {
  const defined = new Set(side.policies.map((p) => p.name));
  for (const role of side.roles) {
    for (const name of role.tokenPolicies) {
      if (!defined.has(name) && !BUILT_IN_POLICIES.has(name)) {
        throw new Error(
          `Vault role '${role.name}' names policy '${name}', which the Vault side does not define`,
        );
      }
    }
  }

  const provider = new vault.Provider(
    'vault',
    {
      address: options.address,
      ...(options.token === undefined ? {} : { token: pulumi.secret(options.token) }),
    },
    { parent: options.parent },
  );
  const policies = new Map<string, vault.Policy>();
  for (const policy of side.policies) {
    policies.set(
      policy.name,
      new vault.Policy(
        `vault-policy-${policy.name}`,
        { name: policy.name, policy: policy.hcl },
        { provider, parent: options.parent },
      ),
    );
  }
  const roles = new Map<string, vault.kubernetes.AuthBackendRole>();
  for (const role of side.roles) {
    const dependsOn = role.tokenPolicies.flatMap((name) => policies.get(name) ?? []);
    roles.set(
      role.name,
      new vault.kubernetes.AuthBackendRole(
        `vault-role-${role.name}`,
        {
          backend: role.backend,
          roleName: role.name,
          boundServiceAccountNames: [...role.boundServiceAccountNames],
          boundServiceAccountNamespaces: [...role.boundServiceAccountNamespaces],
          audience: role.audience,
          aliasNameSource: role.aliasNameSource,
          tokenPolicies: [...role.tokenPolicies],
          ...(role.tokenTtl === undefined ? {} : { tokenTtl: role.tokenTtl }),
          ...(role.tokenMaxTtl === undefined ? {} : { tokenMaxTtl: role.tokenMaxTtl }),
          ...(role.tokenPeriod === undefined ? {} : { tokenPeriod: role.tokenPeriod }),
        },
        { provider, parent: options.parent, dependsOn },
      ),
    );
  }
  return { provider, policies, roles };
}
