/**
 * Dogfood: the synthesized reference blueprint passes every rule (PSS restricted at the pinned
 * version, and every other pack) with zero findings and zero suppressions, in every environment.
 */
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import { evaluate } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { SUPPRESS_ANNOTATION } from '../../policies/suppressions';

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))('dogfood: %s', (_name, env) => {
  const { objects, files } = synthesizeEnvironment(env);

  test('every rule passes with zero findings', () => {
    const sources = objects.map((object, i) => ({ object, file: `${env.name}#${i}`, line: 1 }));
    const report = evaluate(sources, { rules: ALL_RULES, pss: { level: 'restricted', version: env.pssVersion } });
    const described = report.findings.map((f) => `${f.ruleId} ${f.object.kind} ${f.object.namespace}/${f.object.name} ${f.path}: ${f.message}`);
    expect(described).toEqual([]);
    expect(report.summary).toEqual({ objects: objects.length, errors: 0, warnings: 0, infos: 0, suppressed: 0 });
  });

  test('no suppression annotation anywhere', () => {
    for (const text of files.values()) expect(text).not.toContain(SUPPRESS_ANNOTATION);
  });

  test('the rule set is the full one: every pack is represented', () => {
    const packs = new Set(ALL_RULES.map((r) => r.pack));
    expect([...packs].sort()).toEqual(['network', 'pss', 'rbac', 'secrets', 'services', 'workload']);
  });
});
