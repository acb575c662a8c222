/**
 * SARIF structure, and validation against the official SARIF 2.1.0 JSON schema (shipped by the
 * @microsoft/jest-sarif dev dependency; SARIF_SCHEMA may point at another copy).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import type { Log } from 'sarif';
import { renderSarif } from '../../../policies/reporters/sarif';
import { EMPTY_REPORT, SAMPLE_REPORT } from './sample-report';

const log = (): Log => JSON.parse(renderSarif(SAMPLE_REPORT, { version: '1.2.3' })) as Log;

/** The official SARIF 2.1.0 schema, shipped by @microsoft/jest-sarif (a dev dependency for this). */
function sarifSchemaPath(): string {
  return (
    process.env.SARIF_SCHEMA ?? require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
  );
}

describe('sarif reporter', () => {
  test('is a SARIF 2.1.0 log with one run by bulwark', () => {
    const l = log();
    expect(l.version).toBe('2.1.0');
    expect(l.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(l.runs).toHaveLength(1);
    expect(l.runs[0].tool.driver).toMatchObject({ name: 'bulwark', version: '1.2.3' });
  });

  test('describes every evaluated rule', () => {
    const rules = log().runs[0].tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(SAMPLE_REPORT.rules.map((r) => r.id));
    expect(rules[0]).toEqual({
      id: 'pss.restricted.runAsNonRoot',
      name: 'RunAsNonRoot',
      shortDescription: { text: 'Containers must run as non-root' },
      fullDescription: { text: 'Containers running as root can take over the node when they escape.' },
      help: { text: 'Set securityContext.runAsNonRoot to true' },
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'pss', 'pss:restricted', 'cis:5.2.6'], 'security-severity': '7.5' },
    });
    expect(rules.map((r) => r.defaultConfiguration?.level)).toEqual(['error', 'warning', 'warning', 'note']);
  });

  test('gives each result its rule, level, file and line', () => {
    const results = log().runs[0].results ?? [];
    expect(
      results.map((r) => [
        r.ruleId,
        r.level,
        r.locations?.[0].physicalLocation?.artifactLocation?.uri,
        r.locations?.[0].physicalLocation?.region?.startLine,
      ]),
    ).toEqual([
      ['rbac.wildcard-rules', 'warning', 'manifests/rbac.yaml', 7],
      ['workload.recommended-labels', 'note', 'manifests/shop.yaml', 5],
      ['pss.restricted.runAsNonRoot', 'error', 'manifests/shop.yaml', 14],
      ['workload.image-digest', 'warning', 'manifests/shop.yaml', 16],
    ]);
    const rules = log().runs[0].tool.driver.rules ?? [];
    for (const r of results) expect(rules[r.ruleIndex ?? -1].id).toBe(r.ruleId);
    expect(results[2].message.text).toBe(
      'Deployment shop/orders: container "app" must set securityContext.runAsNonRoot=true',
    );
    expect(results[2].locations?.[0].logicalLocations).toEqual([
      { name: 'orders', fullyQualifiedName: 'apps/v1/Deployment/shop/orders', kind: 'object' },
    ]);
  });

  test('carries suppressed findings as in-source suppressions with their reason', () => {
    const results = log().runs[0].results ?? [];
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.ruleId)).toEqual(['workload.image-digest']);
    expect(suppressed[0].suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'digest pinned by the release pipeline | see OPS-42',
      },
    ]);
  });

  test('fingerprints survive the finding moving to another line', () => {
    const moved = {
      ...SAMPLE_REPORT,
      findings: SAMPLE_REPORT.findings.map((f) => ({ ...f, line: f.line + 3 })),
    };
    const prints = (text: string) =>
      ((JSON.parse(text) as Log).runs[0].results ?? []).map((r) => r.partialFingerprints);
    expect(prints(renderSarif(moved, { version: '1' }))).toEqual(
      prints(renderSarif(SAMPLE_REPORT, { version: '1' })),
    );
  });

  test('writes absolute paths as file URLs and escapes relative ones', () => {
    const findings = [
      { ...SAMPLE_REPORT.findings[0], file: '/abs/dir/my app.yaml' },
      { ...SAMPLE_REPORT.findings[1], file: 'dir/my app#1.yaml' },
    ];
    const results =
      (JSON.parse(renderSarif({ ...SAMPLE_REPORT, findings }, { version: '1' })) as Log).runs[0].results ??
      [];
    expect(results.map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri)).toEqual([
      'file:///abs/dir/my%20app.yaml',
      'dir/my%20app%231.yaml',
    ]);
  });

  test('keeps text the sarif builder would otherwise refuse', () => {
    const findings = [{ ...SAMPLE_REPORT.findings[0], message: 'image "SARIF_BUILDER_INVALID" is odd' }];
    expect(renderSarif({ ...SAMPLE_REPORT, findings }, { version: '1' })).toContain('SARIF_BUILDER_INVALID');
  });

  const schemaPath = sarifSchemaPath();
  test('validates against the SARIF 2.1.0 JSON schema', () => {
    // The official schema is draft-04; its keywords read the same under draft-07 once `id` is `$id`.
    // One of its patterns is not valid with the u flag, hence unicodeRegExp: false.
    const schema = JSON.parse(readFileSync(schemaPath as string, 'utf8')) as Record<string, unknown>;
    const rest: Record<string, unknown> = { ...schema, $id: schema.id };
    delete rest.id;
    delete rest.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(rest);
    for (const report of [SAMPLE_REPORT, EMPTY_REPORT]) {
      const valid = validate(JSON.parse(renderSarif(report, { version: '1.2.3' })));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });
});
