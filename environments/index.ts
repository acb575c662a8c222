/** The environments, by name. */
import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';
import type { Environment } from './schema';

export { buildBlueprint } from './blueprint';
export * from './schema';

/** Every environment, in deployment order. */
export const ENVIRONMENTS: Readonly<Record<string, Environment>> = Object.freeze({ dev, staging, prod });

/** The environment names, in deployment order. */
export const ENVIRONMENT_NAMES: readonly string[] = Object.keys(ENVIRONMENTS);

/** Looks an environment up by name; the error lists the valid names. */
export function environmentNamed(name: string): Environment {
  const env = ENVIRONMENTS[name];
  if (!env) throw new Error(`unknown environment '${name}'; expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
  return env;
}
