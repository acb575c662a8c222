/**
 * One benchmark size, run in its own process (`bench/run.ts` spawns it) so its peak memory is its
 * own. Prints one JSON line on stdout: CPU and wall milliseconds per phase (median of the
 * repetitions, after a warm-up), object counts, and the process's peak resident memory.
 *
 * Usage: node --expose-gc --require tsx/cjs bench/measure.ts <apps>
 */
import { parseAllDocuments } from 'yaml';
import { toYaml, sortObjects } from '../environments/synthesize';
import { evaluate } from '../policies/engine';
import { loadText } from '../policies/loader';
import { computeEffectivePermissions } from '../policies/rbac';
import { analyzeReachability } from '../policies/reachability/analyze';
import { ALL_RULES } from '../policies/rules';
import type { K8sObject } from '../policies/types';
import { bulwarkChart, plainChart } from './blueprints';

/** Milliseconds of one phase: CPU (user + system, the primary figure: steady on a busy machine) and wall. */
export interface PhaseTime {
  readonly cpu: number;
  readonly wall: number;
}

export const PHASES = ['synth', 'check', 'reachability', 'rbac', 'plainSynth', 'parse', 'serialize'] as const;
export type Phase = (typeof PHASES)[number];

export interface Measurement {
  readonly apps: number;
  readonly objects: number;
  readonly plainObjects: number;
  readonly yamlBytes: number;
  readonly findings: number;
  readonly flows: number;
  readonly serviceAccounts: number;
  /** Per phase, the median of the repetitions. */
  readonly ms: Readonly<Record<Phase, PhaseTime>>;
  /** Peak resident set size of the process, MiB. */
  readonly peakMiB: number;
}

/** Whether phases report on stderr as they finish (off during the warm-up). */
let progress = true;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Median time of `runs` calls of `fn`, each after a full GC so one phase's garbage is not billed to
 * the next. Returns the last result so the caller can count it, then let it go.
 */
function time<T>(label: string, runs: number, fn: () => T): { time: PhaseTime; value: T } {
  if (progress) process.stderr.write(`  ${label}…`);
  const cpu: number[] = [];
  const wall: number[] = [];
  // One untimed call first: the phase's code is compiled and its caches warm before the clock runs.
  let value: T = fn();
  for (let r = 0; r < runs; r++) {
    value = undefined as T;
    gc();
    const start = performance.now();
    const usage = process.cpuUsage();
    value = fn();
    const used = process.cpuUsage(usage);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (progress) process.stderr.write(` ${median(cpu).toFixed(0)} ms CPU\n`);
  return { time: { cpu: median(cpu), wall: median(wall) }, value };
}

function measure(apps: number, runs: number): Measurement {
  // Each phase runs with only what it needs alive, so a bigger heap left by another phase does not
  // slow its garbage collection: the analyses first, the parsed YAML dropped once measured.
  const synth = time('synth', runs, () => sortObjects(bulwarkChart(apps).toJson() as K8sObject[]));
  const objects = synth.value;
  const reachability = time('reachability', runs, () => analyzeReachability(objects));
  const flows = reachability.value.flows.length;
  reachability.value = undefined as never;
  const rbac = time('rbac', runs, () => computeEffectivePermissions(objects).serviceAccounts.length);
  const serialize = time('serialize', runs, () => toYaml(objects));
  const yaml = serialize.value;
  const parse = time('parse', runs, () => parseAllDocuments(yaml).length);
  // `bulwark check` reads with positions (loadText); the check itself is `evaluate` over them.
  const sources = loadText(yaml, 'bench.yaml');
  const check = time(
    'check',
    runs,
    () => evaluate(sources, { rules: ALL_RULES, pss: { level: 'restricted' } }).findings.length,
  );
  const plain = time('plain cdk8s-plus-28 synth', runs, () => plainChart(apps).toJson().length);
  return {
    apps,
    objects: objects.length,
    plainObjects: plain.value,
    yamlBytes: Buffer.byteLength(yaml),
    findings: check.value,
    flows,
    serviceAccounts: rbac.value,
    ms: {
      synth: synth.time,
      check: check.time,
      reachability: reachability.time,
      rbac: rbac.time,
      plainSynth: plain.time,
      parse: parse.time,
      serialize: serialize.time,
    },
    peakMiB: process.resourceUsage().maxRSS / 1024,
  };
}

if (require.main === module) {
  const apps = Number(process.argv[2]);
  if (!Number.isInteger(apps) || apps <= 0) {
    process.stderr.write('usage: measure.ts <apps>\n');
    process.exit(2);
  }
  // Warm the JIT on a small blueprint first, so the smallest size is not mostly compilation.
  process.stderr.write(`  warm-up (10 apps)\n`);
  progress = false;
  measure(10, 3);
  progress = true;
  const runs = apps >= 1000 ? 5 : apps >= 100 ? 7 : 9;
  process.stdout.write(`${JSON.stringify(measure(apps, runs))}\n`);
}
