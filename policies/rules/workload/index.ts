/** The `workload` pack. */
import type { Rule } from '../../rule';

/** Rules of the `workload` pack. */
export const WORKLOAD_RULES: readonly Rule[] = [];
