/** The `rbac` pack. */
import type { Rule } from '../../rule';

/** Rules of the `rbac` pack. */
export const RBAC_RULES: readonly Rule[] = [];
