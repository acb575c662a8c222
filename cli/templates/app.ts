/**
 * One app of a scaffolded project: its declaration file in apps/ and its jest test. `bulwark init`
 * writes the example (a Vault secret and a connection); `bulwark new app` writes a plain one.
 */

/** Options of `appFiles`. */
export interface AppOptions {
  /** App name (DNS-1123 label): the file name and every object's name. */
  readonly name: string;
  /** Namespace the app lives in (DNS-1123 label). */
  readonly namespace: string;
  /** The project name, used in the placeholder image. */
  readonly project: string;
  /** Whether to write the example: a Vault secret and ingress from the ingress controller. */
  readonly example?: boolean;
}

// An obviously fake digest: environments that require digests accept the format, and anyone
// reading the manifests sees at once that the image still needs replacing.
const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;

function declaration(o: AppOptions): string {
  const summary = o.example
    ? `${o.name}: the example app. It serves HTTP on 8080, is reachable from the ingress controller and
 * nothing else, and reads its API key from Vault as a file (/var/run/secrets/bulwark/api/api-key).`
    : `${o.name}: serves HTTP on 8080. Open flows with allowFrom/allowTo; everything else is denied.`;
  const imports = o.example
    ? "import { Peer, SecureApp, type SecureNamespace } from 'bulwark';"
    : "import { SecureApp, type SecureNamespace } from 'bulwark';";
  const secrets = o.example
    ? `\n    // Vault kv-v2 ${o.namespace}/${o.name}/api, synced by External Secrets; no value ever in code.
    secrets: [{ name: 'api', path: '${o.namespace}/${o.name}/api', keys: ['api-key'] }],`
    : '';
  const flows = o.example
    ? `  app.allowFrom(Peer.ingressController(env.ingressController.namespace, env.ingressController.podLabels), 8080);\n`
    : `  // e.g. app.allowFrom('other-namespace/caller', 8080); app.allowTo('${o.namespace}/db', 5432);\n`;
  const envParam = o.example ? 'env' : '_env';
  return `/**
 * ${summary}
 */
${imports}
import type { Environment } from 'bulwark/environments';

/** The namespace the app lives in. */
export const namespace = '${o.namespace}';

/** Declares the app; platform.ts calls this for every environment. */
export function declareApp(ns: SecureNamespace, ${envParam}: Environment): SecureApp {
  const app = new SecureApp(ns, '${o.name}', {
    // Replace with the real image, pinned by digest (prod requires one).
    image: 'registry.example.com/${o.project}/${o.name}:0.1.0@${PLACEHOLDER_DIGEST}',
    ports: [8080],
    resources: 'small',
    readiness: { httpPath: '/ready' },${secrets}
  });
${flows}  return app;
}
`;
}

function test(o: AppOptions): string {
  const secretTest = o.example
    ? `
  test('brings its API key from Vault through External Secrets', () => {
    const { chart } = build(env);
    const synced = (chart.toJson() as K8sObject[]).filter((o) => o.kind === 'ExternalSecret');
    expect(synced.map((o) => o.metadata?.name)).toEqual(['${o.name}-api']);
  });
`
    : '';
  return `/** ${o.name} passes every Bulwark rule in every environment. */
import { Testing } from 'cdk8s';
import { Platform, SecureNamespace } from 'bulwark';
import { platformSettingsOf, type Environment } from 'bulwark/environments';
import { bulwarkMatchers } from 'bulwark/jest';${o.example ? "\nimport type { K8sObject } from 'bulwark/policies';" : ''}
import { declareApp, namespace } from '../apps/${o.name}';
import { ENVIRONMENTS } from '../environments';

expect.extend(bulwarkMatchers);

function build(env: Environment) {
  const chart = new Platform(Testing.app(), 'test', { settings: platformSettingsOf(env) });
  const app = declareApp(new SecureNamespace(chart, namespace), env);
  return { chart, app };
}

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('${o.name} in %s', (_name, env) => {
  test('passes every Bulwark rule', () => {
    expect(build(env).chart).toPassBulwarkRules();
  });
${secretTest}});
`;
}

/** The app's declaration and test, by path relative to the project folder. */
export function appFiles(o: AppOptions): Map<string, string> {
  return new Map([
    [`apps/${o.name}.ts`, declaration(o)],
    [`tests/${o.name}.test.ts`, test(o)],
  ]);
}
