/**
 * Index of pod-bearing objects by namespace, so cross-object rules (Services, NetworkPolicies,
 * PodDisruptionBudgets, HPAs) look up candidates in one namespace instead of scanning every object.
 */
import { POD_BEARING_KINDS, namespaceOf, obj, podTargetOf, type PodTarget } from '../k8s';
import type { RuleContext } from '../rule';
import type { SourceObject } from '../types';

/** A pod-bearing object as the analyses see it. */
export interface Workload {
  readonly source: SourceObject;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly pod: PodTarget;
  /** Labels of the pods it runs (the pod template's, or the Pod's own). */
  readonly labels: Readonly<Record<string, string>>;
}

/** Only the string-valued entries of a label map (YAML may hold numbers or nulls). */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(obj(value))) {
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** Every pod-bearing object of the input, grouped by namespace; computed once per evaluation. */
export function workloadsByNamespace(context: RuleContext): ReadonlyMap<string, readonly Workload[]> {
  return context.memo('analysis.workloadsByNamespace', () => {
    const out = new Map<string, Workload[]>();
    for (const kind of POD_BEARING_KINDS) {
      for (const source of context.ofKind(kind)) {
        const pod = podTargetOf(source.object);
        if (pod === undefined) continue;
        const namespace = namespaceOf(source.object);
        const list = out.get(namespace) ?? [];
        list.push({
          source,
          kind,
          name: source.object.metadata?.name ?? '',
          namespace,
          pod,
          labels: stringMap(pod.metadata.labels),
        });
        out.set(namespace, list);
      }
    }
    return out;
  });
}

/** The pod-bearing objects of one namespace. */
export function workloadsIn(context: RuleContext, namespace: string): readonly Workload[] {
  return workloadsByNamespace(context).get(namespace) ?? [];
}

/** `spec.replicas` of a replicated kind, 1 when unset (the API default). */
export function replicasOf(source: SourceObject): number {
  const replicas = obj(source.object.spec).replicas;
  return typeof replicas === 'number' ? replicas : 1;
}
