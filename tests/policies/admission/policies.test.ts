/**
 * The generated objects are valid for the real admissionregistration.k8s.io/v1 API (field names,
 * enums, names, selectors, CEL that parses and selects no field CEL cannot name), and the options
 * (dry run, staged rules, exclusions, suppressions) shape them as documented.
 */
import { admissionPolicies, GUARDS, type AdmissionObject } from '../../../policies/admission';
import { compile, evaluatePolicies } from '../../../policies/admission/offline';
import { KIND_RESOURCES } from '../../../policies/admission/kinds';
import type { K8sObject } from '../../../policies/types';

const SELECTOR = { 'bulwark.dev/managed': 'true' };
const objects = admissionPolicies({ selector: SELECTOR });
const policies = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy');
const bindings = objects.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
const specOf = (o: AdmissionObject) => o.spec as Record<string, any>;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RESERVED_SELECT =
  /\.(as|break|const|continue|else|false|for|function|if|import|in|let|loop|namespace|null|package|return|true|var|void|while)\b/;

describe('API validity', () => {
  test('every object is admissionregistration.k8s.io/v1 with a DNS-subdomain name and the policies first', () => {
    expect(objects.every((o) => o.apiVersion === 'admissionregistration.k8s.io/v1')).toBe(true);
    for (const o of objects) expect(o.metadata.name).toMatch(DNS_SUBDOMAIN);
    expect(objects.findIndex((o) => o.kind === 'ValidatingAdmissionPolicyBinding')).toBe(policies.length);
  });

  test('policies use only ValidatingAdmissionPolicySpec fields, fail closed, and match CREATE and UPDATE', () => {
    for (const p of policies) {
      const spec = specOf(p);
      expect(Object.keys(spec).sort()).toEqual(
        expect.arrayContaining(['failurePolicy', 'matchConstraints', 'validations']),
      );
      for (const key of Object.keys(spec))
        expect([
          'failurePolicy',
          'matchConstraints',
          'matchConditions',
          'variables',
          'validations',
        ]).toContain(key);
      for (const c of spec.matchConditions ?? []) {
        expect(c.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(() => compile(c.expression)).not.toThrow();
      }
      expect(spec.failurePolicy).toBe('Fail');
      for (const rule of spec.matchConstraints.resourceRules) {
        expect(Object.keys(rule).sort()).toEqual(['apiGroups', 'apiVersions', 'operations', 'resources']);
        expect(rule.operations).toEqual(['CREATE', 'UPDATE']);
        const served = Object.values(KIND_RESOURCES).filter((r) => r.group === rule.apiGroups[0]);
        for (const resource of rule.resources) expect(served.flatMap((r) => r.resources)).toContain(resource);
      }
    }
  });

  test('variables and validations are well-formed, and every expression parses', () => {
    for (const p of policies) {
      const spec = specOf(p);
      const names = (spec.variables ?? []).map((v: { name: string }) => v.name);
      expect(new Set(names).size).toBe(names.length);
      for (const v of spec.variables ?? []) {
        expect(v.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(() => compile(v.expression)).not.toThrow();
      }
      for (const v of spec.validations) {
        expect(Object.keys(v).sort()).toEqual(['expression', 'message', 'reason']);
        expect(v.reason).toBe('Forbidden');
        expect(v.message).toMatch(/^\[[a-zA-Z0-9_.-]+\] [^\n]+$/);
        expect(() => compile(v.expression)).not.toThrow();
      }
    }
  });

  test('no expression selects a field named after a CEL reserved word (the API server needs __escapes__ for those)', () => {
    const expressions = policies.flatMap((p) => [
      ...(specOf(p).matchConditions ?? []).map((v: { expression: string }) => v.expression),
      ...(specOf(p).variables ?? []).map((v: { expression: string }) => v.expression),
      ...specOf(p).validations.map((v: { expression: string }) => v.expression),
    ]);
    // String literals may contain anything; only code outside them matters.
    const code = expressions.map((e) => e.replace(/'(\\.|[^'\\])*'/g, "''"));
    expect(code.filter((c) => RESERVED_SELECT.test(c))).toEqual([]);
  });

  test('each validation message names its rule and ends with the remediation', () => {
    const messages = policies.flatMap((p) =>
      specOf(p).validations.map((v: { message: string }) => v.message),
    );
    expect(messages.map((m) => /^\[([^\]]+)\]/.exec(m)![1]).sort()).toEqual(
      GUARDS.map((g) => g.ruleId).sort(),
    );
    expect(messages.find((m) => m.startsWith('[pss.restricted.runAsNonRoot]'))).toContain(
      'Set spec.securityContext.runAsNonRoot: true',
    );
  });

  test('bindings name existing policies with Deny and Audit, and select the managed label', () => {
    const names = new Set(policies.map((p) => p.metadata.name));
    for (const b of bindings) {
      const spec = specOf(b);
      expect(Object.keys(spec).sort()).toEqual(['matchResources', 'policyName', 'validationActions']);
      expect(names.has(spec.policyName)).toBe(true);
      expect(spec.validationActions).toEqual(['Deny', 'Audit']);
      const selector = spec.matchResources.namespaceSelector ?? spec.matchResources.objectSelector;
      expect(selector).toEqual({ matchLabels: SELECTOR });
    }
    for (const p of policies)
      expect(bindings.some((b) => specOf(b).policyName === p.metadata.name)).toBe(true);
  });

  test('cluster-scoped RBAC objects are bound by object label, namespaced ones by namespace label', () => {
    const rbac = bindings.filter((b) => specOf(b).policyName === 'bulwark-rbac');
    expect(rbac.map((b) => b.metadata.name).sort()).toEqual(['bulwark-rbac', 'bulwark-rbac-cluster-scoped']);
    const [namespaced, cluster] = [
      rbac.find((b) => b.metadata.name === 'bulwark-rbac')!,
      rbac.find((b) => b.metadata.name !== 'bulwark-rbac')!,
    ];
    expect(specOf(namespaced).matchResources.namespaceSelector).toBeDefined();
    expect(specOf(namespaced).matchResources.resourceRules[0].resources).toEqual(['rolebindings', 'roles']);
    expect(specOf(cluster).matchResources.objectSelector).toBeDefined();
    expect(specOf(cluster).matchResources.namespaceSelector).toBeUndefined();
    expect(specOf(cluster).matchResources.resourceRules[0].resources).toEqual([
      'clusterrolebindings',
      'clusterroles',
    ]);
  });
});

describe('options', () => {
  const names = (os: AdmissionObject[]) => os.map((o) => `${o.kind}/${o.metadata.name}`);

  test('a dry run binds [Warn, Audit] everywhere and keeps the policy names', () => {
    const dry = admissionPolicies({ selector: SELECTOR, actions: ['Warn', 'Audit'] });
    expect(names(dry)).toEqual(names(objects));
    for (const b of dry.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding'))
      expect(specOf(b).validationActions).toEqual(['Warn', 'Audit']);
  });

  test('dryRunRules move rules to a -dry-run policy bound with [Warn, Audit]; excludeRules drop them', () => {
    const staged = admissionPolicies({
      selector: SELECTOR,
      dryRunRules: ['workload.image-digest'],
      excludeRules: ['services.node-port'],
    });
    const dry = staged.find(
      (o) => o.metadata.name === 'bulwark-workload-dry-run' && o.kind === 'ValidatingAdmissionPolicy',
    )!;
    expect(specOf(dry).validations.map((v: { message: string }) => v.message.split(']')[0])).toEqual([
      '[workload.image-digest',
    ]);
    const binding = staged.find(
      (o) =>
        o.kind === 'ValidatingAdmissionPolicyBinding' && specOf(o).policyName === 'bulwark-workload-dry-run',
    )!;
    expect(specOf(binding).validationActions).toEqual(['Warn', 'Audit']);
    const all = JSON.stringify(staged.filter((o) => o.metadata.name === 'bulwark-workload'));
    expect(all).not.toContain('[workload.image-digest]');
    expect(JSON.stringify(staged)).not.toContain('[services.node-port]');
  });

  test('unknown rule ids are refused', () => {
    expect(() => admissionPolicies({ selector: SELECTOR, excludeRules: ['workload.memory-limit'] })).toThrow(
      /'workload.memory-limit' is not a guarded rule/,
    );
  });

  test('labels reach every object', () => {
    const labelled = admissionPolicies({ selector: SELECTOR, labels: { team: 'platform' } });
    for (const o of labelled) expect(o.metadata.labels).toEqual({ team: 'platform' });
  });
});

describe('updates', () => {
  const deployment = (replicas: number, image: string): K8sObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'shop' },
    spec: { replicas, template: { spec: { containers: [{ name: 'app', image }] } } },
  });
  const verdicts = (object: K8sObject, oldObject?: K8sObject) =>
    evaluatePolicies(policies, object, oldObject ? { operation: 'UPDATE', oldObject } : undefined);

  test('an update that leaves the pod template as it was is not judged (old ReplicaSets can scale down)', () => {
    expect(verdicts(deployment(1, 'app:latest')).some((v) => !v.allowed)).toBe(true);
    expect(verdicts(deployment(0, 'app:latest'), deployment(1, 'app:latest'))).toEqual([]);
  });

  test('an update that changes the pod template is judged like a create', () => {
    const create = verdicts(deployment(1, 'app:latest'));
    expect(verdicts(deployment(1, 'app:latest'), deployment(1, 'app:1.0'))).toEqual(create);
  });

  test('a Pod update that changes only its owner references is not judged; one adding an ephemeral container is', () => {
    const pod = (extra: Record<string, unknown>): K8sObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs' }] },
      spec: { containers: [{ name: 'app', image: 'app:1.0' }], ...extra },
    });
    const orphaned = { ...pod({}), metadata: { name: 'p', namespace: 'shop' } };
    expect(verdicts(orphaned, pod({}))).toEqual([]);
    const debugged = pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] });
    expect(verdicts(debugged, pod({})).some((v) => !v.allowed)).toBe(true);
  });

  test('non-pod policies judge every update', () => {
    const service = (type: string): K8sObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type },
    });
    expect(
      verdicts(service('NodePort'), service('NodePort'))
        .filter((v) => !v.allowed)
        .map((v) => v.ruleId),
    ).toEqual(['services.node-port']);
  });
});

describe('suppressions', () => {
  const pod = (annotations: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop', annotations },
    spec: { containers: [{ name: 'app', image: 'app:1.0' }] },
  });
  const denied = (policyObjects: AdmissionObject[], object: K8sObject) =>
    evaluatePolicies(
      policyObjects.filter((o) => o.kind === 'ValidatingAdmissionPolicy'),
      object,
    )
      .filter((v) => !v.allowed)
      .map((v) => v.ruleId);

  test('are ignored by default: the annotation admits nothing', () => {
    const annotated = pod({ 'bulwark.dev/suppress': 'workload.bare-pod: a one-off migration pod, reviewed' });
    expect(denied(objects, annotated)).toContain('workload.bare-pod');
  });

  test('with honorSuppressions, an entry with a reason of 10+ characters admits that rule only', () => {
    const honoring = admissionPolicies({ selector: SELECTOR, honorSuppressions: true });
    const plain = denied(honoring, pod({}));
    expect(plain).toContain('workload.bare-pod');
    const suppressed = denied(
      honoring,
      pod({
        'bulwark.dev/suppress':
          ' pss.restricted.runAsNonRoot : reviewed exception ;workload.bare-pod: a one-off migration pod',
      }),
    );
    expect(suppressed.sort()).toEqual(
      plain.filter((r) => r !== 'workload.bare-pod' && r !== 'pss.restricted.runAsNonRoot').sort(),
    );
    expect(denied(honoring, pod({ 'bulwark.dev/suppress': 'workload.bare-pod: too short' }))).toContain(
      'workload.bare-pod',
    );
    expect(denied(honoring, pod({ 'bulwark.dev/suppress': 'workload.bare-pod:         x' }))).toContain(
      'workload.bare-pod',
    );
  });

  test('with honorSuppressions, a pod template annotation counts for the controller', () => {
    const honoring = admissionPolicies({ selector: SELECTOR, honorSuppressions: true });
    const deployment = (annotations: Record<string, string>) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'shop' },
      spec: {
        template: { metadata: { annotations }, spec: { containers: [{ name: 'app', image: 'app:1.0' }] } },
      },
    });
    expect(denied(honoring, deployment({}))).toContain('workload.image-digest');
    expect(
      denied(
        honoring,
        deployment({ 'bulwark.dev/suppress': 'workload.image-digest: vendor image, digest pinned upstream' }),
      ),
    ).not.toContain('workload.image-digest');
  });
});
