/**
 * `bulwark new app NAME [--namespace NS]`: adds `apps/NAME.ts` and `tests/NAME.test.ts` to a project
 * `bulwark init` made. platform.ts loads every file in apps/, so nothing else needs editing.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { dns1123LabelProblem } from '../constructs/validation';
import { InputError } from '../policies/errors';
import { writeScaffold } from './init';
import { appFiles } from './templates/app';

/** Options of `runNewApp`. */
export interface NewAppOptions {
  /**
   * Namespace the app lives in (DNS-1123 label, not a system namespace).
   *
   * @default - the app name
   */
  readonly namespace?: string;
  /**
   * The project folder.
   *
   * @default - the current directory
   */
  readonly dir?: string;
}

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Adds the app; returns the files written. Throws InputError (exit 2) for a bad name or a conflict. */
export function runNewApp(name: string, options: NewAppOptions = {}): string[] {
  const dir = resolve(options.dir ?? '.');
  const namespace = options.namespace ?? name;
  const problem = dns1123LabelProblem('app name', name) ?? dns1123LabelProblem('--namespace', namespace);
  if (problem) throw new InputError(problem);
  if (SYSTEM_NAMESPACES.includes(namespace)) {
    throw new InputError(
      `--namespace '${namespace}' is a system namespace. Give the app a namespace of its own.`,
    );
  }
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest) || !existsSync(join(dir, 'apps'))) {
    throw new InputError(
      `${dir} is not a Bulwark project (no package.json and apps/). Create one with 'bulwark init'.`,
    );
  }
  const project = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ?? 'app';
  return writeScaffold(dir, appFiles({ name, namespace, project }));
}

/** Registers `bulwark new app` on the program. */
export function addNewCommand(program: Command): void {
  program
    .command('new')
    .description('Add to a project that bulwark init made.')
    .command('app')
    .description('Add apps/NAME.ts and tests/NAME.test.ts; never overwrites a file.')
    .argument('<name>', 'app name, a DNS-1123 label')
    .option('--namespace <ns>', 'namespace of the app (default: the app name)')
    .option('--dir <dir>', 'project folder (default: the current folder)')
    .action((name: string, opts: NewAppOptions) => {
      const written = runNewApp(name, opts);
      process.stdout.write(`created ${written.join(', ')}\n`);
    });
}
