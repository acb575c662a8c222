/**
 * Conformance with upstream pod-security-admission: every fixture under
 * tests/fixtures/pss/LEVEL/vX.Y/{pass,fail}/ is evaluated through the engine at LEVEL and vX.Y.
 * A pass fixture must produce no pss finding, a fail fixture at least one. The folder says what is
 * expected; the pod alone decides the outcome (file names are never consulted).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { evaluate } from '../../../policies/engine';
import { PSS_RULES } from '../../../policies/rules/pss';
import type { K8sObject, PssLevel, SourceObject } from '../../../policies/types';

const ROOT = path.join(__dirname, '..', '..', 'fixtures', 'pss');

interface Folder {
  readonly level: PssLevel;
  readonly version: string;
  readonly pass: readonly SourceObject[];
  readonly fail: readonly SourceObject[];
}

function load(dir: string): SourceObject[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      object: parse(fs.readFileSync(path.join(dir, f), 'utf8')) as K8sObject,
      file: path.relative(ROOT, path.join(dir, f)),
      line: 1,
    }));
}

function folders(): Folder[] {
  const out: Folder[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    const versions = fs.readdirSync(path.join(ROOT, level)).filter((v) => /^v1\.\d+$/.test(v));
    versions.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
    for (const version of versions) {
      const dir = path.join(ROOT, level, version);
      out.push({ level, version, pass: load(path.join(dir, 'pass')), fail: load(path.join(dir, 'fail')) });
    }
  }
  return out;
}

const FOLDERS = folders();

test('fixtures are present for both levels and every version v1.0..v1.37', () => {
  const expected = ['baseline', 'restricted'].flatMap((level) =>
    Array.from({ length: 38 }, (_, i) => `${level}/v1.${i}`),
  );
  expect(FOLDERS.map((f) => `${f.level}/${f.version}`).sort()).toEqual(expected.sort());
  expect(FOLDERS.reduce((n, f) => n + f.pass.length + f.fail.length, 0)).toBeGreaterThan(3000);
});

describe.each(FOLDERS.map((f) => [`${f.level}/${f.version}`, f] as const))('%s', (_name, folder) => {
  test('pass fixtures are allowed and fail fixtures are denied', () => {
    const report = evaluate([...folder.pass, ...folder.fail], {
      rules: PSS_RULES,
      pss: { level: folder.level, version: folder.version },
    });
    const flagged = new Map<string, string[]>();
    for (const f of report.findings) {
      if (!f.ruleId.startsWith('pss.')) continue;
      flagged.set(f.file, [...(flagged.get(f.file) ?? []), `${f.ruleId}: ${f.message}`]);
    }
    const wronglyDenied = folder.pass
      .filter((s) => flagged.has(s.file))
      .map((s) => `${s.file} -> ${flagged.get(s.file)?.join(' | ')}`);
    const wronglyAllowed = folder.fail.filter((s) => !flagged.has(s.file)).map((s) => s.file);
    const problems = [
      ...wronglyDenied.map((d) => `pass fixture denied: ${d}`),
      ...wronglyAllowed.map((f) => `fail fixture allowed: ${f}`),
    ];
    expect(problems).toEqual([]);
  });
});
