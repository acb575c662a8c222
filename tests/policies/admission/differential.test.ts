/**
 * Differential test: the generated CEL agrees with the rule engine, rule by rule, on the upstream
 * PSS fixtures at v1.37 (both levels, judged at restricted, which the guardrails enforce) and on
 * every rule fixture. A CEL evaluation error counts as a disagreement even where both deny.
 */
import { join, relative } from 'node:path';
import { GUARDS } from '../../../policies/admission';
import { ALL_RULES } from '../../../policies/rules';
import { PSS_RULES } from '../../../policies/rules/pss';
import { compare, disagreements, FIXTURES, loadObjects, yamlFiles } from './helpers';

const PSS_FILES = ['baseline', 'restricted'].flatMap((level) =>
  yamlFiles(join(FIXTURES, 'pss', level, 'v1.37')),
);
const RULE_FILES = yamlFiles(join(FIXTURES, 'rules'));

describe('PSS conformance fixtures at v1.37, judged at restricted', () => {
  const comparisons = PSS_FILES.flatMap((file) => compare(loadObjects(file), PSS_RULES));

  test('every fixture is compared on every guarded pss rule', () => {
    const pssGuards = GUARDS.filter((g) => g.ruleId.startsWith('pss.')).length;
    expect(PSS_FILES.length).toBeGreaterThanOrEqual(100);
    expect(comparisons.length).toBe(PSS_FILES.length * pssGuards);
  });

  test('CEL and the engine agree on every fixture and rule', () => {
    expect(disagreements(comparisons)).toEqual([]);
  });

  test('restricted fail fixtures and baseline fail fixtures are denied, restricted pass fixtures admitted', () => {
    const deniedFiles = new Set(
      comparisons.filter((c) => c.celDenies).map((c) => c.where.replace(/#\d+$/, '')),
    );
    const wrong = PSS_FILES.filter((file) => {
      const rel = relative(join(FIXTURES, 'pss'), file);
      const fail = rel.includes('/fail/');
      if (rel.startsWith('restricted/')) return fail !== deniedFiles.has(file);
      return fail && !deniedFiles.has(file);
    });
    expect(wrong).toEqual([]);
  });
});

describe('rule fixtures', () => {
  const comparisons = RULE_FILES.flatMap((file) => compare(loadObjects(file), ALL_RULES));

  test('every guarded rule is compared on fixtures where it denies and where it admits', () => {
    const missing = GUARDS.flatMap((g) => {
      const mine = comparisons.filter((c) => c.ruleId === g.ruleId);
      const problems: string[] = [];
      if (!mine.some((c) => c.engineDenies)) problems.push(`${g.ruleId}: never denied`);
      if (!mine.some((c) => !c.engineDenies)) problems.push(`${g.ruleId}: never admitted`);
      return problems;
    });
    // PSS rules have no rule fixtures of their own; the upstream fixtures above exercise them.
    expect(missing.filter((m) => !m.startsWith('pss.'))).toEqual([]);
  });

  test('CEL and the engine agree on every fixture object and rule', () => {
    expect(disagreements(comparisons)).toEqual([]);
  });
});
