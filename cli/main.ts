/**
 * The `bulwark` command line. Exit codes: 0 no unsuppressed error finding, 1 findings, 2 bad input
 * or usage.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../policies/errors';
import { renderRuleList, type RuleListFormat } from '../policies/reporters/rules';
import { ALL_RULES } from '../policies/rules';
import { runCheck } from './check';
import { addInitCommand } from './init';
import { addNewCommand } from './new-app';
import { runSynth } from './synth';
import { VERSION } from './version';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Builds the command tree; exported so tests can drive it without a process. */
export function buildProgram(): Command {
  const program = new Command('bulwark')
    .description('Secure-by-default Kubernetes blueprint: synthesize hardened manifests and check any manifests.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  program
    .command('synth')
    .description('Synthesize the reference blueprint into dist/<env>/ and check it with every rule.')
    .addOption(new Option('--env <env>', 'environment to synthesize').choices(['dev', 'staging', 'prod', 'all']).default('all'))
    .option('--out <dir>', 'output folder', 'dist')
    .action(async (opts: { env: string; out: string }) => {
      process.exitCode = await runSynth(opts);
    });

  program
    .command('check')
    .description('Check Kubernetes manifests (files, folders, or - for stdin) against the rules.')
    .argument('<paths...>', 'files, folders (recursively *.yaml, *.yml, *.json) or - for stdin')
    .option('--pss <level>', 'Pod Security Standards level: baseline|restricted[@vX.Y|@latest]', 'restricted')
    .option('--only <prefix>', 'only rules whose id starts with this prefix (repeatable, or comma-separated)', collect, [])
    .addOption(
      new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif', 'junit', 'markdown']).default('text'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (paths: string[], opts: CheckCliOptions) => {
      process.exitCode = await runCheck(paths, opts);
    });

  program
    .command('rules')
    .description('List every rule: id, severity and title. Suppressions and --only name rules by these ids.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { format: RuleListFormat }) => {
      process.stdout.write(renderRuleList(ALL_RULES, opts.format));
    });

  addInitCommand(program);
  addNewCommand(program);

  return program;
}

/** Options of `bulwark check` as commander parses them. */
export interface CheckCliOptions {
  readonly pss: string;
  readonly only: string[];
  readonly format: 'text' | 'json' | 'sarif' | 'junit' | 'markdown';
  readonly output?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** Entry point of the `bulwark` binary. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

/** Maps an error escaping a command to an exit code, printing it without a stack trace for input errors. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has already printed the message; help and version are successes.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    process.stderr.write(`bulwark: ${error.describe()}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`bulwark: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT.usage;
}
