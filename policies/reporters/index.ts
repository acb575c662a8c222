/**
 * The report formats of `bulwark check --format`, one reporter per file.
 */
import type { Report } from '../types';
import type { RenderOptions, Reporter } from './common';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

export type { RenderOptions, Reporter } from './common';

/** Report formats, as `--format` names them. */
export type ReportFormat = 'text' | 'json' | 'sarif' | 'junit' | 'markdown';

/** Every reporter by format. */
export const REPORTERS: Readonly<Record<ReportFormat, Reporter>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
};

/** Format names, in the order `--help` lists them. */
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

/** Renders `report` in `format`. */
export function renderReport(format: ReportFormat, report: Report, options: RenderOptions): string {
  return REPORTERS[format](report, options);
}
