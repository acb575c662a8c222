/**
 * Property-based differential test: random objects built from the values each guarded rule cares
 * about (including the boundaries the fixtures miss, such as hostPort 0, empty references, digest
 * plus tag, `base/*` resources) get the same verdict from the generated CEL as from the engine,
 * rule by rule. And the CEL suppression pattern reads `bulwark.dev/suppress` as the engine does.
 */
import fc from 'fast-check';
import { lit } from '../../../policies/admission/cel';
import { suppressionPattern } from '../../../policies/admission/policies';
import { compile } from '../../../policies/admission/offline';
import { GUARDED_POD_KINDS } from '../../../policies/admission/kinds';
import { ALL_RULES } from '../../../policies/rules';
import { suppressionsOf } from '../../../policies/suppressions';
import type { K8sObject } from '../../../policies/types';
import { compare, disagreements } from './helpers';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A record whose every key is optional. */
const some = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) =>
  fc.record(model, { requiredKeys: [] });
/** Annotations: each key optional, values strings. */
const annotationsOf = (model: Record<string, fc.Arbitrary<string>>) =>
  fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const subset = <T>(...values: T[]) => fc.subarray(values);

const DIGEST = `@sha256:${'a1'.repeat(32)}`;
const image = pick(
  'app:1.0',
  'app',
  'app:latest',
  'reg:5000/app',
  'reg:5000/app:2',
  `app${DIGEST}`,
  `app:latest${DIGEST}`,
  'app@sha256:short',
  '',
  'k8s.gcr.io/pause:3.9',
  'EU.gcr.io/k8s-artifacts-prod/pause',
  'kubernetesui/dashboard:v2.7.0',
  'ghcr.io/helm/tiller:v2.17.0',
);
const id = pick(0, 1000, 10000, 65534);
const profile = some({ type: pick('RuntimeDefault', 'Localhost', 'Unconfined') });
const seLinux = some({
  type: pick('', 'container_t', 'container_engine_t', 'spc_t'),
  user: pick('', 'root'),
  role: pick('', 'sysadm_r'),
});
const handler = some({
  httpGet: some({ port: pick(80), host: pick('', 'evil.example') }),
  tcpSocket: some({ port: pick(80), host: pick('', '10.0.0.1') }),
});

const containerSecurityContext = some({
  runAsNonRoot: fc.boolean(),
  runAsUser: id,
  runAsGroup: id,
  allowPrivilegeEscalation: fc.boolean(),
  privileged: fc.boolean(),
  readOnlyRootFilesystem: fc.boolean(),
  procMount: pick('Default', 'Unmasked'),
  capabilities: some({
    drop: subset('ALL', 'NET_RAW'),
    add: subset('NET_BIND_SERVICE', 'NET_RAW', 'CHOWN', 'cap_sys_admin', 'CAP_ALL'),
  }),
  seccompProfile: profile,
  appArmorProfile: profile,
  seLinuxOptions: seLinux,
  windowsOptions: some({ hostProcess: fc.boolean() }),
});

const container = fc.record(
  {
    name: pick('app', 'side'),
    image,
    securityContext: containerSecurityContext,
    ports: fc.array(some({ containerPort: pick(8080), hostPort: pick(0, 8080) }), { maxLength: 2 }),
    livenessProbe: handler,
    readinessProbe: handler,
    startupProbe: handler,
    lifecycle: some({ postStart: handler, preStop: handler }),
    env: fc.array(
      pick(
        { name: 'A', value: 'x' },
        { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        { name: 'C', valueFrom: { secretKeyRef: {} } },
        { name: 'D', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
        { name: 'GITSYNC_GIT', value: '/bin/sh' },
      ),
      { maxLength: 2 },
    ),
    // Arguments for the sudo and tiller guards; mounts for the writable-host-path guard.
    command: subset('/bin/sh', '-c', 'make && sudo make install', 'pseudo'),
    args: subset('--listen=localhost:44134', '--listen=:44134', 'sudoers-check'),
    volumeMounts: fc.array(some({ name: pick('host', 'tmp', 'both', 'missing'), readOnly: fc.boolean() }), {
      maxLength: 2,
    }),
    envFrom: fc.array(
      pick({ secretRef: { name: 's' } }, { secretRef: {} }, { configMapRef: { name: 'c' } }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['name'] },
);

const podSpec = fc.record(
  {
    containers: fc.array(container, { minLength: 1, maxLength: 2 }),
    initContainers: fc.array(container, { maxLength: 1 }),
    ephemeralContainers: fc.array(container, { maxLength: 1 }),
    securityContext: some({
      runAsNonRoot: fc.boolean(),
      runAsUser: id,
      runAsGroup: id,
      fsGroup: id,
      supplementalGroups: subset(0, 10001),
      seccompProfile: profile,
      appArmorProfile: profile,
      seLinuxOptions: seLinux,
      sysctls: subset(
        { name: 'kernel.shm_rmid_forced' },
        { name: 'net.ipv4.tcp_notsent_lowat' },
        { name: 'kernel.msgmax' },
      ),
      windowsOptions: some({ hostProcess: fc.boolean() }),
    }),
    hostNetwork: fc.boolean(),
    hostPID: fc.boolean(),
    hostIPC: fc.boolean(),
    hostUsers: fc.boolean(),
    os: some({ name: pick('linux', 'windows') }),
    serviceAccountName: pick('', 'default', 'app'),
    serviceAccount: pick('', 'default', 'legacy'),
    volumes: subset(
      { name: 'tmp', emptyDir: {} },
      { name: 'host', hostPath: { path: '/' } },
      { name: 'nfs', nfs: { server: 'nfs', path: '/' } },
      { name: 'bare' },
      { name: 'both', configMap: { name: 'c' }, hostPath: { path: '/' } },
      { name: 'sock', hostPath: { path: '//var/run/./docker.sock/' } },
      { name: 'etc', hostPath: { path: '/etcetera' } },
      { name: 'aws', hostPath: { path: '/home/alice/.aws' } },
      { name: 'logs', hostPath: { path: '/var/log' } },
    ),
  },
  { requiredKeys: ['containers'] },
);

const podMetadata = some({
  annotations: annotationsOf({
    'container.apparmor.security.beta.kubernetes.io/app': pick(
      'runtime/default',
      'unconfined',
      'localhost/p',
      '',
    ),
  }),
  ownerReferences: subset({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }),
});

/** A pod-bearing object of a random guarded kind around a random pod. */
const workload: fc.Arbitrary<K8sObject> = fc
  .tuple(pick(...GUARDED_POD_KINDS), podSpec, podMetadata)
  .map(([kind, spec, metadata]) => {
    const template = { metadata: { ...metadata, labels: { app: 'a' } }, spec };
    const apiVersion =
      { Pod: 'v1', ReplicationController: 'v1', Job: 'batch/v1', CronJob: 'batch/v1' }[kind] ?? 'apps/v1';
    const meta = { name: 'w', namespace: 'shop' };
    if (kind === 'Pod') return { apiVersion, kind, metadata: { ...meta, ...template.metadata }, spec };
    if (kind === 'CronJob')
      return {
        apiVersion,
        kind,
        metadata: meta,
        spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } },
      };
    return { apiVersion, kind, metadata: meta, spec: { selector: { matchLabels: { app: 'a' } }, template } };
  });

const RESOURCES = [
  '*',
  'pods',
  'pods/*',
  '*/exec',
  'pods/exec',
  'secrets',
  'nodes/proxy',
  'roles',
  'serviceaccounts/token',
  'deployments',
  'signers',
  'certificatesigningrequests/approval',
  'validatingadmissionpolicies',
  'users',
];
const role: fc.Arbitrary<K8sObject> = fc
  .tuple(
    pick('Role', 'ClusterRole'),
    fc.array(
      some({
        apiGroups: subset(
          '',
          '*',
          'apps',
          'rbac.authorization.k8s.io',
          'certificates.k8s.io',
          'admissionregistration.k8s.io',
        ),
        resources: fc.subarray(RESOURCES, { maxLength: 3 }),
        verbs: subset(
          'get',
          'list',
          'create',
          'patch',
          'escalate',
          'bind',
          'impersonate',
          'approve',
          'delete',
          '*',
        ),
        resourceNames: subset('one'),
      }),
      { maxLength: 3 },
    ),
  )
  .map(([kind, rules]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'r', namespace: 'shop' },
    rules,
  }));

/** Roles for the delete, status, configmap, persistent-volume and ephemeral-container guards. */
const GRANT_RESOURCES = [
  '*',
  'pods',
  'pods/*',
  '*/status',
  'pods/ephemeralcontainers',
  'pods/log',
  'services/status',
  'nodes/status',
  'events',
  'configmaps',
  'persistentvolumes',
  'namespaces',
  'jobs',
];
const grantRole: fc.Arbitrary<K8sObject> = fc
  .tuple(
    pick('Role', 'ClusterRole'),
    pick('shop', 'kube-system'),
    fc.array(
      some({
        apiGroups: subset('', '*', 'batch', 'events.k8s.io'),
        resources: fc.subarray(GRANT_RESOURCES, { maxLength: 3 }),
        verbs: subset('get', 'create', 'update', 'patch', 'delete', 'deletecollection', '*'),
        resourceNames: subset('app-config', 'coredns', 'aws-auth'),
      }),
      { maxLength: 3 },
    ),
  )
  .map(([kind, namespace, rules]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'Role' ? { name: 'r', namespace } : { name: 'r' },
    rules,
  }));

const SUBJECT_NAMES = [
  'system:anonymous',
  'system:unauthenticated',
  'system:authenticated',
  'system:serviceaccounts',
  'system:masters',
  'default',
  'alice',
];
const binding: fc.Arbitrary<K8sObject> = fc
  .tuple(
    pick('RoleBinding', 'ClusterRoleBinding'),
    some({ kind: pick('ClusterRole', 'Role'), name: pick('cluster-admin', 'system:discovery', 'view') }),
    maybe(
      fc.array(some({ kind: pick('User', 'Group', 'ServiceAccount'), name: pick(...SUBJECT_NAMES) }), {
        maxLength: 3,
      }),
    ),
  )
  .map(([kind, roleRef, subjects]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'b', namespace: 'shop' },
    roleRef,
    ...(subjects ? { subjects } : {}),
  }));

const selector = pick(
  {},
  { matchLabels: {} },
  { matchLabels: { app: 'a' } },
  { matchExpressions: [] },
  { matchExpressions: [{ key: 'a', operator: 'Exists' }] },
);
const peer = some({
  podSelector: selector,
  namespaceSelector: selector,
  ipBlock: some({ cidr: pick('0.0.0.0/0', '::/0', '10.0.0.0/8'), except: subset('10.1.0.0/16') }),
});
const networkPolicy: fc.Arbitrary<K8sObject> = some({
  podSelector: selector,
  ingress: fc.array(some({ from: fc.array(peer, { maxLength: 2 }) }), { maxLength: 2 }),
  egress: fc.array(some({ to: fc.array(peer, { maxLength: 2 }) }), { maxLength: 2 }),
}).map((spec) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'n', namespace: 'shop' },
  spec,
}));

const service: fc.Arbitrary<K8sObject> = fc
  .tuple(
    some({
      type: pick('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
      externalIPs: subset('192.0.2.1'),
    }),
    annotationsOf({
      'service.beta.kubernetes.io/aws-load-balancer-internal': pick('true', 'false'),
      'networking.gke.io/load-balancer-type': pick('Internal', 'External'),
    }),
  )
  .map(([spec, annotations]) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'shop', annotations },
    spec,
  }));

const ingress: fc.Arbitrary<K8sObject> = fc
  .tuple(
    annotationsOf({
      'nginx.ingress.kubernetes.io/server-snippet': pick('x'),
      'nginx.ingress.kubernetes.io/rewrite-target': pick('/'),
    }),
    some({ tls: fc.array(pick({ hosts: ['a.example'], secretName: 't' }), { maxLength: 1 }) }),
  )
  .map(([annotations, spec]) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'i', namespace: 'shop', annotations },
    spec,
  }));

describe.each([
  ['pod-bearing objects', workload],
  ['Roles and ClusterRoles', role],
  ['Roles and ClusterRoles with delete, status and configmap grants', grantRole],
  ['bindings', binding],
  ['NetworkPolicies', networkPolicy],
  ['Services', service],
  ['Ingresses', ingress],
] as const)('%s', (_name, arbitrary) => {
  test('CEL and the engine agree rule by rule', () => {
    fc.assert(
      fc.property(arbitrary, (object) => {
        expect(disagreements(compare([{ object, file: 'generated', line: 1 }], ALL_RULES))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('suppression pattern', () => {
  const IDS = ['workload.bare-pod', 'pss.restricted.runAsNonRoot', 'rbac.pod-exec'];
  const known = new Set(ALL_RULES.map((r) => r.id));
  const matches = (text: string, ruleId: string) =>
    compile(`s.matches(${lit(suppressionPattern(ruleId))})`)({ s: text }) === true;
  const entry = fc
    .tuple(pick('', ' ', '  '), pick(...IDS), pick(':', ' :', ': '), fc.stringMatching(/^[ a-z:]{0,14}$/))
    .map((parts) => parts.join(''));
  const annotation = fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => entries.join(';'));

  test('names a rule exactly when the engine reads a suppression of it (for annotations the engine accepts)', () => {
    fc.assert(
      fc.property(annotation, (text) => {
        let parsed: Map<string, unknown>;
        const source = {
          object: { kind: 'Pod', metadata: { name: 'p', annotations: { 'bulwark.dev/suppress': text } } },
          file: 'x',
          line: 1,
        };
        try {
          parsed = suppressionsOf(source, known);
        } catch {
          // The engine refuses the whole annotation (a short reason): then a single entry must not suppress.
          if (!text.includes(';')) for (const ruleId of IDS) expect(matches(text, ruleId)).toBe(false);
          return;
        }
        for (const ruleId of IDS) expect(matches(text, ruleId)).toBe(parsed.has(ruleId));
      }),
      { numRuns: 500 },
    );
  });
});
