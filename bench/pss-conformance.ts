/**
 * `npm run bench:pss`: runs the real `bulwark check` binary over the upstream Pod Security Standards
 * fixtures (tests/fixtures/pss), one run per level and version, and reports whether every verdict
 * agrees with upstream (pass files: no pss finding; fail files: at least one) and the throughput in
 * objects per second. A benchmark, not a test: the agreement itself is asserted by the jest
 * conformance suite; this measures the command a user runs.
 */
import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { join, relative } from 'path';

const root = join(__dirname, '..');
const fixtures = join(root, 'tests', 'fixtures', 'pss');
const bin = join(root, 'bin', 'bulwark.js');

interface Finding {
  readonly ruleId: string;
  readonly file: string;
}

let objects = 0;
let disagreements: string[] = [];
const started = process.hrtime.bigint();
for (const level of ['baseline', 'restricted']) {
  const versions = readdirSync(join(fixtures, level)).sort(
    (a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]),
  );
  for (const version of versions) {
    const dir = join(fixtures, level, version);
    const r = spawnSync(
      'node',
      [bin, 'check', dir, '--pss', `${level}@${version}`, '--only', 'pss.', '--format', 'json'],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`bulwark check ${dir} exited ${r.status}: ${r.stderr}`);
    const report = JSON.parse(r.stdout) as { summary: { objects: number }; findings: Finding[] };
    objects += report.summary.objects;
    const failing = new Set(report.findings.map((f) => f.file));
    for (const kind of ['pass', 'fail']) {
      let files: string[] = [];
      try {
        files = readdirSync(join(dir, kind)).map((f) => join(dir, kind, f));
      } catch {
        continue;
      }
      for (const file of files) {
        if ((kind === 'pass') === failing.has(file)) disagreements.push(`${relative(root, file)} (${kind})`);
      }
    }
    process.stderr.write(`${level}@${version}: ${report.summary.objects} objects\n`);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const summary = {
  objects,
  seconds: Number(seconds.toFixed(2)),
  objectsPerSecond: Math.round(objects / seconds),
  disagreements,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(
  `${objects} objects in ${summary.seconds} s (${summary.objectsPerSecond} objects/s, process start-up included); ${disagreements.length} disagreements\n`,
);
disagreements = disagreements.slice(0, 20);
process.exitCode = summary.disagreements.length === 0 ? 0 : 1;
