/**
 * Exact paths and messages of the pod-spec rules for host access, privileges and known-dangerous
 * software, branch by branch (the fixtures under tests/fixtures/rules cover pass and fail overall).
 */
import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import type { Rule } from '../../../../policies/rule';
import { containerRuntimeSocket } from '../../../../policies/rules/workload/container-runtime-socket';
import { dangerousCapabilities } from '../../../../policies/rules/workload/dangerous-capabilities';
import { deprecatedServiceAccountField } from '../../../../policies/rules/workload/deprecated-service-account-field';
import { explicitSecurityContext } from '../../../../policies/rules/workload/explicit-security-context';
import { hostAliases } from '../../../../policies/rules/workload/host-aliases';
import { identicalProbes } from '../../../../policies/rules/workload/identical-probes';
import { kubernetesDashboard } from '../../../../policies/rules/workload/kubernetes-dashboard';
import { privilegedPort } from '../../../../policies/rules/workload/privileged-port';
import { sensitiveHostPath } from '../../../../policies/rules/workload/sensitive-host-path';
import { sudoCommand } from '../../../../policies/rules/workload/sudo-command';
import { tiller } from '../../../../policies/rules/workload/tiller';
import { writableHostPath } from '../../../../policies/rules/workload/writable-host-path';
import type { K8sObject } from '../../../../policies/types';

function run(rule: Rule, text: string): { path: string; message: string }[] {
  const objects = parseAllDocuments(text).map((d) => ({
    object: d.toJS() as K8sObject,
    file: 't.yaml',
    line: 1,
  }));
  return evaluate(objects, { rules: [rule] }).findings.map((f) => ({ path: f.path, message: f.message }));
}

/** A Pod around a pod spec written as YAML flow mappings, one per line. */
const pod = (...spec: string[]) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p, namespace: shop}',
    'spec:',
    ...spec.map((l) => `  ${l}`),
  ].join('\n');

/** A Pod whose only container has `fields` (a flow mapping's inner text). */
const container = (fields: string) => pod(`containers: [{name: app, image: "app:1.0", ${fields}}]`);

describe('workload.container-runtime-socket', () => {
  test('a socket, a directory above one, and a runtime directory are worded apart', () => {
    const text = pod(
      'containers: [{name: app, image: "app:1.0"}]',
      'volumes:',
      '  - {name: a, hostPath: {path: /var/run/docker.sock}}',
      '  - {name: b, hostPath: {path: /run}}',
      '  - {name: c, hostPath: {path: /var/run/containerd/io.containerd.runtime.v2.task}}',
      '  - {name: d, hostPath: {path: /var/log}}',
      '  - {name: e, emptyDir: {}}',
    );
    expect(run(containerRuntimeSocket, text)).toEqual([
      {
        path: 'spec.volumes[0].hostPath.path',
        message: 'hostPath volume "a" mounts the container runtime socket "/var/run/docker.sock"',
      },
      {
        path: 'spec.volumes[1].hostPath.path',
        message:
          'hostPath volume "b" mounts "/run", which holds the container runtime socket "/run/docker.sock"',
      },
      {
        path: 'spec.volumes[2].hostPath.path',
        message:
          'hostPath volume "c" mounts "/var/run/containerd/io.containerd.runtime.v2.task", inside the container runtime directory "/var/run/containerd"',
      },
    ]);
  });
});

describe('workload.sensitive-host-path', () => {
  test('root, a location, inside one, above one', () => {
    const text = pod(
      'containers: [{name: app, image: "app:1.0"}]',
      'volumes:',
      '  - {name: root, hostPath: {path: /}}',
      '  - {name: boot, hostPath: {path: /boot/}}',
      '  - {name: kube, hostPath: {path: //etc/kubernetes/pki}}',
      '  - {name: lib, hostPath: {path: /var/lib}}',
      '  - {name: etcetera, hostPath: {path: /etcetera}}',
    );
    expect(run(sensitiveHostPath, text)).toEqual([
      {
        path: 'spec.volumes[0].hostPath.path',
        message: `hostPath volume "root" mounts "/": the host's root filesystem`,
      },
      {
        path: 'spec.volumes[1].hostPath.path',
        message: `hostPath volume "boot" mounts "/boot/": the host's kernel and boot loader`,
      },
      {
        path: 'spec.volumes[2].hostPath.path',
        message: `hostPath volume "kube" mounts "//etc/kubernetes/pki", inside "/etc/kubernetes": the node's Kubernetes credentials and cloud-provider configuration (such as azure.json)`,
      },
      {
        path: 'spec.volumes[3].hostPath.path',
        message: `hostPath volume "lib" mounts "/var/lib", which contains "/var/lib/kubelet": the kubelet's state, including every pod's Secrets and service account tokens`,
      },
    ]);
  });
});

describe('workload.writable-host-path', () => {
  test('every container list; read-only, non-hostPath and unknown volumes pass', () => {
    const text = pod(
      'initContainers: [{name: init, image: "app:1.0", volumeMounts: [{name: host, mountPath: /h, readOnly: true}]}]',
      'containers: [{name: app, image: "app:1.0", volumeMounts: [{name: scratch, mountPath: /s}, {name: host, mountPath: /h, readOnly: false}, {name: ghost, mountPath: /g}]}]',
      'ephemeralContainers: [{name: debug, image: "busybox:1.36", volumeMounts: [{name: host, mountPath: /host}]}]',
      'volumes: [{name: host, hostPath: {path: /srv/data}}, {name: scratch, emptyDir: {}}]',
    );
    expect(run(writableHostPath, text)).toEqual([
      {
        path: 'spec.containers[0].volumeMounts[1].readOnly',
        message: 'container "app" mounts hostPath volume "host" writable at "/h"',
      },
      {
        path: 'spec.ephemeralContainers[0].volumeMounts[0].readOnly',
        message: 'container "debug" mounts hostPath volume "host" writable at "/host"',
      },
    ]);
  });
});

describe('workload.dangerous-capabilities', () => {
  test('one finding per entry, naming the spelling and the capability', () => {
    expect(
      run(
        dangerousCapabilities,
        container('securityContext: {capabilities: {add: [CHOWN, SYS_BOOT, cap_bpf]}}'),
      ),
    ).toEqual([
      {
        path: 'spec.containers[0].securityContext.capabilities.add[1]',
        message: 'container "app" adds capability "SYS_BOOT": rebooting the node',
      },
      {
        path: 'spec.containers[0].securityContext.capabilities.add[2]',
        message: 'container "app" adds capability "cap_bpf" (BPF): loading eBPF programs into the kernel',
      },
    ]);
  });
});

describe('workload.sudo-command', () => {
  test('the finding points at the argument', () => {
    expect(run(sudoCommand, container('command: [tini, --], args: [sudo, -u, app, run]'))).toEqual([
      { path: 'spec.containers[0].args[0]', message: 'container "app" runs sudo in args[0]' },
    ]);
  });
});

describe('workload.tiller', () => {
  const tillerWith = (args: string) =>
    run(
      tiller,
      pod(`containers: [{name: tiller, image: "gcr.io/kubernetes-helm/tiller:v2.16.12", args: ${args}}]`),
    );
  const flagged = [
    {
      path: 'spec.containers[0].image',
      message:
        'container "tiller" runs Helm v2 Tiller ("gcr.io/kubernetes-helm/tiller:v2.16.12") listening beyond localhost',
    },
  ];

  test.each([
    ['[--listen=localhost:44134]', []],
    ['[-listen=127.0.0.1:44134]', []],
    ['["--listen=[::1]:44134"]', []],
    ['[--listen=127.1.2.3:1, --listen=localhost:44134]', []],
    ['[]', flagged],
    ['[--listen=:44134]', flagged],
    ['[--listen=localhost]', flagged],
    ['[--listen, localhost:44134]', flagged],
    ['[--listen=localhost:44134, --listen=10.0.0.1:44134]', flagged],
    ['[--listen=localhost.example.com:44134]', flagged],
  ])('args %s', (args, expected) => {
    expect(tillerWith(args)).toEqual(expected);
  });
});

describe('workload.deprecated-service-account-field', () => {
  test.each([
    [
      'serviceAccount: build',
      'pod names its service account "build" with the deprecated serviceAccount field',
    ],
    [
      'serviceAccount: build\n  serviceAccountName: ""',
      'pod names its service account "build" with the deprecated serviceAccount field',
    ],
    [
      'serviceAccount: admin\n  serviceAccountName: build',
      'pod sets the deprecated serviceAccount "admin", which serviceAccountName "build" overrides',
    ],
  ])('%j', (fields, message) => {
    expect(
      run(deprecatedServiceAccountField, pod(fields, 'containers: [{name: app, image: "app:1.0"}]')),
    ).toEqual([{ path: 'spec.serviceAccount', message }]);
  });

  test('the pair the API server writes on read, and an empty alias, pass', () => {
    for (const fields of ['serviceAccount: build\n  serviceAccountName: build', 'serviceAccount: ""'])
      expect(
        run(deprecatedServiceAccountField, pod(fields, 'containers: [{name: app, image: "app:1.0"}]')),
      ).toEqual([]);
  });
});

describe('workload.identical-probes', () => {
  test('defaults count as spelled out; startup probes and sidecar init containers are judged as they run', () => {
    const text = pod(
      'initContainers:',
      '  - {name: proxy, image: "proxy:1.0", restartPolicy: Always, readinessProbe: {tcpSocket: {port: 15000}}, livenessProbe: {tcpSocket: {port: 15000}, successThreshold: 1}}',
      'containers:',
      '  - {name: app, image: "app:1.0", readinessProbe: {httpGet: {port: 8080}}, livenessProbe: {httpGet: {port: 8080}, initialDelaySeconds: 10}}',
      '  - {name: web, image: "web:1.0", startupProbe: {httpGet: {path: /, port: 80}}, livenessProbe: {httpGet: {path: /, port: 80}}}',
    );
    expect(run(identicalProbes, text)).toEqual([
      {
        path: 'spec.initContainers[0].livenessProbe',
        message: 'container "proxy" has a liveness probe identical to its readiness probe',
      },
    ]);
  });

  test('ports are compared as the kubelet resolves them: a port name is its number', () => {
    const text = pod(
      'containers:',
      '  - {name: app, image: "app:1.0", ports: [{name: http, containerPort: 8080}], readinessProbe: {tcpSocket: {port: http}}, livenessProbe: {tcpSocket: {port: 8080}}}',
      '  - {name: web, image: "web:1.0", ports: [{name: http, containerPort: 80}], readinessProbe: {httpGet: {port: http}}, livenessProbe: {httpGet: {port: 8080}}}',
    );
    expect(run(identicalProbes, text)).toEqual([
      {
        path: 'spec.containers[0].livenessProbe',
        message: 'container "app" has a liveness probe identical to its readiness probe',
      },
    ]);
  });
});

describe('small advisory rules', () => {
  test('workload.host-aliases: one entry', () => {
    expect(
      run(
        hostAliases,
        pod('hostAliases: [{ip: 10.0.0.1, hostnames: [db]}]', 'containers: [{name: app, image: "a:1"}]'),
      ),
    ).toEqual([{ path: 'spec.hostAliases', message: 'pod adds an entry to /etc/hosts: "10.0.0.1 db"' }]);
  });

  test('workload.explicit-security-context: an empty pod context', () => {
    expect(
      run(
        explicitSecurityContext,
        pod(
          'securityContext: {}',
          'containers: [{name: app, image: "a:1", securityContext: {privileged: false}}]',
        ),
      ),
    ).toEqual([{ path: 'spec.securityContext', message: 'pod has an empty securityContext' }]);
  });

  test('workload.privileged-port: only numeric ports from 1 to 1023', () => {
    expect(
      run(
        privilegedPort,
        container(
          'ports: [{containerPort: 0}, {containerPort: 1023}, {containerPort: 1024}, {containerPort: "80"}]',
        ),
      ),
    ).toEqual([
      {
        path: 'spec.containers[0].ports[1].containerPort',
        message: 'container "app" listens on port 1023, below 1024',
      },
    ]);
  });

  test('workload.kubernetes-dashboard: a Pod label is reported once', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: d, namespace: kube-system, labels: {k8s-app: kubernetes-dashboard}}',
      'spec: {containers: [{name: ui, image: "example/ui:1"}]}',
    ].join('\n');
    expect(run(kubernetesDashboard, text)).toEqual([
      { path: 'metadata.labels.k8s-app', message: 'object is labelled k8s-app="kubernetes-dashboard"' },
    ]);
  });
});
