import { computeReachability } from '../../../policies/reachability/reachability';
import { formatPortSet } from '../../../policies/reachability/port-set';
import type { K8sObject } from '../../../policies/types';

const ns = (name: string, labels: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: { name?: string; containerPort: number; protocol?: string }[] = [],
): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'x:1', ports }] },
});
const policy = (namespace: string, name: string, spec: Record<string, unknown>): K8sObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});
const flows = (objects: K8sObject[]) =>
  computeReachability(objects).flows.map((f) => `${f.from} -> ${f.to} ${formatPortSet(f.ports)}`);

describe('computeReachability', () => {
  const base = [
    ns('a', { team: 'x' }),
    ns('b', { team: 'y' }),
    pod('a', 'web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]),
    pod('b', 'db', { app: 'db' }, [{ name: 'sql', containerPort: 5432 }]),
  ];

  test('pods selected by no policy can reach and be reached on every port', () => {
    expect(flows(base)).toEqual(['a/Pod/web -> b/Pod/db all', 'b/Pod/db -> a/Pod/web all']);
  });

  test('a policy without policyTypes isolates ingress only (egress only when it has egress rules)', () => {
    expect(flows([...base, policy('b', 'p', { podSelector: {} })])).toEqual(['b/Pod/db -> a/Pod/web all']);
  });

  test('a flow needs both egress of the source and ingress of the destination', () => {
    const denyA = policy('a', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const allowInB = policy('b', 'in', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'x' } } }], ports: [{ port: 5432 }] }],
    });
    expect(flows([...base, denyA, allowInB])).toEqual([]);
    const allowOutA = policy('a', 'out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              podSelector: { matchLabels: { app: 'db' } },
              namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['y'] }] },
            },
          ],
        },
      ],
    });
    expect(flows([...base, denyA, allowInB, allowOutA])).toEqual(['a/Pod/web -> b/Pod/db TCP/5432']);
  });

  test('a podSelector peer without namespaceSelector means the policy namespace only', () => {
    const p = policy('b', 'in', {
      podSelector: {},
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    });
    expect(flows([...base, p])).toEqual(['b/Pod/db -> a/Pod/web all']);
  });

  test('named ports resolve against the destination; endPort makes ranges', () => {
    const named = policy('b', 'in', {
      podSelector: {},
      ingress: [{ ports: [{ port: 'sql' }, { port: 'http' }] }],
    });
    expect(flows([...base, named])).toContain('a/Pod/web -> b/Pod/db TCP/5432');
    const range = policy('b', 'in', {
      podSelector: {},
      ingress: [
        {
          ports: [
            { port: 5000, endPort: 5999, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
        },
      ],
    });
    expect(flows([...base, range])).toContain('a/Pod/web -> b/Pod/db TCP/5000-5999, UDP/53');
  });

  test('ipBlock with except: an excepted range is not reachable', () => {
    const egress = policy('a', 'out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }] },
      ],
    });
    const other = policy('b', 'out', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.1.2.0/24' } }] }],
    });
    const out = flows([...base, egress, other]);
    expect(out).toContain('b/Pod/db -> cidr:10.1.2.0/24 all');
    expect(out).toContain('a/Pod/web -> cidr:10.0.0.0/8 TCP/443');
    expect(out).not.toContain('a/Pod/web -> cidr:10.1.2.0/24 TCP/443');
  });

  test('matchExpressions NotIn and DoesNotExist', () => {
    const p = policy('b', 'in', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      ingress: [
        { from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } }] },
      ],
    });
    expect(flows([...base, p])).toEqual(['b/Pod/db -> a/Pod/web all']);
  });
});
