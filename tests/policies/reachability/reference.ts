/**
 * The reachability analysis as first written: every endpoint pair, every policy, no index. Kept as
 * the oracle of the differential test, which pins the indexed analysis to the same semantics.
 */
import { arr, isObject, obj, podTargetOf, selectorMatches, str, type Json } from '../../../policies/k8s';
import type { K8sObject } from '../../../policies/types';
import {
  intersect,
  isEmpty,
  normalize,
  union,
  type PortRange,
  type PortSet,
} from '../../../policies/reachability/port-set';
import { cidrContains, parseCidr } from '../../../policies/reachability/cidr';

/** One end of a flow. */
export interface Endpoint {
  /** `namespace/Kind/name` for workloads, `namespace/{labels}` for external pods, `cidr:<range>`. */
  readonly id: string;
  readonly type: 'workload' | 'external-pods' | 'cidr';
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly cidr?: string;
  /** Named container ports of a workload (name → protocol/port). */
  readonly namedPorts: ReadonlyMap<string, { protocol: string; port: number }>;
}

/** An allowed flow. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly ports: PortSet;
}

interface Policy {
  readonly namespace: string;
  readonly podSelector: Json;
  readonly ingress?: readonly Json[];
  readonly egress?: readonly Json[];
}

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

function policyOf(o: K8sObject): Policy {
  const spec = obj(o.spec);
  const types = arr(spec.policyTypes).map(String);
  const hasEgressRules = Array.isArray(spec.egress);
  // Upstream defaulting: Ingress is always a type when none are listed; Egress only if egress rules exist.
  const ingressType = types.length === 0 ? true : types.includes('Ingress');
  const egressType = types.length === 0 ? hasEgressRules : types.includes('Egress');
  return {
    namespace: o.metadata?.namespace ?? 'default',
    podSelector: obj(spec.podSelector),
    ingress: ingressType ? arr(spec.ingress).map(obj) : undefined,
    egress: egressType ? arr(spec.egress).map(obj) : undefined,
  };
}

/** Computes the allowed flows between the workloads of `objects` and the externals their policies name. */
export function referenceReachability(objects: readonly K8sObject[]): {
  endpoints: Endpoint[];
  flows: Flow[];
} {
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o.kind === 'Namespace' && o.metadata?.name) {
      namespaceLabels.set(o.metadata.name, {
        ...(o.metadata.labels ?? {}),
        [NAMESPACE_NAME]: o.metadata.name,
      });
    }
  }
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy').map(policyOf);
  const endpoints: Endpoint[] = [];
  for (const o of objects) {
    const pod = podTargetOf(o);
    if (!pod) continue;
    const namespace = o.metadata?.namespace ?? 'default';
    if (!namespaceLabels.has(namespace)) namespaceLabels.set(namespace, { [NAMESPACE_NAME]: namespace });
    const namedPorts = new Map<string, { protocol: string; port: number }>();
    for (const list of ['initContainers', 'containers']) {
      for (const c of arr(pod.spec[list]).map(obj)) {
        for (const p of arr(c.ports).map(obj)) {
          const name = str(p.name);
          if (name && typeof p.containerPort === 'number')
            namedPorts.set(name, { protocol: str(p.protocol) ?? 'TCP', port: p.containerPort });
        }
      }
    }
    endpoints.push({
      id: `${namespace}/${o.kind}/${o.metadata?.name}`,
      type: 'workload',
      namespace,
      labels: { ...(pod.metadata.labels ?? {}) },
      namedPorts,
    });
  }
  endpoints.push(...externalEndpoints(policies, namespaceLabels));

  const nsLabelsOf = (e: Endpoint) =>
    e.namespace ? (namespaceLabels.get(e.namespace) ?? { [NAMESPACE_NAME]: e.namespace }) : undefined;
  const peerMatches = (peer: Json, policyNamespace: string, e: Endpoint): boolean => {
    if (isObject(peer.ipBlock)) {
      if (e.type !== 'cidr' || !e.cidr) return false;
      const block = obj(peer.ipBlock);
      const cidr = str(block.cidr);
      if (!cidr || !cidrContains(cidr, e.cidr)) return false;
      // A range partly excepted is still partly reachable; only a range wholly inside an except is not.
      return !arr(block.except).some((x) => typeof x === 'string' && cidrContains(x, e.cidr!));
    }
    if (e.type === 'cidr') return false;
    const nsLabels = nsLabelsOf(e);
    if (!nsLabels) return false;
    const nsOk = isObject(peer.namespaceSelector)
      ? selectorMatches(peer.namespaceSelector, nsLabels)
      : e.namespace === policyNamespace;
    if (!nsOk) return false;
    return isObject(peer.podSelector) ? selectorMatches(peer.podSelector, e.labels) : true;
  };
  const rulePorts = (rule: Json, dest: Endpoint): PortSet => {
    const ports = arr(rule.ports).map(obj);
    if (ports.length === 0) return 'all';
    const ranges: PortRange[] = [];
    for (const p of ports) {
      const protocol = str(p.protocol) ?? 'TCP';
      if (p.port === undefined) {
        ranges.push({ protocol, from: 1, to: 65535 });
      } else if (typeof p.port === 'number') {
        const end = typeof p.endPort === 'number' ? p.endPort : p.port;
        ranges.push({ protocol, from: p.port, to: end });
      } else if (typeof p.port === 'string') {
        // A named port resolves against the destination's containers; it matches nothing elsewhere.
        const named = /^\d+$/.test(p.port) ? { protocol, port: Number(p.port) } : dest.namedPorts.get(p.port);
        if (named && named.protocol === protocol) ranges.push({ protocol, from: named.port, to: named.port });
      }
    }
    return normalize(ranges);
  };
  const selecting = (e: Endpoint, direction: 'ingress' | 'egress') =>
    e.type === 'workload'
      ? policies.filter(
          (p) =>
            p.namespace === e.namespace &&
            p[direction] !== undefined &&
            selectorMatches(p.podSelector, e.labels),
        )
      : [];
  const allowed = (
    self: Endpoint,
    other: Endpoint,
    direction: 'ingress' | 'egress',
    dest: Endpoint,
  ): PortSet => {
    if (self.type !== 'workload') return 'all';
    const list = selecting(self, direction);
    if (list.length === 0) return 'all';
    const key = direction === 'ingress' ? 'from' : 'to';
    let set: PortSet = [];
    for (const policy of list) {
      for (const rule of policy[direction]!) {
        const peers = rule[key];
        const matches =
          !Array.isArray(peers) ||
          peers.length === 0 ||
          peers.some((peer) => peerMatches(obj(peer), policy.namespace, other));
        if (matches) set = union(set, rulePorts(rule, dest));
      }
    }
    return set;
  };

  const flows: Flow[] = [];
  for (const src of endpoints) {
    for (const dst of endpoints) {
      if (src === dst || (src.type !== 'workload' && dst.type !== 'workload')) continue;
      const ports = intersect(allowed(src, dst, 'egress', dst), allowed(dst, src, 'ingress', dst));
      if (!isEmpty(ports)) flows.push({ from: src.id, to: dst.id, ports });
    }
  }
  flows.sort((a, b) => (a.from + ' ' + a.to < b.from + ' ' + b.to ? -1 : 1));
  return { endpoints, flows };
}

/** External endpoints named by policy peers: pods of namespaces outside the input, and CIDRs. */
function externalEndpoints(
  policies: readonly Policy[],
  namespaces: ReadonlyMap<string, Record<string, string>>,
): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const policy of policies) {
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const raw of [...arr(rule.from), ...arr(rule.to)]) {
        const peer = obj(raw);
        if (isObject(peer.ipBlock)) {
          const cidr = str(obj(peer.ipBlock).cidr);
          if (cidr && parseCidr(cidr))
            out.set(`cidr:${cidr}`, {
              id: `cidr:${cidr}`,
              type: 'cidr',
              cidr,
              labels: {},
              namedPorts: new Map(),
            });
          continue;
        }
        const nsName = str(obj(obj(peer.namespaceSelector).matchLabels)[NAMESPACE_NAME]);
        if (!nsName || namespaces.has(nsName)) continue;
        const labels = { ...(obj(obj(peer.podSelector).matchLabels) as Record<string, string>) };
        const id = `${nsName}/${
          Object.entries(labels)
            .sort()
            .map(([k, v]) => `${k}=${v}`)
            .join(',') || '*'
        }`;
        out.set(id, { id, type: 'external-pods', namespace: nsName, labels, namedPorts: new Map() });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
