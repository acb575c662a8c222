/**
 * `npm run bench`: synthesizes, checks and analyses generated blueprints of 10, 100 and 1,000 apps,
 * each size in its own process (bench/measure.ts) so peak memory is per size, and compares with
 * plain cdk8s-plus-28 and with YAML parsing and serialization of the same output. Prints a table,
 * the targets with PASS/FAIL, and a JSON summary (stdout); progress goes to stderr. Exits 1 when a
 * target fails. Not a test: nothing here runs under jest, and timings are not asserted anywhere.
 *
 * Times are CPU milliseconds (user + system) of the measuring process, median of repetitions after
 * a warm-up: on a shared machine they are far steadier than wall time, which the JSON also holds.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Measurement } from './measure';

const SIZES = [10, 100, 1000];

function run(apps: number): Measurement {
  process.stderr.write(`bench: ${apps} apps\n`);
  const started = Date.now();
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--require', require.resolve('tsx/cjs'), join(__dirname, 'measure.ts'), String(apps)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  process.stderr.write(`bench: ${apps} apps done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const synthCheck = (m: Measurement) => m.ms.synth.cpu + m.ms.check.cpu;
const analyses = (m: Measurement) => m.ms.reachability.cpu + m.ms.rbac.cpu;

function table(results: readonly Measurement[]): string {
  const head = [
    'apps',
    'objects',
    'synth',
    'check',
    'analyses',
    'reach',
    'rbac',
    'plain synth',
    'plain objs',
    'parse YAML',
    'serialize',
    'peak MiB',
  ];
  const rows = results.map((m) => [
    String(m.apps),
    String(m.objects),
    fmt(m.ms.synth.cpu),
    fmt(m.ms.check.cpu),
    fmt(analyses(m)),
    fmt(m.ms.reachability.cpu),
    fmt(m.ms.rbac.cpu),
    fmt(m.ms.plainSynth.cpu),
    String(m.plainObjects),
    fmt(m.ms.parse.cpu),
    fmt(m.ms.serialize.cpu),
    fmt(m.peakMiB, 0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface Target {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly pass: boolean;
}

function targets(results: readonly Measurement[]): Target[] {
  const at = (apps: number) => results.find((m) => m.apps === apps)!;
  const [small, large] = [at(100), at(1000)];
  const perObject = synthCheck(large) / large.objects / (large.ms.plainSynth.cpu / large.plainObjects);
  const list: Omit<Target, 'pass'>[] = [
    { name: 'synth+check time(1,000) / time(100)', value: synthCheck(large) / synthCheck(small), limit: 11 },
    { name: 'analyses time(1,000) / time(100)', value: analyses(large) / analyses(small), limit: 15 },
    {
      name: 'per object: Bulwark synth+check / plain cdk8s-plus-28 synth (1,000)',
      value: perObject,
      limit: 2,
    },
    { name: 'check / parse YAML (1,000)', value: large.ms.check.cpu / large.ms.parse.cpu, limit: 1 },
    { name: 'peak memory, MiB (1,000)', value: large.peakMiB, limit: 1024 },
  ];
  // Memory must stay under its limit; the ratios may reach theirs.
  return list.map((t) => ({ ...t, pass: t.limit === 1024 ? t.value < t.limit : t.value <= t.limit }));
}

const results = SIZES.map(run);
const checks = targets(results);
process.stdout.write(`\nBulwark benchmark (CPU ms, median; ${SIZES.join(', ')} apps, 10 per namespace)\n\n`);
process.stdout.write(`${table(results)}\n\n`);
for (const t of checks)
  process.stdout.write(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${fmt(t.value, 2)} (limit ${t.limit})\n`);
process.stdout.write(`\n${JSON.stringify({ results, targets: checks }, null, 2)}\n`);
process.exitCode = checks.every((t) => t.pass) ? 0 : 1;
