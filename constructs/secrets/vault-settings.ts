/**
 * The environment's Vault, as the secret backends see it, and the fixed values Bulwark uses on
 * both sides of the Vault integration (audience, token lifetimes, agent sizing). One frozen object,
 * so the Kubernetes side and the Vault side cannot drift apart.
 */
import { cidrProblem, portProblem } from '../validation';

/** Where pods reach Vault, as NetworkPolicies see it. */
export interface VaultNetwork {
  /** CIDR of the Vault endpoint (after any Service NAT), e.g. `10.40.0.10/32`. */
  readonly cidr: string;
  /** Port, usually 8200. */
  readonly port: number;
}

/** The environment's Vault. */
export interface VaultSettings {
  /** Vault address (https), e.g. `https://vault.example:8200`. */
  readonly address: string;
  /**
   * The kv-v2 mount secrets are read from unless a secret names its own.
   *
   * @default 'kv'
   */
  readonly kvMount?: string;
  /**
   * Path of the Kubernetes auth method this cluster logs in with (without `auth/`).
   *
   * @default 'kubernetes'
   */
  readonly kubernetesAuthMount?: string;
  /**
   * How often synced secrets are re-read from Vault unless a secret says otherwise.
   *
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * Where pods reach Vault. Only the Vault Agent Injector needs it: its agent runs inside the app's
   * pod, so the app's NetworkPolicy must allow egress to Vault. The operators (ESO, VSO) call Vault
   * from their own namespaces.
   *
   * @default - none; a secret on the `agentInjector` backend then fails with a message asking for it
   */
  readonly network?: VaultNetwork;
}

/** Vault settings with defaults applied. */
export type ResolvedVaultSettings = Required<Omit<VaultSettings, 'network'>> & Pick<VaultSettings, 'network'>;

/** Applies the defaults. */
export function resolveVaultSettings(settings: VaultSettings): ResolvedVaultSettings {
  return {
    address: settings.address,
    kvMount: settings.kvMount ?? 'kv',
    kubernetesAuthMount: settings.kubernetesAuthMount ?? 'kubernetes',
    refreshInterval: settings.refreshInterval ?? '1h',
    network: settings.network,
  };
}

/** A Vault mount path: lower-case segments joined by '/'. */
export const MOUNT_PATTERN = /^[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\/[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/** The first problem of the Platform's Vault settings, naming the field, or undefined. */
export function vaultSettingsProblem(v: ResolvedVaultSettings): string | undefined {
  if (!/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(v.address))
    return `the Platform's vault.address '${v.address}' must be an https URL such as 'https://vault.example:8200': Kubernetes tokens are sent to it.`;
  for (const [field, mount] of [
    ['kvMount', v.kvMount],
    ['kubernetesAuthMount', v.kubernetesAuthMount],
  ] as const) {
    if (!MOUNT_PATTERN.test(mount))
      return `the Platform's vault.${field} '${mount}' is not a Vault mount path (e.g. 'kv').`;
  }
  if (!/^[0-9]+(s|m|h)$/.test(v.refreshInterval))
    return `the Platform's vault.refreshInterval '${v.refreshInterval}' must be a number with unit s, m or h (e.g. '1h'), which every backend accepts.`;
  if (v.network)
    return (
      cidrProblem(`the Platform's vault.network.cidr`, v.network.cidr) ??
      portProblem(`the Platform's vault.network.port`, v.network.port)
    );
  return undefined;
}

/** Fixed choices of the Vault integration: token audience and TTLs, mounts, paths, annotations, object names, agent resources. */
export const VAULT_DEFAULTS = Object.freeze({
  /**
   * The audience of every ServiceAccount token presented to Vault, and the `audience` of every Vault
   * role: a token minted for the API server cannot be replayed against Vault, nor the reverse.
   */
  audience: 'vault',
  /** Lifetime of the ServiceAccount tokens (VSO's minimum is 600 s). */
  serviceAccountTokenSeconds: 600,
  /** Vault token lifetimes of identities that only read kv secrets: they log in again when needed. */
  tokenTtlSeconds: 600,
  tokenMaxTtlSeconds: 1200,
  /**
   * Identities holding dynamic leases get a periodic token instead: Vault revokes a token's leases
   * when the token expires, so a short max TTL would revoke database credentials long before their
   * own TTL (hashicorp/vault-secrets-operator#436, #858). The holder renews within the period.
   */
  leaseHolderTokenPeriodSeconds: 1200,
  /** The `database` secrets engine mount unless a secret names its own. */
  databaseMount: 'database',
  /** Database credential keys unless a secret names its own. */
  databaseKeys: Object.freeze(['username', 'password']),
  /** VSO renews a lease at this share of its TTL (VSO's default). */
  renewalPercent: 67,
  /** Where secret files are mounted unless a secret says otherwise: `<root>/<secret name>`. */
  mountRoot: '/var/run/secrets/bulwark',
  /** Mode of mounted secret files: read-only for the owner and the pod's fsGroup. */
  fileMode: 0o440,
  /** The pod-template annotation whose change rolls the workload when a declaration changes. */
  checksumAnnotation: 'bulwark.dev/secrets-checksum',
  /** The annotation that carries a secret's rotation input onto the synced Secret. */
  rotationAnnotation: 'bulwark.dev/secret-rotation',
  /** The namespace's External Secrets reader ServiceAccount. */
  esoReaderServiceAccount: 'eso-reader',
  /** The VSO VaultConnection of a namespace. */
  vsoConnectionName: 'vault',
  /** The projected token volume the Vault Agent logs in with. */
  agentTokenVolume: 'vault-token',
  /** Requests and limits of the injected Vault Agent containers (the ResourceQuota needs all of them). */
  agentResources: Object.freeze({
    requestsCpu: '50m',
    requestsMem: '64Mi',
    requestsEphemeral: '16Mi',
    limitsCpu: '200m',
    limitsMem: '128Mi',
    limitsEphemeral: '64Mi',
  }),
});
