/**
 * The thin program `stacks/index.ts`, imported after the mocks as `pulumi up` would run it: the
 * stack name picks the environment and the module exports the stack outputs.
 */
import type * as Program from '../../stacks/index';
import { installMocks, settle } from './mocks';

/** Imports the program in a fresh module registry, so it runs again for this stack. */
async function importProgram(): Promise<typeof Program> {
  let program: typeof Program | undefined;
  await jest.isolateModulesAsync(async () => {
    program = await import('../../stacks/index');
  });
  return program!;
}

describe('stacks/index.ts', () => {
  it('deploys the environment named by the stack and exports namespaces, apps and compliance', async () => {
    const registered = await installMocks('staging');
    const program = await importProgram();
    await settle(registered);
    expect(program.namespaces).toEqual(
      expect.arrayContaining(['commerce', 'finance', 'platform-ops', 'storefront']),
    );
    expect(program.compliance).toMatchObject({ environment: 'staging', errors: 0 });
    expect(program.apps.length).toBeGreaterThan(0);
    expect(registered.some((r) => r.type === 'bulwark:k8s:BlueprintRelease' && r.name === 'staging')).toBe(
      true,
    );
    expect(registered.filter((r) => r.type === 'kubernetes:apps/v1:Deployment').length).toBeGreaterThan(0);
    // staging manages Vault: the Vault side comes with it.
    expect(
      registered.filter((r) => r.type === 'vault:kubernetes/authBackendRole:AuthBackendRole').length,
    ).toBeGreaterThan(0);
  });

  it('fails with a message naming the config key for a stack that is not an environment', async () => {
    await installMocks('sandbox');
    await expect(importProgram()).rejects.toThrow(
      /config 'bulwark:environment': stack 'sandbox' is not an environment/,
    );
  });
});
