/**
 * The reference blueprint in every environment: the structural promises of the README hold, and the
 * network reachability implied by its NetworkPolicies is exactly the declared connections plus DNS.
 */
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import { LONG_RUNNING_KINDS, podTargetOf, containersOf } from '../../policies/k8s';
import { computeReachability } from '../../policies/reachability/reachability';
import { formatPortSet } from '../../policies/reachability/port-set';
import type { K8sObject } from '../../policies/types';

const environments = Object.values(ENVIRONMENTS);

describe.each(environments.map((e) => [e.name, e] as const))('blueprint in %s', (_name, env) => {
  const { objects, blueprint } = synthesizeEnvironment(env);
  const workloads = objects.filter((o) => podTargetOf(o) !== undefined);
  const namespaces = new Map(
    objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata!.name!, o]),
  );

  test('is realistic: >= 6 apps across >= 3 namespaces, with a StatefulSet, a CronJob and API access', () => {
    expect(blueprint.apps.length).toBeGreaterThanOrEqual(6);
    expect(new Set(workloads.map((w) => w.metadata?.namespace)).size).toBeGreaterThanOrEqual(3);
    expect(workloads.some((w) => w.kind === 'StatefulSet')).toBe(true);
    expect(workloads.some((w) => w.kind === 'CronJob')).toBe(true);
    expect(objects.some((o) => o.kind === 'Role' && JSON.stringify(o).includes('configmaps'))).toBe(true);
  });

  test('every namespace holding workloads is declared with PSA labels and a default deny; none is default', () => {
    for (const w of workloads) {
      const ns = w.metadata?.namespace;
      expect(ns).toBeDefined();
      expect(ns).not.toBe('default');
      const labels = namespaces.get(ns!)?.metadata?.labels ?? {};
      for (const mode of ['enforce', 'audit', 'warn']) {
        expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
        expect(labels[`pod-security.kubernetes.io/${mode}-version`]).toBe(env.pssVersion);
      }
      const deny = objects.find(
        (o) =>
          o.kind === 'NetworkPolicy' &&
          o.metadata?.namespace === ns &&
          JSON.stringify((o as any).spec) ===
            JSON.stringify({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      );
      expect(deny).toBeDefined();
    }
  });

  test('every workload runs as its own ServiceAccount, present in the output; tokens only with RBAC', () => {
    const used = new Set<string>();
    for (const w of workloads) {
      const pod = podTargetOf(w)!;
      const sa = pod.spec.serviceAccountName as string;
      expect(sa).toBe(w.metadata?.name);
      expect(used.has(`${w.metadata?.namespace}/${sa}`)).toBe(false);
      used.add(`${w.metadata?.namespace}/${sa}`);
      expect(
        objects.some(
          (o) =>
            o.kind === 'ServiceAccount' &&
            o.metadata?.name === sa &&
            o.metadata?.namespace === w.metadata?.namespace,
        ),
      ).toBe(true);
      const bound = objects.some(
        (o) =>
          o.kind === 'RoleBinding' &&
          o.metadata?.namespace === w.metadata?.namespace &&
          JSON.stringify((o as any).subjects).includes(`"name":"${sa}"`),
      );
      expect(pod.spec.automountServiceAccountToken).toBe(bound);
    }
  });

  test('every container has resources, probes (long-running), non-root IDs >= 10000 and a read-only root', () => {
    for (const w of workloads) {
      for (const { container } of containersOf(podTargetOf(w)!)) {
        const c = container as any;
        expect(c.resources.requests).toEqual(
          expect.objectContaining({
            cpu: expect.any(String),
            memory: expect.any(String),
            'ephemeral-storage': expect.any(String),
          }),
        );
        expect(c.resources.limits).toEqual(
          expect.objectContaining({ memory: expect.any(String), 'ephemeral-storage': expect.any(String) }),
        );
        expect(c.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
        expect(c.securityContext.runAsGroup).toBeGreaterThanOrEqual(10000);
        expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
        if (LONG_RUNNING_KINDS.includes(w.kind!)) {
          expect(c.readinessProbe).toBeDefined();
          expect(c.livenessProbe).toBeDefined();
        }
      }
    }
  });

  if (env.requireImageDigests) {
    test('every image is pinned by digest, every multi-replica Deployment has a PDB and spread', () => {
      for (const w of workloads) {
        for (const { container } of containersOf(podTargetOf(w)!))
          expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
        const replicas = (w as any).spec.replicas;
        if (w.kind === 'Deployment') {
          expect(replicas).toBeGreaterThanOrEqual(2);
          expect(
            objects.some(
              (o) =>
                o.kind === 'PodDisruptionBudget' &&
                o.metadata?.name === w.metadata?.name &&
                o.metadata?.namespace === w.metadata?.namespace,
            ),
          ).toBe(true);
          expect(podTargetOf(w)!.spec.topologySpreadConstraints).toBeDefined();
        }
      }
    });
  }

  test('reachability from the NetworkPolicies equals the declared connections plus DNS, nothing more', () => {
    const computed = computeReachability(objects).flows.map(
      (f) => `${f.from} -> ${f.to} ${formatPortSet(f.ports)}`,
    );
    expect(computed.sort()).toEqual(expectedFlows(blueprint.apps, workloads).sort());
  });
});

/** The flows the blueprint declares, in the analysis' notation, built from the constructs' own records. */
function expectedFlows(
  apps: ReturnType<typeof synthesizeEnvironment>['blueprint']['apps'],
  workloads: K8sObject[],
): string[] {
  const idOf = (ns: string, name: string) => {
    const w = workloads.find((o) => o.metadata?.namespace === ns && o.metadata?.name === name)!;
    return `${ns}/${w.kind}/${name}`;
  };
  const flows: string[] = [];
  for (const app of apps) {
    const self = idOf(app.namespace.name, app.name);
    flows.push(`${self} -> kube-system/k8s-app=kube-dns TCP/53, UDP/53`);
    for (const c of app.outboundConnections) {
      const peer = c.peer as any;
      const to = 'selectorLabels' in peer ? idOf(peer.namespace.name, peer.name) : `cidr:${peer.cidr}`;
      flows.push(`${self} -> ${to} ${c.protocol}/${c.port}`);
    }
    for (const c of app.inboundConnections) {
      const peer = c.peer as any;
      if ('selectorLabels' in peer) continue; // counted once, as the caller's outbound flow
      const labels = peer._toPeer().podSelector.matchLabels as Record<string, string>;
      const ns = peer._toPeer().namespaceSelector.matchLabels['kubernetes.io/metadata.name'];
      const from = `${ns}/${Object.entries(labels)
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`;
      flows.push(`${from} -> ${self} ${c.protocol}/${c.port}`);
    }
  }
  return flows;
}
