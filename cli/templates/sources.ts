/**
 * The TypeScript sources of a project `bulwark init` scaffolds: the cdk8s app, the platform chart
 * that loads every app in apps/, the Pulumi program, and the dev and prod environments.
 */
import type { ProjectOptions } from './project';

const MAIN = `/**
 * The cdk8s app \`npm run synth\` runs (cdk8s.yaml): every environment into <outdir>/<env>/, where
 * cdk8s passes <outdir> in CDK8S_OUTDIR. Bulwark's validation plugin then checks all of it.
 */
import { join } from 'path';
import { App } from 'cdk8s';
import { ENVIRONMENTS } from './environments';
import { buildPlatform } from './platform';

const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
for (const env of ENVIRONMENTS) {
  // No construct metadata: dist/ holds Kubernetes manifests only, so \`bulwark check dist\` reads them all.
  const app = new App({ outdir: join(outdir, env.name), recordConstructMetadata: false });
  buildPlatform(app, env);
  app.synth();
}
`;

function platform(o: ProjectOptions): string {
  return `/**
 * The platform of one environment: a Bulwark \`Platform\` chart with the cluster guardrails and every
 * app in apps/, each in its SecureNamespace. Adding an app is adding a file to apps/
 * (\`npx bulwark new app NAME\`); nothing here changes.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { ClusterGuardrails, Platform, SecureNamespace } from 'bulwark';
import { platformSettingsOf, type Environment } from 'bulwark/environments';
import type { Construct } from 'constructs';

/** What every file in apps/ exports. */
export interface AppModule {
  /** The namespace the app lives in. */
  readonly namespace: string;
  /** Declares the app in its namespace, for one environment. */
  declareApp(namespace: SecureNamespace, env: Environment): unknown;
}

/** Every app module in apps/, sorted by file name so the output never depends on directory order. */
export function loadApps(dir: string = join(__dirname, 'apps')): AppModule[] {
  return readdirSync(dir)
    .filter((file) => /\\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => require(join(dir, file)) as AppModule);
}

/** Builds the chart of \`env\` into \`scope\`. */
export function buildPlatform(scope: Construct, env: Environment): Platform {
  const chart = new Platform(scope, 'platform', { settings: platformSettingsOf(env, { partOf: '${o.name}' }) });
  new ClusterGuardrails(chart, 'guardrails');
  const namespaces = new Map<string, SecureNamespace>();
  for (const app of loadApps()) {
    let namespace = namespaces.get(app.namespace);
    if (!namespace) {
      namespace = new SecureNamespace(chart, app.namespace);
      namespaces.set(app.namespace, namespace);
    }
    app.declareApp(namespace, env);
  }
  return chart;
}
`;
}

const PULUMI = `/**
 * The Pulumi program (Pulumi.yaml): \`pulumi up --stack dev\` synthesizes that environment's platform
 * in-process and deploys it behind Bulwark's policy gate, which refuses the whole deployment when
 * any rule reports an unsuppressed error. Where the environment manages Vault, the Vault side
 * (policies, Kubernetes auth roles) is created from the same secret declarations.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { renderVaultSide } from 'bulwark';
import { sortObjects } from 'bulwark/environments';
import type { K8sObject } from 'bulwark/policies';
import { BlueprintRelease, registerVaultSide } from 'bulwark/stacks';
import { App } from 'cdk8s';
import { environmentNamed } from './environments';
import { buildPlatform } from './platform';

const config = new pulumi.Config();
const env = environmentNamed(config.get('environment') ?? pulumi.getStack());
const chart = buildPlatform(new App({ recordConstructMetadata: false }), env);

// Secrets are read as secrets even when set without --secret, so they never reach state in plaintext.
const kubeconfig = config.getSecret('kubeconfig');
const context = config.get('context');
const provider = new k8s.Provider('kubernetes', {
  enableServerSideApply: true,
  ...(kubeconfig === undefined ? {} : { kubeconfig }),
  ...(context === undefined ? {} : { context }),
});

const release = new BlueprintRelease(env.name, {
  objects: sortObjects(chart.toJson() as K8sObject[]),
  provider,
  pss: { level: 'restricted', version: env.pssVersion },
});

if (env.vault.manageVault) {
  registerVaultSide(renderVaultSide(chart), { address: env.vault.address, token: config.getSecret('vaultToken') });
}

/** The policy gate's counts: errors are always 0 here, or nothing was deployed. */
export const compliance = release.summary;
`;

const ENVIRONMENTS_INDEX = `/** The environments, in deployment order. Pulumi stacks and dist/<env>/ are named after them. */
import type { Environment } from 'bulwark/environments';
import { dev } from './dev';
import { prod } from './prod';

export const ENVIRONMENTS: readonly Environment[] = [dev, prod];

/** The environment called \`name\`; the error lists the valid names. */
export function environmentNamed(name: string): Environment {
  const env = ENVIRONMENTS.find((e) => e.name === name);
  if (!env) {
    const names = ENVIRONMENTS.map((e) => e.name).join(', ');
    throw new Error("unknown environment '" + name + "'; expected one of " + names);
  }
  return env;
}
`;

interface EnvironmentValues {
  readonly name: string;
  readonly summary: string;
  readonly digests: boolean;
  readonly replicas: number;
  readonly minReplicas: number;
  readonly profiles: 'reduced' | 'full';
  readonly refresh: string;
}

function environment(o: ProjectOptions, e: EnvironmentValues): string {
  return `/** ${e.summary} */
import { defineEnvironment, RESOURCE_PROFILES } from 'bulwark/environments';

// Replace the example addresses with your cluster's: a wrong value fails with the file and the field.
export const ${e.name} = defineEnvironment('environments/${e.name}.ts', {
  name: '${e.name}',
  pssVersion: '${o.pssVersion}',
  requireImageDigests: ${e.digests},
  defaultReplicas: ${e.replicas},
  minDeploymentReplicas: ${e.minReplicas},
  resourceProfiles: RESOURCE_PROFILES.${e.profiles},
  ingressController: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  // Where pods reach the API server as NetworkPolicies see it (after Service NAT).
  kubernetesApi: { cidr: '10.0.0.1/32', port: 6443 },
  // External networks apps may call, by name; \`vault\` is where pods reach Vault.
  egress: { vault: { cidr: '10.0.8.20/32', port: 8200 } },
  vault: {
    address: 'https://vault.${e.name}.example.internal:8200',
    kvMount: 'kv',
    kubernetesAuthMount: 'kubernetes-${e.name}',
    manageVault: false,
  },
  secretRefreshInterval: '${e.refresh}',
});
`;
}

/** The TypeScript sources, by path relative to the project folder (apps and tests excluded). */
export function sourceFiles(o: ProjectOptions): Map<string, string> {
  return new Map([
    ['main.ts', MAIN],
    ['platform.ts', platform(o)],
    ['pulumi.ts', PULUMI],
    ['environments/index.ts', ENVIRONMENTS_INDEX],
    [
      'environments/dev.ts',
      environment(o, {
        name: 'dev',
        summary: 'Development: two replicas, reduced resources, images may be unpinned.',
        digests: false,
        replicas: 2,
        minReplicas: 2,
        profiles: 'reduced',
        refresh: '15m',
      }),
    ],
    [
      'environments/prod.ts',
      environment(o, {
        name: 'prod',
        summary: 'Production: three replicas (at least two), full resources, images pinned by digest.',
        digests: true,
        replicas: 3,
        minReplicas: 2,
        profiles: 'full',
        refresh: '1h',
      }),
    ],
  ]);
}
