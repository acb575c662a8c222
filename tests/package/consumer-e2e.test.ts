/**
 * The consumer path end to end, as a user meets it: Bulwark packed by `npm pack` (its prepack
 * builds lib/), a fresh project from `bulwark init` depending on that tarball, installed OFFLINE from
 * the npm cache this repository's own install filled, then the project's synth (cdk8s + Bulwark's
 * validation plugin), its jest tests, its type check, a new app added by the installed bin, and
 * `bulwark check` on its output, which must pass Pod Security Standards restricted. A typed consumer
 * file compiles against the installed declarations, under node16 and classic node resolution.
 *
 * Slow (one to three minutes), so it runs only with BULWARK_E2E=1: `.ci/run` sets it.
 * Packing happens in a staging copy of the working tree, so the repository's own lib/ is untouched.
 */
import { execFileSync, type ExecFileSyncOptions } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

const ROOT = join(__dirname, '..', '..');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const run = process.env.BULWARK_E2E === '1' ? describe : describe.skip;
jest.setTimeout(15 * 60_000);

// npm passes its own settings to scripts as npm_* variables; a nested npm must not inherit them
// (npm_config_prefix, npm_package_*), or it would act on this repository instead of the project.
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'),
);
const timings: Record<string, number> = {};

function sh(
  step: string,
  cwd: string,
  file: string,
  args: string[],
  options: ExecFileSyncOptions = {},
): string {
  const start = Date.now();
  try {
    return execFileSync(file, args, { cwd, env: ENV, encoding: 'utf8', stdio: 'pipe', ...options }) as string;
  } catch (error) {
    const e = error as { status: number; stdout?: string; stderr?: string };
    throw new Error(`${step} failed (exit ${e.status}):\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  } finally {
    timings[step] = Date.now() - start;
  }
}
const npm = (step: string, cwd: string, args: string[]) => sh(step, cwd, 'npm', args);
const bulwarkIn = (step: string, project: string, args: string[]) =>
  sh(step, project, process.execPath, [
    join(project, 'node_modules', 'bulwark', 'bin', 'bulwark.js'),
    ...args,
  ]);

run('consumer end to end (packed, installed offline)', () => {
  let work: string;
  let tarball: string;
  let project: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
    // Stage what git would see (tracked and untracked, not ignored): no lib/, no node_modules/.
    const stage = join(work, 'stage');
    const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    for (const file of listed.split('\0').filter(Boolean)) {
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      try {
        copyFileSync(join(ROOT, file), join(stage, file));
      } catch {
        // Listed but deleted in the working tree: not part of a release from it either.
      }
    }
    symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'));
    const packed = JSON.parse(npm('npm pack', stage, ['pack', '--json', '--pack-destination', work]));
    tarball = join(work, packed[0].filename);
    project = join(work, 'my-platform');
    sh('bulwark init', work, process.execPath, [
      join(ROOT, 'bin', 'bulwark.js'),
      'init',
      project,
      '--bulwark-spec',
      `file:${tarball}`,
    ]);
    // --offline: npm may use its cache only and fails (ENOTCACHED) on anything it would download.
    // The cache this repository's install filled holds every package; should a fresh machine's cache
    // miss one (a registry that moved on since), fall back to --prefer-offline and say so.
    try {
      npm('npm install --offline', project, ['install', '--offline', '--no-audit', '--no-fund']);
    } catch (error) {
      if (!/ENOTCACHED/.test(String(error))) throw error;
      process.stdout.write(`consumer e2e: the npm cache missed a package, installing --prefer-offline\n`);
      npm('npm install --prefer-offline', project, [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ]);
    }
  });

  afterAll(() => {
    process.stdout.write(
      `consumer e2e timings (s): ${Object.entries(timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
        .join(', ')}\n`,
    );
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds lib/ with declarations, bin, crds, README, LICENSE and CHANGELOG; no sources or tests', () => {
    const files = sh('tar', work, 'tar', ['-tzf', tarball])
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/bulwark.js']),
    );
    expect(files).toEqual(
      expect.arrayContaining(['lib/cli/main.js', 'lib/api/constructs.d.ts', 'lib/api/cdk8s-validation.js']),
    );
    expect(files.filter((f) => f.startsWith('crds/')).length).toBeGreaterThan(0);
    const stray = files.filter(
      (f) => !/^(lib|bin|crds)\//.test(f) && !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f),
    );
    expect(stray).toEqual([]);
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /tests?\//.test(f) || /fixtures/.test(f))).toEqual([]);
  });

  test('the installed bin runs the compiled CLI', () => {
    expect(bulwarkIn('bulwark --version', project, ['--version']).trim()).toBe(VERSION);
  });

  test('new app, synth, jest, typecheck and check all pass; the output passes PSS restricted', () => {
    bulwarkIn('bulwark new app', project, ['new', 'app', 'orders', '--namespace', 'shop']);
    const synth = npm('npm run synth', project, ['run', 'synth']);
    expect(synth).toMatch(/Validations ended succesfully|Validations finished/);
    npm('npm test', project, ['test', '--', '--ci']);
    npm('npm run typecheck', project, ['run', 'typecheck']);
    const json = bulwarkIn('bulwark check', project, ['check', 'dist', '--format', 'json']);
    const report = JSON.parse(json);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, infos: 0, suppressed: 0 });
    expect(report.summary.objects).toBeGreaterThan(50);
    expect(report.findings).toEqual([]);
    // Pod Security Standards restricted, named explicitly: SARIF lists the rules that ran.
    const sarif = JSON.parse(
      bulwarkIn('bulwark check --pss', project, [
        'check',
        'dist',
        '--pss',
        'restricted@latest',
        '--only',
        'pss.',
        '--format',
        'sarif',
      ]),
    );
    const ran: string[] = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ran.filter((id) => id.startsWith('pss.restricted.')).length).toBeGreaterThanOrEqual(7);
    expect(ran.filter((id) => id.startsWith('pss.baseline.')).length).toBeGreaterThanOrEqual(10);
    expect(sarif.runs[0].results).toEqual([]);
    const files = sh('find dist', project, 'find', ['dist', '-name', '*.yaml'])
      .split('\n')
      .filter(Boolean)
      .sort();
    expect(files).toEqual(['dist/dev/platform.k8s.yaml', 'dist/prod/platform.k8s.yaml']);
  });

  test('a typed consumer compiles against the installed declarations (node16 and classic resolution)', () => {
    writeFileSync(join(project, 'typed-consumer.ts'), TYPED_CONSUMER);
    const base = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'ES2022',
      '--types',
      'node',
      'typed-consumer.ts',
    ];
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    sh('tsc node16', project, process.execPath, [
      tsc,
      ...base,
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
    ]);
    sh('tsc node10', project, process.execPath, [
      tsc,
      ...base,
      '--module',
      'commonjs',
      '--moduleResolution',
      'node',
    ]);
  });
});

/** Uses SecureNamespace, SecureApp, secrets, connections and the rule engine as a consumer would. */
const TYPED_CONSUMER = `
import { Testing } from 'cdk8s';
import { Peer, Platform, SecretBackend, SecureApp, SecureNamespace, type SecureAppProps } from 'bulwark';
import { defineEnvironment, platformSettingsOf, RESOURCE_PROFILES } from 'bulwark/environments';
import { ALL_RULES, evaluate, loadText, renderReport, type Finding, type Report } from 'bulwark/policies';
import { bulwarkMatchers } from 'bulwark/jest';
import { BlueprintRelease } from 'bulwark/stacks';

const env = defineEnvironment('typed.ts', {
  name: 'typed', pssVersion: 'v1.37', requireImageDigests: false, defaultReplicas: 1, minDeploymentReplicas: 1,
  resourceProfiles: RESOURCE_PROFILES.reduced,
  ingressController: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  kubernetesApi: { cidr: '10.0.0.1/32', port: 6443 }, egress: {},
  vault: { address: 'https://vault.example:8200', kvMount: 'kv', kubernetesAuthMount: 'kubernetes', manageVault: false },
  secretRefreshInterval: '1h',
});
const chart = new Platform(Testing.app(), 'typed', { settings: platformSettingsOf(env) });
const shop = new SecureNamespace(chart, 'shop', { quota: { cpu: '2' } });
const props: SecureAppProps = {
  image: 'registry.example.com/shop/api:1.0.0',
  ports: [8080],
  secrets: [{ name: 'db', path: 'shop/api/db', keys: ['password'], backend: SecretBackend.EXTERNAL_SECRETS }],
};
const api = new SecureApp(shop, 'api', props);
const web = new SecureApp(shop, 'web', { image: 'registry.example.com/shop/web:1.0.0', ports: [8080] });
web.allowFrom(Peer.ingressController(), 8080).allowTo(api, 8080);
api.allowToCidr('payments', '203.0.113.0/24', 443);
// @ts-expect-error the image is a string: the declarations are real types, not any
new SecureApp(shop, 'broken', { image: 42 });

const report: Report = evaluate(loadText(JSON.stringify(chart.toJson()), 'typed.json', 'json'), { rules: ALL_RULES, pss: { level: 'restricted' } });
const errors: Finding[] = report.findings.filter((f) => f.severity === 'error');
const text: string = renderReport('markdown', report, { version: '0' });
const matchers: object = bulwarkMatchers;
const release: typeof BlueprintRelease = BlueprintRelease;
export { errors, text, matchers, release };
`;
