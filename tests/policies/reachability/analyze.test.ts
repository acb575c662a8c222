/**
 * Provenance of flows: declared (a rule names the peer on at least one end) versus unexpected
 * (allowed only by an unisolated pod, an external end, or a rule admitting every peer).
 */
import { analyzeReachability } from '../../../policies/reachability/analyze';
import { formatPortSet, subtract } from '../../../policies/reachability/port-set';
import type { K8sObject } from '../../../policies/types';

const ns = (name: string): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const deploy = (namespace: string, name: string, ports: { name: string; containerPort: number }[] = []) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x:1', ports }] } },
  },
});
const policy = (namespace: string, name: string, spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});
const deny = (namespace: string) =>
  policy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const peer = (namespace: string, app: string) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
  podSelector: { matchLabels: { app } },
});

const describeFlows = (objects: K8sObject[]) =>
  analyzeReachability(objects).flows.map(
    (f) =>
      `${f.from} -> ${f.to} ports=${formatPortSet(f.ports)} declared=${formatPortSet(f.declared)} unexpected=${formatPortSet(f.unexpected)}` +
      f.openings
        .map((o) => ` [${o.direction} ${o.endpoint} ${o.cause}${o.path ? ` ${o.policy} ${o.path}` : ''}]`)
        .join(''),
  );

const base = [
  ns('a'),
  ns('b'),
  deploy('a', 'web'),
  deploy('b', 'db', [{ name: 'sql', containerPort: 5432 }]),
];

test('pods no policy selects reach each other on every port, unexpectedly, on both ends', () => {
  expect(describeFlows(base)).toEqual([
    'a/Deployment/web -> b/Deployment/db ports=all declared= unexpected=all [egress a/Deployment/web not-isolated] [ingress b/Deployment/db not-isolated]',
    'b/Deployment/db -> a/Deployment/web ports=all declared= unexpected=all [egress b/Deployment/db not-isolated] [ingress a/Deployment/web not-isolated]',
  ]);
});

test('a rule naming the peer on either end declares the flow; both ends are not needed', () => {
  const onlyIngress = policy('b', 'db', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [peer('a', 'web')], ports: [{ port: 'sql' }] }],
  });
  expect(describeFlows([...base, onlyIngress])).toEqual([
    'a/Deployment/web -> b/Deployment/db ports=TCP/5432 declared=TCP/5432 unexpected=',
    'b/Deployment/db -> a/Deployment/web ports=all declared= unexpected=all [egress b/Deployment/db not-isolated] [ingress a/Deployment/web not-isolated]',
  ]);
});

test('Bulwark-style policies (default deny, both ends naming each other) declare every flow', () => {
  const objects = [
    ...base,
    deny('a'),
    deny('b'),
    policy('a', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      egress: [{ to: [peer('b', 'db')], ports: [{ port: 5432 }] }],
      policyTypes: ['Egress'],
    }),
    policy('b', 'db', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [peer('a', 'web')], ports: [{ port: 5432 }] }],
    }),
  ];
  expect(describeFlows(objects)).toEqual([
    'a/Deployment/web -> b/Deployment/db ports=TCP/5432 declared=TCP/5432 unexpected=',
  ]);
});

test('a rule admitting every peer makes what it adds unexpected, naming the policy and rule', () => {
  const objects = [
    ...base,
    deny('a'),
    deny('b'),
    policy('a', 'web-out', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }),
    policy('b', 'db-in', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        { from: [peer('a', 'web')], ports: [{ port: 5432 }] },
        { from: [{ namespaceSelector: {} }], ports: [{ port: 9187 }] },
      ],
    }),
  ];
  expect(describeFlows(objects)).toEqual([
    'a/Deployment/web -> b/Deployment/db ports=TCP/5432, TCP/9187 declared=TCP/5432 unexpected=TCP/9187 [egress a/Deployment/web open-rule a/web-out spec.egress[0]] [ingress b/Deployment/db open-rule b/db-in spec.ingress[1]]',
  ]);
});

test('external endpoints are open on their end (their policies are not in the input)', () => {
  const objects = [
    ns('a'),
    deploy('a', 'web'),
    policy('a', 'web', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [peer('ingress-nginx', 'controller')], ports: [{ port: 8080 }] }],
    }),
  ];
  expect(describeFlows(objects)).toEqual([
    'a/Deployment/web -> ingress-nginx/app=controller ports=all declared= unexpected=all [egress a/Deployment/web not-isolated] [ingress ingress-nginx/app=controller outside-input]',
    'ingress-nginx/app=controller -> a/Deployment/web ports=TCP/8080 declared=TCP/8080 unexpected=',
  ]);
  expect(analyzeReachability(objects).isolation.get('a/Deployment/web')).toEqual({
    ingress: true,
    egress: false,
  });
});

test('subtract is exact: all minus one port leaves every other port of every protocol', () => {
  expect(formatPortSet(subtract('all', [{ protocol: 'TCP', from: 80, to: 80 }]))).toBe(
    'SCTP/1-65535, TCP/1-79, TCP/81-65535, UDP/1-65535',
  );
  expect(
    formatPortSet(subtract([{ protocol: 'TCP', from: 1, to: 100 }], [{ protocol: 'TCP', from: 50, to: 60 }])),
  ).toBe('TCP/1-49, TCP/61-100');
  expect(subtract([{ protocol: 'UDP', from: 53, to: 53 }], 'all')).toEqual([]);
});
