/**
 * Typed view of `Pulumi.<stack>.yaml`. The stack picks an environment; everything that differs
 * between environments lives in `environments/`, so the only stack config is where to deploy.
 */
import * as pulumi from '@pulumi/pulumi';
import { ENVIRONMENT_NAMES, ENVIRONMENTS, type Environment } from '../environments';

/** The Pulumi project name, i.e. the config namespace (`bulwark:<key>`). */
export const PROJECT = 'bulwark';

/** The config keys the program reads, fully qualified. */
export const CONFIG_KEYS = {
  /** Environment to deploy; defaults to the stack name. */
  environment: `${PROJECT}:environment`,
  /** Kubeconfig contents or path; a secret (`pulumi config set --secret`). */
  kubeconfig: `${PROJECT}:kubeconfig`,
  /** Kubeconfig context to use. */
  context: `${PROJECT}:context`,
  /** Vault token for the Vault side; a secret. Without it the Vault provider reads `VAULT_TOKEN`. */
  vaultToken: `${PROJECT}:vaultToken`,
} as const;

/** The stack's settings. */
export interface StackConfig {
  /** The stack name. */
  readonly stack: string;
  /** The environment to deploy (from `bulwark:environment`, else the stack name). */
  readonly environment: Environment;
  /**
   * Kubeconfig contents or path, marked secret. When unset the provider uses the ambient
   * kubeconfig (`KUBECONFIG` or `~/.kube/config`).
   * @default ambient kubeconfig
   */
  readonly kubeconfig?: pulumi.Output<string>;
  /** Kubeconfig context. @default the kubeconfig's current context */
  readonly context?: string;
  /** Vault token, marked secret. @default the Vault provider's `VAULT_TOKEN` */
  readonly vaultToken?: pulumi.Output<string>;
}

/** Thrown for a bad stack configuration; the message names the config key and says how to fix it. */
export class StackConfigError extends pulumi.RunError {
  constructor(
    /** The fully qualified config key at fault, e.g. `bulwark:environment`. */
    public readonly key: string,
    message: string,
  ) {
    super(`config '${key}': ${message}`);
    this.name = 'StackConfigError';
  }
}

const CONTEXT_PATTERN = /^[^\s]+$/;

/** Reads a string key, treating an empty or blank value as unset. */
function optionalString(config: pulumi.Config, key: string): string | undefined {
  const value = config.get(key);
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Loads and validates the stack configuration. `stack` defaults to the running stack, `config` to
 * the `bulwark` namespace. Throws StackConfigError naming the key for an unknown environment or an
 * invalid value.
 */
export function loadStackConfig(
  config: pulumi.Config = new pulumi.Config(PROJECT),
  stack: string = pulumi.getStack(),
): StackConfig {
  const expected = `expected one of ${ENVIRONMENT_NAMES.join(', ')}`;
  const override = optionalString(config, 'environment');
  let environment: Environment | undefined;
  if (override !== undefined) {
    environment = ENVIRONMENTS[override];
    if (!environment) {
      throw new StackConfigError(
        CONFIG_KEYS.environment,
        `unknown environment '${override}'; ${expected}. Run: pulumi config set ${CONFIG_KEYS.environment} <name>`,
      );
    }
  } else {
    environment = ENVIRONMENTS[stack];
    if (!environment) {
      throw new StackConfigError(
        CONFIG_KEYS.environment,
        `stack '${stack}' is not an environment and the key is not set; ${expected}. ` +
          `Name the stack after an environment, or run: pulumi config set ${CONFIG_KEYS.environment} <name>`,
      );
    }
  }

  const context = optionalString(config, 'context');
  if (context !== undefined && !CONTEXT_PATTERN.test(context)) {
    throw new StackConfigError(
      CONFIG_KEYS.context,
      `'${context}' must be a kubeconfig context name without spaces`,
    );
  }

  // Read as secrets whether or not they were set with --secret, so they never reach state in plaintext.
  const kubeconfig = config.getSecret('kubeconfig');
  const vaultToken = config.getSecret('vaultToken');

  return { stack, environment, kubeconfig, context, vaultToken };
}
