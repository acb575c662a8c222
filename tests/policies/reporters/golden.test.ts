/**
 * Golden tests (kube-score style): a fixed in-memory report rendered in every format must match
 * the committed output exactly. Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderJson } from '../../../policies/reporters/json';
import { renderJunit } from '../../../policies/reporters/junit';
import { renderMarkdown } from '../../../policies/reporters/markdown';
import { renderRuleList } from '../../../policies/reporters/rules';
import { renderSarif } from '../../../policies/reporters/sarif';
import { renderText } from '../../../policies/reporters/text';
import { EMPTY_REPORT, SAMPLE_REPORT, SAMPLE_RULES } from './sample-report';

const GOLDEN = join(__dirname, '..', '..', 'fixtures', 'check', 'golden');
const version = '9.9.9-test';

const CASES: readonly [string, () => string][] = [
  ['sample.txt', () => renderText(SAMPLE_REPORT)],
  ['sample.color.txt', () => renderText(SAMPLE_REPORT, { color: true })],
  ['sample.json', () => renderJson(SAMPLE_REPORT, { version })],
  ['sample.sarif', () => renderSarif(SAMPLE_REPORT, { version })],
  ['sample.junit.xml', () => renderJunit(SAMPLE_REPORT, { version })],
  ['sample.md', () => renderMarkdown(SAMPLE_REPORT, { version, title: 'Compliance: shop' })],
  ['empty.txt', () => renderText(EMPTY_REPORT)],
  ['empty.json', () => renderJson(EMPTY_REPORT, { version })],
  ['empty.junit.xml', () => renderJunit(EMPTY_REPORT, { version })],
  ['empty.md', () => renderMarkdown(EMPTY_REPORT)],
  ['rules.txt', () => renderRuleList(SAMPLE_RULES, 'text')],
  ['rules.json', () => renderRuleList(SAMPLE_RULES, 'json')],
];

describe('reporters: golden output', () => {
  test.each(CASES)('%s', (name, render) => {
    const actual = render();
    const path = join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
    const expected = existsSync(path) ? readFileSync(path, 'utf8') : '<missing golden file>';
    try {
      expect(actual).toBe(expected);
    } catch (error) {
      (error as Error).message +=
        `\n\n${path} differs. Re-run with UPDATE_GOLDEN=1 to regenerate, then review the diff.`;
      throw error;
    }
  });

  test.each(CASES)('%s is deterministic', (_name, render) => {
    expect(render()).toBe(render());
  });
});
