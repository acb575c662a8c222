/**
 * The check registry: the pinned inventory of upstream checks and versions, upstream's registry
 * invariants, version selection, overrides and `evaluatePod` ordering.
 */
import {
  PSS_CHECKS,
  evaluatePod,
  overriddenAt,
  validateChecks,
  versionedCheckAt,
  type PssCheck,
} from '../../../policies/pss';
import { ALLOWED } from '../../../policies/pss/helpers';
import { container } from './helpers';

describe('inventory', () => {
  test('every upstream check with its level and minimum versions, in upstream order', () => {
    const inventory = PSS_CHECKS.map(
      (c) => `${c.level} ${c.id} ${c.versions.map((v) => v.minVersion).join(',')}`,
    );
    expect(inventory).toEqual([
      'baseline appArmorProfile v1.0',
      'baseline capabilities_baseline v1.0',
      'baseline hostNamespaces v1.0',
      'baseline hostPathVolumes v1.0',
      'baseline hostPorts v1.0',
      'baseline hostProbesAndHostLifecycle v1.34',
      'baseline privileged v1.0',
      'baseline procMount v1.0,v1.35',
      'baseline seLinuxOptions v1.0,v1.31',
      'baseline seccompProfile_baseline v1.0,v1.19',
      'baseline sysctls v1.0,v1.27,v1.29,v1.32,v1.37',
      'baseline windowsHostProcess v1.0',
      'restricted allowPrivilegeEscalation v1.8,v1.25',
      'restricted capabilities_restricted v1.22,v1.25',
      'restricted procMount_restricted v1.35',
      'restricted restrictedVolumes v1.0',
      'restricted runAsNonRoot v1.0,v1.35',
      'restricted runAsUser v1.23,v1.35',
      'restricted seccompProfile_restricted v1.19,v1.25',
    ]);
  });

  test('overrides follow upstream, from the version the overriding check starts', () => {
    expect([...overriddenAt('v1.0')].sort()).toEqual(['hostPathVolumes']);
    expect([...overriddenAt('v1.18')].sort()).toEqual(['hostPathVolumes']);
    expect([...overriddenAt('v1.19')].sort()).toEqual(['hostPathVolumes', 'seccompProfile_baseline']);
    expect([...overriddenAt('v1.21')].sort()).toEqual(['hostPathVolumes', 'seccompProfile_baseline']);
    expect([...overriddenAt('v1.22')].sort()).toEqual([
      'capabilities_baseline',
      'hostPathVolumes',
      'seccompProfile_baseline',
    ]);
    expect([...overriddenAt('v1.35')].sort()).toEqual([
      'capabilities_baseline',
      'hostPathVolumes',
      'procMount',
      'seccompProfile_baseline',
    ]);
  });
});

describe('validateChecks', () => {
  const fn = () => ALLOWED;
  const base: PssCheck = { id: 'a', level: 'baseline', versions: [{ minVersion: 'v1.0', check: fn }] };
  test.each<[string, PssCheck[], string]>([
    ['duplicate ids', [base, base], 'multiple checks registered for ID a'],
    ['no versions', [{ ...base, versions: [] }], 'check a: empty'],
    [
      'versions out of order',
      [
        {
          ...base,
          versions: [
            { minVersion: 'v1.2', check: fn },
            { minVersion: 'v1.2', check: fn },
          ],
        },
      ],
      'check a: versions must be strictly increasing',
    ],
    [
      'baseline overrides',
      [{ ...base, versions: [{ minVersion: 'v1.0', check: fn, overrides: ['x'] }] }],
      'check a: only restricted checks may set overrides',
    ],
    [
      'unknown override',
      [
        base,
        { id: 'r', level: 'restricted', versions: [{ minVersion: 'v1.0', check: fn, overrides: ['nope'] }] },
      ],
      'check r: overrides unknown baseline check nope',
    ],
  ])('rejects %s', (_name, checks, message) => {
    expect(() => validateChecks(checks)).toThrow(message);
  });
  test('accepts the shipped checks', () => {
    expect(() => validateChecks(PSS_CHECKS)).not.toThrow();
  });
});

describe('version selection', () => {
  const sysctls = PSS_CHECKS.find((c) => c.id === 'sysctls') as PssCheck;
  test('the newest implementation at or below the version', () => {
    expect(versionedCheckAt(sysctls, 'v1.26')?.minVersion).toBe('v1.0');
    expect(versionedCheckAt(sysctls, 'v1.31')?.minVersion).toBe('v1.29');
    expect(versionedCheckAt(sysctls, 'v1.37')?.minVersion).toBe('v1.37');
    expect(versionedCheckAt(sysctls, 'v1.99')?.minVersion).toBe('v1.37');
  });
  test('none when the check starts later', () => {
    const runAsUser = PSS_CHECKS.find((c) => c.id === 'runAsUser') as PssCheck;
    expect(versionedCheckAt(runAsUser, 'v1.22')).toBeUndefined();
  });
});

describe('evaluatePod', () => {
  const spec = {
    hostNetwork: true,
    containers: [container('main', { privileged: true, capabilities: { add: ['NET_RAW'] } })],
  };
  test('baseline runs baseline checks only, sorted by id', () => {
    expect(evaluatePod('baseline', 'v1.37', {}, spec).map((f) => f.check.id)).toEqual([
      'capabilities_baseline',
      'hostNamespaces',
      'privileged',
    ]);
  });
  test('restricted adds the restricted checks and drops the overridden baseline ones', () => {
    expect(evaluatePod('restricted', 'v1.37', {}, spec).map((f) => f.check.id)).toEqual([
      'hostNamespaces',
      'privileged',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  });
  test('before v1.22 restricted still runs capabilities_baseline', () => {
    expect(evaluatePod('restricted', 'v1.21', {}, spec).map((f) => f.check.id)).toEqual([
      'capabilities_baseline',
      'hostNamespaces',
      'privileged',
      'allowPrivilegeEscalation',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
  });
  test('paths are relative to the object root', () => {
    const [failed] = evaluatePod(
      'baseline',
      'v1.37',
      {},
      { hostPID: true },
      'spec.template.spec',
      'spec.template.metadata',
    );
    expect(failed.result.paths).toEqual(['spec.template.spec.hostPID']);
  });
});
