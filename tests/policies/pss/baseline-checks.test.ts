/**
 * Unit tests of the baseline checks: upstream's exact reason and detail, and the paths of the
 * offending values. Expected texts follow upstream's check_*_test.go tables.
 */
import { container, outcome, runCheck } from './helpers';

const LATEST = 'v1.37';

describe('hostNamespaces', () => {
  test('pass: unset or false', () => {
    expect(outcome(runCheck('hostNamespaces', LATEST, { hostNetwork: false }))).toBe('allowed');
  });
  test('fail: every host namespace, in upstream order', () => {
    expect(
      outcome(runCheck('hostNamespaces', 'v1.0', { hostIPC: true, hostPID: true, hostNetwork: true })),
    ).toEqual({
      reason: 'host namespaces',
      detail: 'hostNetwork=true, hostPID=true, hostIPC=true',
      paths: ['spec.hostNetwork', 'spec.hostPID', 'spec.hostIPC'],
    });
  });
});

describe('privileged', () => {
  test('pass: false or unset', () => {
    const spec = { containers: [container('a', { privileged: false }), container('b')] };
    expect(outcome(runCheck('privileged', LATEST, spec))).toBe('allowed');
  });
  test('fail: init, regular and ephemeral containers are all visited', () => {
    const spec = {
      initContainers: [container('init', { privileged: true })],
      containers: [container('a', { privileged: true }), container('b')],
      ephemeralContainers: [container('debug', { privileged: true })],
    };
    expect(outcome(runCheck('privileged', LATEST, spec))).toEqual({
      reason: 'privileged',
      detail: 'containers "init", "a", "debug" must not set securityContext.privileged=true',
      paths: [
        'spec.initContainers[0].securityContext.privileged',
        'spec.containers[0].securityContext.privileged',
        'spec.ephemeralContainers[0].securityContext.privileged',
      ],
    });
  });
  test('fail: only an ephemeral container is privileged', () => {
    const spec = {
      containers: [container('a')],
      ephemeralContainers: [container('debug', { privileged: true })],
    };
    expect(outcome(runCheck('privileged', LATEST, spec))).toEqual({
      reason: 'privileged',
      detail: 'container "debug" must not set securityContext.privileged=true',
      paths: ['spec.ephemeralContainers[0].securityContext.privileged'],
    });
  });
});

describe('capabilities_baseline', () => {
  test('pass: the default set', () => {
    const spec = {
      containers: [
        container('a', { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE', 'SYS_CHROOT'], drop: ['ALL'] } }),
      ],
    };
    expect(outcome(runCheck('capabilities_baseline', LATEST, spec))).toBe('allowed');
  });
  test('fail: NET_RAW and non-default capabilities, sorted and de-duplicated', () => {
    const spec = {
      containers: [
        container('a', { capabilities: { add: ['NET_RAW', 'CHOWN', 'SYS_ADMIN'] } }),
        container('b', { capabilities: { add: ['NET_RAW'] } }),
      ],
    };
    expect(outcome(runCheck('capabilities_baseline', 'v1.0', spec))).toEqual({
      reason: 'non-default capabilities',
      detail:
        'containers "a", "b" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
      paths: [
        'spec.containers[0].securityContext.capabilities.add[0]',
        'spec.containers[0].securityContext.capabilities.add[2]',
        'spec.containers[1].securityContext.capabilities.add[0]',
      ],
    });
  });
});

describe('hostPathVolumes', () => {
  test('pass: no hostPath (a null hostPath is unset)', () => {
    const spec = {
      volumes: [
        { name: 'a', emptyDir: {} },
        { name: 'b', hostPath: null },
      ],
    };
    expect(outcome(runCheck('hostPathVolumes', LATEST, spec))).toBe('allowed');
  });
  test('fail: hostPath volumes', () => {
    const spec = {
      volumes: [
        { name: 'a', hostPath: { path: '/' } },
        { name: 'b', emptyDir: {} },
        { name: 'c', hostPath: {} },
      ],
    };
    expect(outcome(runCheck('hostPathVolumes', LATEST, spec))).toEqual({
      reason: 'hostPath volumes',
      detail: 'volumes "a", "c"',
      paths: ['spec.volumes[0].hostPath', 'spec.volumes[2].hostPath'],
    });
  });
});

describe('hostPorts', () => {
  test('pass: unset or 0', () => {
    const spec = {
      containers: [
        container('a', undefined, { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] }),
      ],
    };
    expect(outcome(runCheck('hostPorts', LATEST, spec))).toBe('allowed');
  });
  test('fail: one container, one port', () => {
    const spec = {
      containers: [container('a', undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })],
    };
    expect(outcome(runCheck('hostPorts', LATEST, spec))).toEqual({
      reason: 'hostPort',
      detail: 'container "a" uses hostPort 8080',
      paths: ['spec.containers[0].ports[0].hostPort'],
    });
  });
  test('fail: ports are a string set, sorted as strings', () => {
    const spec = {
      initContainers: [container('i', undefined, { ports: [{ hostPort: 9090 }] })],
      containers: [container('a', undefined, { ports: [{ hostPort: 10000 }, { hostPort: 9090 }] })],
    };
    expect(outcome(runCheck('hostPorts', LATEST, spec))).toEqual({
      reason: 'hostPort',
      detail: 'containers "i", "a" use hostPorts 10000, 9090',
      paths: [
        'spec.initContainers[0].ports[0].hostPort',
        'spec.containers[0].ports[0].hostPort',
        'spec.containers[0].ports[1].hostPort',
      ],
    });
  });
});

describe('appArmorProfile', () => {
  test('pass: runtime default and localhost, by field and by annotation', () => {
    const spec = {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [container('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } })],
    };
    const annotations = {
      'container.apparmor.security.beta.kubernetes.io/a': 'localhost/p',
      'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/c': '',
    };
    expect(outcome(runCheck('appArmorProfile', 'v1.0', spec, { annotations }))).toBe('allowed');
  });
  test('fail: unconfined pod field', () => {
    const spec = { securityContext: { appArmorProfile: { type: 'Unconfined' } } };
    expect(outcome(runCheck('appArmorProfile', LATEST, spec))).toEqual({
      reason: 'forbidden AppArmor profile',
      detail: 'pod must not set AppArmor profile type to "Unconfined"',
      paths: ['spec.securityContext.appArmorProfile.type'],
    });
  });
  test('fail: container fields and annotations together, annotations last and sorted', () => {
    const spec = { containers: [container('a', { appArmorProfile: { type: 'Unconfined' } })] };
    const annotations = {
      'container.apparmor.security.beta.kubernetes.io/z': 'unconfined',
      'container.apparmor.security.beta.kubernetes.io/b': 'foo',
    };
    expect(outcome(runCheck('appArmorProfile', 'v1.0', spec, { annotations }))).toEqual({
      reason: 'forbidden AppArmor profiles',
      detail:
        'container "a" and annotations must not set AppArmor profile type to "Unconfined", ' +
        '"container.apparmor.security.beta.kubernetes.io/b="foo"", "container.apparmor.security.beta.kubernetes.io/z="unconfined""',
      paths: [
        'spec.containers[0].securityContext.appArmorProfile.type',
        'metadata.annotations.container.apparmor.security.beta.kubernetes.io/b',
        'metadata.annotations.container.apparmor.security.beta.kubernetes.io/z',
      ],
    });
  });
});

describe('seLinuxOptions', () => {
  test('pass: allowed types, no user or role', () => {
    const spec = {
      securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } },
      containers: [container('a', { seLinuxOptions: { type: 'container_init_t' } })],
    };
    expect(outcome(runCheck('seLinuxOptions', 'v1.0', spec))).toBe('allowed');
  });
  test('container_engine_t is forbidden at v1.30 and allowed from v1.31', () => {
    const spec = { containers: [container('a', { seLinuxOptions: { type: 'container_engine_t' } })] };
    expect(outcome(runCheck('seLinuxOptions', 'v1.30', spec))).toEqual({
      reason: 'seLinuxOptions',
      detail: 'container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
      paths: ['spec.containers[0].securityContext.seLinuxOptions.type'],
    });
    expect(outcome(runCheck('seLinuxOptions', 'v1.31', spec))).toBe('allowed');
  });
  test('fail: type, user and role from pod and containers', () => {
    const spec = {
      securityContext: { seLinuxOptions: { user: 'u', role: 'r' } },
      containers: [
        container('a', { seLinuxOptions: { type: 'spc_t' } }),
        container('b', { seLinuxOptions: { type: 'bad' } }),
      ],
    };
    expect(outcome(runCheck('seLinuxOptions', LATEST, spec))).toEqual({
      reason: 'seLinuxOptions',
      detail:
        'pod and containers "a", "b" set forbidden securityContext.seLinuxOptions: types "bad", "spc_t"; user may not be set; role may not be set',
      paths: [
        'spec.securityContext.seLinuxOptions.user',
        'spec.securityContext.seLinuxOptions.role',
        'spec.containers[0].securityContext.seLinuxOptions.type',
        'spec.containers[1].securityContext.seLinuxOptions.type',
      ],
    });
  });
});

describe('procMount', () => {
  const unmasked = { hostUsers: false, containers: [container('a', { procMount: 'Unmasked' })] };
  test('pass: Default or unset', () => {
    const spec = { containers: [container('a', { procMount: 'Default' }), container('b')] };
    expect(outcome(runCheck('procMount', 'v1.0', spec))).toBe('allowed');
  });
  test('fail: Unmasked, even with hostUsers: false before v1.35', () => {
    expect(outcome(runCheck('procMount', 'v1.34', unmasked))).toEqual({
      reason: 'procMount',
      detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
      paths: ['spec.containers[0].securityContext.procMount'],
    });
  });
  test('hostUsers: false relaxes it from v1.35', () => {
    expect(outcome(runCheck('procMount', 'v1.35', unmasked))).toBe('allowed');
    const hostUsers = { ...unmasked, hostUsers: true };
    expect(runCheck('procMount', 'v1.35', hostUsers).allowed).toBe(false);
  });
});

describe('seccompProfile_baseline', () => {
  const annotated = {
    annotations: {
      'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
      'container.seccomp.security.alpha.kubernetes.io/a': 'runtime/default',
      'container.seccomp.security.alpha.kubernetes.io/b': '',
      'container.seccomp.security.alpha.kubernetes.io/not-a-container': 'unconfined',
    },
  };
  const spec = { containers: [container('a'), container('b')] };
  test('v1.18 judges the alpha annotations of the pod and of visited containers', () => {
    expect(outcome(runCheck('seccompProfile_baseline', 'v1.18', spec, annotated))).toEqual({
      reason: 'seccompProfile',
      detail:
        'forbidden annotations container.seccomp.security.alpha.kubernetes.io/b="", seccomp.security.alpha.kubernetes.io/pod="unconfined"',
      paths: [
        'metadata.annotations.container.seccomp.security.alpha.kubernetes.io/b',
        'metadata.annotations.seccomp.security.alpha.kubernetes.io/pod',
      ],
    });
  });
  test('v1.18 allows runtime/default, docker/default and localhost/*', () => {
    const ok = {
      annotations: {
        'seccomp.security.alpha.kubernetes.io/pod': 'docker/default',
        'container.seccomp.security.alpha.kubernetes.io/a': 'localhost/profile.json',
      },
    };
    expect(outcome(runCheck('seccompProfile_baseline', 'v1.0', spec, ok))).toBe('allowed');
  });
  test('v1.19 ignores the annotations and judges the fields', () => {
    expect(outcome(runCheck('seccompProfile_baseline', 'v1.19', spec, annotated))).toBe('allowed');
    const fields = {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [
        container('a', { seccompProfile: { type: 'Unconfined' } }),
        container('b', { seccompProfile: { type: 'RuntimeDefault' } }),
      ],
    };
    expect(outcome(runCheck('seccompProfile_baseline', 'v1.19', fields))).toEqual({
      reason: 'seccompProfile',
      detail: 'pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined"',
      paths: [
        'spec.securityContext.seccompProfile.type',
        'spec.containers[0].securityContext.seccompProfile.type',
      ],
    });
  });
});

describe('sysctls', () => {
  const spec = (...names: string[]) => ({
    securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) },
  });
  test('pass: the v1.0 safe list', () => {
    expect(
      outcome(
        runCheck('sysctls', 'v1.0', spec('kernel.shm_rmid_forced', 'net.ipv4.ip_unprivileged_port_start')),
      ),
    ).toBe('allowed');
  });
  test('fail: unsafe sysctls in pod order', () => {
    expect(
      outcome(
        runCheck('sysctls', LATEST, spec('net.core.somaxconn', 'kernel.shm_rmid_forced', 'kernel.msgmax')),
      ),
    ).toEqual({
      reason: 'forbidden sysctls',
      detail: 'net.core.somaxconn, kernel.msgmax',
      paths: ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[2].name'],
    });
  });
  test.each([
    ['net.ipv4.ip_local_reserved_ports', 'v1.26', 'v1.27'],
    ['net.ipv4.tcp_keepalive_time', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_fin_timeout', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_keepalive_intvl', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_keepalive_probes', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_rmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_wmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_slow_start_after_idle', 'v1.36', 'v1.37'],
    ['net.ipv4.tcp_notsent_lowat', 'v1.36', 'v1.37'],
  ])('%s is forbidden at %s and safe from %s', (name, before, from) => {
    expect(runCheck('sysctls', before, spec(name)).allowed).toBe(false);
    expect(runCheck('sysctls', from, spec(name)).allowed).toBe(true);
  });
});

describe('windowsHostProcess', () => {
  test('pass: false or unset', () => {
    const spec = {
      securityContext: { windowsOptions: { hostProcess: false } },
      containers: [container('a')],
    };
    expect(outcome(runCheck('windowsHostProcess', LATEST, spec))).toBe('allowed');
  });
  test('fail: pod and containers', () => {
    const spec = {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        container('a', { windowsOptions: { hostProcess: true } }),
        container('b', { windowsOptions: { hostProcess: true } }),
      ],
    };
    expect(outcome(runCheck('windowsHostProcess', 'v1.0', spec))).toEqual({
      reason: 'hostProcess',
      detail: 'pod and containers "a", "b" must not set securityContext.windowsOptions.hostProcess=true',
      paths: [
        'spec.securityContext.windowsOptions.hostProcess',
        'spec.containers[0].securityContext.windowsOptions.hostProcess',
        'spec.containers[1].securityContext.windowsOptions.hostProcess',
      ],
    });
  });
});

describe('hostProbesAndHostLifecycle', () => {
  test('pass: probes without host, or with an empty host', () => {
    const spec = {
      containers: [
        container('a', undefined, {
          livenessProbe: { httpGet: { port: 80, host: '' } },
          readinessProbe: { tcpSocket: { port: 80 } },
        }),
      ],
    };
    expect(outcome(runCheck('hostProbesAndHostLifecycle', 'v1.34', spec))).toBe('allowed');
  });
  test('fail: probe and lifecycle hosts, containers and hosts sorted and de-duplicated', () => {
    const spec = {
      initContainers: [
        container('z', undefined, { startupProbe: { tcpSocket: { port: 1, host: 'b.example' } } }),
      ],
      containers: [
        container('a', undefined, {
          livenessProbe: { httpGet: { port: 80, host: 'a.example' } },
          lifecycle: {
            preStop: { httpGet: { port: 80, host: 'a.example' } },
            postStart: { tcpSocket: { port: 1, host: '10.0.0.1' } },
          },
        }),
      ],
    };
    expect(outcome(runCheck('hostProbesAndHostLifecycle', LATEST, spec))).toEqual({
      reason: 'probe or lifecycle host',
      detail: 'containers "a", "z" use probe or lifecycle hosts "10.0.0.1", "a.example", "b.example"',
      paths: [
        'spec.initContainers[0].startupProbe.tcpSocket.host',
        'spec.containers[0].livenessProbe.httpGet.host',
        'spec.containers[0].lifecycle.postStart.tcpSocket.host',
        'spec.containers[0].lifecycle.preStop.httpGet.host',
      ],
    });
  });
  test("fail: upstream's table case, one container with three probe hosts", () => {
    const spec = {
      containers: [
        container('a', undefined, {
          livenessProbe: { httpGet: { host: '127.0.0.1' } },
          readinessProbe: { tcpSocket: { host: '::1' } },
          startupProbe: { httpGet: { host: 'localhost' } },
        }),
      ],
    };
    const result = runCheck('hostProbesAndHostLifecycle', 'v1.34', spec);
    expect(result.allowed ? '' : result.forbiddenDetail).toBe(
      'container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost"',
    );
  });
  test('has no implementation before v1.34', () => {
    expect(() => runCheck('hostProbesAndHostLifecycle', 'v1.33', {})).toThrow('no implementation at v1.33');
  });
});
