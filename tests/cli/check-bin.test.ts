/**
 * End to end through the real binary and the real rule set: exit codes, stdout and stderr.
 * Only rules that are sure to exist are relied on (pss.baseline.privileged).
 */
import { spawn } from 'child_process';
import { join, relative } from 'path';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const FIXTURES = relative(ROOT, join(__dirname, '..', 'fixtures', 'check'));
const fixture = (name: string) => join(FIXTURES, name);

function bulwark(args: string[], stdin = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'bulwark.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

describe('bulwark (binary)', () => {
  test('exit 1 with a finding for a privileged container', async () => {
    const { code, out, err } = await bulwark([
      'check',
      fixture('privileged.yaml'),
      '--only',
      'pss.baseline.privileged',
      '--format',
      'json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { findings: { ruleId: string; file: string; line: number }[] };
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['pss.baseline.privileged', fixture('privileged.yaml'), 12],
    ]);
  });

  test('exit 0 when the selected rules find nothing, reading stdin', async () => {
    const { code, out } = await bulwark(
      ['check', '-', '--only', 'pss.baseline.privileged'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
    );
    expect(code).toBe(0);
    expect(out).toBe('1 object, 0 errors, 0 warnings, 0 infos, 0 suppressed\n');
  });

  test('exit 2 for malformed YAML, naming file and line', async () => {
    const { code, out, err } = await bulwark(['check', fixture('malformed.yaml')]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      `bulwark: ${fixture('malformed.yaml')}:4: invalid YAML: tabs are not allowed as indentation\n`,
    );
  });

  test('exit 2 for a suppression of an unknown rule', async () => {
    const { code, err } = await bulwark(['check', fixture('suppress-unknown-rule.yaml')]);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^bulwark: .*suppress-unknown-rule\.yaml:7: Deployment shop\/typo: annotation .* names unknown rule 'pss\.restricted\.runAsNonRot'/,
    );
  });

  test('exit 2 for --only matching no rule, and for an unknown --format', async () => {
    const only = await bulwark(['check', fixture('good.yaml'), '--only', 'nosuch.']);
    expect(only.code).toBe(2);
    expect(only.err).toBe(
      "bulwark: --only 'nosuch.' matches no rule. Use a rule id or prefix listed by 'bulwark rules' (e.g. pss.restricted or workload.)\n",
    );
    const format = await bulwark(['check', fixture('good.yaml'), '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/argument 'yaml' is invalid/);
  });

  test('bulwark rules lists ids, as text and as JSON', async () => {
    const text = await bulwark(['rules']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^pss\.baseline\.privileged +error +\S/m);
    const json = await bulwark(['rules', '--format', 'json']);
    const rules = JSON.parse(json.out) as { id: string; severity: string }[];
    expect(rules.map((r) => r.id)).toContain('pss.baseline.privileged');
    expect(rules.map((r) => r.id)).toEqual([...rules.map((r) => r.id)].sort());
  });
});
