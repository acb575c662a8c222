import { lit } from '../../../policies/admission/cel';
import { compile } from '../../../policies/admission/offline';
import { DANGEROUS_CAPABILITY_PATTERN, dangerousCapability } from '../../../policies/analysis/capabilities';

/** Entries of capabilities.add, and the dangerous capability the runtime grants for each. */
const CASES: [string, string | undefined][] = [
  ['SYS_ADMIN', 'SYS_ADMIN'],
  ['sys_admin', 'SYS_ADMIN'],
  ['CAP_SYS_ADMIN', 'SYS_ADMIN'],
  ['cap_sys_admin', 'SYS_ADMIN'],
  ['Cap_Net_Raw', 'NET_RAW'],
  // Go's strings.ToUpper maps these two letters to ASCII, so the runtime grants the capability.
  ['\u017fys_admin', 'SYS_ADMIN'],
  ['net_\u0131pc_lock', undefined],
  ['mac_overr\u0131de', 'MAC_OVERRIDE'],
  ['ALL', 'ALL'],
  ['all', 'ALL'],
  ['aLl', 'ALL'],
  // Not capabilities the runtimes accept.
  ['CAP_ALL', undefined],
  ['CAPSYS_ADMIN', undefined],
  ['SYS_ADMINS', undefined],
  ['SYS-ADMIN', undefined],
  [' SYS_ADMIN', undefined],
  ['', undefined],
  // Allowed ones.
  ['NET_BIND_SERVICE', undefined],
  ['CHOWN', undefined],
  ['cap_setuid', undefined],
  ['SETPCAP', 'SETPCAP'],
  ['bpf', 'BPF'],
  ['perfmon', 'PERFMON'],
];

describe('dangerousCapability and DANGEROUS_CAPABILITY_PATTERN', () => {
  const regex = new RegExp(DANGEROUS_CAPABILITY_PATTERN);
  const cel = compile(`c.matches(${lit(DANGEROUS_CAPABILITY_PATTERN)})`);
  test.each(CASES)('%j -> %s', (raw, expected) => {
    expect(dangerousCapability(raw)).toBe(expected);
    expect(regex.test(raw)).toBe(expected !== undefined);
    expect(cel({ c: raw })).toBe(expected !== undefined);
  });
});
