/**
 * The CrossGuard pack without the Pulumi CLI: each policy's `validateResource` / `validateStack` is
 * called with hand-built args, the way `pulumi/compliance-policies`' unit-test helpers do. The pack
 * module (`policies/crossguard/index.ts`) is never imported: its `new PolicyPack` starts a server.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { unknownCheckingProxy } from '@pulumi/policy';
import { ENVIRONMENT_NAMES, environmentNamed } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import { evaluateScoped, kubernetesTypeOf, manifestOf } from '../../policies/adapters/crossguard';
import { policyName } from '../../policies/crossguard/policies';
import { evaluate } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import type { K8sObject } from '../../policies/types';
import {
  allViolations,
  inputOf,
  OBJECT_POLICIES,
  POLICIES,
  resourceArgs,
  runResource,
  runStack,
  stackArgs,
  urnOf,
} from './crossguard-args';

/** CrossGuard's sentinel for an unknown string (internal to @pulumi/policy, hence untyped). */
const { unknownStringValue } = jest.requireActual('@pulumi/policy/proxy');

const policies = POLICIES;
const objectPolicy = (name: string) => policies.find((p) => p.name === name) as ResourceValidationPolicy;
const stackPolicy = (name: string) => policies.find((p) => p.name === name) as StackValidationPolicy;

const PRIVILEGED_POD: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'debug', namespace: 'commerce' },
  spec: { containers: [{ name: 'shell', image: 'busybox:1.36', securityContext: { privileged: true } }] },
};

const WILDCARD_ROLE: K8sObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'everything', namespace: 'finance' },
  rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
};

const BARE_NAMESPACE: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } };

describe('the policies', () => {
  it('are one per scope and severity, with valid names; errors mandatory, the rest advisory', () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ['bulwark-object-errors', 'mandatory'],
      ['bulwark-object-warnings', 'advisory'],
      ['bulwark-object-infos', 'advisory'],
      ['bulwark-stack-errors', 'mandatory'],
      ['bulwark-stack-warnings', 'advisory'],
      ['bulwark-stack-infos', 'advisory'],
    ]);
    for (const p of policies) expect(p.name).toMatch(/^[a-zA-Z0-9._-]{1,100}$/);
    expect(policyName('cross-object', 'error')).toBe('bulwark-stack-errors');
  });
});

describe('validateResource', () => {
  const errors = objectPolicy('bulwark-object-errors');

  it('reports a privileged pod as a mandatory violation naming the rule', async () => {
    const violations = await runResource(errors, resourceArgs(inputOf(PRIVILEGED_POD)));
    expect(violations).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\[pss\.baseline\.privileged\] Pod commerce\/debug: /)]),
    );
    // Restricted checks too, at the default restricted level.
    expect(violations.some((v) => v.startsWith('[pss.restricted.runAsNonRoot]'))).toBe(true);
  });

  it('reports a wildcard Role', async () => {
    const violations = await runResource(errors, resourceArgs(inputOf(WILDCARD_ROLE)));
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[rbac\.wildcard-rules\] Role finance\/everything: .*\. \S/),
      ]),
    );
  });

  it('honours the pack config: at baseline, restricted checks are not reported', async () => {
    const violations = await runResource(
      errors,
      resourceArgs(inputOf(PRIVILEGED_POD), { pssLevel: 'baseline' }),
    );
    expect(violations.some((v) => v.startsWith('[pss.baseline.privileged]'))).toBe(true);
    expect(violations.some((v) => v.startsWith('[pss.restricted.'))).toBe(false);
  });

  it('honours suppressions with a reason', async () => {
    const suppressed: K8sObject = {
      ...WILDCARD_ROLE,
      metadata: {
        ...WILDCARD_ROLE.metadata,
        annotations: { 'bulwark.dev/suppress': 'rbac.wildcard-rules: break-glass role, reviewed in SEC-42' },
      },
    };
    const violations = await runResource(errors, resourceArgs(inputOf(suppressed)));
    expect(violations.some((v) => v.startsWith('[rbac.wildcard-rules]'))).toBe(false);
  });

  it('leaves cross-object rules to the stack policies: a lone workload is not reported as unisolated', async () => {
    const all: string[] = [];
    for (const policy of OBJECT_POLICIES)
      all.push(...(await runResource(policy, resourceArgs(inputOf(PRIVILEGED_POD)))));
    expect(all.some((v) => v.startsWith('[network.workload-not-isolated]'))).toBe(false);
  });

  it('ignores non-Kubernetes resources, components and patches', async () => {
    for (const type of [
      'aws:s3/bucket:Bucket',
      'kubernetes:yaml/v2:ConfigGroup',
      'kubernetes:apps/v1:DeploymentPatch',
      'pulumi:providers:kubernetes',
    ]) {
      const args = { ...resourceArgs(inputOf(PRIVILEGED_POD)), type };
      expect(await runResource(errors, args)).toEqual([]);
    }
  });

  it('does not judge values unknown during preview, but ignores unknown server-filled fields', async () => {
    const unknownImage = unknownCheckingProxy({
      ...PRIVILEGED_POD,
      spec: {
        containers: [{ name: 'shell', image: unknownStringValue, securityContext: { privileged: true } }],
      },
    });
    await expect(runResource(errors, resourceArgs(inputOf(PRIVILEGED_POD, unknownImage)))).rejects.toThrow(
      /can't be known during preview/,
    );

    const unknownStatus = unknownCheckingProxy({
      ...PRIVILEGED_POD,
      metadata: { ...PRIVILEGED_POD.metadata, uid: unknownStringValue },
      status: unknownStringValue,
    });
    const violations = await runResource(errors, resourceArgs(inputOf(PRIVILEGED_POD, unknownStatus)));
    expect(violations.some((v) => v.startsWith('[pss.baseline.privileged]'))).toBe(true);
  });
});

describe('validateStack', () => {
  it('reports a namespace without default deny, at the namespace resource', async () => {
    const violations = await runStack(
      stackPolicy('bulwark-stack-errors'),
      stackArgs([inputOf(BARE_NAMESPACE)]),
    );
    expect(violations).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^\[network\.namespace-default-deny\] Namespace scratch: /),
        urn: urnOf('kubernetes:core/v1:Namespace', 'namespace-scratch'),
      }),
    ]);
  });

  it('does not repeat per-object findings', async () => {
    const violations = await runStack(
      stackPolicy('bulwark-stack-errors'),
      stackArgs([PRIVILEGED_POD, WILDCARD_ROLE].map((o) => inputOf(o))),
    );
    expect(violations.filter((v) => /^\[(pss|rbac)\./.test(v.message))).toEqual([]);
  });
});

describe('the object/stack split', () => {
  it('reports every finding of the engine exactly once', () => {
    const objects = [
      ...synthesizeEnvironment(environmentNamed('dev')).objects,
      PRIVILEGED_POD,
      WILDCARD_ROLE,
      BARE_NAMESPACE,
    ];
    const key = (f: {
      ruleId: string;
      object: { kind: string; namespace: string; name: string };
      path: string;
      message: string;
    }) => `${f.ruleId} ${f.object.kind} ${f.object.namespace}/${f.object.name} ${f.path} ${f.message}`;
    const sources = objects.map((object, i) => ({ object, file: `#${i}`, line: 1 }));
    const expected = evaluate(sources, { rules: ALL_RULES }).findings.map(key).sort();
    const perObject = objects.flatMap((object, i) =>
      evaluateScoped([{ object, file: `#${i}`, line: 1 }], {
        rules: ALL_RULES,
        scope: 'object',
      }).findings.map(key),
    );
    const crossObject = evaluateScoped(sources, { rules: ALL_RULES, scope: 'cross-object' }).findings.map(
      key,
    );
    expect([...perObject, ...crossObject].sort()).toEqual(expected);
    expect(crossObject.some((k) => k.startsWith('network.namespace-default-deny'))).toBe(true);
    expect(perObject.some((k) => k.startsWith('pss.baseline.privileged'))).toBe(true);
  });
});

describe.each(ENVIRONMENT_NAMES)("Bulwark's own %s output", (name) => {
  it('passes every policy', async () => {
    const env = environmentNamed(name);
    const objects = synthesizeEnvironment(env).objects;
    expect(
      await allViolations(
        objects.map((o) => inputOf(o)),
        { pssLevel: 'restricted', pssVersion: env.pssVersion },
      ),
    ).toEqual([]);
  });
});

describe('manifestOf', () => {
  it('maps type tokens to apiVersion and kind', () => {
    expect(kubernetesTypeOf('kubernetes:core/v1:Namespace')).toEqual({ apiVersion: 'v1', kind: 'Namespace' });
    expect(kubernetesTypeOf('kubernetes:rbac.authorization.k8s.io/v1:Role')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
    });
    expect(kubernetesTypeOf('kubernetes:secrets.hashicorp.com/v1beta1:VaultStaticSecret')).toEqual({
      apiVersion: 'secrets.hashicorp.com/v1beta1',
      kind: 'VaultStaticSecret',
    });
    expect(kubernetesTypeOf('kubernetes:yaml:ConfigGroup')).toBeUndefined();
    expect(kubernetesTypeOf('kubernetes:helm.sh/v3:Release')).toBeUndefined();
    expect(kubernetesTypeOf('kubernetes:core/v1:ConfigMapList')).toBeUndefined();
  });

  it('drops status and takes the envelope from the type', () => {
    expect(
      manifestOf('kubernetes:apps/v1:Deployment', {
        metadata: { name: 'a' },
        spec: {},
        status: { replicas: 1 },
      }),
    ).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a' },
      spec: {},
    });
  });
});
