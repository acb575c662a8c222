/**
 * Markdown for pull-request comments and job summaries: totals, findings grouped by severity,
 * and every suppressed finding with its reason.
 */
import type { Finding, Report, Severity } from '../types';
import { count, locationOf, objectLabel, printable, SEVERITIES, type RenderOptions } from './common';

const HEADINGS: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Renders the report as GitHub-flavoured Markdown. */
export function renderMarkdown(
  report: Report,
  options: Partial<Pick<RenderOptions, 'version' | 'title'>> = {},
): string {
  const s = report.summary;
  const out: string[] = [`# ${text(options.title ?? 'Bulwark report')}`, ''];
  if (options.version)
    out.push(`Checked ${count(s.objects, 'object')} with Bulwark ${text(options.version)}.`, '');
  out.push(
    '| Objects | Errors | Warnings | Infos | Suppressed |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${s.objects} | ${s.errors} | ${s.warnings} | ${s.infos} | ${s.suppressed} |`,
    '',
  );
  if (report.findings.length === 0) out.push('No findings.', '');
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity && !f.suppressed);
    if (findings.length === 0) continue;
    out.push(`## ${HEADINGS[severity]} (${findings.length})`, '');
    out.push('| Rule | Object | Location | Path | Finding | Fix |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of findings)
      out.push(row([code(f.ruleId), ...where(f), text(f.message), text(f.remediation)]));
    out.push('');
  }
  const suppressed = report.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push(`## Suppressions (${suppressed.length})`, '');
    out.push(
      '| Rule | Severity | Object | Location | Path | Finding | Reason |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of suppressed) {
      out.push(
        row([code(f.ruleId), f.severity, ...where(f), text(f.message), text(f.suppression?.reason ?? '')]),
      );
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function where(f: Finding): string[] {
  return [text(objectLabel(f.object)), code(locationOf(f)), f.path ? code(f.path) : ''];
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Plain text in a table cell: every Markdown-significant character escaped, so manifests cannot inject markup. */
function text(s: string): string {
  return printable(s).replace(/[\\`*_[\]<>|~&#!]/g, '\\$&');
}

/** A code span long enough to hold any backticks in `s`; pipes stay escaped, as GFM tables need. */
function code(s: string): string {
  const longest = Math.max(0, ...(printable(s).match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = printable(s).replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
