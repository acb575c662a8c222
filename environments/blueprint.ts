/**
 * The reference blueprint: a small online shop run by four teams, composed from an environment's
 * settings. `npm run synth` builds it for every environment.
 *
 *   ingress-nginx ──▶ storefront/web ──▶ commerce/catalog
 *                                   └──▶ commerce/checkout ──▶ commerce/orders-db
 *                                                         ├──▶ finance/ledger
 *                                                         └──▶ payments-provider (external, 443)
 *   commerce/db-migrate (Job) ──▶ commerce/orders-db
 *   finance/invoice-export (CronJob) ──▶ finance/ledger
 *   platform-ops/config-watcher ──▶ Kubernetes API (reads ConfigMaps)
 *
 * Secrets come from the environment's Vault through all three backends: External Secrets for
 * commerce (catalog, checkout, db-migrate), the Vault Secrets Operator for finance/ledger (dynamic
 * database credentials with lease renewal, plus a static signing key), and the Vault Agent Injector
 * for finance/invoice-export (a CronJob, so the agent renders once and exits). All as files.
 */
import type { App } from 'cdk8s';
import {
  ClusterGuardrails,
  Peer,
  Platform,
  SecretBackend,
  SecureApp,
  SecureNamespace,
  WorkloadKind,
} from '../constructs';
import { IMAGES } from './images';
import { platformSettingsOf } from './platform-settings';
import type { Environment } from './schema';

/** The apps of the blueprint, by name, for tests and stacks. */
export interface Blueprint {
  readonly chart: Platform;
  readonly namespaces: readonly SecureNamespace[];
  readonly apps: readonly SecureApp[];
  /** The admission policies that hold hand-applied manifests to the same rules. */
  readonly guardrails: ClusterGuardrails;
}

/** Builds the blueprint for `env` into `app` as one chart named after the environment. */
export function buildBlueprint(app: App, env: Environment): Blueprint {
  const chart = new Platform(app, env.name, { settings: platformSettingsOf(env, { partOf: 'shop' }) });

  const guardrails = new ClusterGuardrails(chart, 'guardrails');

  const storefront = new SecureNamespace(chart, 'storefront');
  const commerce = new SecureNamespace(chart, 'commerce');
  const finance = new SecureNamespace(chart, 'finance', { quota: { cpu: '4', memory: '8Gi', pods: 20 } });
  const ops = new SecureNamespace(chart, 'platform-ops', { quota: { cpu: '2', memory: '4Gi', pods: 10 } });

  const web = new SecureApp(storefront, 'web', {
    image: IMAGES.web,
    component: 'frontend',
    ports: [8080],
    resources: 'medium',
    readiness: { httpPath: '/healthz/ready' },
    liveness: { httpPath: '/healthz/live' },
    writablePaths: ['/tmp', '/var/cache/web'],
  });
  web.allowFrom(
    Peer.ingressController(env.ingressController.namespace, env.ingressController.podLabels),
    8080,
  );

  const catalog = new SecureApp(commerce, 'catalog', {
    image: IMAGES.catalog,
    component: 'api',
    ports: [8080],
    resources: 'small',
    readiness: { httpPath: '/ready' },
    secrets: [{ name: 'cdn-signing', path: 'commerce/catalog/cdn', keys: ['signing-key'], fileOnly: true }],
  });
  const checkout = new SecureApp(commerce, 'checkout', {
    image: IMAGES.checkout,
    component: 'api',
    ports: [8080],
    resources: 'medium',
    readiness: { httpPath: '/ready' },
    secrets: [
      { name: 'orders-db', path: 'commerce/checkout/orders-db', keys: ['username', 'password'] },
      {
        name: 'payments',
        path: 'commerce/checkout/payments-provider',
        keys: ['api-key', 'webhook-secret'],
        refreshInterval: '15m',
      },
    ],
  });
  const ordersDb = new SecureApp(commerce, 'orders-db', {
    image: IMAGES.ordersDb,
    kind: WorkloadKind.STATEFUL_SET,
    component: 'database',
    ports: [{ port: 5432, name: 'postgres' }],
    replicas: 1,
    resources: 'large',
    storage: { size: '20Gi', mountPath: '/var/lib/postgresql/data' },
    writablePaths: ['/tmp', '/var/run/postgresql'],
    readiness: { command: ['pg_isready', '-h', '127.0.0.1', '-p', '5432'] },
  });
  const migrate = new SecureApp(commerce, 'db-migrate', {
    image: IMAGES.dbMigrate,
    kind: WorkloadKind.JOB,
    component: 'migration',
    args: ['migrate', 'up'],
    resources: 'small',
    secrets: [{ name: 'orders-db', path: 'commerce/db-migrate/orders-db', keys: ['username', 'password'] }],
  });

  const ledger = new SecureApp(finance, 'ledger', {
    image: IMAGES.ledger,
    component: 'api',
    ports: [8443],
    resources: 'medium',
    readiness: { httpPath: '/health' },
    secrets: [
      { name: 'db', database: { role: 'finance-ledger' }, backend: SecretBackend.VAULT_SECRETS_OPERATOR },
      {
        name: 'signing',
        path: 'finance/ledger/signing',
        keys: ['private-key'],
        fileOnly: true,
        backend: SecretBackend.VAULT_SECRETS_OPERATOR,
      },
    ],
  });
  const invoiceExport = new SecureApp(finance, 'invoice-export', {
    image: IMAGES.invoiceExport,
    kind: WorkloadKind.CRON_JOB,
    component: 'batch',
    schedule: '30 2 * * *',
    resources: 'small',
    secrets: [
      {
        name: 'sftp',
        path: 'finance/invoice-export/sftp',
        keys: ['username', 'private-key'],
        fileOnly: true,
        backend: SecretBackend.AGENT_INJECTOR,
      },
    ],
  });

  const configWatcher = new SecureApp(ops, 'config-watcher', {
    image: IMAGES.configWatcher,
    component: 'controller',
    ports: [{ port: 9090, name: 'metrics' }],
    replicas: env.minDeploymentReplicas,
    resources: 'small',
    apiAccess: [{ resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }],
  });

  web.allowTo(catalog, 8080).allowTo(checkout, 8080);
  checkout.allowTo(ordersDb, 5432).allowTo(ledger, 8443);
  const payments = env.egress['payments-provider'];
  checkout.allowToCidr('payments-provider', payments.cidr, payments.port);
  migrate.allowTo(ordersDb, 5432);
  invoiceExport.allowTo(ledger, 8443);

  return {
    chart,
    namespaces: [storefront, commerce, finance, ops],
    guardrails,
    apps: [web, catalog, checkout, ordersDb, migrate, ledger, invoiceExport, configWatcher],
  };
}
