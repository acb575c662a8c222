/**
 * `bulwark check PATH...`: loads manifests, runs the rules, writes the report. Exit code 0 when no
 * unsuppressed error remains, 1 otherwise; bad input and bad usage throw InputError, which main
 * prints as `bulwark: file:line: message` with exit code 2.
 */
import { randomBytes } from 'crypto';
import { renameSync, rmSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { evaluate } from '../policies/engine';
import { InputError } from '../policies/errors';
import { loadPaths, type LoadOptions } from '../policies/loader';
import { reason } from '../policies/loader/files';
import { parsePssSelection } from '../policies/pss-selection';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../policies/reporters';
import { summaryLine } from '../policies/reporters/common';
import type { Rule } from '../policies/rule';
import { ALL_RULES } from '../policies/rules';
import { VERSION } from './version';

/** Where text goes; process.stdout and process.stderr fit. */
export interface Sink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Options of `runCheck`; the CLI passes the first four. */
export interface CheckOptions {
  /** `baseline|restricted[@vX.Y|@latest]`. @default 'restricted' */
  readonly pss?: string;
  /** Rule id prefixes; each must match at least one rule. @default every rule */
  readonly only?: readonly string[];
  /** @default 'text' */
  readonly format?: ReportFormat;
  /** Write the report to this file (atomically) instead of stdout. */
  readonly output?: string;
  /** Rules to run instead of ALL_RULES (tests). */
  readonly rules?: readonly Rule[];
  /** What `-` reads. @default process.stdin */
  readonly stdin?: LoadOptions['stdin'];
  /** @default process.stdout */
  readonly stdout?: Sink;
  /** @default process.stderr */
  readonly stderr?: Sink;
}

/** Runs `bulwark check`; resolves to the exit code (0 or 1), throws InputError for exit code 2. */
export async function runCheck(paths: readonly string[], options: CheckOptions = {}): Promise<number> {
  const rules = options.rules ?? ALL_RULES;
  const pss = parsePssSelection(options.pss ?? 'restricted');
  const format = options.format ?? 'text';
  if (!REPORT_FORMATS.includes(format))
    throw new InputError(`--format '${format}' must be one of ${REPORT_FORMATS.join(', ')}`);
  const only = options.only ?? [];
  for (const prefix of only) {
    if (!rules.some((r) => r.id.startsWith(prefix))) {
      throw new InputError(
        `--only '${prefix}' matches no rule. Use a rule id or prefix listed by 'bulwark rules' (e.g. pss.restricted or workload.)`,
      );
    }
  }
  if (paths.length === 0)
    throw new InputError('no paths given. Name files, folders, or - for standard input');

  const stderr = options.stderr ?? process.stderr;
  const objects = loadPaths(paths, {
    stdin: options.stdin,
    onSkip: (file, why) => stderr.write(`bulwark: skipped ${file}: ${why}\n`),
  });
  const report = evaluate(objects, { rules, pss, only: only.length > 0 ? only : undefined });

  const stdout = options.stdout ?? process.stdout;
  const color = format === 'text' && options.output === undefined && wantsColor(stdout);
  const text = renderReport(format, report, { version: VERSION, color });
  if (options.output === undefined) {
    stdout.write(text);
  } else {
    writeAtomically(options.output, text);
    stderr.write(`bulwark: wrote ${options.output} (${summaryLine(report)})\n`);
  }
  return report.summary.errors > 0 ? 1 : 0;
}

/** Colour on a terminal, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
function wantsColor(sink: Sink): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return sink.isTTY === true;
}

/**
 * Writes to a temporary file beside `file`, then renames it over `file`, so a reader (or a
 * crash) never sees a half-written report.
 */
function writeAtomically(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // 'wx' refuses an existing path, so a planted symlink at the temporary name is never followed.
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new InputError(`cannot write the report: ${reason(error)}`, file);
  }
}
