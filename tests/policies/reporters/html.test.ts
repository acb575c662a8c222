/**
 * The HTML report: every section present, self-contained (nothing outside the file is referenced),
 * text from manifests escaped, and byte-identical across runs.
 */
import { analyzeReachability } from '../../../policies/reachability/analyze';
import { reachabilityDot } from '../../../policies/reporters/html/graph';
import { HOSTILE_NAME, sampleHtml, sampleObjects, SUPPRESSION_REASON } from './html-sample';

let html: string;
beforeAll(async () => {
  html = await sampleHtml();
});

test('has the summary, findings by severity and framework, graph, RBAC table and suppressions', () => {
  for (const id of [
    'summary',
    'findings-by-severity',
    'findings-by-framework',
    'reachability',
    'graph',
    'rbac-table',
    'suppressions',
  ])
    expect(html).toContain(`id="${id}"`);
  expect(html).toMatch(/<div id="graph"><svg /);
  expect(html).toContain('CIS Kubernetes Benchmark');
  expect(html).toContain(SUPPRESSION_REASON);
  expect(html).toContain('<code>legacy/worker</code>');
  expect(html).toContain('reads Secrets');
});

test('draws every endpoint and flow, unexpected flows marked', () => {
  const analysis = analyzeReachability(sampleObjects());
  const nodes = html.match(/<g id="[^"]*" class="node endpoint /g) ?? [];
  const edges = html.match(/<g id="[^"]*" class="edge flow /g) ?? [];
  expect(nodes.length).toBe(analysis.endpoints.length);
  expect(edges.length).toBe(analysis.flows.length);
  expect(html).toMatch(/class="edge flow unexpected"/);
});

test('is self-contained: no URL, no external resource, a CSP that forbids loads', () => {
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
  expect(html).not.toMatch(/\s(src|srcset)=/i);
  expect(html).not.toMatch(/url\(/i);
  expect(html).toContain(`content="default-src 'none';`);
});

test('escapes markup from manifests, in tables and in the graph', () => {
  expect(html).not.toContain('<script>alert(1)');
  expect(html).toContain('x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html.match(/<script>/g)).toHaveLength(1);
  expect(reachabilityDot(analyzeReachability(sampleObjects()))).toContain(
    JSON.stringify(`legacy/Deployment/${HOSTILE_NAME}`),
  );
});

test('is byte-identical across runs', async () => {
  expect(await sampleHtml()).toBe(html);
});
