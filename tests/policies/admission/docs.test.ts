/**
 * docs/admission.md is generated from the registry and must match it; the registry must decide
 * every rule exactly once. Regenerate with `npx tsx policies/admission/generate-doc.ts` (or
 * UPDATE_DOCS=1 on this test) and review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUARDED_PSS_VERSION, GUARDS, UNGUARDED } from '../../../policies/admission';
import { ADMISSION_DOC_PATH, admissionDoc } from '../../../policies/admission/docs';
import { PSS_LATEST_VERSION } from '../../../policies/pss-selection';
import { ALL_RULES } from '../../../policies/rules';

const path = join(__dirname, '..', '..', '..', ADMISSION_DOC_PATH);

test('every rule is either guarded or listed with a reason, exactly once', () => {
  const decided = [...GUARDS.map((g) => g.ruleId), ...UNGUARDED.map((u) => u.ruleId)];
  expect([...decided].sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  expect(new Set(decided).size).toBe(decided.length);
  for (const u of UNGUARDED) expect(u.reason).toMatch(/^[A-Z`].{20,}\.$/);
});

test('the pss guards transcribe the newest PSS version Bulwark implements (a new version needs a review)', () => {
  expect(GUARDED_PSS_VERSION).toBe(PSS_LATEST_VERSION);
});

test('at least 15 rules are guarded, across the pss, workload, network, rbac and services packs', () => {
  expect(GUARDS.length).toBeGreaterThanOrEqual(15);
  const packs = new Set(GUARDS.map((g) => g.ruleId.split('.')[0]));
  for (const pack of ['pss', 'workload', 'network', 'rbac', 'services']) expect(packs).toContain(pack);
});

test(`${ADMISSION_DOC_PATH} is up to date`, () => {
  const expected = admissionDoc();
  if (process.env.UPDATE_DOCS === '1') writeFileSync(path, expected);
  const actual = readFileSync(path, 'utf8');
  if (actual !== expected) {
    throw new Error(
      `${ADMISSION_DOC_PATH} is stale: run \`npx tsx policies/admission/generate-doc.ts\` and commit it.`,
    );
  }
});

test('the document lists every guarded rule and every reason', () => {
  const doc = admissionDoc();
  for (const g of GUARDS) expect(doc).toContain(`\`${g.ruleId}\``);
  for (const u of UNGUARDED) expect(doc).toContain(u.reason.replace(/\|/g, '\\|'));
});
