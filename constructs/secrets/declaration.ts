/**
 * What an app declares about a secret: where it lives in Vault, which keys it reads, how the pod
 * consumes them, and which backend brings them into the cluster. Never a value.
 */

/** How a secret reaches the pod. */
export enum SecretBackend {
  /**
   * External Secrets Operator (`external-secrets.io/v1`, Apache-2.0): an `ExternalSecret` per secret
   * through the namespace's `SecretStore`, synced into a Kubernetes Secret the pod mounts.
   */
  EXTERNAL_SECRETS = 'externalSecrets',
  /**
   * Vault Secrets Operator (`secrets.hashicorp.com/v1beta1`, BUSL-1.1): `VaultStaticSecret`, or
   * `VaultDynamicSecret` for database credentials with lease renewal and revocation; restarts the
   * workload itself when a value changes.
   */
  VAULT_SECRETS_OPERATOR = 'vaultSecretsOperator',
  /**
   * Vault Agent Injector: an agent in the pod renders the secret into an in-memory volume. The
   * secret is never stored in etcd. Files only.
   */
  AGENT_INJECTOR = 'agentInjector',
}

/** Dynamic database credentials from Vault's database secrets engine. */
export interface DatabaseCredentials {
  /** The Vault database role; credentials are read from `<mount>/creds/<role>`. */
  readonly role: string;
  /**
   * Mount of the database secrets engine.
   *
   * @default 'database'
   */
  readonly mount?: string;
  /**
   * Renew the lease at this percentage of its TTL (VSO only; 0-90).
   *
   * @default 67
   */
  readonly renewalPercent?: number;
  /**
   * Revoke the lease when the secret is deleted (VSO only), so credentials die with the app.
   *
   * @default true
   */
  readonly revoke?: boolean;
}

/** One Vault-backed secret of an app. */
export interface SecretDeclaration {
  /**
   * Name (DNS-1123 label, unique in the app). The synced Kubernetes Secret is `<app>-<name>`; files
   * go to `/var/run/secrets/bulwark/<name>` by default.
   */
  readonly name: string;
  /**
   * Path of a kv-v2 secret, relative to the mount and without kv-v2's `data/` segment, e.g.
   * `commerce/catalog/db`. Bulwark reads `<mount>/data/<path>`.
   *
   * @default - none; required unless `database` is declared
   */
  readonly path?: string;
  /**
   * The kv-v2 mount.
   *
   * @default - the environment's kv mount
   */
  readonly mount?: string;
  /**
   * Dynamic database credentials instead of a kv secret (backends `vaultSecretsOperator` and
   * `agentInjector`; External Secrets neither renews nor revokes leases).
   *
   * @default - none (a kv secret)
   */
  readonly database?: DatabaseCredentials;
  /**
   * The keys the app reads. Each becomes a file named after the key, or an env var on request.
   *
   * @default - required for kv secrets; `['username', 'password']` for database credentials
   */
  readonly keys?: readonly string[];
  /**
   * Directory (absolute) where the keys appear as files, read-only.
   *
   * @default '/var/run/secrets/bulwark/<name>', unless `env` is set (then no files)
   */
  readonly mountPath?: string;
  /**
   * Environment variables: variable name → key. Prefer files: env vars leak into crash dumps and
   * child processes and only change on restart. Not available on `agentInjector`.
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Marks the secret file-only: declaring `env` for it is an error (e.g. a private key).
   *
   * @default false
   */
  readonly fileOnly?: boolean;
  /**
   * How often the value is re-read from Vault: a Go duration for `externalSecrets` (`1h`, `30m`,
   * `1h30m`), a number with `s`, `m` or `h` for the other backends (`24h`, never `1d`). Not for
   * database credentials, whose lease drives renewal.
   *
   * @default - the environment's refresh interval
   */
  readonly refreshInterval?: string;
  /**
   * Pins a kv-v2 version.
   *
   * @default - the latest version
   */
  readonly version?: number;
  /**
   * Rotation input: any string. Changing it (e.g. after rotating the value in Vault) changes the
   * pod template's checksum, so the workload rolls out, and the synced object's spec, so the operator
   * re-reads the value at once instead of at the next refresh.
   *
   * @default - none
   */
  readonly rotation?: string;
  /**
   * The backend.
   *
   * @default SecretBackend.EXTERNAL_SECRETS
   */
  readonly backend?: SecretBackend | `${SecretBackend}`;
}
