/**
 * The coverage of the scanner catalog: every check is implemented or explained, every check three or
 * more scanners share is implemented, rules cite only catalog ids, and docs/rule-coverage.md matches.
 * Regenerate the document with `npx tsx policies/coverage/generate-doc.ts` (or UPDATE_DOCS=1 here).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../../policies/coverage/catalog';
import { COVERAGE_DOC_PATH, coverageDoc } from '../../../policies/coverage/docs';
import { GAPS, PSS_COVERAGE, coverageOf } from '../../../policies/coverage/registry';
import { ALL_RULES } from '../../../policies/rules';

const coverage = coverageOf(ALL_RULES);
const ruleIds = new Set(ALL_RULES.map((r) => r.id));

test('the catalog has its 133 checks, each id once', () => {
  expect(CATALOG).toHaveLength(133);
  expect(new Set(CATALOG.map((c) => c.id)).size).toBe(133);
  for (const c of CATALOG) expect(c.id).toMatch(/^[A-Z]+-\d{3}$/);
});

test('every catalog check is implemented by a rule or explained, never both', () => {
  const problems = coverage.flatMap((c) => {
    if (c.rules.length === 0 && !c.gap) return [`${c.check.id}: no rule and no reason`];
    if (c.rules.length > 0 && c.gap)
      return [`${c.check.id}: implemented by ${c.rules.join(', ')} but listed as a gap`];
    return [];
  });
  expect(problems).toEqual([]);
  for (const gap of GAPS) expect(gap.reason).toMatch(/^[A-Z`].{20,}\.$/);
  expect(new Set(GAPS.map((g) => g.id)).size).toBe(GAPS.length);
});

test('every check that three or more scanners share is implemented', () => {
  const missing = coverage
    .filter((c) => c.check.scanners >= 3 && c.rules.length === 0)
    .map((c) => c.check.id);
  expect(missing).toEqual([]);
});

test('rules cite only catalog ids, and the pss mapping names only real pss rules', () => {
  const known = new Set(CATALOG.map((c) => `kbp:${c.id}`));
  const unknown = ALL_RULES.flatMap((r) =>
    r.frameworks.filter((f) => f.startsWith('kbp:') && !known.has(f)).map((f) => `${r.id}: ${f}`),
  );
  expect(unknown).toEqual([]);
  for (const [id, rules] of Object.entries(PSS_COVERAGE)) {
    expect(known).toContain(`kbp:${id}`);
    for (const rule of rules) {
      expect(rule).toMatch(/^pss\./);
      expect(ruleIds).toContain(rule);
    }
  }
  for (const gap of GAPS) expect(known).toContain(`kbp:${gap.id}`);
});

test('a rule citing a check moves it from the gaps to the implemented rows', () => {
  const withTag = ALL_RULES.map((r) =>
    r.id === 'workload.topology-spread' ? { ...r, frameworks: [...r.frameworks, 'kbp:AVL-010'] } : r,
  );
  const row = coverageOf(withTag).find((c) => c.check.id === 'AVL-010')!;
  expect(row.rules).toEqual(['workload.topology-spread']);
});

test(`${COVERAGE_DOC_PATH} is up to date`, () => {
  const expected = coverageDoc();
  const path = join(__dirname, '..', '..', '..', COVERAGE_DOC_PATH);
  if (process.env.UPDATE_DOCS === '1') writeFileSync(path, expected);
  if (readFileSync(path, 'utf8') !== expected) {
    throw new Error(
      `${COVERAGE_DOC_PATH} is stale: run \`npx tsx policies/coverage/generate-doc.ts\` and commit it.`,
    );
  }
});
