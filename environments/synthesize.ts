/**
 * Synthesizes an environment in memory: objects, grouped into files, serialized deterministically.
 * Used by `bulwark synth`, the Pulumi stacks and the tests, so all three see the same bytes.
 */
import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { CLUSTER_SCOPED_KINDS } from '../policies/k8s';
import type { K8sObject } from '../policies/types';
import { buildBlueprint, type Blueprint } from './blueprint';
import type { Environment } from './schema';
import { vaultSideOf, type VaultSide } from './vault';

/** One synthesized environment. */
export interface SynthesizedEnvironment {
  readonly environment: Environment;
  readonly blueprint: Blueprint;
  /** Every object, in apply order. */
  readonly objects: readonly K8sObject[];
  /** Manifest files (relative path → YAML text), in apply order. */
  readonly files: ReadonlyMap<string, string>;
  /** The Vault side (policies and auth roles) of the blueprint's secrets; `vaultSideFiles` renders it. */
  readonly vault: VaultSide;
}

/** Apply order: what others depend on first (namespaces, identities, policies), workloads last. */
const KIND_ORDER = [
  'CustomResourceDefinition',
  'Namespace',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'ResourceQuota',
  'LimitRange',
  'NetworkPolicy',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'SecretStore',
  'VaultConnection',
  'VaultAuth',
  'ExternalSecret',
  'VaultStaticSecret',
  'VaultDynamicSecret',
  'Service',
  'PodDisruptionBudget',
  'StatefulSet',
  'Deployment',
  'Job',
  'CronJob',
];

function rank(kind: string | undefined): number {
  const i = KIND_ORDER.indexOf(kind ?? '');
  return i < 0 ? KIND_ORDER.length : i;
}

/** Sorts objects into apply order: kind rank, then kind, namespace and name. */
export function sortObjects(objects: readonly K8sObject[]): K8sObject[] {
  const key = (o: K8sObject) =>
    [o.kind ?? '', o.metadata?.namespace ?? '', o.metadata?.name ?? ''].join('\u0000');
  return [...objects].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
}

/** YAML for a list of objects: sorted keys, no line folding, `---` between documents. */
export function toYaml(objects: readonly K8sObject[]): string {
  return objects
    .map((o) => stringify(o, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

/** The file an object belongs in: its namespace's file, or `cluster.yaml` for cluster-scoped objects. */
export function fileFor(object: K8sObject): string {
  if (object.kind === 'Namespace') return `${object.metadata?.name}.yaml`;
  if (CLUSTER_SCOPED_KINDS.has(object.kind ?? '')) return 'cluster.yaml';
  return `${object.metadata?.namespace ?? 'default'}.yaml`;
}

/** Builds and serializes one environment. Throws DeclarationError for an invalid declaration. */
export function synthesizeEnvironment(environment: Environment): SynthesizedEnvironment {
  const app = new App({ recordConstructMetadata: false });
  const blueprint = buildBlueprint(app, environment);
  const objects = sortObjects(blueprint.chart.toJson() as K8sObject[]);
  const grouped = new Map<string, K8sObject[]>();
  for (const object of objects) {
    const file = fileFor(object);
    grouped.set(file, [...(grouped.get(file) ?? []), object]);
  }
  const files = new Map<string, string>();
  // cluster.yaml first: cluster-scoped objects (CRDs, ClusterRoles) come before what uses them.
  for (const name of [...grouped.keys()].sort((a, b) =>
    a === 'cluster.yaml' ? -1 : b === 'cluster.yaml' ? 1 : a.localeCompare(b),
  )) {
    files.set(name, toYaml(grouped.get(name)!));
  }
  return { environment, blueprint, objects, files, vault: vaultSideOf(blueprint) };
}
