/** The `services` pack. */
import type { Rule } from '../../rule';

/** Rules of the `services` pack. */
export const SERVICES_RULES: readonly Rule[] = [];
