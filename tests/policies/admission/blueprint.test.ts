/**
 * The synthesized reference blueprint of every environment carries the guardrails and is admitted
 * by every one of them: each generated policy, evaluated offline, allows every object it matches.
 */
import { ENVIRONMENTS } from '../../../environments';
import { synthesizeEnvironment } from '../../../environments/synthesize';
import { evaluatePolicy } from '../../../policies/admission/offline';
import { podTargetOf } from '../../../policies/k8s';

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))(
  'blueprint in %s',
  (_name, env) => {
    const { objects } = synthesizeEnvironment(env);
    const policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');

    test('ships one policy per guarded pack, each bound', () => {
      expect(policies.map((p) => p.metadata?.name).sort()).toEqual([
        'bulwark-network',
        'bulwark-pss',
        'bulwark-rbac',
        'bulwark-secrets',
        'bulwark-services',
        'bulwark-workload',
      ]);
      const bound = objects
        .filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding')
        .map((b) => (b.spec as { policyName: string }).policyName);
      for (const p of policies) expect(bound).toContain(p.metadata?.name);
    });

    test('every object is admitted by every policy that matches it', () => {
      const denials = objects.flatMap((object) =>
        policies.flatMap((policy) =>
          (evaluatePolicy(policy, object) ?? [])
            .filter((v) => !v.allowed)
            .map(
              (v) =>
                `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}: ${v.message} ${v.error ?? ''}`,
            ),
        ),
      );
      expect(denials).toEqual([]);
    });

    test('every workload is actually judged: the pod policies match it', () => {
      const workloads = objects.filter((o) => podTargetOf(o) !== undefined);
      expect(workloads.length).toBeGreaterThan(0);
      for (const w of workloads) {
        const verdicts = policies.flatMap((p) => evaluatePolicy(p, w) ?? []);
        expect(verdicts.filter((v) => v.ruleId.startsWith('pss.restricted.')).length).toBe(7);
      }
    });
  },
);
