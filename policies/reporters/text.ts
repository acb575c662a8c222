/**
 * Human-readable text: one line per finding, then what to do about it, then a summary line.
 * Colour only on request (the CLI asks for it when stdout is a terminal).
 */
import { createColors } from 'picocolors';
import type { Report, Severity } from '../types';
import { locationOf, objectLabel, printable, summaryLine, type RenderOptions } from './common';

const INDENT = ' '.repeat('warning'.length + 2);

/**
 * Renders e.g.
 * `error    pss.restricted.runAsNonRoot  Deployment shop/orders  app.yaml:12  spec.template.spec  pod must set ...`
 * followed by `fix: ...`, or by `suppressed (reason)` for a suppressed finding.
 */
export function renderText(report: Report, options: Pick<RenderOptions, 'color'> = {}): string {
  const c = createColors(options.color === true);
  const paint: Readonly<Record<Severity, (s: string) => string>> = {
    error: (s) => c.bold(c.red(s)),
    warning: (s) => c.yellow(s),
    info: (s) => c.cyan(s),
  };
  const lines: string[] = [];
  for (const f of report.findings) {
    const columns = [
      c.bold(f.ruleId),
      printable(objectLabel(f.object)),
      c.underline(printable(locationOf(f))),
      ...(f.path ? [c.dim(printable(f.path))] : []),
      printable(f.message),
    ];
    const severity = f.severity.padEnd('warning'.length);
    if (f.suppression) {
      lines.push(c.dim(`${severity}  ${columns.join('  ')}`));
      lines.push(c.dim(`${INDENT}suppressed (${printable(f.suppression.reason)})`));
    } else {
      lines.push(`${paint[f.severity](severity)}  ${columns.join('  ')}`);
      lines.push(`${INDENT}${c.dim('fix:')} ${printable(f.remediation)}`);
    }
  }
  if (lines.length > 0) lines.push('');
  const s = report.summary;
  const summary = summaryLine(report);
  lines.push(s.errors > 0 ? c.red(summary) : s.warnings > 0 ? c.yellow(summary) : c.green(summary));
  return `${lines.join('\n')}\n`;
}
