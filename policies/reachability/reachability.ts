/**
 * Which workload can reach which, on which ports, computed from NetworkPolicies with Kubernetes
 * semantics: policy types (explicit or implied), pod and namespace selectors with expressions,
 * ipBlock with except, named and numbered ports, port ranges (endPort), and the allow-all default
 * for pods no policy selects. A connection needs both the source's egress and the destination's
 * ingress to allow it.
 *
 * Endpoints are the pod-bearing objects of the input, plus "external" endpoints for what the
 * policies name outside it: pods in namespaces not in the input (an ingress controller, the
 * cluster DNS) and ipBlock CIDRs. External endpoints are never isolated: Bulwark cannot see their
 * policies, so it assumes the worst.
 *
 * `analyzeReachability` (./analyze) computes the same flows with the provenance of each port;
 * this is the plain view.
 */
import type { K8sObject } from '../types';
import { analyzeReachability } from './analyze';
import type { Endpoint, Flow } from './model';

export type { Endpoint, Flow } from './model';

/** Computes the allowed flows between the workloads of `objects` and the externals their policies name. */
export function computeReachability(objects: readonly K8sObject[]): { endpoints: Endpoint[]; flows: Flow[] } {
  const { endpoints, flows } = analyzeReachability(objects);
  return { endpoints: [...endpoints], flows: flows.map(({ from, to, ports }) => ({ from, to, ports })) };
}
