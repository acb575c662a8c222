/**
 * The project-wide tests of a scaffolded project: the whole platform passes every rule in every
 * environment, and the Pulumi program deploys it under Pulumi's mocks (no cluster, no CLI).
 */

const PLATFORM_TEST = `/** The whole platform (every app in apps/, the guardrails) passes every rule, per environment. */
import { Testing } from 'cdk8s';
import { bulwarkMatchers } from 'bulwark/jest';
import { ENVIRONMENTS } from '../environments';
import { buildPlatform, loadApps } from '../platform';

expect.extend(bulwarkMatchers);

test('apps/ holds at least one app', () => {
  expect(loadApps().length).toBeGreaterThan(0);
});

test.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('%s passes every Bulwark rule', (_name, env) => {
  expect(buildPlatform(Testing.app(), env)).toPassBulwarkRules();
});
`;

function pulumiTest(project: string): string {
  return `/** The Pulumi program under mocks: the stack name picks the environment, the gate lets it through. */
import * as pulumi from '@pulumi/pulumi';

async function run(stack: string): Promise<{ types: string[]; program: Record<string, any> }> {
  const types: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        types.push(args.type);
        return { id: args.name + '-id', state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    '${project}',
    stack,
    false,
  );
  let program: Record<string, any> = {};
  // A fresh module registry per stack, so the program runs again as \`pulumi up\` would run it.
  jest.isolateModules(() => {
    program = require('../pulumi');
  });
  // Registrations reach the mocks asynchronously: wait until the count stops growing.
  let last = -1;
  for (let quiet = 0; quiet < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    quiet = types.length === last ? quiet + 1 : 0;
    last = types.length;
  }
  return { types, program };
}

test.each(['dev', 'prod'])('stack %s deploys its environment with no error', async (stack) => {
  const { types, program } = await run(stack);
  expect(program.compliance).toMatchObject({ errors: 0 });
  expect(types).toContain('bulwark:k8s:BlueprintRelease');
  expect(types).toContain('kubernetes:apps/v1:Deployment');
  expect(types).toContain('kubernetes:networking.k8s.io/v1:NetworkPolicy');
});
`;
}

/** The project-wide tests, by path relative to the project folder. */
export function testFiles(project: string): Map<string, string> {
  return new Map([
    ['tests/platform.test.ts', PLATFORM_TEST],
    ['tests/pulumi.test.ts', pulumiTest(project)],
  ]);
}
