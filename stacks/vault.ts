/**
 * The Vault side of an environment (ACL policies and Kubernetes auth roles) as `@pulumi/vault`
 * resources. It takes the Vault side as plain data, so the program, the tests and whatever
 * generates the data (the Vault secrets work in `environments/`) agree on one shape.
 */
import * as pulumi from '@pulumi/pulumi';
import * as vault from '@pulumi/vault';

/** One Vault ACL policy. */
export interface VaultPolicyData {
  /** Policy name, e.g. `commerce-checkout-read`. */
  readonly name: string;
  /** The policy in HCL. */
  readonly hcl: string;
}

/** One role of the Kubernetes auth method. */
export interface VaultRoleData {
  /** Role name, e.g. `commerce-checkout`. */
  readonly roleName: string;
  /** Service accounts the role is bound to. */
  readonly boundServiceAccountNames: readonly string[];
  /** Namespaces of those service accounts. */
  readonly boundServiceAccountNamespaces: readonly string[];
  /** Policies of the tokens the role issues; names of `VaultSideData.policies` or built-ins. */
  readonly tokenPolicies: readonly string[];
  /** Expected `aud` of the service account token. @default none */
  readonly audience?: string;
  /** Token TTL, seconds. @default the mount's */
  readonly tokenTtl?: number;
  /** Token max TTL, seconds. @default the mount's */
  readonly tokenMaxTtl?: number;
}

/** Everything Pulumi manages in Vault for one environment. */
export interface VaultSideData {
  /** Vault address (`https://…`). */
  readonly address: string;
  /** Path of the Kubernetes auth mount the roles belong to. */
  readonly kubernetesAuthMount: string;
  readonly policies: readonly VaultPolicyData[];
  readonly roles: readonly VaultRoleData[];
}

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
  /** Vault token, a secret. @default the provider reads `VAULT_TOKEN` */
  readonly token?: pulumi.Input<string>;
  readonly parent?: pulumi.Resource;
}

/**
 * Creates the Vault side: one explicit `vault.Provider` (named `vault`), one `vault.Policy` per
 * policy (`vault-policy-<name>`) and one `vault.kubernetes.AuthBackendRole` per role
 * (`vault-role-<roleName>`), each role depending on the policies it names. Throws when a role names
 * a policy that is neither in `data.policies` nor `default`.
 */
export function registerVaultSide(
  data: VaultSideData,
  options: RegisterVaultSideOptions = {},
): VaultSideResources {
  const provider = new vault.Provider(
    'vault',
    {
      address: data.address,
      ...(options.token === undefined ? {} : { token: pulumi.secret(options.token) }),
    },
    { parent: options.parent },
  );
  const policies = new Map<string, vault.Policy>();
  for (const policy of data.policies) {
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
  for (const role of data.roles) {
    const dependsOn: pulumi.Resource[] = [];
    for (const name of role.tokenPolicies) {
      const policy = policies.get(name);
      if (policy) dependsOn.push(policy);
      else if (name !== 'default') {
        throw new Error(
          `Vault role '${role.roleName}' names policy '${name}', which the Vault side does not define`,
        );
      }
    }
    roles.set(
      role.roleName,
      new vault.kubernetes.AuthBackendRole(
        `vault-role-${role.roleName}`,
        {
          backend: data.kubernetesAuthMount,
          roleName: role.roleName,
          boundServiceAccountNames: [...role.boundServiceAccountNames],
          boundServiceAccountNamespaces: [...role.boundServiceAccountNamespaces],
          tokenPolicies: [...role.tokenPolicies],
          aliasNameSource: 'serviceaccount_uid',
          ...(role.audience === undefined ? {} : { audience: role.audience }),
          ...(role.tokenTtl === undefined ? {} : { tokenTtl: role.tokenTtl }),
          ...(role.tokenMaxTtl === undefined ? {} : { tokenMaxTtl: role.tokenMaxTtl }),
        },
        { provider, parent: options.parent, dependsOn },
      ),
    );
  }
  return { provider, policies, roles };
}
