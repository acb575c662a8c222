/**
 * seLinuxOptions (baseline, v1.0+; v1.31 adds container_engine_t). Setting the SELinux type is
 * restricted, and setting a custom SELinux user or role is forbidden.
 *
 * Fields: spec.securityContext.seLinuxOptions.{type,user,role} and the same under every container's
 * securityContext. Allowed type: undefined/"", container_t, container_init_t, container_kvm_t
 * (+ container_engine_t from v1.31); user and role: undefined/"".
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  field,
  forbidden,
  joinQuote,
  pluralize,
  podSecurityContextOf,
  securityContextOf,
  setters,
  sortedSet,
  stringField,
  visitContainers,
} from '../helpers';
import type { CheckPodFn, CheckResult, PssCheck } from '../types';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>): CheckPodFn {
  return (_meta, podSpec, specPath): CheckResult => {
    const badTypes: string[] = [];
    const paths: string[] = [];
    let setUser = false;
    let setRole = false;

    // Records what is wrong with one seLinuxOptions object; true when it is valid.
    const valid = (opts: Json, path: string): boolean => {
      let ok = true;
      const type = stringField(opts, 'type');
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
        paths.push(`${path}.type`);
      }
      if (stringField(opts, 'user') !== '') {
        ok = false;
        setUser = true;
        paths.push(`${path}.user`);
      }
      if (stringField(opts, 'role') !== '') {
        ok = false;
        setRole = true;
        paths.push(`${path}.role`);
      }
      return ok;
    };

    const podOpts = field(podSecurityContextOf(podSpec), 'seLinuxOptions');
    const podBad = podOpts !== undefined && !valid(podOpts, `${specPath}.securityContext.seLinuxOptions`);
    const containers: string[] = [];
    for (const c of visitContainers(podSpec, specPath)) {
      const opts = field(securityContextOf(c.container), 'seLinuxOptions');
      if (opts !== undefined && !valid(opts, `${c.path}.securityContext.seLinuxOptions`))
        containers.push(c.name);
    }

    const who = setters(podBad, containers);
    if (who.length === 0) return ALLOWED;
    const types = sortedSet(badTypes);
    const data: string[] = [];
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return forbidden(
      'seLinuxOptions',
      `${who.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      paths,
    );
  };
}

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minVersion: 'v1.0', check: seLinuxOptionsWith(new Set(TYPES_1_0)) },
    { minVersion: 'v1.31', check: seLinuxOptionsWith(new Set(TYPES_1_31)) },
  ],
};
