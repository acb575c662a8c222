/**
 * Property: no rule crashes on odd input. Every rule fixture is a realistic manifest; replacing any
 * one field of it with an arbitrary JSON value (null, a number where a list belongs, a list where a
 * string belongs...) must still evaluate. The engine turns a crashing check into a finding
 * "rule failed on this object", so such a finding is the failure this test looks for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import type { K8sObject } from '../../policies/types';

const ROOT = join(__dirname, '..', 'fixtures', 'rules');

/** Every fixture file as its list of objects. */
const FILES: readonly (readonly K8sObject[])[] = readdirSync(ROOT, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) =>
    parseAllDocuments(readFileSync(join(ROOT, f), 'utf8'))
      .map((d) => d.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null && typeof o === 'object'),
  )
  .filter((objects) => objects.length > 0);

/** Paths (lists of keys and indexes) of every value inside `value`, the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A deep copy of `object` with the value at `path` replaced. */
function replaced(object: K8sObject, path: readonly (string | number)[], value: unknown): K8sObject {
  const copy = structuredClone(object) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return copy as K8sObject;
}

const mutation = fc
  .record({
    file: fc.nat({ max: FILES.length - 1 }),
    object: fc.nat(),
    field: fc.nat(),
    value: fc.jsonValue({ maxDepth: 3 }),
  })
  .map(({ file, object, field, value }) => {
    const objects = FILES[file];
    const index = object % objects.length;
    // kind and apiVersion stay: they pick the rules, and the loader rejects objects without them.
    const paths = pathsOf(objects[index]).filter(
      (p) => p.length > 1 || (p[0] !== 'kind' && p[0] !== 'apiVersion'),
    );
    if (paths.length === 0) return objects;
    const path = paths[field % paths.length];
    return objects.map((o, i) => (i === index ? replaced(o, path, value) : o));
  });

test(`no rule crashes when one field of a fixture holds an arbitrary value (${FILES.length} fixtures)`, () => {
  fc.assert(
    fc.property(mutation, (objects) => {
      const sources = objects.map((object) => ({ object, file: 'fuzz.yaml', line: 1 }));
      const crashes = evaluate(sources, { rules: ALL_RULES })
        .findings.filter((f) => f.message.startsWith('rule failed on this object'))
        .map((f) => `${f.ruleId}: ${f.message}`);
      expect(crashes).toEqual([]);
    }),
    { numRuns: 2000 },
  );
});
