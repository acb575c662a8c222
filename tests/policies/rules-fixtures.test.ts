/**
 * Fixture conformance for every non-pss rule: `tests/fixtures/rules/<rule-id>/fail-*.yaml` must
 * trigger the rule and `pass-*.yaml` must not, with all non-pss rules evaluated together. Every
 * rule needs both kinds of fixture, so a new rule without fixtures fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../policies/engine';
import { NETWORK_RULES } from '../../policies/rules/network';
import { RBAC_RULES } from '../../policies/rules/rbac';
import { SECRETS_RULES } from '../../policies/rules/secrets';
import { SERVICES_RULES } from '../../policies/rules/services';
import { WORKLOAD_RULES } from '../../policies/rules/workload';
import type { Finding, K8sObject, SourceObject } from '../../policies/types';

const RULES = [...WORKLOAD_RULES, ...NETWORK_RULES, ...RBAC_RULES, ...SECRETS_RULES, ...SERVICES_RULES];
const ROOT = join(__dirname, '..', 'fixtures', 'rules');

/** Parses a multi-document YAML file into engine input. */
function load(file: string): SourceObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null)
    .map((object) => ({ object, file, line: 1 }));
}

function findingsOf(file: string): readonly Finding[] {
  return evaluate(load(file), { rules: RULES }).findings;
}

const folders = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory());
const cases = folders.flatMap((ruleId) =>
  readdirSync(join(ROOT, ruleId))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ ruleId, fixture: f, expectFail: f.startsWith('fail-') })),
);

describe('rule fixtures', () => {
  test('every non-pss rule has at least one pass and one fail fixture', () => {
    const missing = RULES.flatMap((rule) => {
      const mine = cases.filter((c) => c.ruleId === rule.id);
      const problems: string[] = [];
      if (!mine.some((c) => c.expectFail)) problems.push(`${rule.id}: no fail-*.yaml`);
      if (!mine.some((c) => !c.expectFail)) problems.push(`${rule.id}: no pass-*.yaml`);
      return problems;
    });
    expect(missing).toEqual([]);
  });

  test('every fixture folder names a rule and holds only pass-/fail- fixtures', () => {
    const known = new Set(RULES.map((r) => r.id));
    expect(folders.filter((f) => !known.has(f))).toEqual([]);
    const strays = folders.flatMap((ruleId) =>
      readdirSync(join(ROOT, ruleId))
        .filter((f) => !/^(pass|fail)-[a-z0-9-]+\.yaml$/.test(f))
        .map((f) => `${ruleId}/${f}`),
    );
    expect(strays).toEqual([]);
  });

  test.each(cases)('$ruleId: $fixture', ({ ruleId, fixture, expectFail }) => {
    const findings = findingsOf(join(ROOT, ruleId, fixture)).filter((f) => f.ruleId === ruleId);
    if (expectFail) {
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.path).not.toBe('');
        expect(f.message).toMatch(/^[^A-Z]/);
        expect(f.message).not.toMatch(/rule failed on this object/);
      }
    } else {
      expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([]);
    }
  });
});

describe('whole-manifest fixtures', () => {
  test('the hardened blueprint shape passes every non-pss rule with zero findings', () => {
    const findings = findingsOf(join(ROOT, 'hardened-blueprint.yaml'));
    expect(
      findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`),
    ).toEqual([]);
  });

  test('sloppy helm output triggers the expected rules', () => {
    const findings = findingsOf(join(ROOT, 'helm-chart-output.yaml'));
    const triggered = [...new Set(findings.map((f) => f.ruleId))].sort();
    expect(triggered).toEqual([
      'network.workload-not-isolated',
      'rbac.audit-trail-deletion',
      'rbac.cluster-admin-binding',
      'rbac.configmap-write',
      'rbac.create-persistent-volumes',
      'rbac.create-pods',
      'rbac.csr-approval',
      'rbac.delete-rights',
      'rbac.ephemeral-containers',
      'rbac.escalate-bind-impersonate',
      'rbac.nodes-proxy',
      'rbac.pod-exec',
      'rbac.secrets-read',
      'rbac.service-account-token',
      'rbac.status-subresource-write',
      'rbac.webhook-config',
      'rbac.wildcard-rules',
      'rbac.workload-service-account-privileged',
      'secrets.env-literal-credential',
      'secrets.secret-data',
      'secrets.secret-env-var',
      'services.load-balancer',
      'workload.cpu-limit',
      'workload.cpu-request',
      'workload.default-namespace',
      'workload.ephemeral-storage-limit',
      'workload.ephemeral-storage-request',
      'workload.explicit-security-context',
      'workload.high-uid-gid',
      'workload.image-digest',
      'workload.image-tag',
      'workload.liveness-probe',
      'workload.memory-limit',
      'workload.memory-request',
      'workload.pod-disruption-budget',
      'workload.read-only-root-filesystem',
      'workload.readiness-probe',
      'workload.recommended-labels',
      'workload.topology-spread',
    ]);
  });
});
