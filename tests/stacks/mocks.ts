/**
 * Pulumi mocks for the stack tests: records every registered resource and lets a test wait until
 * registration has settled.
 */
import * as pulumi from '@pulumi/pulumi';

/** One resource the program registered. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  /** Provider reference `urn::id`, for custom resources. */
  readonly provider?: string;
}

/** Installs mocks for `stack` of project `bulwark` with `config` (bare keys get `bulwark:`). */
export async function installMocks(
  stack: string,
  config: Record<string, string> = {},
  secretKeys: readonly string[] = [],
): Promise<Registered[]> {
  const qualify = (key: string) => (key.includes(':') ? key : `bulwark:${key}`);
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [qualify(k), v])),
    secretKeys.map(qualify),
  );
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        return args.inputs;
      },
    },
    'bulwark',
    stack,
    false,
  );
  return registered;
}

/** Resolves an output's value (mocks never leave it unknown). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Waits until `registered` stops growing: every pending registration has reached the mocks. */
export async function settle(registered: readonly unknown[], quietTicks = 5): Promise<void> {
  let last = -1;
  let quiet = 0;
  for (let i = 0; i < 2000 && quiet < quietTicks; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (registered.length === last) quiet++;
    else {
      quiet = 0;
      last = registered.length;
    }
  }
}

/** `kubernetes:apps/v1:Deployment` for `apps/v1` `Deployment`, `kubernetes:core/v1:Namespace` for `v1`. */
export function pulumiTypeOf(apiVersion: string, kind: string): string {
  return `kubernetes:${apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`}:${kind}`;
}
