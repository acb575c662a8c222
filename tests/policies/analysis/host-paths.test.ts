import fc from 'fast-check';
import { lit } from '../../../policies/admission/cel';
import { compile } from '../../../policies/admission/offline';
import {
  normalizedPath,
  pathSegments,
  RUNTIME_SOCKET_PATTERN,
  runtimeSocketExposure,
  SENSITIVE_PATH_PATTERN,
  sensitiveExposure,
} from '../../../policies/analysis/host-paths';

describe('pathSegments', () => {
  test.each([
    ['/', []],
    ['', []],
    ['/./', []],
    ['//var//run/./docker.sock/', ['var', 'run', 'docker.sock']],
    ['var/run', ['var', 'run']],
    ['/var/lib/kubelet/../../etc', ['var', 'lib', 'kubelet', '..', '..', 'etc']],
  ])('%j', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments);
  });

  test('normalizedPath', () => {
    expect(normalizedPath('//etc/./kubernetes/')).toBe('/etc/kubernetes');
    expect(normalizedPath('/')).toBe('/');
  });
});

describe('runtimeSocketExposure', () => {
  test.each([
    ['/var/run/docker.sock', { kind: 'socket', socket: '/var/run/docker.sock' }],
    ['/var/run//docker.sock/', { kind: 'socket', socket: '/var/run/docker.sock' }],
    ['/run/containerd/containerd.sock', { kind: 'socket', socket: '/run/containerd/containerd.sock' }],
    ['/opt/docker/docker.sock', { kind: 'socket', socket: '/opt/docker/docker.sock' }],
    [
      '/run/containerd/containerd.sock.ttrpc',
      { kind: 'socket', socket: '/run/containerd/containerd.sock.ttrpc' },
    ],
    ['/run/containerd', { kind: 'inside', directory: '/run/containerd' }],
    ['/var/run/crio/', { kind: 'inside', directory: '/var/run/crio' }],
    ['/run/containerd/io.containerd.runtime.v2.task', { kind: 'inside', directory: '/run/containerd' }],
    ['/var/run', { kind: 'contains', socket: '/var/run/docker.sock' }],
    ['/run', { kind: 'contains', socket: '/run/docker.sock' }],
    ['/var', { kind: 'contains', socket: '/var/run/docker.sock' }],
    ['/', { kind: 'contains', socket: '/run/docker.sock' }],
    ['/run/k3s', { kind: 'contains', socket: '/run/k3s/containerd/containerd.sock' }],
  ])('%s', (path, exposure) => {
    expect(runtimeSocketExposure(path)).toEqual(exposure);
  });

  test.each([
    '/run/xtables.lock',
    '/var/runner',
    '/run/containerd-shim',
    '/var/log',
    '/srv/docker.sock.bak',
    '/run/dockerd',
    '/var/lib/docker',
  ])('%s is not a runtime socket', (path) => {
    expect(runtimeSocketExposure(path)).toBeUndefined();
  });
});

describe('sensitiveExposure', () => {
  test.each([
    ['/', { relation: 'root', location: '/', kbp: 'HOST-007' }],
    ['//./', { relation: 'root', location: '/', kbp: 'HOST-007' }],
    ['/etc', { relation: 'at', location: '/etc', kbp: 'HOST-007' }],
    ['/etc/', { relation: 'at', location: '/etc', kbp: 'HOST-007' }],
    ['/etc/ssl/certs', { relation: 'inside', location: '/etc', kbp: 'HOST-007' }],
    ['/etc/kubernetes/azure.json', { relation: 'inside', location: '/etc/kubernetes', kbp: 'HOST-008' }],
    ['/var/lib/kubelet/pods', { relation: 'inside', location: '/var/lib/kubelet', kbp: 'HOST-007' }],
    ['/var/lib', { relation: 'contains', location: '/var/lib/kubelet', kbp: 'HOST-007' }],
    ['/var', { relation: 'contains', location: '/var/lib/kubelet', kbp: 'HOST-007' }],
    ['/home', { relation: 'contains', location: '/home/*', kbp: 'HOST-008' }],
    ['/home/alice', { relation: 'contains', location: '/home/*', kbp: 'HOST-008' }],
    ['/home/alice/.aws', { relation: 'at', location: '/home/alice/.aws', kbp: 'HOST-008' }],
    ['/home/alice/.aws/credentials', { relation: 'inside', location: '/home/alice/.aws', kbp: 'HOST-008' }],
    ['/root/.config/gcloud', { relation: 'at', location: '/root/.config/gcloud', kbp: 'HOST-008' }],
    ['/srv/ci/.docker/config.json', { relation: 'inside', location: '/srv/ci/.docker', kbp: 'HOST-008' }],
    ['/root', { relation: 'at', location: '/root', kbp: 'HOST-008' }],
  ])('%s', (path, expected) => {
    expect(sensitiveExposure(path)).toMatchObject(expected);
  });

  test.each([
    '/etcetera',
    '/etc-backup/x',
    '/devices',
    '/usrlocal',
    '/var/log',
    '/var/lib/kubelet-plugins',
    '/home/alice/projects',
    '/srv/.awsome',
    '/srv/.config',
    '/opt',
    '/data',
    '/tmp',
  ])('%s is not sensitive', (path) => {
    expect(sensitiveExposure(path)).toBeUndefined();
  });
});

describe('the guards decide as the rules do', () => {
  const SEGMENTS = [
    'var',
    'run',
    'lib',
    'kubelet',
    'etc',
    'etcetera',
    'kubernetes',
    'azure.json',
    'docker.sock',
    'containerd',
    'containerd.sock',
    'crio',
    'k3s',
    'home',
    'alice',
    '.aws',
    '.config',
    'gcloud',
    'root',
    'proc',
    'usr',
    'opt',
    'log',
    '..',
    '...',
    '.x',
    'dev',
    'sys',
    'snap',
    'microk8s',
  ];
  const SEPARATORS = ['/', '/', '/', '//', '/./', '/.//'];
  const path = fc
    .tuple(
      fc.constantFrom('/', '', '//', './', '/./'),
      fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 5 }),
      fc.array(fc.constantFrom(...SEPARATORS), { minLength: 5, maxLength: 5 }),
      fc.constantFrom('', '/', '//', '/.', '/./'),
    )
    .map(([lead, segments, separators, tail]) =>
      segments.length === 0
        ? lead
        : lead + segments.map((s, i) => (i === 0 ? s : separators[i] + s)).join('') + tail,
    );

  const EXAMPLES = [
    '/var/run/docker.sock',
    '/var/run/./docker.sock',
    '/run/containerd',
    '/run/k3s',
    '/var/snap/microk8s',
    '/opt/docker/docker.sock',
    '/srv/docker.sock.bak',
    '/etc/kubernetes/azure.json',
    '/etcetera',
    '/home',
    '/home/alice',
    '/home/alice/.aws/credentials',
    '/home/alice/projects',
    '/root/.config/gcloud',
    '/srv/.config',
    '/var/lib/kubelet-plugins',
    '/var/lib',
    '/',
    '',
    '.',
    'etc',
    'var/run',
    '/a\nb/.aws',
    '/ .aws',
  ];
  const RULES: [string, string, (p: string) => boolean][] = [
    ['runtime sockets', RUNTIME_SOCKET_PATTERN, (p: string) => runtimeSocketExposure(p) !== undefined],
    ['sensitive paths', SENSITIVE_PATH_PATTERN, (p: string) => sensitiveExposure(p) !== undefined],
  ];

  test.each(RULES)(
    '%s: the pattern agrees with the rule function on the examples',
    (_what, pattern, rule) => {
      const regex = new RegExp(pattern);
      const cel = compile(`(p + '/').matches(${lit(pattern)})`);
      for (const p of EXAMPLES) {
        expect([p, regex.test(`${p}/`)]).toEqual([p, rule(p)]);
        expect([p, cel({ p })]).toEqual([p, rule(p)]);
      }
    },
  );

  test.each([
    ['runtime sockets', RUNTIME_SOCKET_PATTERN, (p: string) => runtimeSocketExposure(p) !== undefined],
    ['sensitive paths', SENSITIVE_PATH_PATTERN, (p: string) => sensitiveExposure(p) !== undefined],
  ])('%s: the JavaScript and CEL matches of the pattern equal the rule function', (_what, pattern, rule) => {
    const regex = new RegExp(pattern);
    const cel = compile(`(p + '/').matches(${lit(pattern)})`);
    fc.assert(
      fc.property(path, (p) => {
        const expected = rule(p);
        expect(regex.test(`${p}/`)).toBe(expected);
        expect(cel({ p })).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
