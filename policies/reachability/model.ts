/**
 * What the reachability analysis reads from the input: NetworkPolicies (with upstream defaulting of
 * their types), namespace labels, and endpoints. Endpoints are the pod-bearing objects, plus
 * "external" endpoints for what policies name outside the input: pods of namespaces not in it (an
 * ingress controller, the cluster DNS) and ipBlock CIDRs.
 */
import { arr, isObject, obj, podTargetOf, str, type Json } from '../k8s';
import type { K8sObject } from '../types';
import { cidrContains, parseCidr } from './cidr';
import type { PortSet } from './port-set';

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

/** A NetworkPolicy as the analysis needs it; a direction is undefined when the policy does not isolate it. */
export interface Policy {
  /** `namespace/name`, for provenance in messages. */
  readonly id: string;
  readonly namespace: string;
  readonly podSelector: Json;
  readonly ingress?: readonly Json[];
  readonly egress?: readonly Json[];
}

/** The label every namespace carries with its own name (set by the API server since 1.21). */
export const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

export function policyOf(o: K8sObject): Policy {
  const spec = obj(o.spec);
  const types = arr(spec.policyTypes).map(String);
  const hasEgressRules = Array.isArray(spec.egress);
  // Upstream defaulting: Ingress is always a type when none are listed; Egress only if egress rules exist.
  const ingressType = types.length === 0 ? true : types.includes('Ingress');
  const egressType = types.length === 0 ? hasEgressRules : types.includes('Egress');
  const namespace = o.metadata?.namespace ?? 'default';
  return {
    id: `${namespace}/${o.metadata?.name ?? ''}`,
    namespace,
    podSelector: obj(spec.podSelector),
    ingress: ingressType ? arr(spec.ingress).map(obj) : undefined,
    egress: egressType ? arr(spec.egress).map(obj) : undefined,
  };
}

/** Everything the flow computation starts from. */
export interface Model {
  readonly policies: readonly Policy[];
  readonly endpoints: readonly Endpoint[];
  /** Labels of every namespace that holds an endpoint or is declared, including the name label. */
  readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export function buildModel(objects: readonly K8sObject[]): Model {
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
  const externals = externalEndpoints(policies, namespaceLabels);
  for (const e of externals) {
    if (e.namespace && !namespaceLabels.has(e.namespace))
      namespaceLabels.set(e.namespace, { [NAMESPACE_NAME]: e.namespace });
  }
  return { policies, endpoints: [...endpoints, ...externals], namespaceLabels };
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

/** True when the ipBlock peer `block` admits the CIDR endpoint `cidr` (a range wholly inside an except is not). */
export function blockAdmits(block: Json, cidr: string): boolean {
  const outer = str(block.cidr);
  if (!outer || !cidrContains(outer, cidr)) return false;
  // A range partly excepted is still partly reachable; only a range wholly inside an except is not.
  return !arr(block.except).some((x) => typeof x === 'string' && cidrContains(x, cidr));
}
