/**
 * The Vault side, derived from the same declarations as the Kubernetes side: per identity a
 * least-privilege policy and a Kubernetes auth role. Plain data, so `bulwark synth` can write it
 * as files and the Pulumi stacks can hand it to `@pulumi/vault`.
 *
 * Identities: an app's own ServiceAccount (VSO and the Agent Injector log in as it), and a
 * namespace's External Secrets reader (ESO logs in as it for every app of the namespace). Each app
 * gets one policy per identity that reads for it (`app.<ns>.<app>`, `eso.<ns>.<app>`), so neither
 * identity can read what only the other needs.
 *
 * Capabilities: `read` on exactly the kv-v2 data paths read (`<mount>/data/<path>`, which also
 * serves `?version=N`) and on `<mount>/creds/<role>` for database credentials. No `metadata/`
 * grant: ESO reads metadata only for `metadataPolicy: Fetch` or `dataFrom.find`, VSO's kv-v2 reads
 * go to `data/` only, and the agent reads the annotated `data/` path, and Bulwark emits none of the
 * former. No `list`, no globs. `sys/leases/revoke` (update, restricted to the credentials' own lease
 * ids) only where VSO revokes a lease on delete; renewal and token self-lookup come from Vault's
 * `default` policy, which every role keeps (ESO and VSO call `auth/token/lookup-self`).
 */
import type { IConstruct } from 'constructs';
import { AppSecrets } from './app-secrets';
import { SecretBackend } from './declaration';
import { appRoleName, esoPolicyName, esoRoleName } from './names';
import type { ResolvedSecret } from './resolve';
import { VAULT_DEFAULTS } from './vault-settings';

/** One `path` block of a policy. */
export interface VaultPolicyRule {
  readonly path: string;
  readonly capabilities: readonly string[];
  /** Parameter name → allowed values (globs `*` at either end, as Vault allows). */
  readonly allowedParameters?: Readonly<Record<string, readonly string[]>>;
  /** Why the rule exists (rendered as a comment). */
  readonly reason: string;
}

/** A Vault ACL policy. */
export interface VaultPolicy {
  readonly name: string;
  /** The app it serves, `namespace/app`. */
  readonly app: string;
  /** Which identity it is attached to. */
  readonly identity: 'app' | 'eso';
  readonly rules: readonly VaultPolicyRule[];
  /** The policy text. */
  readonly hcl: string;
}

/**
 * A role of the Kubernetes auth method. Field names are `@pulumi/vault`'s
 * `kubernetes.AuthBackendRole` arguments (with `name` as `roleName`); `roleRequestBody` gives
 * Vault's HTTP API body.
 */
export interface VaultKubernetesRole {
  readonly name: string;
  /** The auth mount, e.g. `kubernetes-prod`; the role lives at `auth/<backend>/role/<name>`. */
  readonly backend: string;
  readonly boundServiceAccountNames: readonly string[];
  readonly boundServiceAccountNamespaces: readonly string[];
  /** Token audience the role accepts: `vault`, matching what every Bulwark client requests. */
  readonly audience: string;
  /** Aliases keyed by ServiceAccount UID: a re-created account with the same name is a new entity. */
  readonly aliasNameSource: 'serviceaccount_uid';
  readonly tokenPolicies: readonly string[];
  /** Seconds; set for identities that only read kv secrets. */
  readonly tokenTtl?: number;
  readonly tokenMaxTtl?: number;
  /** Seconds; set instead for identities holding leases (database credentials), see VAULT_DEFAULTS. */
  readonly tokenPeriod?: number;
}

/** Everything Vault needs for one environment. */
export interface VaultSide {
  readonly policies: readonly VaultPolicy[];
  readonly roles: readonly VaultKubernetesRole[];
}

/** Collects the Vault side of every app with secrets under `scope` (a Platform chart). */
export function renderVaultSide(scope: IConstruct): VaultSide {
  const apps = scope.node
    .findAll()
    .filter(AppSecrets.isAppSecrets)
    .sort((a, b) => a.app.displayPath.localeCompare(b.app.displayPath));
  const policies: VaultPolicy[] = [];
  const roles: VaultKubernetesRole[] = [];
  const esoByNamespace = new Map<string, { policies: string[]; backend: string }>();
  for (const appSecrets of apps) {
    const { app, secrets, vault } = appSecrets;
    const ns = app.namespace.name;
    const own = secrets.filter((s) => s.backend !== SecretBackend.EXTERNAL_SECRETS);
    if (own.length > 0) {
      const name = appRoleName(ns, app.name);
      policies.push(policy(name, app.displayPath, 'app', own));
      roles.push(
        role(
          name,
          vault.kubernetesAuthMount,
          app.serviceAccountName,
          ns,
          [name],
          own.some((s) => s.source.type === 'database'),
        ),
      );
    }
    const eso = secrets.filter((s) => s.backend === SecretBackend.EXTERNAL_SECRETS);
    if (eso.length > 0) {
      const name = esoPolicyName(ns, app.name);
      policies.push(policy(name, app.displayPath, 'eso', eso));
      const entry = esoByNamespace.get(ns) ?? { policies: [], backend: vault.kubernetesAuthMount };
      entry.policies.push(name);
      esoByNamespace.set(ns, entry);
    }
  }
  for (const [ns, { policies: names, backend }] of esoByNamespace) {
    roles.push(
      role(esoRoleName(ns), backend, VAULT_DEFAULTS.esoReaderServiceAccount, ns, names.sort(), false),
    );
  }
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { policies: policies.sort(byName), roles: roles.sort(byName) };
}

function role(
  name: string,
  backend: string,
  serviceAccount: string,
  namespace: string,
  tokenPolicies: readonly string[],
  holdsLeases: boolean,
): VaultKubernetesRole {
  const lifetime = holdsLeases
    ? { tokenPeriod: VAULT_DEFAULTS.leaseHolderTokenPeriodSeconds }
    : { tokenTtl: VAULT_DEFAULTS.tokenTtlSeconds, tokenMaxTtl: VAULT_DEFAULTS.tokenMaxTtlSeconds };
  return {
    name,
    backend,
    boundServiceAccountNames: [serviceAccount],
    boundServiceAccountNamespaces: [namespace],
    audience: VAULT_DEFAULTS.audience,
    aliasNameSource: 'serviceaccount_uid',
    tokenPolicies: [...tokenPolicies],
    ...lifetime,
  };
}

/** The rules an identity needs for `secrets`: one read rule per distinct path, plus lease revocation. */
export function policyRules(secrets: readonly ResolvedSecret[]): VaultPolicyRule[] {
  const reads = new Map<string, string[]>();
  const revocable: string[] = [];
  for (const s of secrets) {
    reads.set(s.vaultPath, [...(reads.get(s.vaultPath) ?? []), `'${s.name}' (${s.backend})`]);
    if (s.source.type === 'database' && s.source.revoke && s.backend === SecretBackend.VAULT_SECRETS_OPERATOR)
      revocable.push(`${s.vaultPath}/*`);
  }
  const rules: VaultPolicyRule[] = [...reads.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, users]) => ({ path, capabilities: ['read'], reason: `read by secret ${users.join(', ')}` }));
  if (revocable.length > 0) {
    rules.push({
      path: 'sys/leases/revoke',
      capabilities: ['update'],
      allowedParameters: { lease_id: [...new Set(revocable)].sort() },
      reason:
        'VSO revokes these credentials when their VaultDynamicSecret is deleted (revoke: true), and no other lease',
    });
  }
  return rules;
}

const BACKEND_NAMES: Readonly<Record<SecretBackend, string>> = {
  [SecretBackend.EXTERNAL_SECRETS]: 'External Secrets',
  [SecretBackend.VAULT_SECRETS_OPERATOR]: 'Vault Secrets Operator',
  [SecretBackend.AGENT_INJECTOR]: 'Vault Agent',
};

function policy(
  name: string,
  app: string,
  identity: 'app' | 'eso',
  secrets: readonly ResolvedSecret[],
): VaultPolicy {
  const rules = policyRules(secrets);
  const via = [...new Set(secrets.map((s) => BACKEND_NAMES[s.backend]))].join(', ');
  const who =
    identity === 'app'
      ? `${app}'s own ServiceAccount (through ${via})`
      : `namespace ${app.split('/')[0]}'s External Secrets reader, for ${app}`;
  const header = [
    `Policy ${name}: what ${who} may read.`,
    "Generated by Bulwark from the app's secret declarations; it grants nothing else.",
  ];
  return { name, app, identity, rules, hcl: renderHcl(header, rules) };
}

/** Renders rules as HCL. */
export function renderHcl(header: readonly string[], rules: readonly VaultPolicyRule[]): string {
  const blocks = rules.map((r) => {
    const lines = [
      `# ${r.reason}`,
      `path ${JSON.stringify(r.path)} {`,
      `  capabilities = ${JSON.stringify(r.capabilities).replace(/,/g, ', ')}`,
    ];
    if (r.allowedParameters) {
      lines.push('  allowed_parameters = {');
      for (const [key, values] of Object.entries(r.allowedParameters))
        lines.push(`    ${JSON.stringify(key)} = ${JSON.stringify(values).replace(/,/g, ', ')}`);
      lines.push('  }');
    }
    lines.push('}');
    return lines.join('\n');
  });
  return `${header.map((line) => `# ${line}`).join('\n')}\n\n${blocks.join('\n\n')}\n`;
}

/** The body of `vault write auth/<backend>/role/<name> @<name>.json` (Vault's snake_case fields). */
export function roleRequestBody(role: VaultKubernetesRole): Record<string, unknown> {
  const body: Record<string, unknown> = {
    alias_name_source: role.aliasNameSource,
    audience: role.audience,
    bound_service_account_names: [...role.boundServiceAccountNames],
    bound_service_account_namespaces: [...role.boundServiceAccountNamespaces],
    token_policies: [...role.tokenPolicies],
  };
  if (role.tokenTtl !== undefined) body.token_ttl = role.tokenTtl;
  if (role.tokenMaxTtl !== undefined) body.token_max_ttl = role.tokenMaxTtl;
  if (role.tokenPeriod !== undefined) body.token_period = role.tokenPeriod;
  return body;
}
