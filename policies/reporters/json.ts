/**
 * The JSON report, schema version 1 (docs/report-schema.json). Keys are written in a fixed order
 * and every field is always present, so consumers and diffs can rely on the shape.
 */
import type { FrameworkRef, Report, Severity } from '../types';
import type { RenderOptions } from './common';

/** Bumped only for incompatible changes; additions keep the version. */
export const REPORT_SCHEMA_VERSION = 1;

/** The JSON report as written. */
export interface JsonReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'bulwark'; readonly version: string };
  readonly summary: {
    readonly objects: number;
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly suppressed: number;
  };
  readonly findings: readonly JsonFinding[];
}

/** One finding of the JSON report. */
export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly remediation: string;
  readonly object: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  };
  readonly file: string;
  readonly line: number;
  readonly path: string;
  readonly frameworks: readonly FrameworkRef[];
  readonly suppressed: boolean;
  readonly suppression: { readonly reason: string; readonly source: string } | null;
}

/** Builds the JSON report object; each object literal below fixes the key order. */
export function toJsonReport(report: Report, options: Pick<RenderOptions, 'version'>): JsonReport {
  const s = report.summary;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'bulwark', version: options.version },
    summary: {
      objects: s.objects,
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      suppressed: s.suppressed,
    },
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      remediation: f.remediation,
      object: {
        apiVersion: f.object.apiVersion,
        kind: f.object.kind,
        namespace: f.object.namespace,
        name: f.object.name,
      },
      file: f.file,
      line: f.line,
      path: f.path,
      frameworks: [...f.frameworks],
      suppressed: f.suppressed,
      suppression: f.suppression ? { reason: f.suppression.reason, source: f.suppression.source } : null,
    })),
  };
}

/** Renders the JSON report, two-space indented, with a final newline. */
export function renderJson(report: Report, options: Pick<RenderOptions, 'version'>): string {
  return `${JSON.stringify(toJsonReport(report, options), null, 2)}\n`;
}
