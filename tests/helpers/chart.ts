/** Test helpers: a Platform chart with settings, and lookups over its synthesized objects. */
import { App } from 'cdk8s';
import { Platform, type PlatformSettings } from '../../constructs';
import type { K8sObject } from '../../policies/types';

/** A fresh Platform for one test. */
export function testPlatform(settings: Partial<PlatformSettings> = {}): Platform {
  return new Platform(new App(), 'test', {
    settings: { environment: 'test', kubernetesApi: { cidr: '10.0.0.1/32', port: 6443 }, ...settings },
  });
}

/** Synthesized objects of a chart. */
export function objectsOf(platform: Platform): K8sObject[] {
  return platform.toJson() as K8sObject[];
}

/** The single object of `kind` named `name` (throws when missing, to keep assertions short). */
export function find(
  objects: readonly K8sObject[],
  kind: string,
  name: string,
  namespace?: string,
): Record<string, any> {
  const found = objects.find(
    (o) =>
      o.kind === kind &&
      o.metadata?.name === name &&
      (namespace === undefined || o.metadata?.namespace === namespace),
  );
  if (!found)
    throw new Error(
      `no ${kind} ${namespace ?? '*'}/${name} among ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`,
    );
  return found as Record<string, any>;
}
