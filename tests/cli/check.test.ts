/**
 * `bulwark check` through runCheck, over tests/fixtures/check, with two small local rules so the
 * expectations do not move when the real packs change.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { runCheck, type CheckOptions } from '../../cli/check';
import { InputError } from '../../policies/errors';
import { containersOf, obj, podTargetOf } from '../../policies/k8s';
import { defineRule, type Rule } from '../../policies/rule';

const FIXTURES = relative(process.cwd(), join(__dirname, '..', 'fixtures', 'check'));
const fixture = (name: string) => join(FIXTURES, name);

const runAsNonRoot: Rule = defineRule({
  id: 'pss.restricted.runAsNonRoot',
  title: 'Containers must run as non-root',
  pack: 'pss',
  severity: 'error',
  frameworks: ['pss:restricted'],
  kinds: ['Deployment'],
  description: 'Test double of the PSS check.',
  remediation: 'Set securityContext.runAsNonRoot to true',
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const podLevel = obj(pod.spec.securityContext).runAsNonRoot === true;
    return containersOf(pod)
      .filter(
        (c) =>
          obj(c.container.securityContext).runAsNonRoot !== true &&
          !(podLevel && obj(c.container.securityContext).runAsNonRoot === undefined),
      )
      .map((c) => ({
        path: `${c.path}.securityContext.runAsNonRoot`,
        message: `container "${c.name}" must set securityContext.runAsNonRoot=true`,
      }));
  },
});

const latestTag: Rule = defineRule({
  id: 'workload.latest-tag',
  title: 'Images use a fixed tag',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['nsa:supply-chain'],
  kinds: ['Deployment'],
  description: 'Test double.',
  remediation: 'Use a fixed tag or a digest',
  check(target) {
    const pod = podTargetOf(target.object);
    return pod
      ? containersOf(pod)
          .filter((c) => String(c.container.image).endsWith(':latest'))
          .map((c) => ({ path: `${c.path}.image`, message: `container "${c.name}" uses the latest tag` }))
      : [];
  },
});

const RULES = [runAsNonRoot, latestTag];

/** Runs the command, capturing what it prints. */
async function check(
  paths: string[],
  options: CheckOptions = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCheck(paths, {
    rules: RULES,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    ...options,
  });
  return { code, out, err };
}

/** The InputError message runCheck throws (main prints it and exits 2). */
async function usageError(paths: string[], options: CheckOptions = {}): Promise<string> {
  try {
    await check(paths, options);
  } catch (error) {
    if (error instanceof InputError) return error.describe();
    throw error;
  }
  throw new Error('expected an InputError');
}

interface JsonFinding {
  ruleId: string;
  line: number;
  path: string;
  suppressed: boolean;
  suppression: { reason: string; source: string } | null;
}
const findingsOf = (out: string) => (JSON.parse(out) as { findings: JsonFinding[] }).findings;

describe('bulwark check: exit codes', () => {
  test('0 for manifests without findings', async () => {
    const { code, out } = await check([fixture('good.yaml')]);
    expect(code).toBe(0);
    expect(out).toBe('1 object, 0 errors, 0 warnings, 0 infos, 0 suppressed\n');
  });

  test('1 for an unsuppressed error, with file, line and path', async () => {
    const { code, out } = await check([fixture('bad.yaml')]);
    expect(code).toBe(1);
    expect(out).toBe(
      `error    pss.restricted.runAsNonRoot  Deployment shop/orders  ${fixture('bad.yaml')}:13  spec.template.spec.containers[0].securityContext.runAsNonRoot  container "app" must set securityContext.runAsNonRoot=true\n` +
        '         fix: Set securityContext.runAsNonRoot to true\n' +
        '\n' +
        '1 object, 1 error, 0 warnings, 0 infos, 0 suppressed\n',
    );
  });

  test('0 when only warnings remain', async () => {
    const { code, out } = await check([fixture('warning-only.yaml')], { format: 'json' });
    expect(code).toBe(0);
    expect(findingsOf(out).map((f) => [f.ruleId, f.line])).toEqual([['workload.latest-tag', 13]]);
  });

  test('lists expand into objects with their own lines', async () => {
    const { code, out } = await check([fixture('list.yaml')], { format: 'json' });
    expect(code).toBe(1);
    expect(findingsOf(out).map((f) => [f.ruleId, f.line, f.path])).toEqual([
      ['pss.restricted.runAsNonRoot', 16, 'spec.template.spec.containers[0].securityContext.runAsNonRoot'],
    ]);
  });

  test('stdin and files together', async () => {
    const { code, out } = await check(['-', fixture('good.yaml')], {
      stdin: readFileSync(fixture('bad.yaml')),
      format: 'json',
    });
    expect(code).toBe(1);
    expect((JSON.parse(out) as { summary: { objects: number } }).summary.objects).toBe(2);
    expect(findingsOf(out).map((f) => f.line)).toEqual([13]);
  });
});

describe('bulwark check: suppressions', () => {
  test('a suppressed finding is reported with its reason and does not fail the check', async () => {
    const { code, out } = await check([fixture('suppressed.yaml')], { format: 'json' });
    expect(code).toBe(0);
    expect(findingsOf(out)).toEqual([
      expect.objectContaining({
        ruleId: 'workload.latest-tag',
        line: 13,
        suppressed: true,
        suppression: { reason: 'vendor only publishes latest', source: 'metadata.annotations' },
      }),
      expect.objectContaining({
        ruleId: 'pss.restricted.runAsNonRoot',
        line: 15,
        suppressed: true,
        suppression: {
          reason: 'vendor image needs root until OPS-123 ships',
          source: 'metadata.annotations',
        },
      }),
    ]);
  });

  test('the pod template annotation suppresses too', async () => {
    const { code, out } = await check([fixture('suppressed-pod-template.yaml')], { format: 'json' });
    expect(code).toBe(0);
    expect(findingsOf(out).map((f) => f.suppression)).toEqual([
      { reason: 'vendor image needs root until OPS-123 ships', source: 'spec.template.metadata.annotations' },
    ]);
  });

  test('suppressed findings stay visible in the text report', async () => {
    const { out } = await check([fixture('suppressed.yaml')]);
    expect(out).toContain('suppressed (vendor image needs root until OPS-123 ships)');
    expect(out).toContain('1 object, 0 errors, 0 warnings, 0 infos, 2 suppressed');
  });

  test('an unknown rule id is an input error naming file, line and object', async () => {
    expect(await usageError([fixture('suppress-unknown-rule.yaml')])).toBe(
      `${fixture('suppress-unknown-rule.yaml')}:7: Deployment shop/typo: annotation metadata.annotations.bulwark.dev/suppress names unknown rule 'pss.restricted.runAsNonRot'. Use an id listed by 'bulwark rules' (e.g. workload.image-digest).`,
    );
  });

  test('a missing or short reason is an input error naming file, line and object', async () => {
    expect(await usageError([fixture('suppress-short-reason.yaml')])).toBe(
      `${fixture('suppress-short-reason.yaml')}:7: Deployment shop/lazy: annotation metadata.annotations.bulwark.dev/suppress suppresses 'pss.restricted.runAsNonRoot' without a reason of at least 10 characters. Write it as 'pss.restricted.runAsNonRoot: <why this is acceptable>'.`,
    );
  });
});

describe('bulwark check: usage and input errors', () => {
  test('malformed YAML names file and line', async () => {
    expect(await usageError([fixture('malformed.yaml')])).toBe(
      `${fixture('malformed.yaml')}:4: invalid YAML: tabs are not allowed as indentation`,
    );
  });

  test('--only with a prefix that matches no rule', async () => {
    expect(await usageError([fixture('good.yaml')], { only: ['pss.restricted', 'netwrok.'] })).toBe(
      "--only 'netwrok.' matches no rule. Use a rule id or prefix listed by 'bulwark rules' (e.g. pss.restricted or workload.)",
    );
  });

  test('--only keeps just the matching rules', async () => {
    const { code, out } = await check([fixture('suppressed.yaml')], { only: ['workload.'], format: 'json' });
    expect(code).toBe(0);
    expect(findingsOf(out).map((f) => f.ruleId)).toEqual(['workload.latest-tag']);
  });

  test('a bad --pss', async () => {
    expect(await usageError([fixture('good.yaml')], { pss: 'strict' })).toBe(
      "--pss 'strict' must be baseline or restricted, optionally with @vX.Y or @latest",
    );
  });

  test('--pss baseline skips pss.restricted rules', async () => {
    const { code } = await check([fixture('bad.yaml')], { pss: 'baseline@v1.30' });
    expect(code).toBe(0);
  });

  test('no paths', async () => {
    expect(await usageError([])).toBe('no paths given. Name files, folders, or - for standard input');
  });
});

describe('bulwark check: --format and --output', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['json', /^\{\n {2}"schemaVersion": 1,/],
    ['sarif', /"version": "2.1.0"/],
    ['junit', /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /],
    ['markdown', /^# Bulwark report\n/],
    ['text', /^error {4}pss.restricted.runAsNonRoot/],
  ] as const)('%s', async (format, pattern) => {
    const { code, out } = await check([fixture('bad.yaml')], { format });
    expect(code).toBe(1);
    expect(out).toMatch(pattern);
  });

  test('--output writes the report atomically and leaves no temporary file', async () => {
    const file = join(dir, 'report.sarif');
    writeFileSync(file, 'old content');
    const { code, out, err } = await check([fixture('bad.yaml')], { format: 'sarif', output: file });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`bulwark: wrote ${file} (1 object, 1 error, 0 warnings, 0 infos, 0 suppressed)\n`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  test('--output into a missing folder is an input error', async () => {
    const file = join(dir, 'missing', 'report.json');
    expect(await usageError([fixture('good.yaml')], { format: 'json', output: file })).toBe(
      `${file}: cannot write the report: no such file or folder`,
    );
  });

  describe('colour', () => {
    const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
    beforeEach(() => {
      delete process.env.NO_COLOR;
      delete process.env.FORCE_COLOR;
    });
    afterAll(() => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });
    const onTerminal = async (): Promise<string> => {
      let out = '';
      await runCheck([fixture('bad.yaml')], {
        rules: RULES,
        stdout: { write: (s: string) => (out += s), isTTY: true },
      });
      return out;
    };

    test('text is coloured on a terminal only', async () => {
      expect(await onTerminal()).toContain('\u001b[');
      expect((await check([fixture('bad.yaml')])).out).not.toContain('\u001b[');
    });

    test('NO_COLOR turns it off, FORCE_COLOR on', async () => {
      process.env.NO_COLOR = '1';
      expect(await onTerminal()).not.toContain('\u001b[');
      delete process.env.NO_COLOR;
      process.env.FORCE_COLOR = '1';
      expect((await check([fixture('bad.yaml')])).out).toContain('\u001b[');
    });

    test('reports other than text are never coloured', async () => {
      let out = '';
      await runCheck([fixture('bad.yaml')], {
        rules: RULES,
        format: 'markdown',
        stdout: { write: (s: string) => (out += s), isTTY: true },
      });
      expect(out).not.toContain('\u001b[');
    });
  });
});
