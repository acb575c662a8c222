/**
 * The bridge from an environment's validated settings to the `Platform` chart's settings, so a
 * project's charts read exactly what its `environments/<name>.ts` declares.
 */
import type { PlatformSettings } from '../constructs';
import type { Environment } from './schema';

/** Options of `platformSettingsOf`. */
export interface PlatformSettingsOptions {
  /**
   * `app.kubernetes.io/part-of` of every app that does not say, e.g. the project name.
   *
   * @default 'bulwark'
   */
  readonly partOf?: string;
}

/**
 * The `Platform` settings of `env`: replicas, PSS pin, digest policy, resource profiles, API server
 * endpoint, and the Vault (reached through the `vault` egress entry when the environment has one).
 *
 * @example
 * const chart = new Platform(app, env.name, { settings: platformSettingsOf(env, { partOf: 'shop' }) });
 */
export function platformSettingsOf(
  env: Environment,
  options: PlatformSettingsOptions = {},
): PlatformSettings {
  return {
    environment: env.name,
    pssVersion: env.pssVersion,
    requireImageDigests: env.requireImageDigests,
    defaultReplicas: env.defaultReplicas,
    minDeploymentReplicas: env.minDeploymentReplicas,
    resourceProfiles: env.resourceProfiles,
    kubernetesApi: env.kubernetesApi,
    ...(options.partOf === undefined ? {} : { partOf: options.partOf }),
    vault: {
      address: env.vault.address,
      kvMount: env.vault.kvMount,
      kubernetesAuthMount: env.vault.kubernetesAuthMount,
      refreshInterval: env.secretRefreshInterval,
      network: env.egress['vault'],
    },
  };
}
