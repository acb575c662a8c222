/**
 * AppSecrets: the Vault-backed secrets of one SecureApp. Emits the Kubernetes side per backend and
 * keeps the resolved declarations, from which `environments/vault.ts` derives the Vault side
 * (policies and roles), so both sides come from one declaration.
 */
import { Construct } from 'constructs';
import { DeclarationError } from '../errors';
import type { SecureApp } from '../secure-app';
import { agentInjectorAnnotations, agentTokenVolume, injectionNameProblem } from './agent-injector';
import { SecretBackend, type SecretDeclaration } from './declaration';
import { ensureSecretStore, renderExternalSecret } from './eso';
import { secretEnv, secretsChecksum, secretVolume } from './pod-wiring';
import { resolveSecrets, type ResolvedSecret } from './resolve';
import { VAULT_DEFAULTS, vaultSettingsProblem, type ResolvedVaultSettings } from './vault-settings';
import { renderVaultAuth, renderVaultDynamicSecret, renderVaultStaticSecret } from './vso';

/** Stakater Reloader restarts a workload when one of the listed Secrets changes. */
export const RELOADER_ANNOTATION = 'secret.reloader.stakater.com/reload';

/** Properties for `AppSecrets`: the app's secret declarations and what they must not collide with. */
export interface AppSecretsProps {
  /** The app's Vault-backed secret declarations (`SecureAppProps.secrets`). */
  readonly secrets: readonly SecretDeclaration[];
  /** The app's plain env vars (a secret env var may not shadow one). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The app's persistent storage mount (secrets never go there).
   *
   * @default - none: the app has no persistent storage
   */
  readonly storageMountPath?: string;
}

const APP_SECRETS = Symbol.for('bulwark.AppSecrets');

/**
 * The secrets of one app.
 *
 * Rollout, i.e. what makes pods pick up a change:
 * - **A declaration change** (path, keys, version, backend, database role, `rotation`): the pod
 *   template annotation `bulwark.dev/secrets-checksum` (a hash of the declarations, never of values:
 *   Bulwark sees none) changes, so applying the manifests rolls the workload, whatever the backend.
 *   `rotation` also lands in the synced object's spec, so the operator re-reads at once.
 * - **A value changed in Vault**, per backend:
 *   - `externalSecrets`: ESO re-reads it every `refreshInterval` and updates the Secret. Mounted files
 *     follow within the kubelet's sync period; env vars do not. ESO has no restart of its own
 *     (external-secrets#3218), so long-running workloads carry Stakater Reloader's
 *     `secret.reloader.stakater.com/reload: <secrets>` annotation: with Reloader installed it restarts
 *     them when a listed Secret changes; without it the annotation is inert and only files update.
 *     A checksum cannot do this job: it is computed at synth time, before any value exists.
 *   - `vaultSecretsOperator`: VSO re-reads every `refreshAfter` (static) or renews/re-issues the lease
 *     (dynamic) and restarts Deployments and StatefulSets itself (`rolloutRestartTargets`).
 *   - `agentInjector`: the sidecar re-renders the files (kv every `refreshInterval`, leases on renewal);
 *     Jobs and CronJobs render once at start (pre-populate only) and read new values on their next run.
 */
export class AppSecrets extends Construct {
  /** True when `x` is an AppSecrets (works across copies of the library). */
  public static isAppSecrets(x: unknown): x is AppSecrets {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[APP_SECRETS] === true;
  }

  /** The secrets of `app`, or undefined when it declares none. */
  public static of(app: SecureApp): AppSecrets | undefined {
    const child = app.node.tryFindChild('Secrets');
    return AppSecrets.isAppSecrets(child) ? child : undefined;
  }

  /** The app the secrets belong to. */
  public readonly app: SecureApp;
  /** The declarations with every default applied, in declaration order. */
  public readonly secrets: readonly ResolvedSecret[];
  /** The environment's Vault. */
  public readonly vault: ResolvedVaultSettings;

  constructor(app: SecureApp, props: AppSecretsProps) {
    super(app, 'Secrets');
    Object.defineProperty(this, APP_SECRETS, { value: true });
    this.app = app;
    const fail = (problem: string) => new DeclarationError('SecureApp', app.displayPath, problem);
    const vault = app.namespace.settings.vault;
    if (!vault)
      throw fail(
        `secrets need the environment's Vault (address, kvMount, kubernetesAuthMount): set 'vault' in the Platform settings.`,
      );
    const settingsProblem = vaultSettingsProblem(vault);
    if (settingsProblem) throw fail(settingsProblem);
    this.vault = vault;
    const result = resolveSecrets(props.secrets, {
      appName: app.name,
      vault,
      env: props.env,
      writablePaths: app.writablePaths,
      storageMountPath: props.storageMountPath,
    });
    if ('problem' in result) throw fail(result.problem);
    this.secrets = result.secrets;
    this.checkNamespaceUnique(fail);

    const byBackend = (b: SecretBackend) => this.secrets.filter((s) => s.backend === b);
    this.renderExternalSecrets(byBackend(SecretBackend.EXTERNAL_SECRETS));
    this.renderVaultSecretsOperator(byBackend(SecretBackend.VAULT_SECRETS_OPERATOR));
    this.renderAgentInjector(byBackend(SecretBackend.AGENT_INJECTOR), fail);

    const synced = this.secrets.filter((s) => s.backend !== SecretBackend.AGENT_INJECTOR);
    for (const secret of synced) {
      if (secret.mountPath === undefined) continue;
      const { volume, mount } = secretVolume(secret);
      app.addVolume(volume, mount);
    }
    const env = secretEnv(synced);
    if (env.length > 0) {
      app.addPodTemplateHook((template) => {
        const container = firstContainer(template);
        const merged = [...((container.env as Record<string, unknown>[] | undefined) ?? []), ...env];
        container.env = merged.sort((a, b) => String(a.name).localeCompare(String(b.name)));
      });
    }
    app.addPodAnnotations({ [VAULT_DEFAULTS.checksumAnnotation]: secretsChecksum(this.secrets) });
  }

  /** Secret object names are `<app>-<secret>`: two apps of a namespace must not produce the same one. */
  private checkNamespaceUnique(fail: (p: string) => DeclarationError): void {
    const others = this.app.namespace.node
      .findAll()
      .filter((c): c is AppSecrets => AppSecrets.isAppSecrets(c) && c !== this);
    for (const [i, secret] of this.secrets.entries()) {
      for (const other of others) {
        const clash = (other.secrets ?? []).find((s) => s.secretName === secret.secretName);
        if (clash)
          throw fail(
            `secrets[${i}] would create Secret '${secret.secretName}', which app '${other.app.displayPath}' already creates for its secret '${clash.name}'. Rename one of them.`,
          );
      }
    }
  }

  private renderExternalSecrets(secrets: readonly ResolvedSecret[]): void {
    const app = this.app;
    for (const secret of secrets) {
      if (secret.source.type !== 'kv') continue;
      const store = ensureSecretStore(app.namespace, secret.source.mount, this.vault);
      renderExternalSecret(this, app.namespace, secret, store, app.labels);
    }
    const kind = String(app.kind);
    if (secrets.length > 0 && (kind === 'Deployment' || kind === 'StatefulSet')) {
      app.addWorkloadAnnotations({ [RELOADER_ANNOTATION]: secrets.map((s) => s.secretName).join(',') });
    }
  }

  private renderVaultSecretsOperator(secrets: readonly ResolvedSecret[]): void {
    if (secrets.length === 0) return;
    const auth = renderVaultAuth(this, this.app, this.vault);
    for (const secret of secrets) {
      if (secret.source.type === 'kv') renderVaultStaticSecret(this, this.app, secret, auth);
      else renderVaultDynamicSecret(this, this.app, secret, auth);
    }
  }

  private renderAgentInjector(
    secrets: readonly ResolvedSecret[],
    fail: (p: string) => DeclarationError,
  ): void {
    if (secrets.length === 0) return;
    const app = this.app;
    for (const secret of secrets) {
      const problem = injectionNameProblem(`secrets[${this.secrets.indexOf(secret)}]`, secret);
      if (problem) throw fail(problem);
    }
    const network = this.vault.network;
    if (!network)
      throw fail(
        `secrets[${this.secrets.indexOf(secrets[0])}] uses backend 'agentInjector', whose agent runs in the pod and calls Vault: set the Platform's vault.network (cidr and port) so the app may reach it.`,
      );
    app.allowToCidr('vault', network.cidr, network.port);
    const kind = String(app.kind);
    app.addPodAnnotations(
      agentInjectorAnnotations(
        {
          namespace: app.namespace.name,
          app: app.name,
          runAsUser: app.runAsUser,
          runAsGroup: app.runAsGroup,
          prePopulateOnly: kind === 'Job' || kind === 'CronJob',
        },
        secrets,
        this.vault,
      ),
    );
    app.addPodTemplateHook((template) => {
      const spec = template.spec as Record<string, unknown>;
      const volumes = [
        ...((spec.volumes as Record<string, unknown>[] | undefined) ?? []),
        agentTokenVolume(),
      ];
      spec.volumes = volumes.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    });
  }
}

function firstContainer(template: Record<string, unknown>): Record<string, unknown> {
  const spec = template.spec as { containers: Record<string, unknown>[] };
  return spec.containers[0];
}
