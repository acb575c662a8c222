import { Peer, SecureApp, SecureNamespace, WorkloadKind } from '../../constructs';
import { evaluate } from '../../policies/engine';
import { statefulsetServiceName } from '../../policies/rules/workload/statefulset-service-name';
import { find, objectsOf, testPlatform } from '../helpers/chart';

const IMAGE = 'registry.example.com/shop/orders:1.0.0@sha256:' + 'a'.repeat(64);

function build(props: Partial<ConstructorParameters<typeof SecureApp>[2]> = {}, settings = {}) {
  const platform = testPlatform(settings);
  const ns = new SecureNamespace(platform, 'shop');
  const app = new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080], ...props });
  return { platform, ns, app, objects: () => objectsOf(platform) };
}

describe('SecureApp', () => {
  test('snapshot: a Deployment with defaults', () => {
    expect(build().objects()).toMatchSnapshot();
  });

  test.each([WorkloadKind.STATEFUL_SET, WorkloadKind.JOB, WorkloadKind.CRON_JOB])('snapshot: %s', (kind) => {
    const isJob = kind === WorkloadKind.JOB || kind === WorkloadKind.CRON_JOB;
    const props = {
      kind,
      ports: isJob ? [] : [8080],
      schedule: kind === WorkloadKind.CRON_JOB ? '0 3 * * *' : undefined,
      storage: kind === WorkloadKind.STATEFUL_SET ? { size: '1Gi', mountPath: '/data' } : undefined,
    };
    expect(build(props).objects()).toMatchSnapshot();
  });

  test('pod and container security contexts are restricted with a non-root UID/GID >= 10000', () => {
    const spec = find(build().objects(), 'Deployment', 'orders').spec.template.spec;
    expect(spec.securityContext).toEqual({
      fsGroup: 10001,
      fsGroupChangePolicy: 'OnRootMismatch',
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('declared writable paths become emptyDir mounts; /tmp by default', () => {
    const spec = find(
      build({ writablePaths: ['/tmp', '/var/cache/nginx'] }).objects(),
      'Deployment',
      'orders',
    ).spec.template.spec;
    expect(spec.volumes).toEqual([
      { emptyDir: { sizeLimit: '64Mi' }, name: 'writable-tmp' },
      { emptyDir: { sizeLimit: '64Mi' }, name: 'writable-var-cache-nginx' },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { mountPath: '/tmp', name: 'writable-tmp' },
      { mountPath: '/var/cache/nginx', name: 'writable-var-cache-nginx' },
    ]);
  });

  test('requests cpu, memory and ephemeral storage and limits all three by default; cpu limit only when the profile sets one', () => {
    const c = find(build().objects(), 'Deployment', 'orders').spec.template.spec.containers[0];
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
    const noCpuLimit = build({
      resources: {
        cpuRequest: '1',
        memoryRequest: '1Gi',
        memoryLimit: '1Gi',
        ephemeralStorageRequest: '1Gi',
        ephemeralStorageLimit: '1Gi',
      },
    });
    const limits = find(noCpuLimit.objects(), 'Deployment', 'orders').spec.template.spec.containers[0]
      .resources.limits;
    expect(Object.keys(limits).sort()).toEqual(['ephemeral-storage', 'memory']);
  });

  test('long-running apps get readiness and liveness probes; jobs get none', () => {
    const c = find(build({ readiness: { httpPath: '/ready' } }).objects(), 'Deployment', 'orders').spec
      .template.spec.containers[0];
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080 });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/ready', port: 8080 });
    // The same check, twice as tolerant: a busy pod leaves rotation before it is restarted.
    expect(c.readinessProbe.failureThreshold).toBe(3);
    expect(c.livenessProbe.failureThreshold).toBe(6);
    const job = find(build({ kind: WorkloadKind.JOB, ports: [] }).objects(), 'Job', 'orders').spec.template
      .spec.containers[0];
    expect(job.readinessProbe).toBeUndefined();
    expect(job.livenessProbe).toBeUndefined();
  });

  test('runs as its own ServiceAccount and mounts no token without API access', () => {
    const objects = build().objects();
    const spec = find(objects, 'Deployment', 'orders').spec.template.spec;
    expect(spec.serviceAccountName).toBe('orders');
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(find(objects, 'ServiceAccount', 'orders', 'shop').automountServiceAccountToken).toBe(false);
    expect(objects.some((o) => o.kind === 'Role' || o.kind === 'RoleBinding')).toBe(false);
  });

  test('API access emits a Role and RoleBinding, mounts the token and opens egress to the API server only', () => {
    const objects = build({
      apiAccess: [{ resources: ['configmaps'], verbs: ['watch', 'get', 'list'] }],
    }).objects();
    expect(find(objects, 'Role', 'orders', 'shop').rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(find(objects, 'RoleBinding', 'orders', 'shop').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'orders', namespace: 'shop' },
    ]);
    expect(find(objects, 'Deployment', 'orders').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(find(objects, 'NetworkPolicy', 'orders', 'shop').spec.egress).toEqual([
      { ports: [{ port: 6443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '10.0.0.1/32' } }] },
    ]);
  });

  test('cluster-wide access with a justification emits a ClusterRole carrying the justification', () => {
    const objects = build({
      clusterApiAccess: {
        rules: [{ resources: ['namespaces'], verbs: ['list'] }],
        justification: 'lists namespaces to discover tenants',
      },
    }).objects();
    const role = find(objects, 'ClusterRole', 'shop-orders');
    expect(role.metadata.annotations['bulwark.dev/justification']).toBe(
      'lists namespaces to discover tenants',
    );
    expect(find(objects, 'ClusterRoleBinding', 'shop-orders').roleRef.name).toBe('shop-orders');
  });

  test('replicas > 1: PodDisruptionBudget and topology spread; none for a single replica', () => {
    const many = build({ replicas: 3 }).objects();
    expect(find(many, 'PodDisruptionBudget', 'orders', 'shop').spec).toEqual({
      maxUnavailable: 1,
      selector: {
        matchLabels: { 'app.kubernetes.io/instance': 'shop-orders', 'app.kubernetes.io/name': 'orders' },
      },
    });
    const spread = find(many, 'Deployment', 'orders').spec.template.spec.topologySpreadConstraints;
    expect(spread.map((s: { topologyKey: string }) => s.topologyKey)).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
    const one = build({ replicas: 1 }).objects();
    expect(one.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
    expect(find(one, 'Deployment', 'orders').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('carries the app.kubernetes.io labels on every object it emits', () => {
    const objects = build({ replicas: 2 })
      .objects()
      .filter((o) => o.metadata?.name === 'orders');
    expect(objects.length).toBeGreaterThanOrEqual(5);
    for (const o of objects) {
      expect(Object.keys(o.metadata?.labels ?? {}).sort()).toEqual([
        'app.kubernetes.io/component',
        'app.kubernetes.io/instance',
        'app.kubernetes.io/managed-by',
        'app.kubernetes.io/name',
        'app.kubernetes.io/part-of',
      ]);
    }
  });

  test('a StatefulSet without ports still gets the headless Service its serviceName names', () => {
    const objects = build({
      kind: WorkloadKind.STATEFUL_SET,
      ports: [],
      readiness: { command: ['/bin/check'] },
    }).objects();
    expect(find(objects, 'StatefulSet', 'orders').spec.serviceName).toBe('orders');
    expect(find(objects, 'Service', 'orders', 'shop').spec).toEqual({
      clusterIP: 'None',
      selector: { 'app.kubernetes.io/instance': 'shop-orders', 'app.kubernetes.io/name': 'orders' },
      type: 'ClusterIP',
    });
    const sources = objects.map((object, i) => ({ object, file: 'app', line: i + 1 }));
    const findings = evaluate(sources, { rules: [statefulsetServiceName] }).findings;
    expect(findings).toEqual([]);
  });

  test('a digest-pinned image is pulled IfNotPresent, a tag-only one Always', () => {
    expect(
      find(build().objects(), 'Deployment', 'orders').spec.template.spec.containers[0].imagePullPolicy,
    ).toBe('IfNotPresent');
    const tagged = build({ image: 'registry.example.com/shop/orders:1.0.0' });
    expect(
      find(tagged.objects(), 'Deployment', 'orders').spec.template.spec.containers[0].imagePullPolicy,
    ).toBe('Always');
  });

  describe('connections', () => {
    test('allowFrom(app, port) opens ingress on the callee and egress on the caller, for exactly that port', () => {
      const platform = testPlatform();
      const shop = new SecureNamespace(platform, 'shop');
      const front = new SecureNamespace(platform, 'front');
      const orders = new SecureApp(shop, 'orders', { image: IMAGE, ports: [8080, 9090] });
      const web = new SecureApp(front, 'web', { image: IMAGE, ports: [8080] });
      orders.allowFrom(web, 8080);
      const objects = objectsOf(platform);
      const webPeer = {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } },
        podSelector: {
          matchLabels: { 'app.kubernetes.io/instance': 'front-web', 'app.kubernetes.io/name': 'web' },
        },
      };
      const ordersPeer = {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
        podSelector: {
          matchLabels: { 'app.kubernetes.io/instance': 'shop-orders', 'app.kubernetes.io/name': 'orders' },
        },
      };
      expect(find(objects, 'NetworkPolicy', 'orders', 'shop').spec.ingress).toEqual([
        { from: [webPeer], ports: [{ port: 8080, protocol: 'TCP' }] },
      ]);
      expect(find(objects, 'NetworkPolicy', 'orders', 'shop').spec.egress).toBeUndefined();
      expect(find(objects, 'NetworkPolicy', 'web', 'front').spec.egress).toEqual([
        { to: [ordersPeer], ports: [{ port: 8080, protocol: 'TCP' }] },
      ]);
      expect(find(objects, 'NetworkPolicy', 'web', 'front').spec.ingress).toBeUndefined();
    });

    test('allowTo and allowFrom of the same flow are the same flow, emitted once', () => {
      const { platform, ns, app } = build();
      const caller = new SecureApp(ns, 'caller', { image: IMAGE, ports: [8080] });
      app.allowFrom(caller, 8080);
      caller.allowTo(app, 8080);
      expect(find(objectsOf(platform), 'NetworkPolicy', 'orders', 'shop').spec.ingress).toHaveLength(1);
    });

    test('string targets resolve to declared apps at synthesis', () => {
      const { platform, ns } = build();
      const caller = new SecureApp(ns, 'caller', { image: IMAGE, ports: [8080] });
      caller.allowTo('shop/orders', 8080);
      expect(find(objectsOf(platform), 'NetworkPolicy', 'orders', 'shop').spec.ingress).toHaveLength(1);
    });

    test('ingress from an ingress controller never writes a policy into its namespace', () => {
      const { app, objects } = build();
      app.allowFrom(Peer.ingressController(), 8080);
      const all = objects();
      expect(all.filter((o) => o.metadata?.namespace === 'ingress-nginx')).toEqual([]);
      expect(
        find(all, 'NetworkPolicy', 'orders', 'shop').spec.ingress[0].from[0].namespaceSelector.matchLabels,
      ).toEqual({
        'kubernetes.io/metadata.name': 'ingress-nginx',
      });
    });

    test('egress to a named CIDR on one port', () => {
      const { app, objects } = build();
      app.allowToCidr('payments', '203.0.113.0/24', 443);
      expect(find(objects(), 'NetworkPolicy', 'orders', 'shop').spec.egress).toEqual([
        { ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] },
      ]);
    });
  });
});
