/**
 * `bulwark init` and `bulwark new app`: what they write, and that they never overwrite. Exit codes
 * go through the real binary; the rest calls the commands in-process.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { runInit } from '../../cli/init';
import { runNewApp } from '../../cli/new-app';
import { InputError } from '../../policies/errors';

const ROOT = join(__dirname, '..', '..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bulwark-init-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bulwark = (args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'bulwark.js'), ...args], { cwd: dir, encoding: 'utf8' });

/** Every file under `root`, relative, sorted. */
function tree(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(root, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

describe('bulwark init', () => {
  test('scaffolds the project: config, environments, one app with its test, Pulumi stacks', () => {
    const written = runInit(join(dir, 'my-platform'));
    expect(written).toEqual(tree(join(dir, 'my-platform')));
    expect(written).toEqual(
      expect.arrayContaining([
        'package.json',
        'tsconfig.json',
        'cdk8s.yaml',
        'Pulumi.yaml',
        'Pulumi.dev.yaml',
        'Pulumi.prod.yaml',
        'environments/dev.ts',
        'environments/prod.ts',
        'apps/hello.ts',
        'tests/hello.test.ts',
        'README.md',
      ]),
    );
    const read = (f: string) => readFileSync(join(dir, 'my-platform', f), 'utf8');
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.name).toBe('my-platform');
    expect(pkg.dependencies.bulwark).toBe(`^${VERSION}`);
    expect(pkg.scripts.synth).toBe('cdk8s synth');
    const plugin = parse(read('cdk8s.yaml')).validations[0];
    expect(plugin).toMatchObject({ class: 'BulwarkValidation', version: VERSION });
    // The plugin path is the compiled api/cdk8s-validation entry, which the package ships.
    expect(plugin.package).toBe('./node_modules/bulwark/lib/api/cdk8s-validation.js');
    expect(parse(read('Pulumi.prod.yaml')).config).toEqual({ 'my-platform:environment': 'prod' });
    expect(read('apps/hello.ts')).toMatch(/secrets: \[\{ name: 'api'/);
    expect(read('apps/hello.ts')).toMatch(/allowFrom\(Peer\.ingressController/);
    expect(read('tests/hello.test.ts')).toMatch(/toPassBulwarkRules\(\)/);
  });

  test('--bulwark-spec and --name override the dependency and the name', () => {
    runInit(dir, { bulwarkSpec: 'file:/tmp/bulwark-0.1.0.tgz', name: 'shop' });
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'shop', dependencies: { bulwark: 'file:/tmp/bulwark-0.1.0.tgz' } });
  });

  test('writes into a non-empty folder when nothing conflicts', () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    runInit(dir, { name: 'shop' });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('exits 2 listing every conflicting file, and touches nothing', () => {
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, 'package.json'), '{"name":"mine"}');
    writeFileSync(join(dir, 'apps', 'hello.ts'), '// mine');
    const before = tree(dir).map((f) => [
      f,
      readFileSync(join(dir, f), 'utf8'),
      statSync(join(dir, f)).mtimeMs,
    ]);
    const result = bulwark(['init', '.', '--name', 'shop']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /refusing to overwrite existing files in .*: apps\/hello\.ts, package\.json\. Nothing was written/,
    );
    expect(result.stdout).toBe('');
    expect(
      tree(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8'), statSync(join(dir, f)).mtimeMs]),
    ).toEqual(before);
  });

  test('a write that fails part-way removes what it wrote', () => {
    writeFileSync(join(dir, 'apps'), 'a file where a folder must go');
    expect(() => runInit(dir, { name: 'shop' })).toThrow(
      /could not write the project: .*Nothing was left behind/,
    );
    expect(tree(dir)).toEqual(['apps']);
  });

  test('exits 2 when the folder name is no project name and --name is missing', () => {
    const result = bulwark(['init', '___']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the folder name '___' gives no project name\. Pass --name/);
  });
});

describe('bulwark new app', () => {
  beforeEach(() => runInit(dir, { name: 'shop' }));

  test('adds the app and its test, in its namespace', () => {
    expect(runNewApp('orders', { dir, namespace: 'commerce' })).toEqual([
      'apps/orders.ts',
      'tests/orders.test.ts',
    ]);
    const app = readFileSync(join(dir, 'apps', 'orders.ts'), 'utf8');
    expect(app).toMatch(/export const namespace = 'commerce';/);
    expect(app).toMatch(/new SecureApp\(ns, 'orders'/);
    expect(readFileSync(join(dir, 'tests', 'orders.test.ts'), 'utf8')).toMatch(/from '\.\.\/apps\/orders'/);
  });

  test('the namespace defaults to the app name', () => {
    runNewApp('billing', { dir });
    expect(readFileSync(join(dir, 'apps', 'billing.ts'), 'utf8')).toMatch(
      /export const namespace = 'billing';/,
    );
  });

  test('exits 2 instead of overwriting, and for names that are not DNS-1123 labels', () => {
    expect(bulwark(['new', 'app', 'hello']).status).toBe(2);
    expect(readFileSync(join(dir, 'apps', 'hello.ts'), 'utf8')).toMatch(/the example app/);
    expect(() => runNewApp('Orders', { dir })).toThrow(/app name 'Orders' is not a valid DNS-1123 label/);
    expect(() => runNewApp('orders', { dir, namespace: 'kube-system' })).toThrow(/system namespace/);
    expect(() => runNewApp('orders', { dir, namespace: 'a_b' })).toThrow(InputError);
  });

  test('refuses a folder that is not a Bulwark project', () => {
    expect(() => runNewApp('orders', { dir: join(dir, 'apps') })).toThrow(/is not a Bulwark project/);
  });
});
