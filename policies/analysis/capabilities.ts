/**
 * Linux capabilities as the container runtimes read `securityContext.capabilities.add`: names are
 * upper-cased (Go's strings.ToUpper, which also maps `ſ` to `S` and `ı` to `I`), and CRI-O and
 * Docker accept a `CAP_` prefix in any case (containerd refuses to start such a container), so
 * `cap_sys_admin` and `Sys_Admin` both grant CAP_SYS_ADMIN. `ALL` (any case, no prefix) grants every
 * capability.
 */

/** Capabilities that amount to control of the node or of other containers, with what they allow. */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: 'every capability',
  BPF: 'loading eBPF programs into the kernel',
  MAC_ADMIN: 'changing the AppArmor or SELinux policy',
  MAC_OVERRIDE: 'bypassing AppArmor or SELinux',
  NET_ADMIN: "reconfiguring the pod's network, routes and firewall",
  NET_RAW: 'raw sockets, for spoofing and sniffing on the node network',
  PERFMON: 'kernel performance monitoring, which reads other processes',
  SETPCAP: 'changing capability sets',
  SYS_ADMIN: 'mounts, namespaces and most other root operations',
  SYS_BOOT: 'rebooting the node',
  SYS_MODULE: 'loading kernel modules',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_RAWIO: 'raw access to devices and I/O ports',
};

/** Upper-cases like Go's strings.ToUpper for the letters capability names use. */
function runtimeUpper(name: string): string {
  return name.replace(/[a-z\u017f\u0131]/g, (c) =>
    c === '\u017f' ? 'S' : c === '\u0131' ? 'I' : c.toUpperCase(),
  );
}

/** The dangerous capability `raw` (an entry of `capabilities.add`) grants, e.g. `SYS_ADMIN`, or undefined. */
export function dangerousCapability(raw: string): string | undefined {
  const upper = runtimeUpper(raw);
  if (upper === 'ALL' && /^[aA][lL][lL]$/.test(raw)) return 'ALL';
  const name = /^[cC][aA][pP]_/.test(raw) ? upper.slice(4) : upper;
  return name !== 'ALL' && Object.prototype.hasOwnProperty.call(DANGEROUS_CAPABILITIES, name)
    ? name
    : undefined;
}

/** A regular expression (RE2 and JavaScript alike) for the spellings the runtime upper-cases to `name`. */
function spellings(name: string): string {
  return name.replace(/[A-Z]/g, (c) =>
    c === 'S' ? '[sS\u017f]' : c === 'I' ? '[iI\u0131]' : `[${c.toLowerCase()}${c}]`,
  );
}

/** Matches exactly the entries dangerousCapability recognizes. */
export const DANGEROUS_CAPABILITY_PATTERN = `^(?:[aA][lL][lL]|(?:[cC][aA][pP]_)?(?:${Object.keys(
  DANGEROUS_CAPABILITIES,
)
  .filter((c) => c !== 'ALL')
  .map(spellings)
  .join('|')}))$`;
