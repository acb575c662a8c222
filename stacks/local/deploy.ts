/**
 * The local deploy loop on the command line (see stacks/README.md, "Deploying to the local control
 * plane"):
 *
 *   npm run deploy:local -- --env dev     preview (with the CrossGuard pack), then up
 *   npm run destroy:local -- --env dev    destroy everything the local stack created
 *
 * Options: `--preview-only`, `--skip-preview`, `--force-conflicts`, `--no-skip-await`, `--no-crds`,
 * `--remove` (destroy: also delete the stack's state). The control plane is started (or reused) by tools/cluster/up.sh,
 * and the Pulumi CLI and provider are built on first use by tools/pulumi/build.sh.
 */
import { Command, Option } from 'commander';
import type { Stack } from '@pulumi/pulumi/automation';
import { ENVIRONMENT_NAMES } from '../../environments';
import { localKubeconfig, localStateDirs, openLocalStack, operationOptions, pulumiRoot } from './local-stack';

const say = (text: string) => process.stderr.write(`[deploy:local] ${text}\n`);
const print = (text: string) => process.stdout.write(text);

/** Runs `step`, printing how long it took. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const start = Date.now();
  say(`${label}…`);
  const result = await step();
  say(`${label}: done in ${((Date.now() - start) / 1000).toFixed(1)}s`);
  return result;
}

function changes(summary: Record<string, number> | undefined): string {
  return Object.entries(summary ?? {})
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
}

interface CommonOptions {
  env: string;
  skipAwait: boolean;
  crds: boolean;
  forceConflicts?: boolean;
}

async function open(opts: CommonOptions): Promise<Stack> {
  const root = await timed('Pulumi CLI and provider (tools/pulumi/build.sh)', async () => pulumiRoot());
  const kubeconfig = await timed('local control plane (tools/cluster/up.sh)', async () => localKubeconfig());
  const dirs = localStateDirs();
  say(`stack '${opts.env}', state file://${dirs.backend}, kubeconfig ${kubeconfig}`);
  return timed('stack', () =>
    openLocalStack({
      env: opts.env,
      kubeconfig,
      root,
      dirs,
      skipAwait: opts.skipAwait,
      crds: opts.crds,
      forceConflicts: opts.forceConflicts,
    }),
  );
}

async function deploy(opts: CommonOptions & { previewOnly?: boolean; skipPreview?: boolean }): Promise<void> {
  const stack = await open(opts);
  if (!opts.skipPreview) {
    const preview = await timed('preview', () => stack.preview(operationOptions(print)));
    say(`preview: ${changes(preview.changeSummary)}`);
    if (opts.previewOnly) return;
  }
  const up = await timed('up', () => stack.up(operationOptions(print)));
  say(`up: ${up.summary.result}; ${changes(up.summary.resourceChanges)}`);
}

async function destroy(opts: CommonOptions & { remove?: boolean }): Promise<void> {
  const stack = await open(opts);
  const result = await timed('destroy', () => stack.destroy({ onOutput: print, color: 'never' }));
  say(`destroy: ${result.summary.result}; ${changes(result.summary.resourceChanges)}`);
  if (opts.remove) {
    await stack.workspace.removeStack(stack.name);
    say(`removed stack '${stack.name}' from the local state`);
  }
}

function common(command: Command): Command {
  return command
    .addOption(
      new Option('--env <env>', 'environment to deploy').choices([...ENVIRONMENT_NAMES]).default('dev'),
    )
    .option('--no-skip-await', 'do not annotate objects that need nodes with pulumi.com/skipAwait')
    .option('--no-crds', 'do not deploy the vendored CRDs (crds/) with the blueprint');
}

/** Builds the command tree. */
export function buildCommand(): Command {
  const program = new Command('deploy-local').description(
    'Deploy a Bulwark environment to the local control plane with a locally built Pulumi (inline program, file backend).',
  );
  common(program.command('up'))
    .description('preview with the CrossGuard pack, then up')
    .option('--preview-only', 'stop after the preview')
    .option('--skip-preview', 'go straight to up (the pack still runs)')
    .option('--force-conflicts', 'take over fields that other field managers applied (pulumi.com/patchForce)')
    .action(deploy);
  common(program.command('destroy'))
    .description('destroy everything the local stack created')
    .option('--remove', 'also remove the stack from the local state')
    .action(destroy);
  return program;
}

if (require.main === module) {
  buildCommand()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      // Automation API errors carry the CLI's whole output, which onOutput already printed: repeat
      // only its error lines (or the last lines, when there are none).
      const lines = (error instanceof Error ? error.message : String(error)).split('\n');
      const errors = [...new Set(lines.filter((l) => /\berror:/.test(l)).map((l) => l.trim()))];
      say(`FAILED:\n  ${(errors.length > 0 ? errors.slice(0, 12) : lines.slice(-15)).join('\n  ')}`);
      process.exitCode = 1;
    });
}
