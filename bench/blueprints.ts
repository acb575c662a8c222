/**
 * The blueprints the benchmark synthesizes: N apps on Bulwark's constructs, and the same N apps on
 * plain cdk8s-plus-28 (a Deployment exposed by a Service each), for a per-object baseline.
 *
 * The Bulwark one is shaped like the reference blueprint, scaled: 10 apps per SecureNamespace, a
 * chain of calls inside each namespace, the first app called by the ingress controller and by the
 * previous namespace's last app, every tenth app a StatefulSet, every fifth with API access, some
 * with an external CIDR and some with a Vault secret. Production settings (digests, 2+ replicas,
 * PDBs and spread), so every construct path that matters runs.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Peer, Platform, SecureApp, SecureNamespace, WorkloadKind } from '../constructs';
import { ENVIRONMENTS } from '../environments';
import { platformSettingsOf } from '../environments/platform-settings';

export const APPS_PER_NAMESPACE = 10;
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const image = (name: string) => `registry.example.com/bench/${name}:1.0.0@${DIGEST}`;

/** Builds `apps` Bulwark apps into a fresh App; returns the chart to synthesize. */
export function bulwarkChart(apps: number): Chart {
  const env = ENVIRONMENTS.prod;
  const chart = new Platform(new App({ recordConstructMetadata: false }), 'bench', {
    settings: platformSettingsOf(env, { partOf: 'bench' }),
  });
  const ingress = Peer.ingressController(env.ingressController.namespace, env.ingressController.podLabels);
  let previous: SecureApp | undefined;
  for (let n = 0; n * APPS_PER_NAMESPACE < apps; n++) {
    const ns = new SecureNamespace(chart, `team-${n}`);
    const count = Math.min(APPS_PER_NAMESPACE, apps - n * APPS_PER_NAMESPACE);
    for (let i = 0; i < count; i++) {
      const name = `app-${i}`;
      const stateful = i % 10 === 9;
      const app = new SecureApp(ns, name, {
        image: image(name),
        kind: stateful ? WorkloadKind.STATEFUL_SET : WorkloadKind.DEPLOYMENT,
        ports: [8080],
        resources: 'small',
        ...(stateful ? { storage: { size: '1Gi', mountPath: '/data' } } : {}),
        ...(i % 5 === 2
          ? { apiAccess: [{ resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }] }
          : {}),
        ...(i % 10 === 4
          ? { secrets: [{ name: 'db', path: `team-${n}/${name}/db`, keys: ['password'] }] }
          : {}),
      });
      if (i === 0) {
        app.allowFrom(ingress, 8080);
        previous?.allowTo(app, 8080);
      } else previous!.allowTo(app, 8080);
      if (i % 10 === 3) app.allowToCidr('partner', '203.0.113.0/24', 443);
      previous = app;
    }
  }
  return chart;
}

/** Builds `apps` plain cdk8s-plus-28 Deployments, each exposed by a Service. */
export function plainChart(apps: number): Chart {
  const chart = new Chart(new App({ recordConstructMetadata: false }), 'plain');
  for (let a = 0; a < apps; a++) {
    const deployment = new kplus.Deployment(chart, `app-${a}`, {
      replicas: 2,
      containers: [{ image: image(`app-${a % APPS_PER_NAMESPACE}`), portNumber: 8080 }],
    });
    deployment.exposeViaService({ ports: [{ port: 8080 }] });
  }
  return chart;
}
