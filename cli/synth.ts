/**
 * `bulwark synth`: builds the reference blueprint for each environment, checks it with every rule,
 * and writes `dist/<env>/` (manifests, compliance.json, compliance.md, report.html) only when every
 * environment synthesizes and passes. Nothing is written otherwise, so the previous `dist/` stays intact.
 */
import { join } from 'path';
import { DeclarationError } from '../constructs/errors';
import { ENVIRONMENT_NAMES, environmentNamed, EnvironmentError } from '../environments';
import { synthesizeEnvironment } from '../environments/synthesize';
import { vaultSideFiles } from '../environments/vault';
import { auditPolicyYaml } from '../environments/audit-policy';
import { evaluate } from '../policies/engine';
import { loadText } from '../policies/loader';
import { renderHtmlReport } from '../policies/reporters/html';
import { renderJson } from '../policies/reporters/json';
import { renderMarkdown } from '../policies/reporters/markdown';
import { renderText } from '../policies/reporters/text';
import { ALL_RULES } from '../policies/rules';
import type { K8sObject, Report } from '../policies/types';
import { replaceTrees, type TreeWrite } from './atomic-write';
import { VERSION } from './version';

/** Options of `bulwark synth`. */
export interface SynthOptions {
  readonly env: string;
  readonly out: string;
}

/** One environment's output, before it is written. */
export interface EnvironmentOutput {
  readonly name: string;
  readonly report: Report;
  readonly files: Map<string, string>;
  /** The checked objects, for the analyses of the HTML report. */
  readonly objects: readonly K8sObject[];
}

/** Synthesizes and checks one environment in memory. */
export function buildEnvironmentOutput(name: string, out = 'dist'): EnvironmentOutput {
  const env = environmentNamed(name);
  const synthesized = synthesizeEnvironment(env);
  const files = new Map<string, string>();
  const sources = [];
  for (const [file, text] of synthesized.files) {
    files.set(file, text);
    sources.push(...loadText(text, join(out, name, file)));
  }
  const report = evaluate(sources, {
    rules: ALL_RULES,
    pss: { level: 'restricted', version: env.pssVersion },
  });
  // The Vault side of the secrets, for teams that apply Vault with its CLI (`vault policy write`,
  // `vault write auth/<mount>/role/<name> @<name>.json`).
  for (const [file, text] of vaultSideFiles(synthesized.vault)) files.set(`vault/${file}`, text);
  // For the API server's --audit-policy-file: not a cluster object, so it is not checked as one.
  files.set('audit-policy.yaml', auditPolicyYaml(env));
  files.set('compliance.json', renderJson(report, { version: VERSION }));
  files.set(
    'compliance.md',
    renderMarkdown(report, { version: VERSION, title: `Bulwark compliance report: ${name}` }),
  );
  return { name, report, files, objects: sources.map((s) => s.object) };
}

/** Runs the command; returns the exit code. */
export async function runSynth(options: SynthOptions): Promise<number> {
  const names = options.env === 'all' ? ENVIRONMENT_NAMES : [options.env];
  const outputs: EnvironmentOutput[] = [];
  try {
    for (const name of names) outputs.push(buildEnvironmentOutput(name, options.out));
  } catch (error) {
    if (error instanceof DeclarationError || error instanceof EnvironmentError) {
      process.stderr.write(`bulwark: ${error.message}\nNothing was written; ${options.out}/ is unchanged.\n`);
      return 2;
    }
    throw error;
  }

  let failed = false;
  for (const { name, report } of outputs) {
    const s = report.summary;
    process.stdout.write(
      `${name}: ${s.objects} objects, ${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos, ${s.suppressed} suppressed\n`,
    );
    if (s.errors > 0) {
      failed = true;
      process.stderr.write(renderText(report, { color: process.stderr.isTTY === true }));
    }
  }
  if (failed) {
    process.stderr.write(
      `bulwark: unsuppressed errors; nothing was written, ${options.out}/ is unchanged.\n`,
    );
    return 1;
  }
  // report.html lays out its graph with Graphviz in WebAssembly, which loads asynchronously.
  for (const o of outputs) {
    const title = `Bulwark report: ${o.name}`;
    o.files.set(
      'report.html',
      await renderHtmlReport(o.report, { version: VERSION, title, objects: o.objects }),
    );
  }
  const trees: TreeWrite[] = outputs.map((o) => ({ dir: join(options.out, o.name), files: o.files }));
  replaceTrees(trees);
  for (const o of outputs)
    process.stdout.write(`wrote ${join(options.out, o.name)}/ (${o.files.size} files)\n`);
  return 0;
}
