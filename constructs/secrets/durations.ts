/**
 * The refresh-interval syntaxes the backends accept, taken from their CRDs and parsers, so an
 * interval the operator would reject fails at synth time instead of in the cluster.
 */
import { SecretBackend } from './declaration';

/** ESO `refreshInterval`: a Go `time.Duration` (`1h`, `30m`, `1h30m`, `500ms`). */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
/** VSO `refreshAfter` (CRD pattern), also used for the agent's render interval: one number and unit. */
const SINGLE_UNIT_DURATION = /^([0-9]+(\.[0-9]+)?(s|m|h))$/;

/** A problem with `value` as the refresh interval of `backend`, or undefined. */
export function refreshIntervalProblem(
  field: string,
  value: string,
  backend: SecretBackend,
): string | undefined {
  if (backend === SecretBackend.EXTERNAL_SECRETS) {
    if (GO_DURATION.test(value)) return undefined;
    return `${field} '${value}' is not a duration backend '${backend}' accepts (a Go duration such as '1h', '30m' or '1h30m'; days are not a unit, use '24h').`;
  }
  if (SINGLE_UNIT_DURATION.test(value)) return undefined;
  return `${field} '${value}' is not a duration backend '${backend}' accepts (one number with unit s, m or h, e.g. '90m' or '24h').`;
}
