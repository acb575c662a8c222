/**
 * Shared helpers for reading Kubernetes objects: where the pod spec lives in each workload kind,
 * the one container visitor every rule uses, and small typed accessors over untyped YAML.
 */
import type { K8sObject, ObjectMeta } from './types';

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** The pod template (or the pod itself) inside a pod-bearing object. */
export interface PodTarget {
  /** Field path of the pod spec (`spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`). */
  readonly specPath: string;
  /** Field path of the pod metadata (`metadata` for a Pod, `spec.template.metadata` otherwise). */
  readonly metadataPath: string;
  readonly spec: Json;
  readonly metadata: ObjectMeta;
}

/** Kinds whose objects carry a pod spec, mapped to the path of their pod template. */
const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds that carry a pod spec. */
export const POD_BEARING_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS).sort();

/** Kinds that run long-lived pods (probes, PDBs and replicas make sense). */
export const LONG_RUNNING_KINDS: readonly string[] = [
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'StatefulSet',
];

/** True when `value` is a non-null, non-array object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an object, or an empty one when it is anything else. */
export function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** `value` as an array, or an empty one when it is anything else. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` as a string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Returns the pod spec and pod metadata of a pod-bearing object, or undefined for other kinds. */
export function podTargetOf(object: K8sObject): PodTarget | undefined {
  const segments = object.kind === undefined ? undefined : POD_TEMPLATE_PATHS[object.kind];
  if (segments === undefined) return undefined;
  let node: unknown = object;
  for (const segment of segments) node = obj(node)[segment];
  const template = obj(node);
  const prefix = segments.join('.');
  const join = (leaf: string) => (prefix ? `${prefix}.${leaf}` : leaf);
  return {
    specPath: join('spec'),
    metadataPath: join('metadata'),
    spec: obj(template.spec),
    metadata: obj(template.metadata) as ObjectMeta,
  };
}

/** The three lists of containers a pod can have, in the order upstream visits them. */
export type ContainerListName = 'initContainers' | 'containers' | 'ephemeralContainers';

const CONTAINER_LISTS: readonly ContainerListName[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** A container as visited, with its field path. */
export interface VisitedContainer {
  readonly container: Json;
  /** The container's `name`, or `#<index>` when it has none. */
  readonly name: string;
  /** Field path relative to the object root, e.g. `spec.template.spec.containers[1]`. */
  readonly path: string;
  readonly list: ContainerListName;
}

/**
 * Visits every container of a pod spec: init, regular and ephemeral, in that order.
 * Every rule that looks at containers goes through here, so none of them forgets a list.
 */
export function containersOf(target: PodTarget): VisitedContainer[] {
  const out: VisitedContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    arr(target.spec[list]).forEach((value, index) => {
      const container = obj(value);
      out.push({
        container,
        name: str(container.name) ?? `#${index}`,
        path: `${target.specPath}.${list}[${index}]`,
        list,
      });
    });
  }
  return out;
}

/** Namespace of an object, `default` when unset (as the API server would place a namespaced object). */
export function namespaceOf(object: K8sObject): string {
  return object.metadata?.namespace ?? 'default';
}

/** Kinds that are cluster-scoped, so they have no namespace. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'ClusterSecretStore',
]);

/** True when every key/value of `selector.matchLabels` and every `matchExpressions` entry matches `labels`. */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>> = {}): boolean {
  if (!isObject(selector)) return false;
  for (const [key, value] of Object.entries(obj(selector.matchLabels))) {
    if (labels[key] !== value) return false;
  }
  for (const raw of arr(selector.matchExpressions)) {
    const expr = obj(raw);
    const key = str(expr.key) ?? '';
    const values = arr(expr.values).map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
