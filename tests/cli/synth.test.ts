/**
 * `bulwark synth`: deterministic output, and nothing half-written when an environment fails.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return fn().finally(() => {
    out.mockRestore();
    err.mockRestore();
  });
}

describe('bulwark synth', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'bulwark-synth-'));
  });
  afterEach(() => {
    rmSync(out, { recursive: true, force: true });
    jest.resetModules();
    jest.dontMock('../../environments/synthesize');
  });

  test('writes every environment, byte-identical across runs', async () => {
    const { runSynth } = await import('../../cli/synth');
    expect(await quietly(() => runSynth({ env: 'all', out }))).toBe(0);
    const first = tree(out);
    expect(
      Object.keys(first)
        .filter((f) => f.endsWith('compliance.json'))
        .sort(),
    ).toEqual(['dev/compliance.json', 'prod/compliance.json', 'staging/compliance.json']);
    expect(Object.keys(first).some((f) => f.startsWith('prod/vault/') && f.endsWith('.hcl'))).toBe(true);
    expect(await quietly(() => runSynth({ env: 'all', out }))).toBe(0);
    expect(tree(out)).toEqual(first);
  });

  test('bulwark check passes on what synth wrote, skipping the reports beside the manifests', async () => {
    const { runSynth } = await import('../../cli/synth');
    const { runCheck } = await import('../../cli/check');
    expect(await quietly(() => runSynth({ env: 'prod', out }))).toBe(0);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCheck([join(out, 'prod')], {
      format: 'json',
      stdout: { write: (s: string) => (stdout.push(s), true) } as any,
      stderr: { write: (s: string) => (stderr.push(s), true) } as any,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout.join(''));
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, infos: 0, suppressed: 0 });
    expect(report.summary.objects).toBeGreaterThan(60);
    expect(stderr.join('')).toContain(`skipped ${join(out, 'prod', 'compliance.json')}`);
  });

  test('--env dev replaces dist/dev only', async () => {
    const { runSynth } = await import('../../cli/synth');
    mkdirSync(join(out, 'prod'));
    writeFileSync(join(out, 'prod', 'keep.txt'), 'untouched');
    expect(await quietly(() => runSynth({ env: 'dev', out }))).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['dev', 'prod']);
    expect(readFileSync(join(out, 'prod', 'keep.txt'), 'utf8')).toBe('untouched');
  });

  async function withPrevious(): Promise<Record<string, string>> {
    mkdirSync(join(out, 'dev'), { recursive: true });
    writeFileSync(join(out, 'dev', 'previous.yaml'), 'kind: Previous\n');
    return tree(out);
  }

  test('an invalid declaration exits 2 and leaves the previous output as it was', async () => {
    const before = await withPrevious();
    jest.doMock('../../environments/synthesize', () => {
      const actual = jest.requireActual('../../environments/synthesize');
      const { DeclarationError } = jest.requireActual('../../constructs/errors');
      return {
        ...actual,
        synthesizeEnvironment: (env: { name: string }) => {
          if (env.name === 'prod')
            throw new DeclarationError(
              'SecureApp',
              'shop/orders',
              'ports[0] 70000 is out of range (1-65535).',
            );
          return actual.synthesizeEnvironment(env);
        },
      };
    });
    const { runSynth } = await import('../../cli/synth');
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
    const out2 = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await runSynth({ env: 'all', out });
    spy.mockRestore();
    out2.mockRestore();
    expect(code).toBe(2);
    expect(stderr.join('')).toContain(
      "bulwark: SecureApp 'shop/orders': ports[0] 70000 is out of range (1-65535).",
    );
    expect(tree(out)).toEqual(before);
  });

  test('an unsuppressed error finding exits 1 and leaves the previous output as it was', async () => {
    const before = await withPrevious();
    jest.doMock('../../environments/synthesize', () => {
      const actual = jest.requireActual('../../environments/synthesize');
      return {
        ...actual,
        synthesizeEnvironment: (env: unknown) => {
          const result = actual.synthesizeEnvironment(env);
          const files = new Map(result.files);
          files.set(
            'rogue.yaml',
            'apiVersion: v1\nkind: Pod\nmetadata: {name: rogue, namespace: commerce}\nspec:\n  hostNetwork: true\n  containers: [{name: c, image: "x:1", securityContext: {privileged: true}}]\n',
          );
          return { ...result, files };
        },
      };
    });
    const { runSynth } = await import('../../cli/synth');
    const code = await quietly(() => runSynth({ env: 'all', out }));
    expect(code).toBe(1);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
