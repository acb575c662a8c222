/** Stack configuration: the stack picks the environment; bad values fail naming the config key. */
import * as pulumi from '@pulumi/pulumi';
import { CONFIG_KEYS, loadStackConfig, StackConfigError } from '../../stacks/config';
import { installMocks } from './mocks';

async function load(stack: string, config: Record<string, string> = {}) {
  await installMocks(stack, config);
  return loadStackConfig();
}

describe('loadStackConfig', () => {
  it('picks the environment from the stack name', async () => {
    const config = await load('prod');
    expect(config.environment.name).toBe('prod');
    expect(config.stack).toBe('prod');
    expect(config.kubeconfig).toBeUndefined();
    expect(config.context).toBeUndefined();
  });

  it('lets bulwark:environment override the stack name', async () => {
    const config = await load('alice-dev', { environment: 'dev', context: 'kind-bulwark' });
    expect(config.environment.name).toBe('dev');
    expect(config.context).toBe('kind-bulwark');
  });

  it('refuses a stack that is not an environment, naming the key and the stack', async () => {
    await installMocks('qa');
    expect(() => loadStackConfig()).toThrow(StackConfigError);
    expect(() => loadStackConfig()).toThrow(
      /config 'bulwark:environment': stack 'qa' is not an environment .*expected one of dev, staging, prod.*pulumi config set bulwark:environment/,
    );
  });

  it('refuses an unknown bulwark:environment', async () => {
    await installMocks('prod', { environment: 'production' });
    expect(() => loadStackConfig()).toThrow(
      /config 'bulwark:environment': unknown environment 'production'; expected one of dev, staging, prod/,
    );
  });

  it('refuses an invalid bulwark:context', async () => {
    await installMocks('dev', { context: 'my context' });
    let error: unknown;
    try {
      loadStackConfig();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as StackConfigError).key).toBe(CONFIG_KEYS.context);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
  });

  it('reads kubeconfig and vaultToken as secrets even when set in plaintext', async () => {
    const config = await load('staging', { kubeconfig: '/home/me/.kube/config', vaultToken: 'hvs.test' });
    expect(await pulumi.isSecret(config.kubeconfig!)).toBe(true);
    expect(await pulumi.isSecret(config.vaultToken!)).toBe(true);
  });
});
