/**
 * The published library's shape, checked from the sources so it needs no build: the exports map
 * matches the entry files in api/, every package the library imports is declared, the bin prefers
 * sources over a stale lib/, and the environment-to-platform bridge matches the reference blueprint.
 */
import { execFileSync } from 'child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from 'fs';
import { builtinModules } from 'module';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';
import { Platform } from '../../constructs';
import { ENVIRONMENTS, buildBlueprint } from '../../environments';
import { platformSettingsOf } from '../../environments/platform-settings';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The files `tsc -p tsconfig.build.json` compiles into lib/. */
function buildFiles(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  return config!.fileNames;
}

/** Module specifiers a file needs at run time: imports and re-exports that are not type-only. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specs: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly)
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly)
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
  }
  return specs;
}

describe('package.json', () => {
  const entries = readdirSync(join(ROOT, 'api'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

  test('exports one subpath per api/ entry file, with types first, plus the main entry and package.json', () => {
    const expected: Record<string, unknown> = { './package.json': './package.json' };
    for (const name of entries)
      expected[`./${name}`] = { types: `./lib/api/${name}.d.ts`, default: `./lib/api/${name}.js` };
    expected['.'] = expected['./constructs'];
    expect(pkg.exports).toEqual(expected);
    for (const value of Object.values(pkg.exports)) {
      if (typeof value === 'object') expect(Object.keys(value as object)[0]).toBe('types');
    }
    expect(pkg.main).toBe('lib/api/constructs.js');
    expect(pkg.types).toBe('lib/api/constructs.d.ts');
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(entries);
  });

  test('ships the compiled library, the bin, the CRDs and the changelog, never sources or tests', () => {
    expect(pkg.files).toEqual(['lib/', 'bin/', 'crds/', 'CHANGELOG.md']);
    expect(pkg.bin).toEqual({ bulwark: 'bin/bulwark.js' });
  });

  test('every package the library imports is a dependency or a peer; pulumi only from stacks', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const optional = new Set(Object.keys(pkg.peerDependenciesMeta ?? {}));
    const problems: string[] = [];
    for (const file of buildFiles()) {
      for (const spec of runtimeImports(file)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (builtinModules.includes(name)) continue;
        const rel = file.slice(ROOT.length + 1);
        if (!declared.has(name)) problems.push(`${rel} imports undeclared '${name}'`);
        if (optional.has(name) && !rel.startsWith('stacks/') && rel !== 'api/stacks.ts')
          problems.push(`${rel} imports optional peer '${name}' outside stacks/`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('peers that must be one copy are dev dependencies here too, at versions the peer range accepts', () => {
    for (const name of Object.keys(pkg.peerDependencies)) {
      expect(pkg.devDependencies[name]).toBeDefined();
      expect(pkg.dependencies[name]).toBeUndefined();
    }
  });
});

describe('bin/bulwark.js', () => {
  let dir: string;
  beforeEach(() => {
    // A miniature package: the real bin, a lib/ that says "lib", and (optionally) sources.
    dir = mkdtempSync(join(tmpdir(), 'bulwark-bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'bulwark.js'), join(dir, 'bin', 'bulwark.js'));
    mkdirSync(join(dir, 'lib', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'lib', 'cli', 'main.js'), "exports.main = () => console.log('lib');\n");
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = () =>
    execFileSync(process.execPath, [join(dir, 'bin', 'bulwark.js')], { encoding: 'utf8' }).trim();

  test('runs the sources in a checkout, even when a (stale) lib/ exists', () => {
    mkdirSync(join(dir, 'cli'));
    writeFileSync(join(dir, 'cli', 'main.ts'), "export const main = (): void => console.log('sources');\n");
    expect(run()).toBe('sources');
  });

  test('runs lib/ in an installed package (no sources)', () => {
    expect(run()).toBe('lib');
  });
});

describe('platformSettingsOf', () => {
  test.each(Object.values(ENVIRONMENTS))('gives the settings the reference blueprint uses ($name)', (env) => {
    const reference = buildBlueprint(new App(), env).chart.settings;
    const bridged = new Platform(new App(), 'bridge', {
      settings: platformSettingsOf(env, { partOf: 'shop' }),
    }).settings;
    expect(bridged).toEqual(reference);
  });
});
