/**
 * Every rule Bulwark ships, sorted by id. Each pack folder exports its own list; this file only
 * concatenates them, so adding a rule touches its pack and nothing else.
 */
import type { Rule } from '../rule';
import { NETWORK_RULES } from './network';
import { PSS_RULES } from './pss';
import { RBAC_RULES } from './rbac';
import { SECRETS_RULES } from './secrets';
import { SERVICES_RULES } from './services';
import { WORKLOAD_RULES } from './workload';

/** All rules, sorted by id. */
export const ALL_RULES: readonly Rule[] = [
  ...PSS_RULES,
  ...WORKLOAD_RULES,
  ...NETWORK_RULES,
  ...RBAC_RULES,
  ...SECRETS_RULES,
  ...SERVICES_RULES,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
