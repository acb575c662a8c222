/** A small Platform with a Vault, for the secrets tests. */
import {
  SecureApp,
  SecureNamespace,
  WorkloadKind,
  type Platform,
  type PlatformSettings,
  type SecretDeclaration,
  type SecureAppProps,
  type VaultSettings,
} from '../../../../constructs';
import type { K8sObject } from '../../../../policies/types';
import { objectsOf, testPlatform } from '../../../helpers/chart';

export const IMAGE = 'registry.example.com/team/app:1.0.0@sha256:' + 'a'.repeat(64);

export const VAULT: VaultSettings = {
  address: 'https://vault.test.example:8200',
  kvMount: 'kv',
  kubernetesAuthMount: 'kubernetes-test',
  refreshInterval: '30m',
  network: { cidr: '10.9.0.10/32', port: 8200 },
};

/** A namespace `shop` in a Platform with `VAULT`. */
export function shop(settings: Partial<PlatformSettings> = {}): SecureNamespace {
  return new SecureNamespace(testPlatform({ vault: VAULT, ...settings }), 'shop');
}

/** An app `api` (a Deployment unless `props.kind` says otherwise) with `secrets`, and its namespace. */
export function appWith(
  secrets: readonly SecretDeclaration[],
  props: Partial<SecureAppProps> = {},
  ns: SecureNamespace = shop(),
): { app: SecureApp; ns: SecureNamespace; objects: () => K8sObject[] } {
  const isJob = props.kind === WorkloadKind.CRON_JOB || props.kind === WorkloadKind.JOB;
  const app = new SecureApp(ns, props.kind ? `${String(props.kind).toLowerCase()}-app` : 'api', {
    image: IMAGE,
    ports: isJob ? undefined : [8080],
    schedule: props.kind === WorkloadKind.CRON_JOB ? '0 3 * * *' : undefined,
    secrets,
    ...props,
  });
  return { app, ns, objects: () => objectsOf(ns.node.scope as Platform) };
}

/** The pod template of the app's workload. */
export function podOf(objects: readonly K8sObject[], name: string): { metadata: any; spec: any } {
  const workload = objects.find(
    (o) =>
      ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind ?? '') && o.metadata?.name === name,
  ) as any;
  if (!workload) throw new Error(`no workload ${name}`);
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template : workload.spec.template;
}
