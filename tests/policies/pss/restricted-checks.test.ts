/**
 * Unit tests of the restricted checks: upstream's exact reason and detail, the offending paths,
 * and the version-dependent relaxations (Windows from v1.25, hostUsers: false from v1.35).
 */
import { container, outcome, runCheck } from './helpers';

const LATEST = 'v1.37';
const WINDOWS = { os: { name: 'windows' } };

describe('restrictedVolumes', () => {
  test('pass: core types, and a volume without a source (the API server defaults it to emptyDir)', () => {
    const spec = {
      volumes: [
        { name: 'none' },
        { name: 'e', emptyDir: {} },
        { name: 'c', configMap: { name: 'x' } },
        { name: 's', secret: { secretName: 'x' } },
        { name: 'p', projected: { sources: [] } },
        { name: 'd', downwardAPI: {} },
        { name: 'pvc', persistentVolumeClaim: { claimName: 'x' } },
        { name: 'csi', csi: { driver: 'x' } },
        { name: 'eph', ephemeral: { volumeClaimTemplate: {} } },
        { name: 'img', image: { reference: 'registry.k8s.io/pause' } },
        { name: 'nulled', hostPath: null },
      ],
    };
    expect(outcome(runCheck('restrictedVolumes', 'v1.0', spec))).toBe('allowed');
  });
  test('fail: one restricted volume', () => {
    const spec = {
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 'host', hostPath: { path: '/' } },
      ],
    };
    expect(outcome(runCheck('restrictedVolumes', LATEST, spec))).toEqual({
      reason: 'restricted volume types',
      detail: 'volume "host" uses restricted volume type "hostPath"',
      paths: ['spec.volumes[1].hostPath'],
    });
  });
  test('fail: several volumes, types sorted and de-duplicated', () => {
    const spec = {
      volumes: [
        { name: 'a', nfs: { server: 's', path: '/' } },
        { name: 'b', gitRepo: { repository: 'r' } },
        { name: 'c', nfs: {} },
      ],
    };
    expect(outcome(runCheck('restrictedVolumes', LATEST, spec))).toEqual({
      reason: 'restricted volume types',
      detail: 'volumes "a", "b", "c" use restricted volume types "gitRepo", "nfs"',
      paths: ['spec.volumes[0].nfs', 'spec.volumes[1].gitRepo', 'spec.volumes[2].nfs'],
    });
  });
});

describe('allowPrivilegeEscalation', () => {
  test('pass: false everywhere', () => {
    const spec = {
      initContainers: [container('i', { allowPrivilegeEscalation: false })],
      containers: [container('a', { allowPrivilegeEscalation: false })],
    };
    expect(outcome(runCheck('allowPrivilegeEscalation', 'v1.8', spec))).toBe('allowed');
  });
  test('fail: unset, true, or no securityContext; ephemeral containers included', () => {
    const spec = {
      containers: [
        container('a'),
        container('b', { allowPrivilegeEscalation: true }),
        container('c', { allowPrivilegeEscalation: false }),
      ],
      ephemeralContainers: [container('debug', {})],
    };
    expect(outcome(runCheck('allowPrivilegeEscalation', LATEST, spec))).toEqual({
      reason: 'allowPrivilegeEscalation != false',
      detail: 'containers "a", "b", "debug" must set securityContext.allowPrivilegeEscalation=false',
      paths: [
        'spec.containers[0].securityContext.allowPrivilegeEscalation',
        'spec.containers[1].securityContext.allowPrivilegeEscalation',
        'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
      ],
    });
  });
  test('Windows pods fail at v1.24 and are exempt from v1.25', () => {
    const spec = { ...WINDOWS, containers: [container('a')] };
    expect(runCheck('allowPrivilegeEscalation', 'v1.24', spec).allowed).toBe(false);
    expect(outcome(runCheck('allowPrivilegeEscalation', 'v1.25', spec))).toBe('allowed');
    expect(
      runCheck('allowPrivilegeEscalation', 'v1.25', { os: { name: 'linux' }, containers: [container('a')] })
        .allowed,
    ).toBe(false);
  });
});

describe('runAsNonRoot', () => {
  test('pass: pod-level true covers containers that leave it unset', () => {
    const spec = {
      securityContext: { runAsNonRoot: true },
      containers: [container('a'), container('b', { runAsNonRoot: true })],
    };
    expect(outcome(runCheck('runAsNonRoot', 'v1.0', spec))).toBe('allowed');
  });
  test('pass: every container sets true', () => {
    const spec = {
      containers: [container('a', { runAsNonRoot: true })],
      initContainers: [container('i', { runAsNonRoot: true })],
    };
    expect(outcome(runCheck('runAsNonRoot', 'v1.0', spec))).toBe('allowed');
  });
  test('fail: explicit false wins over missing values', () => {
    const spec = {
      securityContext: { runAsNonRoot: false },
      containers: [container('a', { runAsNonRoot: false }), container('b')],
    };
    expect(outcome(runCheck('runAsNonRoot', LATEST, spec))).toEqual({
      reason: 'runAsNonRoot != true',
      detail: 'pod and container "a" must not set securityContext.runAsNonRoot=false',
      paths: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot'],
    });
  });
  test('fail: unset on pod and containers', () => {
    const spec = {
      containers: [
        container('a'),
        container('b', { runAsNonRoot: true }),
        container('c', { runAsUser: 1000 }),
      ],
    };
    expect(outcome(runCheck('runAsNonRoot', LATEST, spec))).toEqual({
      reason: 'runAsNonRoot != true',
      detail: 'pod or containers "a", "c" must set securityContext.runAsNonRoot=true',
      paths: [
        'spec.containers[0].securityContext.runAsNonRoot',
        'spec.containers[2].securityContext.runAsNonRoot',
      ],
    });
  });
  test('hostUsers: false relaxes it from v1.35 only', () => {
    const spec = { hostUsers: false, securityContext: { runAsNonRoot: false }, containers: [container('a')] };
    expect(runCheck('runAsNonRoot', 'v1.34', spec).allowed).toBe(false);
    expect(outcome(runCheck('runAsNonRoot', 'v1.35', spec))).toBe('allowed');
    expect(runCheck('runAsNonRoot', 'v1.35', { ...spec, hostUsers: true }).allowed).toBe(false);
  });
});

describe('runAsUser', () => {
  test('pass: non-zero or unset', () => {
    const spec = {
      securityContext: { runAsUser: 1000 },
      containers: [container('a'), container('b', { runAsUser: 2000 })],
    };
    expect(outcome(runCheck('runAsUser', 'v1.23', spec))).toBe('allowed');
  });
  test('fail: pod and containers set 0', () => {
    const spec = {
      securityContext: { runAsUser: 0 },
      initContainers: [container('i', { runAsUser: 0 })],
      containers: [container('a', { runAsUser: 0 }), container('b', { runAsUser: 1 })],
    };
    expect(outcome(runCheck('runAsUser', LATEST, spec))).toEqual({
      reason: 'runAsUser=0',
      detail: 'pod and containers "i", "a" must not set runAsUser=0',
      paths: [
        'spec.securityContext.runAsUser',
        'spec.initContainers[0].securityContext.runAsUser',
        'spec.containers[0].securityContext.runAsUser',
      ],
    });
  });
  test('hostUsers: false relaxes it from v1.35 only', () => {
    const spec = { hostUsers: false, containers: [container('a', { runAsUser: 0 })] };
    expect(runCheck('runAsUser', 'v1.34', spec).allowed).toBe(false);
    expect(outcome(runCheck('runAsUser', 'v1.35', spec))).toBe('allowed');
  });
});

describe('seccompProfile_restricted', () => {
  test('pass: pod-level RuntimeDefault; container Localhost', () => {
    const spec = {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        container('a'),
        container('b', { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }),
      ],
    };
    expect(outcome(runCheck('seccompProfile_restricted', 'v1.19', spec))).toBe('allowed');
  });
  test('fail: explicit bad values from pod and containers', () => {
    const spec = {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [container('a', { seccompProfile: { type: 'Unconfined' } }), container('b')],
    };
    expect(outcome(runCheck('seccompProfile_restricted', LATEST, spec))).toEqual({
      reason: 'seccompProfile',
      detail: 'pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"',
      paths: [
        'spec.securityContext.seccompProfile.type',
        'spec.containers[0].securityContext.seccompProfile.type',
      ],
    });
  });
  test('fail: unset on pod and containers', () => {
    const spec = {
      containers: [container('a'), container('b', { seccompProfile: { type: 'RuntimeDefault' } })],
    };
    expect(outcome(runCheck('seccompProfile_restricted', LATEST, spec))).toEqual({
      reason: 'seccompProfile',
      detail:
        'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
      paths: ['spec.containers[0].securityContext.seccompProfile.type'],
    });
  });
  test('Windows pods fail at v1.24 and are exempt from v1.25', () => {
    const spec = { ...WINDOWS, containers: [container('a')] };
    expect(runCheck('seccompProfile_restricted', 'v1.24', spec).allowed).toBe(false);
    expect(outcome(runCheck('seccompProfile_restricted', 'v1.25', spec))).toBe('allowed');
  });
});

describe('capabilities_restricted', () => {
  test('pass: drop ALL, add NET_BIND_SERVICE only', () => {
    const spec = {
      containers: [container('a', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })],
    };
    expect(outcome(runCheck('capabilities_restricted', 'v1.22', spec))).toBe('allowed');
  });
  test('fail: missing drop ALL and forbidden adds, joined with "; "', () => {
    const spec = {
      containers: [
        container('a'),
        container('b', { capabilities: { drop: ['NET_RAW'] } }),
        container('c', { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE', 'CHOWN'] } }),
      ],
    };
    expect(outcome(runCheck('capabilities_restricted', LATEST, spec))).toEqual({
      reason: 'unrestricted capabilities',
      detail:
        'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; ' +
        'container "c" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add',
      paths: [
        'spec.containers[0].securityContext.capabilities.drop',
        'spec.containers[1].securityContext.capabilities.drop',
        'spec.containers[2].securityContext.capabilities.add[0]',
        'spec.containers[2].securityContext.capabilities.add[2]',
      ],
    });
  });
  test('Windows pods fail at v1.24 and are exempt from v1.25', () => {
    const spec = { ...WINDOWS, containers: [container('main')] };
    expect(outcome(runCheck('capabilities_restricted', 'v1.24', spec))).toEqual({
      reason: 'unrestricted capabilities',
      detail: 'container "main" must set securityContext.capabilities.drop=["ALL"]',
      paths: ['spec.containers[0].securityContext.capabilities.drop'],
    });
    expect(outcome(runCheck('capabilities_restricted', 'v1.25', spec))).toBe('allowed');
  });
});

describe('procMount_restricted', () => {
  test('forbids Unmasked even with hostUsers: false', () => {
    const spec = {
      hostUsers: false,
      initContainers: [container('i', { procMount: 'Unmasked' })],
      containers: [container('a', { procMount: 'Default' })],
    };
    expect(outcome(runCheck('procMount_restricted', 'v1.35', spec))).toEqual({
      reason: 'procMount',
      detail: 'container "i" must not set securityContext.procMount to "Unmasked"',
      paths: ['spec.initContainers[0].securityContext.procMount'],
    });
  });
});
