/**
 * The REST resources behind the kinds the guardrails check: what `matchConstraints.resourceRules`
 * name, and how the offline evaluator decides whether a policy matches an object.
 */

/** Where the API server serves a kind. */
export interface KindResource {
  readonly group: string;
  readonly version: string;
  /** Plural resource names: the main resource, plus subresources that carry the same object. */
  readonly resources: readonly string[];
  readonly namespaced: boolean;
}

export const KIND_RESOURCES: Readonly<Record<string, KindResource>> = {
  // kubectl debug adds ephemeral containers through this subresource; its object is the whole Pod.
  Pod: { group: '', version: 'v1', resources: ['pods', 'pods/ephemeralcontainers'], namespaced: true },
  ReplicationController: {
    group: '',
    version: 'v1',
    resources: ['replicationcontrollers'],
    namespaced: true,
  },
  Namespace: { group: '', version: 'v1', resources: ['namespaces'], namespaced: false },
  Service: { group: '', version: 'v1', resources: ['services'], namespaced: true },
  DaemonSet: { group: 'apps', version: 'v1', resources: ['daemonsets'], namespaced: true },
  Deployment: { group: 'apps', version: 'v1', resources: ['deployments'], namespaced: true },
  ReplicaSet: { group: 'apps', version: 'v1', resources: ['replicasets'], namespaced: true },
  StatefulSet: { group: 'apps', version: 'v1', resources: ['statefulsets'], namespaced: true },
  Job: { group: 'batch', version: 'v1', resources: ['jobs'], namespaced: true },
  CronJob: { group: 'batch', version: 'v1', resources: ['cronjobs'], namespaced: true },
  Ingress: { group: 'networking.k8s.io', version: 'v1', resources: ['ingresses'], namespaced: true },
  NetworkPolicy: {
    group: 'networking.k8s.io',
    version: 'v1',
    resources: ['networkpolicies'],
    namespaced: true,
  },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', resources: ['roles'], namespaced: true },
  RoleBinding: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resources: ['rolebindings'],
    namespaced: true,
  },
  ClusterRole: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resources: ['clusterroles'],
    namespaced: false,
  },
  ClusterRoleBinding: {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    resources: ['clusterrolebindings'],
    namespaced: false,
  },
};

/** The pod-bearing kinds the guardrails check (PodTemplate is left out: it runs nothing). */
export const GUARDED_POD_KINDS: readonly string[] = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

/** The resource of a kind; throws for a kind the table lacks, so a guard cannot name one silently. */
export function resourceOf(kind: string): KindResource {
  const found = KIND_RESOURCES[kind];
  if (!found)
    throw new Error(`no REST resource known for kind '${kind}'; add it to policies/admission/kinds.ts`);
  return found;
}

/** One `resourceRules` entry as admissionregistration.k8s.io/v1 spells it. */
export interface ResourceRule {
  readonly apiGroups: string[];
  readonly apiVersions: string[];
  readonly operations: string[];
  readonly resources: string[];
}

/** Resource rules for `kinds`, one per API group, sorted so the output is stable. */
export function resourceRulesFor(kinds: readonly string[]): ResourceRule[] {
  const byGroup = new Map<string, Set<string>>();
  for (const kind of kinds) {
    const r = resourceOf(kind);
    const set = byGroup.get(r.group) ?? new Set<string>();
    r.resources.forEach((name) => set.add(name));
    byGroup.set(r.group, set);
  }
  return [...byGroup.keys()].sort().map((group) => ({
    apiGroups: [group],
    apiVersions: ['v1'],
    operations: ['CREATE', 'UPDATE'],
    resources: [...byGroup.get(group)!].sort(),
  }));
}
