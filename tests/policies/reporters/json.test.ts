/**
 * The JSON report: exact key order, and every report valid against the published schema
 * (docs/report-schema.json), including property-generated ones.
 */
import Ajv from 'ajv';
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { renderJson, REPORT_SCHEMA_VERSION } from '../../../policies/reporters/json';
import type { Finding, Report } from '../../../policies/types';
import { EMPTY_REPORT, SAMPLE_REPORT } from './sample-report';

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'docs', 'report-schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function expectValid(text: string): void {
  const valid = validate(JSON.parse(text));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('json reporter', () => {
  test('writes the documented shape with keys in order', () => {
    const doc = JSON.parse(renderJson(SAMPLE_REPORT, { version: '1.2.3' })) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'summary', 'findings']);
    expect(doc.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(doc.tool).toEqual({ name: 'bulwark', version: '1.2.3' });
    expect(Object.keys(doc.summary as object)).toEqual([
      'objects',
      'errors',
      'warnings',
      'infos',
      'suppressed',
    ]);
    const findings = doc.findings as Record<string, unknown>[];
    for (const f of findings) {
      expect(Object.keys(f)).toEqual([
        'ruleId',
        'severity',
        'message',
        'remediation',
        'object',
        'file',
        'line',
        'path',
        'frameworks',
        'suppressed',
        'suppression',
      ]);
      expect(Object.keys(f.object as object)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
    }
    expect(findings.find((f) => f.suppressed)?.suppression).toEqual({
      reason: 'digest pinned by the release pipeline | see OPS-42',
      source: 'metadata.annotations',
    });
  });

  test('reports validate against docs/report-schema.json', () => {
    expectValid(renderJson(SAMPLE_REPORT, { version: '1.2.3' }));
    expectValid(renderJson(EMPTY_REPORT, { version: '1.2.3' }));
  });

  test('the schema rejects what the format forbids', () => {
    const doc = JSON.parse(renderJson(SAMPLE_REPORT, { version: '1.2.3' })) as {
      findings: Record<string, unknown>[];
    };
    const broken = [
      { ...doc, schemaVersion: 2 },
      { ...doc, extra: true },
      { ...doc, findings: [{ ...doc.findings[0], severity: 'fatal' }] },
      { ...doc, findings: [{ ...doc.findings[0], line: 0 }] },
      { ...doc, findings: [{ ...doc.findings[0], suppressed: true, suppression: null }] },
      {
        ...doc,
        findings: [{ ...doc.findings[0], suppressed: false, suppression: { reason: 'x', source: 'y' } }],
      },
    ];
    for (const d of broken) expect(validate(d)).toBe(false);
  });

  test('any report the engine can produce validates', () => {
    const text = fc.string({ maxLength: 30 });
    const finding: fc.Arbitrary<Finding> = fc
      .record({
        ruleId: fc.constantFrom('pss.baseline.privileged', 'workload.image-digest', 'rbac.wildcard-rules'),
        severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
        message: text,
        remediation: text,
        object: fc.record({ apiVersion: text, kind: text, namespace: text, name: text }),
        file: text,
        line: fc.integer({ min: 1, max: 1e6 }),
        path: text,
        frameworks: fc.array(fc.constantFrom('pss:restricted', 'cis:5.2.6', 'nsa:pod-security')),
        reason: fc.option(fc.string({ minLength: 10, maxLength: 30 }), { nil: undefined }),
      })
      .map(({ reason, ...f }) => ({
        ...f,
        suppressed: reason !== undefined,
        suppression: reason === undefined ? null : { reason, source: 'metadata.annotations' },
      }));
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 5 }), (findings) => {
        const report: Report = {
          ...EMPTY_REPORT,
          findings,
          summary: { ...EMPTY_REPORT.summary, objects: findings.length },
        };
        return validate(JSON.parse(renderJson(report, { version: '0.0.1' }))) === true;
      }),
    );
  });
});
