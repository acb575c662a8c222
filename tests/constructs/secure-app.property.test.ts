/**
 * Property: for hundreds of random valid declarations, the synthesized objects pass Pod Security
 * Standards restricted (latest), pass every other rule except the advisories a declaration asks for
 * (one replica, a port below 1024), and keep the structural invariants.
 */
import fc from 'fast-check';
import { SecureApp, SecureNamespace, WorkloadKind, type ApiAccess } from '../../constructs';
import { evaluate } from '../../policies/engine';
import { containersOf, podTargetOf } from '../../policies/k8s';
import { ALL_RULES } from '../../policies/rules';
import { PSS_RULES } from '../../policies/rules/pss';
import { objectsOf, testPlatform } from '../helpers/chart';

const DIGEST = '@sha256:' + 'c'.repeat(64);
const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?$/);
const safeAccess: fc.Arbitrary<ApiAccess> = fc.record({
  resources: fc.subarray(['configmaps', 'services', 'endpoints', 'events'], { minLength: 1 }),
  verbs: fc.subarray(['get', 'list', 'watch'], { minLength: 1 }),
});
const appDecl = fc.record({
  name: label,
  kind: fc.constantFrom(
    WorkloadKind.DEPLOYMENT,
    WorkloadKind.STATEFUL_SET,
    WorkloadKind.JOB,
    WorkloadKind.CRON_JOB,
  ),
  ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
  replicas: fc.integer({ min: 1, max: 5 }),
  writablePaths: fc.uniqueArray(fc.constantFrom('/tmp', '/var/cache/app', '/run', '/home/app/.cache'), {
    maxLength: 3,
  }),
  runAsUser: fc.integer({ min: 10000, max: 2_000_000 }),
  runAsGroup: fc.integer({ min: 10000, max: 2_000_000 }),
  apiAccess: fc.array(safeAccess, { maxLength: 2 }),
  probeCommand: fc.boolean(),
});

describe('SecureApp properties', () => {
  test('random valid apps pass PSS restricted and keep the structural invariants', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(appDecl, { minLength: 1, maxLength: 4, selector: (a) => a.name }),
        (decls) => {
          const platform = testPlatform();
          const ns = new SecureNamespace(platform, 'prop');
          const apps = decls.map((d) => {
            const isJob = d.kind === WorkloadKind.JOB || d.kind === WorkloadKind.CRON_JOB;
            return new SecureApp(ns, d.name, {
              image: `registry.example.com/${d.name}:1.0.0${DIGEST}`,
              kind: d.kind,
              ports: isJob ? [] : d.ports,
              replicas: isJob ? undefined : d.replicas,
              schedule: d.kind === WorkloadKind.CRON_JOB ? '*/5 * * * *' : undefined,
              writablePaths: d.writablePaths,
              runAsUser: d.runAsUser,
              runAsGroup: d.runAsGroup,
              apiAccess: d.apiAccess,
              readiness: d.probeCommand || d.ports.length === 0 ? { command: ['/bin/check'] } : undefined,
            });
          });
          // Connect every long-running app with ports to the next one, exercising both policy ends.
          for (let i = 0; i + 1 < apps.length; i++) {
            if (apps[i + 1].ports.length > 0) apps[i].allowTo(apps[i + 1]);
          }
          const objects = objectsOf(platform);
          const sources = objects.map((object) => ({ object, file: 'property', line: 1 }));
          const report = evaluate(sources, { rules: PSS_RULES, pss: { level: 'restricted' } });
          expect(report.findings).toEqual([]);
          // Every rule: only the info findings that the declaration itself chose remain.
          const chosen = (ruleId: string, name: string) => {
            const app = apps.find((a) => a.name === name)!;
            if (ruleId === 'workload.replicas')
              return app.kind === WorkloadKind.DEPLOYMENT && app.replicas === 1;
            if (ruleId === 'workload.privileged-port') return app.ports.some((p) => p.port < 1024);
            return false;
          };
          const all = evaluate(sources, { rules: ALL_RULES, pss: { level: 'restricted' } }).findings;
          expect(
            all.filter((f) => !chosen(f.ruleId, f.object.name)).map((f) => `${f.ruleId} ${f.object.name}`),
          ).toEqual([]);

          for (const app of apps) {
            const workload = objects.find((o) => o.kind === app.kind && o.metadata?.name === app.name)!;
            const pod = podTargetOf(workload)!;
            expect(pod.spec.serviceAccountName).toBe(app.name);
            expect(pod.spec.automountServiceAccountToken).toBe(app.apiAccess.length > 0);
            for (const { container } of containersOf(pod)) {
              const sc = container.securityContext as Record<string, any>;
              expect(sc.capabilities.drop).toEqual(['ALL']);
              expect(sc.readOnlyRootFilesystem).toBe(true);
              expect(sc.runAsUser).toBeGreaterThanOrEqual(10000);
              const resources = container.resources as Record<string, any>;
              expect(Object.keys(resources.limits)).toEqual(
                expect.arrayContaining(['memory', 'ephemeral-storage']),
              );
            }
            expect(objects.some((o) => o.kind === 'NetworkPolicy' && o.metadata?.name === app.name)).toBe(
              true,
            );
            const multi = (app.replicas ?? 0) > 1;
            expect(
              objects.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata?.name === app.name),
            ).toBe(multi);
          }
          expect(JSON.stringify(objects)).not.toMatch(/0\.0\.0\.0\/0|::\/0/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
