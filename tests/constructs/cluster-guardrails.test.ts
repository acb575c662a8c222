/**
 * ClusterGuardrails: what it emits in a Platform, its modes and options, and that its own objects
 * pass every Bulwark rule.
 */
import {
  ClusterGuardrails,
  DeclarationError,
  GuardrailMode,
  MANAGED_NAMESPACE_LABEL,
} from '../../constructs';
import { GUARDS } from '../../policies/admission';
import { evaluate } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { objectsOf, testPlatform } from '../helpers/chart';

function build(props?: ConstructorParameters<typeof ClusterGuardrails>[2], pssVersion = 'v1.37') {
  const platform = testPlatform({ partOf: 'shop', pssVersion });
  const guardrails = new ClusterGuardrails(platform, 'guardrails', props);
  return { guardrails, objects: objectsOf(platform) };
}

const bindingsOf = (objects: ReturnType<typeof build>['objects']) =>
  objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding') as Record<string, any>[];

describe('ClusterGuardrails', () => {
  const { guardrails, objects } = build();

  test('emits one policy per pack and binds each to the managed-namespace label, enforcing', () => {
    expect(guardrails.policyNames).toEqual([
      'bulwark-pss',
      'bulwark-workload',
      'bulwark-secrets',
      'bulwark-network',
      'bulwark-rbac',
      'bulwark-services',
    ]);
    expect(
      objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata?.name),
    ).toEqual(guardrails.policyNames);
    for (const b of bindingsOf(objects)) {
      expect(b.spec.validationActions).toEqual(['Deny', 'Audit']);
      const selector = b.spec.matchResources.namespaceSelector ?? b.spec.matchResources.objectSelector;
      expect(selector).toEqual({ matchLabels: { [MANAGED_NAMESPACE_LABEL]: 'true' } });
    }
    expect(guardrails.ruleIds).toEqual(GUARDS.map((g) => g.ruleId));
    expect(guardrails.ruleIds.length).toBeGreaterThanOrEqual(15);
  });

  test('labels every object as Bulwark guardrails of the platform', () => {
    for (const o of objects) {
      expect(o.metadata?.labels).toEqual({
        'app.kubernetes.io/name': 'bulwark-guardrails',
        'app.kubernetes.io/component': 'admission',
        'app.kubernetes.io/part-of': 'shop',
        'app.kubernetes.io/managed-by': 'bulwark',
      });
      expect(o.metadata?.namespace).toBeUndefined();
    }
  });

  test('its own objects pass every rule (they are cluster-scoped and trigger none)', () => {
    const sources = objects.map((object, i) => ({ object, file: 'guardrails', line: i + 1 }));
    expect(evaluate(sources, { rules: ALL_RULES }).findings).toEqual([]);
  });

  test('a dry run binds [Warn, Audit]', () => {
    for (const b of bindingsOf(build({ mode: GuardrailMode.DRY_RUN }).objects))
      expect(b.spec.validationActions).toEqual(['Warn', 'Audit']);
  });

  test('dryRunRules stage single rules in a -dry-run policy; excludeRules drop rules', () => {
    const staged = build({ dryRunRules: ['services.node-port'], excludeRules: ['workload.image-digest'] });
    expect(staged.guardrails.policyNames).toContain('bulwark-services-dry-run');
    expect(staged.guardrails.ruleIds).not.toContain('workload.image-digest');
    const dry = bindingsOf(staged.objects).find((b) => b.spec.policyName === 'bulwark-services-dry-run');
    expect(dry?.spec.validationActions).toEqual(['Warn', 'Audit']);
  });

  test('honorSuppressions adds the suppressions variable; without it no policy reads the annotation', () => {
    expect(JSON.stringify(objects)).not.toContain('variables.suppressions');
    const honoring = build({ honorSuppressions: true }).objects.find(
      (o) => o.metadata?.name === 'bulwark-rbac',
    );
    expect(JSON.stringify(honoring)).toContain('variables.suppressions.matches');
  });

  test('an environment pinning another PSS version must leave the pss guards to Pod Security Admission', () => {
    expect(() => build({}, 'v1.33')).toThrow(
      "ClusterGuardrails 'test/guardrails': the Pod Security Standards guards implement restricted at v1.37, but the environment pins v1.33",
    );
    const without = build({ podSecurityStandards: false }, 'v1.33').guardrails;
    expect(without.policyNames).not.toContain('bulwark-pss');
    expect(without.ruleIds.filter((r) => r.startsWith('pss.'))).toEqual([]);
    expect(without.ruleIds.length).toBeGreaterThanOrEqual(15);
  });

  test('rule ids that are not guarded are refused, naming the field', () => {
    expect(() => build({ excludeRules: ['workload.memory-limit'] })).toThrow(DeclarationError);
    expect(() => build({ dryRunRules: ['pss.restricted.runAsNonRoot', 'nope'] })).toThrow(
      "ClusterGuardrails 'test/guardrails': dryRunRules[1] 'nope' is not a rule enforced at admission",
    );
  });
});
