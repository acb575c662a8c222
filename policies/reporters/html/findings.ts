/**
 * The findings sections of the HTML report: open findings by severity, the compliance view by
 * framework (every framework the evaluated rules map to, with its open findings), and the
 * suppressions with their reasons.
 */
import type { Finding, Report, Severity } from '../../types';
import { locationOf, objectLabel, SEVERITIES } from '../common';
import { esc, naturalCompare } from './escape';

const HEADINGS: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

const FRAMEWORKS: Readonly<Record<string, string>> = {
  pss: 'Pod Security Standards',
  cis: 'CIS Kubernetes Benchmark (section 5)',
  nsa: 'NSA/CISA Kubernetes Hardening Guidance',
  kbp: 'Kubernetes best-practice catalog',
};

const badge = (severity: Severity) => `<span class="badge ${severity}">${severity}</span>`;

function findingRows(findings: readonly Finding[], reason = false): string {
  return findings
    .map((f) => {
      const last = reason
        ? `${esc(f.suppression?.reason ?? '')} <span class="muted">(${esc(f.suppression?.source ?? '')})</span>`
        : esc(f.remediation);
      const path = f.path ? `<br><code class="path">${esc(f.path)}</code>` : '';
      return (
        `<tr><td>${badge(f.severity)} <code class="rule">${esc(f.ruleId)}</code></td><td>${esc(objectLabel(f.object))}</td>` +
        `<td><code>${esc(locationOf(f))}</code>${path}</td><td>${esc(f.message)}</td><td>${last}</td></tr>`
      );
    })
    .join('\n');
}

function findingTable(findings: readonly Finding[], last: string, reason = false): string {
  return (
    `<table class="filterable findings"><thead><tr><th>Rule</th><th>Object</th><th>Where</th><th>Finding</th><th>${last}</th></tr></thead>` +
    `<tbody>\n${findingRows(findings, reason)}\n</tbody></table>`
  );
}

/** Open findings, one table per severity. */
export function bySeverity(report: Report): string {
  const out = ['<section id="findings-by-severity"><h2>Findings by severity</h2>'];
  const open = report.findings.filter((f) => !f.suppressed);
  if (open.length === 0) out.push('<p class="empty">No open findings.</p>');
  for (const severity of SEVERITIES) {
    const list = open.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    out.push(`<h3>${HEADINGS[severity]} (${list.length})</h3>`, findingTable(list, 'Fix'));
  }
  out.push('</section>');
  return out.join('\n');
}

/** Every framework reference of the evaluated rules, with rule count and open and suppressed findings. */
export function byFramework(report: Report): string {
  const refs = new Map<string, { rules: number; open: Finding[]; suppressed: number }>();
  for (const rule of report.rules) {
    for (const ref of rule.frameworks) {
      const entry = refs.get(ref) ?? { rules: 0, open: [], suppressed: 0 };
      entry.rules += 1;
      refs.set(ref, entry);
    }
  }
  for (const f of report.findings) {
    for (const ref of f.frameworks) {
      const entry = refs.get(ref);
      if (!entry) continue;
      if (f.suppressed) entry.suppressed += 1;
      else entry.open.push(f);
    }
  }
  const out = ['<section id="findings-by-framework"><h2>Findings by framework</h2>'];
  const prefixes = [...new Set([...refs.keys()].map((r) => r.split(':')[0]))].sort();
  for (const prefix of prefixes) {
    const keys = [...refs.keys()].filter((r) => r.split(':')[0] === prefix).sort(naturalCompare);
    const failing = keys.filter((k) => refs.get(k)!.open.length > 0).length;
    // Collapsed while every control passes: the open findings are what a reader came for.
    out.push(
      `<details class="framework"${failing > 0 ? ' open' : ''}><summary><strong>${esc(FRAMEWORKS[prefix] ?? prefix)}</strong>: ` +
        `${keys.length - failing} of ${keys.length} controls without open findings</summary>`,
      '<table class="filterable framework"><thead><tr><th>Control</th><th>Rules</th><th>Status</th><th>Open findings</th><th>Suppressed</th></tr></thead><tbody>',
    );
    for (const key of keys) {
      const { rules, open, suppressed } = refs.get(key)!;
      const worst = SEVERITIES.find((s) => open.some((f) => f.severity === s));
      const status = worst ? badge(worst) : '<span class="badge ok">pass</span>';
      const detail =
        open.length === 0
          ? '0'
          : `<details><summary>${open.length}</summary><ul>${open
              .map(
                (f) =>
                  `<li><code>${esc(f.ruleId)}</code> ${esc(objectLabel(f.object))}: ${esc(f.message)}</li>`,
              )
              .join('')}</ul></details>`;
      out.push(
        `<tr><td><code>${esc(key)}</code></td><td>${rules}</td><td>${status}</td><td>${detail}</td><td>${suppressed}</td></tr>`,
      );
    }
    out.push('</tbody></table></details>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** Suppressed findings with the reason each suppression gives. */
export function suppressions(report: Report): string {
  const list = report.findings.filter((f) => f.suppressed);
  const body =
    list.length === 0 ? '<p class="empty">No suppressions.</p>' : findingTable(list, 'Reason', true);
  return `<section id="suppressions"><h2>Suppressions (${list.length})</h2>\n${body}\n</section>`;
}
