/**
 * Grants that let a ServiceAccount take over more than its own job: the same permissions the
 * `rbac.*` rules judge per role, judged here per effective grant, so a harmless-looking binding to
 * a broad ClusterRole (or through a `system:serviceaccounts` group) is seen from the account's side.
 */
import { grantedBy, type Permission } from '../analysis/rbac';
import type { RoleRule } from './roles';

/** The kinds of dangerous grant. */
export type DangerId =
  | 'wildcard'
  | 'secrets-read'
  | 'pod-exec'
  | 'escalate-bind-impersonate'
  | 'create-workloads'
  | 'nodes-proxy'
  | 'tokens';

interface DangerDefinition {
  readonly id: DangerId;
  readonly title: string;
  readonly wanted: readonly Permission[];
  /** A rule limited by resourceNames is not this danger (it reads named Secrets only). */
  readonly unlessResourceNames?: boolean;
  /** Only a cluster-wide grant has it (nodes are cluster-scoped; a RoleBinding cannot reach them). */
  readonly clusterOnly?: boolean;
}

const WRITE = ['create', 'update', 'patch'];
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The dangerous permissions the RBAC analysis flags, each with how to recognise it in a rule. */
export const DANGERS: readonly DangerDefinition[] = [
  {
    id: 'secrets-read',
    title: 'reads Secrets',
    wanted: [{ apiGroup: '', resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
    unlessResourceNames: true,
  },
  {
    id: 'pod-exec',
    title: 'execs into pods',
    wanted: [
      { apiGroup: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] },
      // An ephemeral container runs whatever image and command the caller picks inside the pod,
      // with its token and volumes: exec by another name (rbac.ephemeral-containers).
      { apiGroup: '', resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] },
    ],
  },
  {
    id: 'escalate-bind-impersonate',
    title: 'escalates, binds or impersonates',
    wanted: [
      { apiGroup: RBAC_GROUP, resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] },
      { apiGroup: '', resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
      { apiGroup: 'authentication.k8s.io', resources: ['uids', 'userextras'], verbs: ['impersonate'] },
    ],
  },
  {
    id: 'create-workloads',
    title: 'creates pods or workloads',
    wanted: [
      { apiGroup: '', resources: ['pods'], verbs: ['create'] },
      { apiGroup: '', resources: ['replicationcontrollers'], verbs: WRITE },
      {
        apiGroup: 'apps',
        resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
        verbs: WRITE,
      },
      { apiGroup: 'batch', resources: ['jobs', 'cronjobs'], verbs: WRITE },
    ],
  },
  {
    id: 'nodes-proxy',
    title: 'proxies to kubelets',
    wanted: [{ apiGroup: '', resources: ['nodes/proxy'], verbs: ['*'] }],
    clusterOnly: true,
  },
  {
    id: 'tokens',
    title: 'mints ServiceAccount tokens',
    wanted: [{ apiGroup: '', resources: ['serviceaccounts/token'], verbs: ['create'] }],
  },
];

/** What one rule grants of one danger, e.g. `"get", "list" on "secrets"`; undefined when nothing. */
export function dangerDetail(
  definition: DangerDefinition,
  rule: RoleRule,
  clusterWide: boolean,
): string | undefined {
  if (definition.clusterOnly && !clusterWide) return undefined;
  if (definition.unlessResourceNames && rule.resourceNames.length > 0) return undefined;
  const { verbs, resources } = grantedBy({ path: '', ...rule }, definition.wanted);
  if (verbs.length === 0) return undefined;
  return `${verbs.map((v) => `"${v}"`).join(', ')} on ${resources.map((r) => `"${r}"`).join(', ')}`;
}

/** `*` in verbs, resources or API groups: whatever the API gains later is granted too. */
export function wildcardDetail(rule: RoleRule): string | undefined {
  const fields = (['verbs', 'resources', 'apiGroups'] as const).filter((f) => rule[f].includes('*'));
  return fields.length > 0 ? `"*" in ${fields.join(', ')}` : undefined;
}
