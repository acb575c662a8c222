/**
 * Registers Kubernetes objects as typed Pulumi resources, one resource per object, so previews,
 * mocks and CrossGuard see every object as itself (not hidden inside a component).
 */
import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { CLUSTER_SCOPED_KINDS, POD_BEARING_KINDS } from '../policies/k8s';
import type { K8sObject } from '../policies/types';

/** A Pulumi resource class of `@pulumi/kubernetes` (`k8s.apps.v1.Deployment`…). */
type ResourceClass = new (
  name: string,
  args: Record<string, unknown>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/**
 * Kinds a pod needs in place before it starts: its namespace's network isolation, defaults and
 * quota, and its identity. Pod-bearing objects depend on every one of these in their namespace, so
 * no pod ever runs before default deny is applied.
 */
export const POD_PREREQUISITE_KINDS: ReadonlySet<string> = new Set([
  'NetworkPolicy',
  'LimitRange',
  'ResourceQuota',
  'ServiceAccount',
  'Role',
  'RoleBinding',
]);

/**
 * The Pulumi resource name of an object: `<kind>-<namespace>-<name>` for namespaced objects,
 * `<kind>-<name>` for cluster-scoped ones, kind lower-cased (`deployment-commerce-catalog`,
 * `namespace-commerce`). Stable across runs: it depends only on the object's identity.
 */
export function resourceNameOf(object: K8sObject): string {
  const kind = (object.kind ?? 'object').toLowerCase();
  const name = object.metadata?.name ?? '';
  const namespace = CLUSTER_SCOPED_KINDS.has(object.kind ?? '') ? undefined : object.metadata?.namespace;
  return namespace ? `${kind}-${namespace}-${name}` : `${kind}-${name}`;
}

/** The `@pulumi/kubernetes` module of a built-in API group (`''` → `core`, `rbac.authorization.k8s.io` → `rbac`). */
function sdkModuleOf(group: string): string | undefined {
  if (group === '') return 'core';
  // CRD groups always contain a dot; built-in groups are dot-less (`apps`) or end in `.k8s.io`.
  if (group.includes('.') && !group.endsWith('.k8s.io')) return undefined;
  return group.split('.')[0];
}

/**
 * The `@pulumi/kubernetes` class for a built-in kind (`apps/v1` `Deployment` → `k8s.apps.v1.Deployment`),
 * `k8s.apiextensions.CustomResource` for kinds of groups the SDK has no module for (operators' CRDs,
 * including CRD-based `*.k8s.io` groups such as `gateway.networking.k8s.io`), or an error for a kind
 * of an SDK module that the SDK does not know (a removed API version).
 */
export function resourceClassFor(apiVersion: string, kind: string): ResourceClass {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const sdk = k8s as unknown as Record<
    string,
    Record<string, Record<string, unknown> | undefined> | undefined
  >;
  const module = sdkModuleOf(group);
  const versions = module === undefined ? undefined : sdk[module];
  if (versions === undefined) return k8s.apiextensions.CustomResource as unknown as ResourceClass;
  const cls = versions[version]?.[kind];
  if (typeof cls !== 'function') {
    throw new Error(`no @pulumi/kubernetes resource for ${apiVersion} ${kind}; use a served API version`);
  }
  return cls as ResourceClass;
}

/** Options of `registerObjects`. */
export interface RegisterObjectsOptions {
  /** The provider every resource uses. */
  readonly provider: pulumi.ProviderResource;
  /** The component that owns the resources. @default - none: the resources belong to the stack */
  readonly parent?: pulumi.Resource;
}

/** The group/kind a CustomResourceDefinition defines, as `group/Kind`. */
function definedGroupKind(crd: K8sObject): string | undefined {
  const spec = crd.spec as { group?: unknown; names?: { kind?: unknown } } | undefined;
  return typeof spec?.group === 'string' && typeof spec.names?.kind === 'string'
    ? `${spec.group}/${spec.names.kind}`
    : undefined;
}

function groupKindOf(object: K8sObject): string {
  const apiVersion = object.apiVersion ?? '';
  const slash = apiVersion.lastIndexOf('/');
  return `${slash < 0 ? '' : apiVersion.slice(0, slash)}/${object.kind ?? ''}`;
}

/** One step of a registration plan. */
export interface PlannedResource {
  /** The Pulumi resource name (`resourceNameOf`). */
  readonly name: string;
  readonly object: K8sObject;
  /** Names of the planned resources this one depends on; all come earlier in the plan. */
  readonly dependsOn: readonly string[];
}

/**
 * Plans the registration of `objects`: one resource each, named by `resourceNameOf`, ordered so
 * that whatever the input order, what others depend on comes first (Namespaces and CRDs, then every
 * other object but pods, then pod-bearing objects; input order within each). Dependencies: a
 * namespaced object depends on its Namespace, a custom resource on its CustomResourceDefinition,
 * and a pod-bearing object on the `POD_PREREQUISITE_KINDS` of its namespace (so no pod runs before
 * default deny). Throws when two objects map to the same name.
 */
export function planRegistration(objects: readonly K8sObject[]): PlannedResource[] {
  const names = new Map<K8sObject, string>();
  const seen = new Map<string, K8sObject>();
  for (const object of objects) {
    const name = resourceNameOf(object);
    const previous = seen.get(name);
    if (previous) {
      throw new Error(
        `two objects map to the resource name '${name}': ${describe(previous)} and ${describe(object)}; rename one`,
      );
    }
    seen.set(name, object);
    names.set(object, name);
  }

  const isFoundation = (o: K8sObject) => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition';
  const isPodBearing = (o: K8sObject) => POD_BEARING_KINDS.includes(o.kind ?? '');
  const ordered = [
    ...objects.filter(isFoundation),
    ...objects.filter((o) => !isFoundation(o) && !isPodBearing(o)),
    ...objects.filter(isPodBearing),
  ];

  const namespaces = new Map<string, string>();
  const crds = new Map<string, string>();
  const prerequisites = new Map<string, string[]>();
  const plan: PlannedResource[] = [];
  for (const object of ordered) {
    const name = names.get(object)!;
    const kind = object.kind ?? '';
    const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? undefined : object.metadata?.namespace;
    const dependsOn: string[] = [];
    const ns = namespace === undefined ? undefined : namespaces.get(namespace);
    if (ns) dependsOn.push(ns);
    const crd = crds.get(groupKindOf(object));
    if (crd) dependsOn.push(crd);
    if (namespace !== undefined && isPodBearing(object))
      dependsOn.push(...(prerequisites.get(namespace) ?? []));
    plan.push({ name, object, dependsOn });

    if (kind === 'Namespace' && object.metadata?.name) namespaces.set(object.metadata.name, name);
    if (kind === 'CustomResourceDefinition') {
      const groupKind = definedGroupKind(object);
      if (groupKind) crds.set(groupKind, name);
    }
    if (namespace !== undefined && POD_PREREQUISITE_KINDS.has(kind)) {
      prerequisites.set(namespace, [...(prerequisites.get(namespace) ?? []), name]);
    }
  }
  return plan;
}

/**
 * Whether an object is one that a controller keeps in existence, so deleting it is pointless: a
 * namespace's `default` ServiceAccount, which kube-controller-manager re-creates at once. The stack
 * configures it (e.g. `automountServiceAccountToken: false`) but never deletes it; it goes with its
 * Namespace. Deleting it anyway makes the provider's delete wait (10 minutes, then fail) whenever
 * it sees the re-created object.
 */
export function isControllerRecreated(object: K8sObject): boolean {
  return (
    object.kind === 'ServiceAccount' && object.apiVersion === 'v1' && object.metadata?.name === 'default'
  );
}

/**
 * Registers `objects` as one typed resource each, following `planRegistration`, all under
 * `options.provider` and parented to `options.parent`. Returns the resources by name, in
 * registration order. Objects that `isControllerRecreated` are `retainOnDelete`: a destroy drops
 * them from the state and leaves them to their Namespace.
 */
export function registerObjects(
  objects: readonly K8sObject[],
  options: RegisterObjectsOptions,
): Map<string, pulumi.CustomResource> {
  const resources = new Map<string, pulumi.CustomResource>();
  for (const step of planRegistration(objects)) {
    const cls = resourceClassFor(step.object.apiVersion ?? '', step.object.kind ?? '');
    const resource = new cls(
      step.name,
      { ...step.object },
      {
        provider: options.provider,
        parent: options.parent,
        ...(isControllerRecreated(step.object) ? { retainOnDelete: true } : {}),
        dependsOn: step.dependsOn.map((name) => {
          const dependency = resources.get(name);
          if (!dependency)
            throw new Error(`resource '${step.name}' depends on '${name}', which is not registered yet`);
          return dependency;
        }),
      },
    );
    resources.set(step.name, resource);
  }
  return resources;
}

function describe(object: K8sObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name}`;
}
