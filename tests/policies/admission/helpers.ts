/**
 * Shared by the admission tests: the generated policies, fixture loading, and verdicts per object
 * and rule from both the rule engine and the offline CEL evaluation of the generated policies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { admissionPolicies, GUARDS } from '../../../policies/admission';
import { evaluatePolicies } from '../../../policies/admission/offline';
import { evaluate } from '../../../policies/engine';
import type { Rule } from '../../../policies/rule';
import type { K8sObject, SourceObject } from '../../../policies/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** The policies as the blueprint emits them (enforcing, managed-namespace selector). */
export const POLICIES: readonly K8sObject[] = admissionPolicies({
  selector: { 'bulwark.dev/managed': 'true' },
}).filter((o) => o.kind === 'ValidatingAdmissionPolicy');

/** Every `.yaml` file under `dir`, recursively, sorted. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return name.endsWith('.yaml') ? [full] : [];
    });
}

/** The objects of a multi-document YAML file, each with its document index as its line. */
export function loadObjects(file: string): SourceObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null)
    .map((object, i) => ({ object, file, line: i + 1 }));
}

/** One object judged on one guarded rule by both sides. */
export interface Comparison {
  readonly where: string;
  readonly ruleId: string;
  readonly engineDenies: boolean;
  readonly celDenies: boolean;
  readonly celError?: string;
}

/**
 * Compares, for every object and every guarded rule checking the object's kind, whether the engine
 * reports an unsuppressed finding and whether the generated CEL denies.
 */
export function compare(sources: readonly SourceObject[], rules: readonly Rule[]): Comparison[] {
  const report = evaluate(sources, { rules, pss: { level: 'restricted', version: 'v1.37' } });
  const denied = new Set(
    report.findings.filter((f) => !f.suppressed).map((f) => `${f.file}#${f.line}#${f.ruleId}`),
  );
  const evaluated = new Set(rules.map((r) => r.id));
  return sources.flatMap((source) => {
    const verdicts = evaluatePolicies(POLICIES, source.object);
    return GUARDS.filter((g) => evaluated.has(g.ruleId) && g.kinds.includes(source.object.kind ?? '')).map(
      (g) => {
        const mine = verdicts.filter((v) => v.ruleId === g.ruleId);
        if (mine.length !== 1)
          throw new Error(`${g.ruleId}: ${mine.length} validations for ${source.object.kind}`);
        return {
          where: `${source.file}#${source.line}`,
          ruleId: g.ruleId,
          engineDenies: denied.has(`${source.file}#${source.line}#${g.ruleId}`),
          celDenies: !mine[0].allowed,
          ...(mine[0].error ? { celError: mine[0].error } : {}),
        };
      },
    );
  });
}

/** The disagreements, readable. */
export function disagreements(comparisons: readonly Comparison[]): string[] {
  return comparisons
    .filter((c) => c.engineDenies !== c.celDenies || c.celError !== undefined)
    .map(
      (c) =>
        `${c.where} ${c.ruleId}: engine ${c.engineDenies ? 'denies' : 'allows'}, CEL ${c.celDenies ? 'denies' : 'allows'}${c.celError ? ` (error: ${c.celError})` : ''}`,
    );
}
