/**
 * The Pulumi program as a function: configuration in, resources and stack outputs out. `index.ts`
 * calls it with the running stack's configuration; tests call it (or import `index.ts`) under mocks.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { synthesizeEnvironment, type SynthesizedEnvironment } from '../environments/synthesize';
import type { K8sObject } from '../policies/types';
import { BlueprintRelease } from './blueprint-release';
import type { StackConfig } from './config';
import { registerVaultSide, type VaultSideResources } from './vault';

/** One app of the blueprint, as exported by the stack. */
export interface AppOutput {
  readonly name: string;
  readonly namespace: string;
  readonly kind: string;
  readonly image: string;
  readonly serviceAccount: string;
}

/** The compliance summary the stack exports. */
export interface ComplianceOutput {
  readonly environment: string;
  /** `restricted@v1.37`. */
  readonly pss: string;
  readonly rules: number;
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  /** Every finding that was suppressed, with its reason: what a reviewer audits. */
  readonly suppressions: readonly {
    readonly ruleId: string;
    readonly object: string;
    readonly reason: string;
  }[];
}

/** What the program creates and exports. */
export interface ProgramResult {
  readonly synthesized: SynthesizedEnvironment;
  readonly provider: k8s.Provider;
  readonly release: BlueprintRelease;
  /** Undefined when the environment does not manage Vault. */
  readonly vault?: VaultSideResources;
  readonly outputs: {
    readonly namespaces: readonly string[];
    readonly apps: readonly AppOutput[];
    readonly compliance: ComplianceOutput;
    readonly vault: VaultOutput;
  };
}

/** The Vault side the stack manages, by name (no secret values exist on this side). */
export interface VaultOutput {
  /** Whether this stack manages the Vault side (`vault.manageVault`). */
  readonly managed: boolean;
  readonly address: string;
  readonly policies: readonly string[];
  readonly roles: readonly string[];
}

/**
 * The explicit Kubernetes provider: server-side apply, kubeconfig from the secret config when set,
 * else the ambient kubeconfig; the configured context when set.
 */
export function createKubernetesProvider(config: StackConfig): k8s.Provider {
  return new k8s.Provider('kubernetes', {
    enableServerSideApply: true,
    ...(config.kubeconfig === undefined ? {} : { kubeconfig: config.kubeconfig }),
    ...(config.context === undefined ? {} : { context: config.context }),
  });
}

/** Synthesizes `env`; an invalid declaration becomes a RunError (no stack trace) naming the environment. */
function synthesizeOrExplain(env: StackConfig['environment']): SynthesizedEnvironment {
  try {
    return synthesizeEnvironment(env);
  } catch (error) {
    throw new pulumi.RunError(`environment '${env.name}' does not synthesize: ${(error as Error).message}`);
  }
}

/** Options of `runProgram` for drivers other than `pulumi up` (the local deploy loop, tests). */
export interface ProgramOptions {
  /**
   * Rewrites the synthesized objects before the gate sees them, e.g. the local driver's
   * `pulumi.com/skipAwait` annotations for a control plane without nodes (`stacks/local/`). The
   * gate and the registered resources get the result; `ProgramResult.synthesized` stays as synthesized.
   * @default objects unchanged
   */
  readonly transformObjects?: (objects: readonly K8sObject[]) => readonly K8sObject[];
}

/**
 * Synthesizes the configured environment, gates it and deploys it, with the Vault side where the
 * environment manages Vault.
 */
export function runProgram(config: StackConfig, options: ProgramOptions = {}): ProgramResult {
  const env = config.environment;
  const synthesized = synthesizeOrExplain(env);
  const provider = createKubernetesProvider(config);
  const pss = { level: 'restricted', version: env.pssVersion } as const;
  const objects = options.transformObjects
    ? options.transformObjects(synthesized.objects)
    : synthesized.objects;
  const release = new BlueprintRelease(env.name, {
    objects,
    provider,
    pss,
    source: `environment '${env.name}'`,
  });

  // After the gate, so a refused environment creates nothing in Vault either. The Vault side is
  // data derived from the same secret declarations as the Kubernetes objects.
  const vaultResources = env.vault.manageVault
    ? registerVaultSide(synthesized.vault, { address: env.vault.address, token: config.vaultToken })
    : undefined;

  const report = release.report;
  const compliance: ComplianceOutput = {
    environment: env.name,
    pss: `${pss.level}@${pss.version}`,
    rules: report.rules.length,
    ...report.summary,
    suppressions: report.findings
      .filter((f) => f.suppressed)
      .map((f) => ({
        ruleId: f.ruleId,
        object: `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`,
        reason: f.suppression?.reason ?? '',
      })),
  };
  const apps: AppOutput[] = synthesized.blueprint.apps.map((app) => ({
    name: app.name,
    namespace: app.namespace.name,
    kind: app.kind,
    image: app.image,
    serviceAccount: app.serviceAccountName,
  }));
  return {
    synthesized,
    provider,
    release,
    vault: vaultResources,
    outputs: {
      namespaces: synthesized.blueprint.namespaces.map((ns) => ns.name),
      apps,
      compliance,
      vault: {
        managed: env.vault.manageVault,
        address: env.vault.address,
        policies: vaultResources ? [...vaultResources.policies.keys()] : [],
        roles: vaultResources ? [...vaultResources.roles.keys()] : [],
      },
    },
  };
}
