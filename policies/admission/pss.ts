/**
 * Guards for the Pod Security Standards at restricted, at the newest version Bulwark implements:
 * every check that version runs (the restricted ones, and the baseline ones no restricted check
 * overrides), each a CEL transcription of the port in policies/pss/checks. The allow-lists are
 * imported from those checks, so the two cannot drift apart.
 */
import { pssMinor } from '../pss-selection';
import { APPARMOR_ANNOTATION_PREFIX } from '../pss/checks/appArmorProfile';
import { ALLOWED_VOLUME_SOURCES, RESTRICTED_VOLUME_SOURCES } from '../pss/checks/restrictedVolumes';
import { SAFE_SYSCTLS } from '../pss/checks/sysctls';
import { GUARDED_POD_KINDS } from './kinds';
import { absentOr, all, any, equals, lit, litList, not, present, presentAnd } from './cel';
import type { Guard } from './guard';
import { everyContainer, POD_METADATA, POD_SC, POD_SPEC } from './pod';

/** The PSS version these guards transcribe; a test ties it to PSS_LATEST_VERSION. */
export const GUARDED_PSS_VERSION = 'v1.37';

const SC = 'securityContext';
const PROFILE_TYPES = litList(['RuntimeDefault', 'Localhost']);
// Upstream's seLinuxOptions types from v1.31 (the check keeps its lists private).
const SELINUX_TYPES = litList([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

/** The newest safe-sysctl list introduced at or before the guarded version. */
function safeSysctls(): readonly string[] {
  const versions = Object.keys(SAFE_SYSCTLS).filter((v) => pssMinor(v) <= pssMinor(GUARDED_PSS_VERSION));
  versions.sort((a, b) => pssMinor(a) - pssMinor(b));
  return SAFE_SYSCTLS[versions[versions.length - 1]];
}

/** A profile object whose `type` is RuntimeDefault or Localhost (an absent type is ''). */
const validProfile = (profile: string) => `(has(${profile}.type) && ${profile}.type in ${PROFILE_TYPES})`;

/** Both the pod's and every container's security context leave `field` unset or `ok`. */
function podAndContainers(field: string, ok: (value: string) => string): string {
  return all(absentOr(POD_SC, [field], ok), everyContainer(absentOr('c', [SC, field], ok)));
}

const notTrue = (base: string, path: readonly string[]) => not(equals(base, path, 'true'));

/** The probe and lifecycle handlers upstream inspects, and the actions that can name a host. */
const HANDLERS = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

export const PSS_GUARDS: readonly Guard[] = [
  {
    ruleId: 'pss.baseline.appArmorProfile',
    kinds: GUARDED_POD_KINDS,
    expression: all(
      podAndContainers('appArmorProfile', validProfile),
      absentOr(
        POD_METADATA,
        ['annotations'],
        (a) =>
          `${a}.all(k, !k.startsWith(${lit(APPARMOR_ANNOTATION_PREFIX)}) || ${a}[k] == '' || ${a}[k] == 'runtime/default' || ${a}[k].startsWith('localhost/'))`,
      ),
    ),
  },
  {
    ruleId: 'pss.baseline.hostNamespaces',
    kinds: GUARDED_POD_KINDS,
    expression: all(...['hostNetwork', 'hostPID', 'hostIPC'].map((f) => notTrue(POD_SPEC, [f]))),
  },
  {
    ruleId: 'pss.baseline.hostPorts',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(
      absentOr(
        'c',
        ['ports'],
        (ports) => `${ports}.all(p, ${absentOr('p', ['hostPort'], (h) => `${h} == 0`)})`,
      ),
    ),
  },
  {
    ruleId: 'pss.baseline.hostProbesAndHostLifecycle',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(
      all(
        ...HANDLERS.flatMap((handler) =>
          ['httpGet', 'tcpSocket'].map((action) =>
            absentOr('c', [...handler, action, 'host'], (h) => `${h} == ''`),
          ),
        ),
      ),
    ),
  },
  {
    ruleId: 'pss.baseline.privileged',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(notTrue('c', [SC, 'privileged'])),
  },
  {
    ruleId: 'pss.baseline.seLinuxOptions',
    kinds: GUARDED_POD_KINDS,
    expression: podAndContainers('seLinuxOptions', (o) =>
      all(
        absentOr(o, ['type'], (t) => `${t} in ${SELINUX_TYPES}`),
        absentOr(o, ['user'], (u) => `${u} == ''`),
        absentOr(o, ['role'], (r) => `${r} == ''`),
      ),
    ),
  },
  {
    ruleId: 'pss.baseline.sysctls',
    kinds: GUARDED_POD_KINDS,
    // A sysctl without a name is '' upstream, which no safe list contains.
    expression: absentOr(
      POD_SC,
      ['sysctls'],
      (s) => `${s}.all(s, has(s.name) && s.name in ${litList(safeSysctls())})`,
    ),
  },
  {
    ruleId: 'pss.baseline.windowsHostProcess',
    kinds: GUARDED_POD_KINDS,
    expression: all(
      notTrue(POD_SC, ['windowsOptions', 'hostProcess']),
      everyContainer(notTrue('c', [SC, 'windowsOptions', 'hostProcess'])),
    ),
  },
  {
    ruleId: 'pss.restricted.allowPrivilegeEscalation',
    kinds: GUARDED_POD_KINDS,
    // Unset fails: the runtime default is to allow escalation. Windows pods cannot set the field.
    expression: any(
      'variables.isWindows',
      everyContainer(equals('c', [SC, 'allowPrivilegeEscalation'], 'false')),
    ),
  },
  {
    ruleId: 'pss.restricted.capabilities_restricted',
    kinds: GUARDED_POD_KINDS,
    expression: any(
      'variables.isWindows',
      everyContainer(
        all(
          presentAnd('c', [SC, 'capabilities', 'drop'], (d) => `'ALL' in ${d}`),
          absentOr('c', [SC, 'capabilities', 'add'], (a) => `${a}.all(x, x == 'NET_BIND_SERVICE')`),
        ),
      ),
    ),
  },
  {
    ruleId: 'pss.restricted.procMount_restricted',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(absentOr('c', [SC, 'procMount'], (p) => `${p} == 'Default'`)),
  },
  {
    ruleId: 'pss.restricted.restrictedVolumes',
    kinds: GUARDED_POD_KINDS,
    // A volume with no known source is defaulted to emptyDir by the API server, so it passes.
    expression: absentOr(
      POD_SPEC,
      ['volumes'],
      (volumes) =>
        `${volumes}.all(v, ${any(
          ...ALLOWED_VOLUME_SOURCES.map((s) => `has(v.${s})`),
          not(any(...RESTRICTED_VOLUME_SOURCES.map((s) => `has(v.${s})`))),
        )})`,
    ),
  },
  {
    ruleId: 'pss.restricted.runAsNonRoot',
    kinds: GUARDED_POD_KINDS,
    // A container inherits the pod's value; unset on both leaves the image's user in charge.
    expression: any(
      'variables.userNamespace',
      all(
        not(equals(POD_SC, ['runAsNonRoot'], 'false')),
        everyContainer(
          `(${present('c', [SC, 'runAsNonRoot'])} ? c.${SC}.runAsNonRoot == true : ${equals(POD_SC, ['runAsNonRoot'], 'true')})`,
        ),
      ),
    ),
  },
  {
    ruleId: 'pss.restricted.runAsUser',
    kinds: GUARDED_POD_KINDS,
    expression: any(
      'variables.userNamespace',
      podAndContainers('runAsUser', (u) => `${u} != 0`),
    ),
  },
  {
    ruleId: 'pss.restricted.seccompProfile_restricted',
    kinds: GUARDED_POD_KINDS,
    // A container without its own profile needs a valid pod-level one.
    expression: any(
      'variables.isWindows',
      all(
        absentOr(POD_SC, ['seccompProfile'], validProfile),
        everyContainer(
          `(${present('c', [SC, 'seccompProfile'])} ? ${validProfile(`c.${SC}.seccompProfile`)} : ${presentAnd(POD_SC, ['seccompProfile'], validProfile)})`,
        ),
      ),
    ),
  },
];
