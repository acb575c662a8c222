/**
 * Typed per-environment settings for a project of one's own: the schema and `defineEnvironment`,
 * the bridge to `Platform` settings, Bulwark's resource profiles, and the deterministic ordering and
 * serialization `bulwark synth` uses.
 *
 * @example
 * export const dev = defineEnvironment('environments/dev.ts', { name: 'dev', ... });
 * const chart = new Platform(app, dev.name, { settings: platformSettingsOf(dev) });
 *
 * @packageDocumentation
 */
export {
  defineEnvironment,
  EnvironmentError,
  EnvironmentSchema,
  type Environment,
} from '../environments/schema';
export { platformSettingsOf, type PlatformSettingsOptions } from '../environments/platform-settings';
export { RESOURCE_PROFILES } from '../environments/shared';
export { fileFor, sortObjects, toYaml } from '../environments/synthesize';
export { vaultSideFiles } from '../environments/vault';
