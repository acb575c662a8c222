/**
 * The ClusterRoles the API server creates itself, which inputs reference without shipping them.
 * Most are known here by name only. For the user-facing roles that hand out takeover permissions,
 * the rules that do so are copied from upstream's bootstrap policy
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), so an analysis can judge a binding
 * to them when the input lacks the role: `cluster-admin` completely, `admin` and `edit` by the
 * three rules of `system:aggregate-to-edit` that reach Secrets, pods and ServiceAccounts (both
 * roles aggregate it). Fewer rules than the real roles grant, never more, so nothing is invented.
 */
import type { ResolvedRole, RoleRule } from './roles';

const USER_FACING = new Set(['cluster-admin', 'admin', 'edit', 'view']);

/** True for a ClusterRole name the API server creates: `system:*` (a reserved prefix) and the user-facing roles. */
export function isBuiltInClusterRole(name: string): boolean {
  return name.startsWith('system:') || USER_FACING.has(name);
}

const rule = (origin: string, fields: Partial<Omit<RoleRule, 'origin'>>): RoleRule => ({
  apiGroups: [],
  resources: [],
  verbs: [],
  resourceNames: [],
  nonResourceURLs: [],
  ...fields,
  origin,
});

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const TO_EDIT = 'ClusterRole system:aggregate-to-edit';
const EDIT_RULES: readonly RoleRule[] = [
  rule(`${TO_EDIT} rules[0]`, {
    apiGroups: [''],
    resources: ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy'],
    verbs: READ,
  }),
  rule(`${TO_EDIT} rules[1]`, { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }),
  rule(`${TO_EDIT} rules[2]`, {
    apiGroups: [''],
    resources: ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward'],
    verbs: WRITE,
  }),
];

/** Built-in ClusterRoles with takeover permissions, keyed like `resolveRoles` (`ClusterRole/<name>`). */
export const BUILT_IN_ROLES: ReadonlyMap<string, ResolvedRole> = new Map([
  [
    'ClusterRole/cluster-admin',
    {
      label: 'ClusterRole cluster-admin',
      rules: [
        rule('ClusterRole cluster-admin rules[0]', { apiGroups: ['*'], resources: ['*'], verbs: ['*'] }),
        rule('ClusterRole cluster-admin rules[1]', { nonResourceURLs: ['*'], verbs: ['*'] }),
      ],
    },
  ],
  ['ClusterRole/admin', { label: 'ClusterRole admin', rules: EDIT_RULES }],
  ['ClusterRole/edit', { label: 'ClusterRole edit', rules: EDIT_RULES }],
]);
