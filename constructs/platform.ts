/**
 * The chart that carries an environment's settings down to every construct in it.
 */
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { HARDENED_DEFAULTS, type ResourceProfile } from './defaults';
import {
  resolveVaultSettings,
  type ResolvedVaultSettings,
  type VaultSettings,
} from './secrets/vault-settings';

/** The environment-level settings constructs read. */
export interface PlatformSettings {
  /** Environment name, e.g. `dev`. Used in labels and reports. */
  readonly environment: string;
  /**
   * Pod Security Standards version pinned on every namespace (`v1.X`).
   *
   * @default 'v1.37'
   */
  readonly pssVersion?: string;
  /**
   * Whether every image must be pinned by digest.
   *
   * @default false
   */
  readonly requireImageDigests?: boolean;
  /**
   * Replicas a Deployment gets when it does not say.
   *
   * @default 2
   */
  readonly defaultReplicas?: number;
  /**
   * The fewest replicas a Deployment may declare (production wants >= 2 for availability).
   *
   * @default 1
   */
  readonly minDeploymentReplicas?: number;
  /**
   * Named resource profiles apps pick from with `resources: 'small'`.
   *
   * @default - a single profile `default`
   */
  readonly resourceProfiles?: Readonly<Record<string, ResourceProfile>>;
  /**
   * Where pods reach the Kubernetes API server, as NetworkPolicies see it (the API server endpoint
   * after Service NAT, usually the control-plane address and port 6443). Apps that declare API access
   * get egress to exactly this.
   *
   * @default - none; declaring API access then fails with a message asking for it
   */
  readonly kubernetesApi?: { readonly cidr: string; readonly port: number };
  /**
   * `app.kubernetes.io/part-of` of every app that does not say.
   *
   * @default 'bulwark'
   */
  readonly partOf?: string;
  /**
   * The Vault that apps' secrets come from: address, kv mount, Kubernetes auth mount, default
   * refresh interval, and where pods reach it.
   *
   * @default - none; declaring a secret then fails with a message asking for it
   */
  readonly vault?: VaultSettings;
}

/** Properties for `Platform`. */
export interface PlatformProps {
  /** The environment's settings. */
  readonly settings: PlatformSettings;
}

/** Settings with every default applied. */
export type ResolvedPlatformSettings = Required<Omit<PlatformSettings, 'kubernetesApi' | 'vault'>> &
  Pick<PlatformSettings, 'kubernetesApi'> & { readonly vault?: ResolvedVaultSettings };

const PLATFORM_SYMBOL = Symbol.for('bulwark.Platform');

/**
 * A cdk8s Chart for one environment. It sets no chart namespace (cdk8s would stamp it on
 * cluster-scoped objects); SecureNamespace sets each object's namespace explicitly.
 */
export class Platform extends Chart {
  /** The Platform a construct belongs to, or undefined outside one. */
  public static find(construct: Construct): Platform | undefined {
    return construct.node.scopes.find(
      (s): s is Platform => (s as unknown as Record<symbol, boolean>)[PLATFORM_SYMBOL] === true,
    );
  }

  /** Resolved settings for constructs outside any Platform. */
  public static settingsOf(construct: Construct): ResolvedPlatformSettings {
    return Platform.find(construct)?.settings ?? resolveSettings({ environment: 'default' });
  }

  /** The environment's settings with defaults applied. */
  public readonly settings: ResolvedPlatformSettings;

  /**
   * Synthesizes the chart. Declarations that can only be checked once every construct exists
   * (e.g. connections to apps named by string) are checked first, so their errors reach the caller
   * as they are instead of wrapped in a serialization error.
   */
  public override toJson(): unknown[] {
    for (const hook of this.beforeSynth) hook();
    return super.toJson();
  }

  /**
   * Registers a check that runs before synthesis.
   *
   * @internal
   */
  public _addBeforeSynth(hook: () => void): void {
    this.beforeSynth.push(hook);
  }

  private readonly beforeSynth: (() => void)[] = [];

  constructor(scope: Construct, id: string, props: PlatformProps) {
    super(scope, id, { disableResourceNameHashes: true });
    Object.defineProperty(this, PLATFORM_SYMBOL, { value: true });
    this.settings = resolveSettings(props.settings);
  }
}

function resolveSettings(settings: PlatformSettings): ResolvedPlatformSettings {
  return {
    environment: settings.environment,
    pssVersion: settings.pssVersion ?? HARDENED_DEFAULTS.pssVersion,
    requireImageDigests: settings.requireImageDigests ?? false,
    defaultReplicas: settings.defaultReplicas ?? HARDENED_DEFAULTS.replicas,
    minDeploymentReplicas: settings.minDeploymentReplicas ?? 1,
    resourceProfiles: settings.resourceProfiles ?? { default: HARDENED_DEFAULTS.resourceProfile },
    partOf: settings.partOf ?? HARDENED_DEFAULTS.managedBy,
    kubernetesApi: settings.kubernetesApi,
    vault: settings.vault ? resolveVaultSettings(settings.vault) : undefined,
  };
}
