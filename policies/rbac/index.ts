/** RBAC analysis: effective permissions of every ServiceAccount, with dangerous grants flagged. */
export { computeEffectivePermissions, computeEffectivePermissionsWithBuiltIns } from './effective';
export type { Danger, Grant, RbacAnalysis, ServiceAccountPermissions } from './effective';
export { DANGERS, type DangerId } from './dangers';
export { BUILT_IN_ROLES, isBuiltInClusterRole } from './built-in';
export { resolveRoles, type ResolvedRole, type RoleRule } from './roles';
