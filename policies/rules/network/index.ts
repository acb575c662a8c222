/** The `network` pack. */
import type { Rule } from '../../rule';

/** Rules of the `network` pack. */
export const NETWORK_RULES: readonly Rule[] = [];
