/**
 * BlueprintRelease: the policy gate refuses unsuppressed errors, and the registration plan orders
 * and wires dependencies (Namespaces and CRDs first, pods after their namespace's guardrails).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { environmentNamed } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import type { K8sObject } from '../../policies/types';
import { BlueprintRelease, BLUEPRINT_RELEASE_TYPE } from '../../stacks/blueprint-release';
import { runProgram } from '../../stacks/program';
import { planRegistration, resourceClassFor, resourceNameOf } from '../../stacks/register';
import { installMocks, settle } from './mocks';

const dev = () => synthesizeEnvironment(environmentNamed('dev')).objects;

const PRIVILEGED_POD: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'debug', namespace: 'commerce', labels: { app: 'debug' } },
  spec: { containers: [{ name: 'shell', image: 'busybox:1.36', securityContext: { privileged: true } }] },
};

const WILDCARD_ROLE: K8sObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'everything', namespace: 'finance' },
  rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
};

describe('BlueprintRelease', () => {
  it('refuses to deploy objects with unsuppressed errors, listing each finding with its rule id', async () => {
    const registered = await installMocks('dev');
    const provider = new k8s.Provider('kubernetes', { enableServerSideApply: true });
    let error: Error | undefined;
    try {
      new BlueprintRelease('dev', {
        objects: [...dev(), PRIVILEGED_POD, WILDCARD_ROLE],
        provider,
        source: "environment 'dev'",
      });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^refusing to deploy environment 'dev': \d+ unsuppressed errors/);
    expect(error?.message).toContain('[pss.baseline.privileged] Pod commerce/debug');
    expect(error?.message).toContain('[rbac.wildcard-rules] Role finance/everything');
    await settle(registered);
    // Nothing but the provider and the component itself reached the engine.
    expect(registered.filter((r) => r.type.startsWith('kubernetes:'))).toEqual([]);
    expect(registered.map((r) => r.type).sort()).toEqual(
      [BLUEPRINT_RELEASE_TYPE, 'pulumi:providers:kubernetes'].sort(),
    );
  });

  it('deploys objects whose findings are suppressed with a reason', async () => {
    await installMocks('dev');
    const provider = new k8s.Provider('kubernetes', { enableServerSideApply: true });
    const suppressed: K8sObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: {
        name: 'secret-reader',
        namespace: 'finance',
        annotations: {
          'bulwark.dev/suppress': 'rbac.secrets-read: reads generated secret names, reviewed in SEC-42',
        },
      },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
    };
    const release = new BlueprintRelease('dev', { objects: [...dev(), suppressed], provider });
    expect(release.summary.errors).toBe(0);
    expect(release.summary.suppressed).toBeGreaterThan(0);
    expect(release.resources.has('role-finance-secret-reader')).toBe(true);
    expect(release.report.findings.find((f) => f.suppressed)?.ruleId).toBe('rbac.secrets-read');
  });
});

describe('runProgram', () => {
  it('turns an environment that does not synthesize into a RunError naming the environment', async () => {
    const registered = await installMocks('dev');
    const broken = { ...environmentNamed('dev'), minDeploymentReplicas: 5 };
    let error: unknown;
    try {
      runProgram({ stack: 'dev', environment: broken });
    } catch (e) {
      error = e;
    }
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^environment 'dev' does not synthesize: SecureApp '[a-z-]+\/[a-z-]+': replicas 2 is below this environment's minimum of 5 for Deployments\.$/,
    );
    await settle(registered);
    expect(registered).toEqual([]);
  });
});

describe('planRegistration', () => {
  const CRD: K8sObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' } },
  };
  const WIDGET: K8sObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'commerce' },
  };

  it('names resources <kind>-<namespace>-<name>, cluster-scoped ones <kind>-<name>', () => {
    expect(resourceNameOf(PRIVILEGED_POD)).toBe('pod-commerce-debug');
    expect(
      resourceNameOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'commerce', namespace: 'x' } }),
    ).toBe('namespace-commerce');
    expect(resourceNameOf(CRD)).toBe('customresourcedefinition-widgets.example.com');
  });

  it('puts Namespaces and CRDs first, pods last, whatever the input order', () => {
    const plan = planRegistration([...dev()].reverse().concat([WIDGET, CRD]));
    const kinds = plan.map((p) => p.object.kind);
    const lastFoundation = Math.max(
      kinds.lastIndexOf('Namespace'),
      kinds.lastIndexOf('CustomResourceDefinition'),
    );
    const firstOther = kinds.findIndex((k) => k !== 'Namespace' && k !== 'CustomResourceDefinition');
    expect(lastFoundation).toBeLessThan(firstOther);
    const firstPodBearing = kinds.findIndex((k) =>
      ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(k!),
    );
    expect(
      kinds.slice(firstPodBearing).every((k) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(k!)),
    ).toBe(true);
  });

  it('makes namespaced objects depend on their namespace, custom resources on their CRD, pods on default deny', () => {
    const plan = new Map(planRegistration([...dev(), CRD, WIDGET]).map((p) => [p.name, p]));
    expect(plan.get('service-commerce-catalog')!.dependsOn).toEqual(['namespace-commerce']);
    expect(plan.get('widget-commerce-w')!.dependsOn).toEqual([
      'namespace-commerce',
      'customresourcedefinition-widgets.example.com',
    ]);
    const checkout = plan.get('deployment-commerce-checkout')!.dependsOn;
    expect(checkout[0]).toBe('namespace-commerce');
    expect(checkout).toEqual(
      expect.arrayContaining([
        'networkpolicy-commerce-default-deny',
        'limitrange-commerce-limits',
        'serviceaccount-commerce-checkout',
      ]),
    );
    expect(checkout.every((d) => d === 'namespace-commerce' || d.includes('-commerce-'))).toBe(true);
    expect(plan.get('namespace-commerce')!.dependsOn).toEqual([]);
    // Every dependency is registered before its dependant.
    const order = [...plan.keys()];
    for (const [name, step] of plan)
      for (const d of step.dependsOn) expect(order.indexOf(d)).toBeLessThan(order.indexOf(name));
  });

  it('refuses two objects that map to the same resource name', () => {
    const a: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b-c', namespace: 'a' } };
    const b: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a-b' } };
    expect(() => planRegistration([a, b])).toThrow(/two objects map to the resource name 'configmap-a-b-c'/);
  });

  it('maps built-in kinds to typed classes and other groups to CustomResource', () => {
    expect(resourceClassFor('apps/v1', 'Deployment')).toBe(k8s.apps.v1.Deployment);
    expect(resourceClassFor('v1', 'Namespace')).toBe(k8s.core.v1.Namespace);
    expect(resourceClassFor('networking.k8s.io/v1', 'NetworkPolicy')).toBe(k8s.networking.v1.NetworkPolicy);
    expect(resourceClassFor('rbac.authorization.k8s.io/v1', 'RoleBinding')).toBe(k8s.rbac.v1.RoleBinding);
    expect(resourceClassFor('secrets.hashicorp.com/v1beta1', 'VaultStaticSecret')).toBe(
      k8s.apiextensions.CustomResource,
    );
    expect(resourceClassFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition')).toBe(
      k8s.apiextensions.v1.CustomResourceDefinition,
    );
    // CRD-based groups under k8s.io have no SDK module: custom resources too.
    expect(resourceClassFor('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(
      k8s.apiextensions.CustomResource,
    );
    expect(() => resourceClassFor('apps/v1', 'Nope')).toThrow(
      /no @pulumi\/kubernetes resource for apps\/v1 Nope/,
    );
    expect(() => resourceClassFor('apps/v1beta9', 'Deployment')).toThrow(/no @pulumi\/kubernetes resource/);
  });
});
