/**
 * The HTML report renders in a real browser: headless Debian Chromium loads the file offline, and
 * the rendered DOM holds the summary, the graph's SVG nodes and edges, the RBAC table and the
 * suppressions, with the inline script run under the page's CSP; a screenshot is taken and checked.
 * Chromium is required: without it this test fails (`.ci/run` installs it), it does not skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeEffectivePermissions } from '../../../policies/rbac';
import { analyzeReachability } from '../../../policies/reachability/analyze';
import { sampleHtml, sampleObjects, SUPPRESSION_REASON } from './html-sample';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WIDTH = 1280;
const HEIGHT = 2000;

let dir: string;
let page: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-html-'));
  page = join(dir, 'report.html');
  writeFileSync(page, await sampleHtml());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs headless Chromium on the page with a fresh profile and no network features. */
function chromium(...args: string[]): string {
  const profile = mkdtempSync(join(dir, 'profile-'));
  return execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      `--window-size=${WIDTH},${HEIGHT}`,
      ...args,
      `file://${page}`,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

test(`Chromium is installed at ${CHROMIUM}`, () => {
  expect(existsSync(CHROMIUM)).toBe(true);
});

test('the rendered DOM has the summary, graph nodes and edges, RBAC table and suppressions', () => {
  const dom = chromium('--dump-dom');
  expect(dom).toContain('data-script="ready"');
  expect(dom).toMatch(/<section id="summary">[\s\S]*objects/);
  const analysis = analyzeReachability(sampleObjects());
  expect(dom.match(/<g id="[^"]*" class="node endpoint /g)?.length).toBe(analysis.endpoints.length);
  expect(dom.match(/<g id="[^"]*" class="edge flow /g)?.length).toBe(analysis.flows.length);
  const rbac = dom.slice(
    dom.indexOf('id="rbac-table"'),
    dom.indexOf('</table>', dom.indexOf('id="rbac-table"')),
  );
  // A header row, then one row per ServiceAccount.
  expect(rbac.match(/<tr>/g)?.length).toBe(
    1 + computeEffectivePermissions(sampleObjects()).serviceAccounts.length,
  );
  expect(rbac).toContain('legacy/worker');
  expect(dom).toMatch(/<section id="suppressions"><h2>Suppressions \(1\)<\/h2>/);
  expect(dom).toContain(SUPPRESSION_REASON);
}, 120_000);

test('a screenshot of the page is a real PNG of the window size', () => {
  const png = join(dir, 'report.png');
  chromium(`--screenshot=${png}`);
  expect(existsSync(png)).toBe(true);
  expect(statSync(png).size).toBeGreaterThan(50_000);
  const bytes = readFileSync(png);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([WIDTH, HEIGHT]);
}, 120_000);
