/** The `pss` pack. */
import type { Rule } from '../../rule';

/** Rules of the `pss` pack. */
export const PSS_RULES: readonly Rule[] = [];
