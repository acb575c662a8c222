/**
 * Pods on the Vault Agent Injector still pass Pod Security Standards restricted once the injector
 * has added its containers (simulated as vault-k8s does it), at each environment's pinned version.
 */
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import { evaluate } from '../../policies/engine';
import { containersOf, podTargetOf } from '../../policies/k8s';
import { PSS_RULES } from '../../policies/rules/pss';
import type { K8sObject } from '../../policies/types';
import { SecretBackend, WorkloadKind } from '../../constructs';
import { injectVaultAgent } from '../constructs/secrets/helpers/inject-agent';
import { appWith } from '../constructs/secrets/helpers/fixture';

const pssFindings = (object: K8sObject, version: string) =>
  evaluate([{ object, file: 'injected', line: 1 }], {
    rules: PSS_RULES,
    pss: { level: 'restricted', version },
  }).findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`);

/** The restricted fields, checked directly too, so the test stands even if the rule set changes. */
function restrictedProblems(object: K8sObject): string[] {
  const pod = podTargetOf(object)!;
  const podSc = (pod.spec.securityContext ?? {}) as any;
  const problems: string[] = [];
  for (const { container, name } of containersOf(pod)) {
    const sc = (container.securityContext ?? {}) as any;
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${name}: allowPrivilegeEscalation`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${name}: capabilities`);
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push(`${name}: runAsNonRoot`);
    if ((sc.runAsUser ?? podSc.runAsUser) === 0) problems.push(`${name}: runAsUser`);
    if (!['RuntimeDefault', 'Localhost'].includes(sc.seccompProfile?.type ?? podSc.seccompProfile?.type))
      problems.push(`${name}: seccompProfile`);
  }
  const allowed = [
    'configMap',
    'csi',
    'downwardAPI',
    'emptyDir',
    'ephemeral',
    'image',
    'persistentVolumeClaim',
    'projected',
    'secret',
  ];
  for (const v of (pod.spec.volumes as any[]) ?? [])
    if (!Object.keys(v).some((k) => allowed.includes(k))) problems.push(`volume ${v.name}`);
  return problems;
}

test('the PSS rule pack is there', () => {
  expect(PSS_RULES.filter((r) => r.id.startsWith('pss.restricted.')).length).toBeGreaterThanOrEqual(7);
});

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))(
  'injected pods of %s',
  (_name, env) => {
    const injected = synthesizeEnvironment(env)
      .objects.filter(
        (o) => podTargetOf(o)?.metadata.annotations?.['vault.hashicorp.com/agent-inject'] === 'true',
      )
      .map((o) => [`${o.kind} ${o.metadata?.namespace}/${o.metadata?.name}`, injectVaultAgent(o)] as const);

    test('finance/invoice-export is injected, pre-populate only (init container, no sidecar)', () => {
      expect(injected.map(([id]) => id)).toEqual(['CronJob finance/invoice-export']);
      const names = containersOf(podTargetOf(injected[0][1])!).map((c) => `${c.list}:${c.name}`);
      expect(names).toEqual(['initContainers:vault-agent-init', 'containers:invoice-export']);
    });

    test.each(injected)('%s passes PSS restricted after injection', (_id, object) => {
      expect(pssFindings(object, env.pssVersion)).toEqual([]);
      expect(restrictedProblems(object)).toEqual([]);
    });

    test.each(injected)('%s: the agent gets requests and limits for every quota resource', (_id, object) => {
      for (const c of containersOf(podTargetOf(object)!)) {
        const r = c.container.resources as any;
        for (const k of ['cpu', 'memory', 'ephemeral-storage']) expect(r.requests[k]).toBeDefined();
        for (const k of ['memory', 'ephemeral-storage']) expect(r.limits[k]).toBeDefined();
      }
    });
  },
);

describe('injection into a long-running pod (with the sidecar)', () => {
  const deployment = () =>
    appWith([{ name: 'cfg', path: 'shop/api/cfg', keys: ['k'], backend: SecretBackend.AGENT_INJECTOR }])
      .objects()
      .find((o) => o.kind === 'Deployment')!;

  test('passes PSS restricted with the init container and the sidecar', () => {
    const object = injectVaultAgent(deployment());
    expect(containersOf(podTargetOf(object)!).map((c) => c.name)).toEqual([
      'vault-agent-init',
      'api',
      'vault-agent',
    ]);
    expect(pssFindings(object, 'v1.37')).toEqual([]);
    expect(restrictedProblems(object)).toEqual([]);
  });

  test('for jobs too', () => {
    const job = appWith([{ name: 'cfg', path: 'shop/x/cfg', keys: ['k'], backend: 'agentInjector' }], {
      kind: WorkloadKind.JOB,
    })
      .objects()
      .find((o) => o.kind === 'Job')!;
    expect(pssFindings(injectVaultAgent(job), 'v1.37')).toEqual([]);
  });

  test('the check bites: without the pod-level seccomp profile the injected containers fail', () => {
    const bare = deployment() as any;
    delete bare.spec.template.spec.securityContext.seccompProfile;
    const findings = pssFindings(injectVaultAgent(bare), 'v1.37');
    expect(
      findings.some((f) => f.startsWith('pss.restricted.seccompProfile') && f.includes('vault-agent-init')),
    ).toBe(true);
    expect(restrictedProblems(injectVaultAgent(bare))).toContain('vault-agent-init: seccompProfile');
  });

  test('the check bites: an agent running as root fails', () => {
    const root = deployment() as any;
    root.spec.template.metadata.annotations['vault.hashicorp.com/agent-run-as-user'] = '0';
    expect(
      pssFindings(injectVaultAgent(root), 'v1.37').some((f) => f.startsWith('pss.restricted.runAs')),
    ).toBe(true);
  });

  test('without the projected token volume the injector would refuse the pod', () => {
    const noToken = deployment() as any;
    noToken.spec.template.spec.volumes = noToken.spec.template.spec.volumes.filter(
      (v: any) => v.name !== 'vault-token',
    );
    expect(() => injectVaultAgent(noToken)).toThrow('failed to find service account volume mount');
  });
});
