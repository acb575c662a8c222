/**
 * The `pss` pack: one rule per upstream Pod Security Standards check, `pss.<level>.<check id>`,
 * each evaluating the check at the enforced PSS version (see policies/pss).
 */
import type { Rule } from '../../rule';
import { BASELINE_RULES } from './baseline';
import { RESTRICTED_RULES } from './restricted';

/** Rules of the `pss` pack, sorted by id. */
export const PSS_RULES: readonly Rule[] = [...BASELINE_RULES, ...RESTRICTED_RULES].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);
