/**
 * Parsing of `--pss baseline|restricted[@vX.Y|@latest]` and the version range Bulwark implements.
 */
import { InputError } from './errors';
import type { PssLevel } from './types';

/** The newest Pod Security Standards version Bulwark implements; `latest` means this. */
export const PSS_LATEST_VERSION = 'v1.37';

/** A PSS level and an optional version (`v1.30`, or undefined for latest). */
export interface PssSelection {
  /** `baseline` or `restricted`; `restricted` includes every baseline check. */
  readonly level: PssLevel;
  /**
   * The Pod Security Standards version whose checks apply, e.g. `v1.30`.
   *
   * @default - the latest version Bulwark implements (`PSS_LATEST_VERSION`)
   */
  readonly version?: string;
}

/** Major.minor of a `v1.X` version, for comparisons. */
export function pssMinor(version: string): number {
  const m = /^v1\.(\d+)$/.exec(version);
  if (!m)
    throw new InputError(`Pod Security Standards version '${version}' is not of the form v1.X or latest`);
  return Number(m[1]);
}

/** Resolves `latest`/undefined to the newest version; validates anything else. */
export function pssVersionOrLatest(version: string | undefined): string {
  if (version === undefined || version === 'latest') return PSS_LATEST_VERSION;
  pssMinor(version);
  // Upstream evaluates versions newer than it knows with its newest checks, so do we.
  return pssMinor(version) > pssMinor(PSS_LATEST_VERSION) ? PSS_LATEST_VERSION : version;
}

/** Parses the `--pss` flag value. */
export function parsePssSelection(text: string): PssSelection {
  const [level, version, extra] = text.split('@');
  if (extra !== undefined || (level !== 'baseline' && level !== 'restricted')) {
    throw new InputError(`--pss '${text}' must be baseline or restricted, optionally with @vX.Y or @latest`);
  }
  if (version === undefined || version === 'latest') return { level };
  pssMinor(version);
  return { level, version };
}
