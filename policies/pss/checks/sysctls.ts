/**
 * sysctls (baseline; allow-list grows at v1.27, v1.29, v1.32 and v1.37). Sysctls can disable
 * security mechanisms or affect every container on a host, so only namespaced, isolated ("safe")
 * ones are allowed.
 *
 * Fields: spec.securityContext.sysctls[*].name (the only place the API accepts sysctls).
 */
import { arr, obj, str } from '../../k8s';
import { ALLOWED, forbidden, podSecurityContextOf } from '../helpers';
import type { CheckPodFn, CheckResult, PssCheck } from '../types';

const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [
  ...SAFE_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The safe sysctls by the version that introduced each list. */
export const SAFE_SYSCTLS: Readonly<Record<string, readonly string[]>> = {
  'v1.0': SAFE_1_0,
  'v1.27': SAFE_1_27,
  'v1.29': SAFE_1_29,
  'v1.32': SAFE_1_32,
  'v1.37': SAFE_1_37,
};

function sysctlsWith(safe: readonly string[]): CheckPodFn {
  const allowed = new Set(safe);
  return (_meta, podSpec, specPath): CheckResult => {
    const names: string[] = [];
    const paths: string[] = [];
    arr(podSecurityContextOf(podSpec)?.sysctls).forEach((raw, i) => {
      const name = str(obj(raw).name) ?? '';
      if (allowed.has(name)) return;
      names.push(name);
      paths.push(`${specPath}.securityContext.sysctls[${i}].name`);
    });
    // Upstream lists the names in pod order, duplicates included.
    return names.length === 0 ? ALLOWED : forbidden('forbidden sysctls', names.join(', '), paths);
  };
}

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  versions: Object.entries(SAFE_SYSCTLS).map(([minVersion, safe]) => ({
    minVersion,
    check: sysctlsWith(safe),
  })),
};
