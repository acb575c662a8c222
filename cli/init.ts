/**
 * `bulwark init [DIR]`: scaffolds a consumer project offline. It never overwrites: when any file it
 * would write exists, it lists them, writes nothing and exits 2 (InputError).
 */
import type { Command } from 'commander';
import { lstatSync, mkdirSync, rmdirSync, unlinkSync, writeFileSync } from 'fs';
import { basename, dirname, join, relative, resolve } from 'path';
import { dns1123LabelProblem } from '../constructs/validation';
import { InputError } from '../policies/errors';
import { PSS_LATEST_VERSION } from '../policies/pss-selection';
import { appFiles } from './templates/app';
import { projectFiles } from './templates/project';
import { sourceFiles } from './templates/sources';
import { testFiles } from './templates/tests';
import { BULWARK_VERSION } from './templates/versions';

/** Options of `runInit`. */
export interface InitOptions {
  /**
   * Project name (DNS-1123 label).
   *
   * @default - the folder's name, lower-cased with other characters turned into '-'
   */
  readonly name?: string;
  /**
   * The `bulwark` dependency spec in the new package.json, e.g. `file:/tmp/bulwark-0.1.0.tgz`.
   *
   * @default '^<this version>'
   */
  readonly bulwarkSpec?: string;
}

/** The example app `init` writes. */
export const EXAMPLE_APP = 'hello';

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` and its missing parents, recording each one created (parents first). */
function makeDirs(dir: string, created: string[]): void {
  if (exists(dir)) return;
  makeDirs(dirname(dir), created);
  mkdirSync(dir);
  created.push(dir);
}

/**
 * Writes `files` (paths relative to `dir`) without overwriting anything: when any exists, throws an
 * InputError naming them all before writing a byte. A write that still fails (a race, a full disk)
 * removes what this call created. Returns the paths written, sorted.
 */
export function writeScaffold(dir: string, files: ReadonlyMap<string, string>): string[] {
  const paths = [...files.keys()].sort();
  const conflicts = paths.filter((path) => exists(join(dir, path)));
  if (conflicts.length > 0) {
    throw new InputError(
      `refusing to overwrite existing files in ${dir}: ${conflicts.join(', ')}. Nothing was written; move them away or pick another folder.`,
    );
  }
  const createdFiles: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const path of paths) {
      const target = join(dir, path);
      makeDirs(dirname(target), createdDirs);
      // 'wx' fails instead of overwriting a file that appeared after the check.
      writeFileSync(target, files.get(path)!, { flag: 'wx' });
      createdFiles.push(target);
    }
  } catch (error) {
    for (const file of createdFiles) unlinkSync(file);
    for (const d of createdDirs.reverse()) rmdirSync(d);
    throw new InputError(
      `could not write the project: ${(error as Error).message}. Nothing was left behind.`,
    );
  }
  return paths;
}

/** A DNS-1123 label from a folder name: `My_Platform` → `my-platform`. */
export function projectNameFrom(folder: string): string {
  return basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Scaffolds a project into `dir` (created when missing). Returns the files written. */
export function runInit(dir: string, options: InitOptions = {}): string[] {
  const root = resolve(dir);
  const name = options.name ?? projectNameFrom(root);
  const problem =
    name === ''
      ? `the folder name '${basename(root)}' gives no project name.`
      : dns1123LabelProblem('project name', name);
  if (problem) throw new InputError(`${problem} Pass --name <name>.`);
  const project = {
    name,
    bulwarkSpec: options.bulwarkSpec ?? `^${BULWARK_VERSION}`,
    pssVersion: PSS_LATEST_VERSION,
  };
  const files = new Map([
    ...projectFiles(project),
    ...sourceFiles(project),
    ...appFiles({ name: EXAMPLE_APP, namespace: EXAMPLE_APP, project: name, example: true }),
    ...testFiles(name),
  ]);
  return writeScaffold(root, files);
}

/** The message `bulwark init` prints after writing. */
export function initSummary(dir: string, written: readonly string[]): string {
  const where = relative(process.cwd(), resolve(dir)) || '.';
  const next = where === '.' ? '' : `cd ${where} && `;
  return `created ${written.length} files in ${where}:\n${written.map((f) => `  ${f}`).join('\n')}\nnext: ${next}npm install && npm run synth && npm test\n`;
}

/** Registers `bulwark init` on the program. */
export function addInitCommand(program: Command): void {
  program
    .command('init')
    .description('Scaffold a project that uses Bulwark (offline); never overwrites a file.')
    .argument('[dir]', 'project folder, created when missing', '.')
    .option('--name <name>', 'project name, a DNS-1123 label (default: from the folder name)')
    .option(
      '--bulwark-spec <spec>',
      'the bulwark dependency spec, e.g. file:/path/bulwark.tgz',
      `^${BULWARK_VERSION}`,
    )
    .action((dir: string, opts: InitOptions) => {
      process.stdout.write(initSummary(dir, runInit(dir, opts)));
    });
}
