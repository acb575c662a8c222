/**
 * hostPathVolumes (baseline, v1.0+). HostPath volumes must be forbidden.
 *
 * Fields: spec.volumes[*].hostPath. Allowed: undefined/null.
 */
import { arr, obj, str, type Json } from '../../k8s';
import { ALLOWED, field, forbidden, joinQuote, pluralize } from '../helpers';
import type { CheckResult, PssCheck } from '../types';

function hostPathVolumes1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const paths: string[] = [];
  arr(podSpec.volumes).forEach((raw, i) => {
    if (field(raw, 'hostPath') === undefined) return;
    names.push(str(obj(raw).name) ?? '');
    paths.push(`${specPath}.volumes[${i}].hostPath`);
  });
  if (names.length === 0) return ALLOWED;
  return forbidden(
    'hostPath volumes',
    `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
    paths,
  );
}

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [{ minVersion: 'v1.0', check: hostPathVolumes1_0 }],
};
