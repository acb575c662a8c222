/**
 * The configuration files of a project `bulwark init` scaffolds: package.json, TypeScript, jest,
 * cdk8s (with Bulwark's validation plugin), Pulumi (dev and prod stacks), .gitignore and README.
 */
import { BULWARK_VERSION, pins } from './versions';

/** Options of `projectFiles` and `sourceFiles`. */
export interface ProjectOptions {
  /** Project name (DNS-1123 label): the npm package, the Pulumi project and `app.kubernetes.io/part-of`. */
  readonly name: string;
  /** The `bulwark` dependency spec, e.g. `^0.1.0` or `file:/tmp/bulwark-0.1.0.tgz`. */
  readonly bulwarkSpec: string;
  /** The Pod Security Standards version the environments pin, e.g. `v1.37`. */
  readonly pssVersion: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function packageJson(o: ProjectOptions): string {
  return json({
    name: o.name,
    version: '0.1.0',
    private: true,
    description:
      'Kubernetes apps declared with Bulwark: synthesized hardened, checked, deployed per environment.',
    scripts: {
      synth: 'cdk8s synth',
      check: 'bulwark check dist',
      test: 'jest',
      typecheck: 'tsc --noEmit',
    },
    dependencies: {
      bulwark: o.bulwarkSpec,
      ...pins(['cdk8s', 'constructs', '@pulumi/pulumi', '@pulumi/kubernetes', '@pulumi/vault']),
    },
    devDependencies: pins([
      '@swc/core',
      '@swc/jest',
      '@types/jest',
      '@types/node',
      'cdk8s-cli',
      'jest',
      'tsx',
      'typescript',
    ]),
  });
}

const TSCONFIG = json({
  compilerOptions: {
    target: 'ES2022',
    // node16 resolution reads Bulwark's `exports` map (bulwark/environments, bulwark/jest, ...).
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2023'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest'],
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'dist'],
});

const JEST_CONFIG = `// Tests run through swc (fast, no type check): \`npm run typecheck\` checks the types.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
};
`;

const CDK8S_YAML = `# \`npm run synth\` runs main.ts, which writes dist/<env>/ for every environment, then checks the
# output with Bulwark's rules through the validation plugin below: an unsuppressed error fails it.
language: typescript
app: npx tsx main.ts
output: dist
validations:
  - package: ./node_modules/bulwark/lib/api/cdk8s-validation.js
    version: ${BULWARK_VERSION}
    class: BulwarkValidation
    properties:
      pss: restricted
`;

function pulumiYaml(o: ProjectOptions): string {
  return `# One stack per environment: \`pulumi up --stack dev\` deploys environments/dev.ts (see README.md).
name: ${o.name}
description: Kubernetes apps declared with Bulwark, deployed behind its policy gate
runtime:
  name: nodejs
  options:
    # The program is TypeScript run through tsx (a dev dependency), so Pulumi needs no ts-node.
    typescript: false
    nodeargs: --require tsx/cjs
main: pulumi.ts
# Stack config keys (Pulumi.<stack>.yaml), all optional:
#   ${o.name}:environment  environment to deploy; defaults to the stack name
#   ${o.name}:kubeconfig   SECRET, kubeconfig contents or path; unset = ambient kubeconfig
#   ${o.name}:context      kubeconfig context; unset = the current context
#   ${o.name}:vaultToken   SECRET, Vault token where the environment manages Vault; unset = VAULT_TOKEN
`;
}

function stackYaml(o: ProjectOptions, env: string): string {
  return `# Stack '${env}' deploys environments/${env}.ts. No secret values here; add them encrypted:
#   pulumi config set --secret kubeconfig "$(cat ~/.kube/${env}.yaml)"
config:
  ${o.name}:environment: ${env}
`;
}

const GITIGNORE = 'node_modules/\ndist/\ncdk8s.out/\n*.tsbuildinfo\n';

function readme(o: ProjectOptions): string {
  return `# ${o.name}

Kubernetes apps declared with [Bulwark](https://www.npmjs.com/package/bulwark): each app is a few
lines in \`apps/\`; Bulwark synthesizes everything else hardened (Pod Security Standards
*restricted*, default-deny NetworkPolicies opening only the declared flows, one ServiceAccount per
app, Vault-backed secrets) and checks the result with its rules.

\`\`\`sh
npm install
npm run synth        # dist/dev/ and dist/prod/, checked by Bulwark's cdk8s validation plugin
npm test             # every app passes every Bulwark rule, in every environment
npm run check        # bulwark check dist: the same rules as a report (--format sarif|junit|json|markdown)
npx bulwark new app orders --namespace shop   # adds apps/orders.ts and tests/orders.test.ts
\`\`\`

| path | holds |
|---|---|
| \`apps/\` | one file per app: its namespace and \`declareApp\`; \`platform.ts\` picks up every file here |
| \`environments/\` | \`dev.ts\`, \`prod.ts\`: validated settings (\`defineEnvironment\`) |
| \`platform.ts\` | the chart of one environment: guardrails, namespaces, apps |
| \`main.ts\`, \`cdk8s.yaml\` | \`npm run synth\`: every environment into \`dist/<env>/\`, then the rules |
| \`pulumi.ts\`, \`Pulumi*.yaml\` | \`pulumi up --stack dev\`: the environment deployed behind Bulwark's gate |
| \`tests/\` | jest tests using Bulwark's \`toPassBulwarkRules\` matcher |

Deploying: \`pulumi stack init dev\`, optionally \`pulumi config set --secret kubeconfig "$(cat kubeconfig)"\`,
then \`pulumi up --stack dev\`. A rule violation refuses the whole deployment before anything changes.
`;
}

/** The configuration files, by path relative to the project folder. */
export function projectFiles(o: ProjectOptions): Map<string, string> {
  return new Map([
    ['package.json', packageJson(o)],
    ['tsconfig.json', TSCONFIG],
    ['jest.config.js', JEST_CONFIG],
    ['cdk8s.yaml', CDK8S_YAML],
    ['Pulumi.yaml', pulumiYaml(o)],
    ['Pulumi.dev.yaml', stackYaml(o, 'dev')],
    ['Pulumi.prod.yaml', stackYaml(o, 'prod')],
    ['.gitignore', GITIGNORE],
    ['README.md', readme(o)],
  ]);
}
