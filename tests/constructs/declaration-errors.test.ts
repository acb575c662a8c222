/**
 * Every invalid declaration is rejected at construction with the construct path, the field and
 * what to do. Messages are asserted exactly: they are the user interface.
 */
import { Peer, SecureApp, SecureNamespace, WorkloadKind, type SecureAppProps } from '../../constructs';
import { objectsOf, testPlatform } from '../helpers/chart';

const DIGEST = 'sha256:' + 'b'.repeat(64);
const IMAGE = `registry.example.com/shop/orders:1.0.0@${DIGEST}`;

function declare(props: Partial<SecureAppProps>, settings = {}, name = 'orders'): () => SecureApp {
  return () => {
    const ns = new SecureNamespace(testPlatform(settings), 'shop');
    return new SecureApp(ns, name, { image: IMAGE, ports: [8080], ...props });
  };
}

/** Asserts the exact message (jest's toThrow(string) would accept a substring). */
function expectError(act: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).message).toBe(message);
}

describe('invalid declarations', () => {
  test.each<[string, () => unknown, string]>([
    [
      'port out of range',
      declare({ ports: [70000] }),
      "SecureApp 'shop/orders': ports[0] 70000 is out of range (1-65535).",
    ],
    [
      'invalid DNS-1123 app name',
      declare({}, {}, 'Orders_API'),
      "SecureApp 'shop/Orders_API': name 'Orders_API' is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters).",
    ],
    [
      'image without tag or digest',
      declare({ image: 'registry.example.com/shop/orders' }),
      "SecureApp 'shop/orders': image 'registry.example.com/shop/orders' has neither a tag nor a digest. Pin it, e.g. 'registry.example.com/shop/orders:1.2.3@sha256:<digest>'.",
    ],
    [
      'missing digest where the environment requires one',
      declare({ image: 'registry.example.com/shop/orders:1.0.0' }, { requireImageDigests: true }),
      "SecureApp 'shop/orders': image 'registry.example.com/shop/orders:1.0.0' is not pinned by digest, which this environment requires. Append '@sha256:<digest>'.",
    ],
    [
      'the latest tag',
      declare({ image: 'nginx:latest' }),
      "SecureApp 'shop/orders': image 'nginx:latest' uses the mutable tag 'latest'. Use a versioned tag and a digest.",
    ],
    [
      'negative replicas',
      declare({ replicas: -1 }),
      "SecureApp 'shop/orders': replicas -1 must be a whole number >= 0.",
    ],
    [
      'replicas below the environment minimum',
      declare({ replicas: 1 }, { minDeploymentReplicas: 2, defaultReplicas: 2 }),
      "SecureApp 'shop/orders': replicas 1 is below this environment's minimum of 2 for Deployments.",
    ],
    [
      'wildcard API access',
      declare({ apiAccess: [{ resources: ['*'], verbs: ['get'] }] }),
      "SecureApp 'shop/orders': apiAccess[0].resources '*' is a wildcard. Name each resource.",
    ],
    [
      'escalate verb',
      declare({
        apiAccess: [{ apiGroup: 'rbac.authorization.k8s.io', resources: ['roles'], verbs: ['escalate'] }],
      }),
      "SecureApp 'shop/orders': apiAccess[0].verbs 'escalate' allows privilege escalation and is not allowed.",
    ],
    [
      'API access an error-severity RBAC rule reports (here: ephemeral containers)',
      declare({ apiAccess: [{ resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }] }),
      'SecureApp \'shop/orders\': apiAccess[0] grants "patch" on "pods/ephemeralcontainers", which rule rbac.ephemeral-containers forbids. Remove update and patch on pods/ephemeralcontainers; use break-glass access with audit for debugging.',
    ],
    [
      'cluster-wide API access an error-severity RBAC rule reports (here: admission webhooks)',
      declare({
        clusterApiAccess: {
          rules: [
            {
              apiGroup: 'admissionregistration.k8s.io',
              resources: ['mutatingwebhookconfigurations'],
              verbs: ['update'],
            },
          ],
          justification: 'rotates the CA bundle of its own webhook',
        },
      }),
      'SecureApp \'shop/orders\': clusterApiAccess.rules[0] grants "update" on "mutatingwebhookconfigurations", which rule rbac.webhook-config forbids. Remove write access to admission webhook configurations and admission policies; manage them through the platform pipeline.',
    ],
    [
      'all Secrets of the namespace',
      declare({ apiAccess: [{ resources: ['secrets'], verbs: ['get'] }] }),
      "SecureApp 'shop/orders': apiAccess[0] grants access to all Secrets of the namespace. List the Secrets in 'resourceNames'.",
    ],
    [
      'cluster-scoped API access without justification',
      declare({
        clusterApiAccess: { rules: [{ resources: ['nodes'], verbs: ['list'] }], justification: '' },
      }),
      "SecureApp 'shop/orders': clusterApiAccess needs a 'justification' of at least 10 characters: cluster-wide access reaches every namespace.",
    ],
    [
      'emptyDir mount path that is not absolute',
      declare({ writablePaths: ['tmp'] }),
      "SecureApp 'shop/orders': writablePaths[0] 'tmp' must be an absolute path without '.', '..' or '//' (e.g. '/tmp').",
    ],
    [
      'root UID',
      declare({ runAsUser: 0 }),
      "SecureApp 'shop/orders': runAsUser 0 must be a whole number >= 10000 (never 0).",
    ],
    [
      'CronJob without a schedule',
      declare({ kind: WorkloadKind.CRON_JOB, ports: [] }),
      "SecureApp 'shop/orders': schedule is required for kind CronJob (e.g. '0 3 * * *').",
    ],
    [
      'CronJob starting deadline below the controller period',
      declare({ kind: WorkloadKind.CRON_JOB, ports: [], schedule: '0 3 * * *', startingDeadlineSeconds: 5 }),
      "SecureApp 'shop/orders': startingDeadlineSeconds 5 must be a whole number >= 10: the CronJob controller checks schedules every 10 seconds, so a shorter deadline can skip every run.",
    ],
    [
      'starting deadline on a Deployment',
      declare({ startingDeadlineSeconds: 600 }),
      "SecureApp 'shop/orders': startingDeadlineSeconds is only supported for kind CronJob.",
    ],
    [
      'ports on a Job',
      declare({ kind: WorkloadKind.JOB }),
      "SecureApp 'shop/orders': ports are not supported for kind Job: jobs serve no traffic.",
    ],
    [
      'unknown resource profile',
      declare({ resources: 'huge' }),
      "SecureApp 'shop/orders': resources 'huge' is not a resource profile of this environment (default).",
    ],
  ])('%s', (_name, act, message) => {
    expectError(act, message);
  });

  test('invalid namespace name', () => {
    expectError(
      () => new SecureNamespace(testPlatform(), 'Shop'),
      "SecureNamespace 'Shop': name 'Shop' is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters).",
    );
  });

  test('workloads in the default namespace are refused', () => {
    expectError(
      () => new SecureNamespace(testPlatform(), 'default'),
      "SecureNamespace 'default': name 'default' is a system namespace. Give the namespace its own name.",
    );
  });

  test('duplicate app name', () => {
    const ns = new SecureNamespace(testPlatform(), 'shop');
    new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080] });
    expectError(
      () => new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080] }),
      "SecureApp 'shop/orders': an app named 'orders' is already declared in namespace 'shop'. Give each app a unique name.",
    );
  });

  test('connection to an undeclared app fails at synthesis', () => {
    const platform = testPlatform();
    const ns = new SecureNamespace(platform, 'shop');
    new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080] }).allowTo('billing/ledger', 8443);
    expectError(
      () => objectsOf(platform),
      "SecureApp 'shop/orders': allowTo('billing/ledger') names an undeclared app. Declare it with new SecureApp(...) or use Peer.pods(...) for pods Bulwark does not manage.",
    );
  });

  test('connection to a port the callee does not listen on', () => {
    const ns = new SecureNamespace(testPlatform(), 'shop');
    const orders = new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080] });
    const web = new SecureApp(ns, 'web', { image: IMAGE, ports: [8080] });
    expectError(
      () => web.allowTo(orders, 9090),
      "SecureApp 'shop/web': allowTo('shop/orders', 9090): app 'shop/orders' does not listen on that port (ports: 8080).",
    );
  });

  test('egress to every address', () => {
    const ns = new SecureNamespace(testPlatform(), 'shop');
    const orders = new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080] });
    expectError(
      () => orders.allowToCidr('internet', '0.0.0.0/0', 443),
      "SecureApp 'shop/orders': allowToCidr('internet') cidr '0.0.0.0/0' allows every address; name the networks the app really calls.",
    );
  });

  test('ingress from a CIDR', () => {
    const ns = new SecureNamespace(testPlatform(), 'shop');
    const orders = new SecureApp(ns, 'orders', { image: IMAGE, ports: [8080] });
    expectError(
      () => orders.allowFrom(Peer.cidr('office', '198.51.100.0/24'), 8080),
      "SecureApp 'shop/orders': allowFrom(network office (198.51.100.0/24)): CIDR peers are egress only; admit external traffic through the ingress controller.",
    );
  });
});
