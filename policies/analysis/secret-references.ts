/**
 * Which Secrets a pod references, and which Secrets the input produces per namespace (External
 * Secrets Operator, Vault Secrets Operator, plain Secret objects). A Secret nobody produces was made
 * by hand or lives outside the reviewed manifests.
 */
import { arr, containersOf, isObject, namespaceOf, obj, selectorMatches, str, type PodTarget } from '../k8s';
import type { RuleContext } from '../rule';
import { stringMap } from './workloads';

/** The pod-template annotation listing Secrets managed outside the input, comma-separated. */
export const EXTERNAL_SECRETS_ANNOTATION = 'bulwark.dev/external-secrets';

/** A reference from a pod to a Secret, with the field path that names it. */
export interface SecretReference {
  readonly name: string;
  readonly path: string;
  /** How the pod uses it, for messages: `volume "creds"`, `env "DB_PASSWORD" of container "app"`. */
  readonly use: string;
}

/** Every Secret a pod spec names: volumes, projected sources, env, envFrom and imagePullSecrets. */
export function secretReferencesOf(pod: PodTarget): SecretReference[] {
  const out: SecretReference[] = [];
  const add = (name: unknown, path: string, use: string) => {
    if (typeof name === 'string' && name !== '') out.push({ name, path, use });
  };
  arr(pod.spec.volumes).forEach((raw, i) => {
    const volume = obj(raw);
    const path = `${pod.specPath}.volumes[${i}]`;
    const use = `volume "${str(volume.name) ?? `#${i}`}"`;
    add(obj(volume.secret).secretName, `${path}.secret.secretName`, use);
    arr(obj(volume.projected).sources).forEach((source, j) => {
      add(obj(obj(source).secret).name, `${path}.projected.sources[${j}].secret.name`, use);
    });
  });
  for (const c of containersOf(pod)) {
    arr(c.container.env).forEach((raw, i) => {
      const env = obj(raw);
      const use = `env "${str(env.name) ?? `#${i}`}" of container "${c.name}"`;
      add(obj(obj(env.valueFrom).secretKeyRef).name, `${c.path}.env[${i}].valueFrom.secretKeyRef.name`, use);
    });
    arr(c.container.envFrom).forEach((raw, i) => {
      add(
        obj(obj(raw).secretRef).name,
        `${c.path}.envFrom[${i}].secretRef.name`,
        `envFrom of container "${c.name}"`,
      );
    });
  }
  arr(pod.spec.imagePullSecrets).forEach((raw, i) => {
    add(obj(raw).name, `${pod.specPath}.imagePullSecrets[${i}].name`, 'imagePullSecrets');
  });
  return out;
}

/** The Secret names the pod template declares as managed elsewhere. */
export function declaredExternalSecrets(pod: PodTarget): Set<string> {
  const value = pod.metadata.annotations?.[EXTERNAL_SECRETS_ANNOTATION];
  return new Set(
    (typeof value === 'string' ? value : '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** Secret names produced in each namespace by the objects of the input. */
export function producedSecrets(context: RuleContext): ReadonlyMap<string, ReadonlySet<string>> {
  return context.memo('analysis.producedSecrets', () => {
    const out = new Map<string, Set<string>>();
    const add = (namespace: string, name: unknown) => {
      if (typeof name !== 'string' || name === '') return;
      const names = out.get(namespace) ?? new Set<string>();
      names.add(name);
      out.set(namespace, names);
    };
    for (const { object } of context.ofKind('Secret')) add(namespaceOf(object), object.metadata?.name);
    for (const { object } of context.ofKind('ExternalSecret')) {
      if (!object.apiVersion?.startsWith('external-secrets.io/')) continue;
      add(namespaceOf(object), str(obj(obj(object.spec).target).name) ?? object.metadata?.name);
    }
    for (const kind of ['VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret']) {
      for (const { object } of context.ofKind(kind)) {
        if (!object.apiVersion?.startsWith('secrets.hashicorp.com/')) continue;
        add(namespaceOf(object), obj(obj(object.spec).destination).name);
      }
    }
    // A ClusterExternalSecret stamps an ExternalSecret into listed or label-selected namespaces.
    for (const { object } of context.ofKind('ClusterExternalSecret')) {
      if (!object.apiVersion?.startsWith('external-secrets.io/')) continue;
      const spec = obj(object.spec);
      const name =
        str(obj(obj(spec.externalSecretSpec).target).name) ??
        str(spec.externalSecretName) ??
        object.metadata?.name;
      const selectors = [spec.namespaceSelector, ...arr(spec.namespaceSelectors)].filter(isObject);
      for (const namespace of arr(spec.namespaces)) add(String(namespace), name);
      for (const ns of context.ofKind('Namespace')) {
        const nsName = ns.object.metadata?.name ?? '';
        // The API server labels every namespace with its own name.
        const labels = { ...stringMap(ns.object.metadata?.labels), 'kubernetes.io/metadata.name': nsName };
        if (selectors.some((s) => selectorMatches(s, labels))) add(nsName, name);
      }
    }
    return out;
  });
}
