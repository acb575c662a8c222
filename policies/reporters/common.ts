/**
 * What every reporter shares: options, and the few phrasings that must read the same in every
 * format (object labels, locations, counts).
 */
import type { Finding, ObjectRef, Report, Severity } from '../types';

/** Options of the reporters; each takes the subset it uses. */
export interface RenderOptions {
  /** The Bulwark version that produced the report (JSON, SARIF, JUnit, Markdown). */
  readonly version: string;
  /** ANSI colour (text only); set it only when writing to a terminal. @default false */
  readonly color?: boolean;
  /** Heading of the Markdown report. @default 'Bulwark report' */
  readonly title?: string;
}

/** A reporter: a pure, deterministic function from a report to the text of one format. */
export type Reporter = (report: Report, options: RenderOptions) => string;

/** Severities, most serious first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** `Deployment shop/orders`, or `ClusterRole admin` for objects without a namespace. */
export function objectLabel(ref: ObjectRef): string {
  const name = ref.name || '<unnamed>';
  return `${ref.kind || '<no kind>'} ${ref.namespace ? `${ref.namespace}/${name}` : name}`;
}

/** `file.yaml:12`. */
export function locationOf(finding: Pick<Finding, 'file' | 'line'>): string {
  return finding.line > 0 ? `${finding.file}:${finding.line}` : finding.file;
}

/** `1 error`, `2 warnings`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `3 objects, 1 error, 2 warnings, 0 infos, 1 suppressed`. */
export function summaryLine(report: Report): string {
  const s = report.summary;
  return [
    count(s.objects, 'object'),
    count(s.errors, 'error'),
    count(s.warnings, 'warning'),
    count(s.infos, 'info'),
    `${s.suppressed} suppressed`,
  ].join(', ');
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Makes text from a manifest safe to print on one line: control characters (YAML escapes such
 * as "\e" can put them in any value) become visible `\u001b` escapes, so a manifest cannot
 * inject terminal escape sequences or fake report lines.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
