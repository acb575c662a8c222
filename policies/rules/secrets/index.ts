/** The `secrets` pack. */
import type { Rule } from '../../rule';

/** Rules of the `secrets` pack. */
export const SECRETS_RULES: readonly Rule[] = [];
