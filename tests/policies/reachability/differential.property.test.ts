/**
 * Differential test: on random namespaces, workloads and NetworkPolicies (selectors with every
 * operator, ipBlocks with except, named ports, endPort ranges, implied policy types), the indexed
 * analysis finds exactly the flows of the brute-force reference (./reference.ts). And provenance is
 * consistent: declared and unexpected partition each flow's ports, and every unexpected port is
 * open on both ends.
 */
import fc from 'fast-check';
import { analyzeReachability } from '../../../policies/reachability/analyze';
import { computeReachability } from '../../../policies/reachability/reachability';
import {
  formatPortSet,
  intersect,
  isEmpty,
  subtract,
  union,
  type PortSet,
} from '../../../policies/reachability/port-set';
import type { K8sObject } from '../../../policies/types';
import { referenceReachability } from './reference';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const pick = <T>(...values: T[]) => fc.constantFrom(...values);

const NAMESPACES = ['a', 'b', 'c', 'outside'];
const labels = fc.record(
  { app: pick('web', 'db', 'api'), tier: pick('front', 'back') },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;
const expression = fc.record({
  key: pick('app', 'tier', 'team', 'kubernetes.io/metadata.name'),
  operator: pick('In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.subarray(['web', 'db', 'front', 'x', 'a', 'b', 'outside']),
});
const selector = fc.record(
  {
    matchLabels: fc.oneof(
      labels,
      fc.record({ 'kubernetes.io/metadata.name': pick(...NAMESPACES) }),
      fc.record({ team: pick('x', 'y') }),
    ),
    matchExpressions: fc.array(expression, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const ipBlock = fc.record(
  {
    cidr: pick('10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '0.0.0.0/0', '2001:db8::/32'),
    except: fc.subarray(['10.1.0.0/16', '10.1.2.0/24']),
  },
  { requiredKeys: ['cidr'] },
);
const peer = fc.oneof(
  fc.record({ ipBlock }),
  fc.record({ podSelector: selector, namespaceSelector: selector }, { requiredKeys: [] }),
);
const port = fc.record(
  {
    port: fc.oneof(pick(53, 80, 5432, 8080), pick('http', 'sql', 'dns', '8080')),
    protocol: pick('TCP', 'UDP'),
    endPort: pick(90, 8081),
  },
  { requiredKeys: [] },
);
const rule = (key: 'from' | 'to') =>
  fc.record(
    { [key]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) },
    { requiredKeys: [] },
  );
const policy = fc.record(
  {
    namespace: pick(...NAMESPACES),
    podSelector: selector,
    policyTypes: fc.subarray(['Ingress', 'Egress']),
    ingress: fc.array(rule('from'), { maxLength: 2 }),
    egress: fc.array(rule('to'), { maxLength: 2 }),
  },
  { requiredKeys: ['namespace', 'podSelector'] },
);
const workload = fc.record({
  namespace: pick(...NAMESPACES.slice(0, 3)),
  kind: pick('Pod', 'Deployment'),
  labels,
  ports: fc.subarray([
    { name: 'http', containerPort: 8080 },
    { name: 'sql', containerPort: 5432 },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ]),
});
const universe = fc.record({
  namespaces: fc.subarray(NAMESPACES.slice(0, 3)),
  teams: fc.array(pick('x', 'y'), { minLength: 3, maxLength: 3 }),
  workloads: fc.array(workload, { maxLength: 5 }),
  policies: fc.array(policy, { maxLength: 5 }),
});

function objectsOf(u: any): K8sObject[] {
  const out: K8sObject[] = u.namespaces.map((name: string, i: number) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { team: u.teams[i] } },
  }));
  u.workloads.forEach((w: any, i: number) => {
    const pod = {
      metadata: { labels: w.labels },
      spec: { containers: [{ name: 'c', image: 'x:1', ports: w.ports }] },
    };
    const metadata = { name: `w${i}`, namespace: w.namespace };
    out.push(
      w.kind === 'Pod'
        ? { apiVersion: 'v1', kind: 'Pod', metadata: { ...metadata, labels: w.labels }, spec: pod.spec }
        : { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: { template: pod } },
    );
  });
  u.policies.forEach((p: any, i: number) => {
    const { namespace, ...spec } = p;
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `p${i}`, namespace },
      spec,
    });
  });
  return out;
}

/** Equal as sets: `all` and the three protocols' full ranges are the same set. */
const same = (a: PortSet, b: PortSet) => isEmpty(subtract(a, b)) && isEmpty(subtract(b, a));
const show = (flows: readonly { from: string; to: string; ports: any }[]) =>
  flows.map((f) => `${f.from} -> ${f.to} ${formatPortSet(f.ports)}`);

test('the indexed analysis finds exactly the reference flows', () => {
  fc.assert(
    fc.property(universe, (u) => {
      const objects = objectsOf(u);
      const expected = referenceReachability(objects);
      const actual = computeReachability(objects);
      expect(actual.endpoints.map((e) => e.id)).toEqual(expected.endpoints.map((e) => e.id));
      expect(show(actual.flows)).toEqual(show(expected.flows));
    }),
    { numRuns: RUNS },
  );
});

test('declared and unexpected partition the ports; unexpected ports are open on both ends', () => {
  fc.assert(
    fc.property(universe, (u) => {
      for (const f of analyzeReachability(objectsOf(u)).flows) {
        expect(same(union(f.declared, f.unexpected), f.ports)).toBe(true);
        expect(isEmpty(intersect(f.declared, f.unexpected))).toBe(true);
        const directions = new Set(f.openings.map((o) => `${o.endpoint} ${o.direction}`));
        if (isEmpty(f.unexpected)) expect(f.openings).toEqual([]);
        else expect([...directions].sort()).toEqual([`${f.from} egress`, `${f.to} ingress`].sort());
      }
    }),
    { numRuns: RUNS },
  );
});
