/**
 * The cdk8s validation plugin: violations for a non-compliant manifest and a failed report; a
 * clean report for Bulwark's own output; and the real `cdk8s synth` of this repository's
 * cdk8s.yaml runs it and succeeds.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BulwarkValidation, type Cdk8sValidationContext } from '../../../policies/adapters/cdk8s-validation';
import { dev } from '../../../environments/dev';
import { synthesizeEnvironment } from '../../../environments/synthesize';

function contextFor(manifests: string[]) {
  const violations: Parameters<Cdk8sValidationContext['report']['addViolation']>[0][] = [];
  const submitted: string[] = [];
  const context: Cdk8sValidationContext = {
    manifests,
    report: { addViolation: (v) => violations.push(v), submit: (status) => submitted.push(status) },
  };
  return { context, violations, submitted };
}

describe('BulwarkValidation', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bulwark-cdk8s-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reports violations with rule, fix and location, and fails on errors', async () => {
    const file = join(dir, 'app.k8s.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: rogue, namespace: shop}\nspec:\n  containers: [{name: c, image: "x:1", securityContext: {privileged: true}}]\n',
    );
    const { context, violations, submitted } = contextFor([file]);
    await new BulwarkValidation({ pss: 'restricted' }).validate(context);
    expect(submitted).toEqual(['failure']);
    const privileged = violations.find((v) => v.ruleName === 'pss.baseline.privileged (error)');
    expect(privileged).toEqual({
      ruleName: 'pss.baseline.privileged (error)',
      recommendation: expect.stringContaining(
        'privileged (container "c" must not set securityContext.privileged=true)',
      ),
      fix: expect.any(String),
      violatingResources: [
        {
          resourceName: 'Pod shop/rogue',
          locations: ['spec.containers[0].securityContext.privileged'],
          manifestPath: file,
        },
      ],
    });
  });

  test("Bulwark's own output passes", async () => {
    const files = [...synthesizeEnvironment(dev).files].map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    });
    const { context, violations, submitted } = contextFor(files);
    await new BulwarkValidation().validate(context);
    expect(violations).toEqual([]);
    expect(submitted).toEqual(['success']);
  });

  test('`cdk8s synth` with this repository’s cdk8s.yaml runs the plugin and succeeds', () => {
    const out = mkdtempSync(join(tmpdir(), 'bulwark-cdk8s-out-'));
    try {
      const r = spawnSync('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', out], {
        cwd: join(__dirname, '..', '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      });
      expect(r.stdout + r.stderr).toContain('Validations ended succesfully');
      expect(r.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
