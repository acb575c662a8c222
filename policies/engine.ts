/**
 * The rule engine: runs the selected rules over a set of objects and produces a sorted report.
 * Rules are pure; the engine owns selection, suppression, ordering and counting.
 */
import { InputError } from './errors';
import { pssVersionOrLatest, type PssSelection } from './pss-selection';
import type { Rule, RuleContext } from './rule';
import { suppressionsOf } from './suppressions';
import type { Finding, ObjectRef, Report, SourceObject } from './types';

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** The rules to run (normally `ALL_RULES`). */
  readonly rules: readonly Rule[];
  /** PSS level and version; `pss.restricted.*` rules only run at `restricted`. @default restricted@latest */
  readonly pss?: PssSelection;
  /** Only rules whose id starts with one of these prefixes. @default every rule */
  readonly only?: readonly string[];
}

/** A reference to an object for reports; missing envelope fields become empty strings. */
export function refOf(source: SourceObject): ObjectRef {
  const o = source.object;
  return {
    apiVersion: o.apiVersion ?? '',
    kind: o.kind ?? '',
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? o.metadata?.generateName ?? '',
  };
}

/** Evaluates `objects` and returns the report. Throws InputError for invalid suppressions. */
export function evaluate(objects: readonly SourceObject[], options: EvaluateOptions): Report {
  const pss = {
    level: options.pss?.level ?? 'restricted',
    version: pssVersionOrLatest(options.pss?.version),
  } as const;
  const known = new Set(options.rules.map((r) => r.id));
  const selected = options.rules.filter(
    (r) =>
      (options.only === undefined || options.only.some((p) => r.id.startsWith(p))) &&
      (pss.level === 'restricted' || !r.id.startsWith('pss.restricted.')),
  );
  const context = createContext(objects, pss);
  const byKind = new Map<string, Rule[]>();
  const rulesFor = (kind: string): Rule[] => {
    let list = byKind.get(kind);
    if (!list) {
      list = selected.filter((r) => r.kinds.includes('*') || r.kinds.includes(kind));
      byKind.set(kind, list);
    }
    return list;
  };

  const findings: Finding[] = [];
  for (const source of objects) {
    const suppressions = suppressionsOf(source, known);
    const ref = refOf(source);
    for (const rule of rulesFor(source.object.kind ?? '')) {
      let results;
      try {
        results = rule.check(source, context);
      } catch (error) {
        if (error instanceof InputError) throw error;
        // A rule that crashes on odd input is reported, not fatal: the other rules keep running.
        results = [{ path: '', message: `rule failed on this object: ${(error as Error).message}` }];
      }
      for (const result of results) {
        const suppression = suppressions.get(rule.id);
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          message: result.message,
          remediation: rule.remediation,
          object: ref,
          file: source.file,
          line: source.locate?.(result.path) ?? source.line,
          path: result.path,
          frameworks: rule.frameworks,
          suppressed: suppression !== undefined,
          suppression: suppression ? { reason: suppression.reason, source: suppression.source } : null,
        });
      }
    }
  }
  findings.sort(compareFindings);
  const open = findings.filter((f) => !f.suppressed);
  return {
    summary: {
      objects: objects.length,
      errors: open.filter((f) => f.severity === 'error').length,
      warnings: open.filter((f) => f.severity === 'warning').length,
      infos: open.filter((f) => f.severity === 'info').length,
      suppressed: findings.length - open.length,
    },
    findings,
    rules: [...selected].sort((a, b) => cmp(a.id, b.id)),
    objects: objects.map((s) => ({ ref: refOf(s), file: s.file, line: s.line })),
  };
}

function createContext(objects: readonly SourceObject[], pss: RuleContext['pss']): RuleContext {
  const kinds = new Map<string, SourceObject[]>();
  for (const source of objects) {
    const kind = source.object.kind ?? '';
    const list = kinds.get(kind) ?? [];
    list.push(source);
    kinds.set(kind, list);
  }
  const memos = new Map<string, unknown>();
  return {
    objects,
    pss,
    ofKind: (kind) => kinds.get(kind) ?? [],
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Report order: file, line, rule id, then path and message so ties are stable too. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.path, b.path) ||
    cmp(a.message, b.message)
  );
}
