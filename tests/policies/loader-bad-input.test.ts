/**
 * The loader on bad and hostile input: every case is an InputError naming file and line, never a
 * crash, a hang or unbounded memory. Bounds are asserted through the limits (nesting, aliases),
 * not through timings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Composer } from 'yaml';
import { InputError } from '../../policies/errors';
import { loadBytes, loadPaths, loadText, MAX_NESTING } from '../../policies/loader';
import { parseDocuments } from '../../policies/loader/parse';

/** The InputError `load` throws, as `bulwark` prints it. */
function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof InputError) return error.describe();
    throw error;
  }
  throw new Error('expected an InputError, but the input loaded');
}

const yaml = (text: string) => () => loadText(text, 'in.yaml');

describe('malformed YAML', () => {
  test.each([
    [
      'tabs in indentation',
      'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
      'in.yaml:4: invalid YAML: tabs are not allowed as indentation',
    ],
    [
      'an unterminated double-quoted string (reported where it opens)',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n  namespace: y\nspec: {}\n',
      'in.yaml:4: invalid YAML: missing closing "quote',
    ],
    [
      'an unterminated single-quoted string',
      "apiVersion: v1\nkind: 'Pod\n",
      "in.yaml:2: invalid YAML: missing closing 'quote",
    ],
    [
      'a duplicate key',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n',
      "in.yaml:5: invalid YAML: map keys must be unique ('name' occurs twice)",
    ],
    [
      'a nested mapping on one line',
      'apiVersion: v1\nkind: Pod\nmetadata: name: x\n',
      'in.yaml:3: invalid YAML: nested mappings are not allowed in compact mappings',
    ],
    [
      'bad indentation',
      'apiVersion: v1\nkind: Pod\nspec:\n  - a\n  b: c\n',
      'in.yaml:5: invalid YAML: all mapping items must start at the same column',
    ],
    [
      'an unclosed flow sequence',
      'apiVersion: v1\nkind: Pod\nspec: [a, b\n',
      'in.yaml:4: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'an undefined alias',
      'apiVersion: v1\nkind: Pod\nspec: *nothing\n',
      'in.yaml:3: invalid YAML: alias *nothing has no anchor &nothing before it',
    ],
  ])('%s', (_name, text, message) => {
    expect(failure(yaml(text))).toBe(message);
  });

  test('an error in a later document fails the whole file', () => {
    expect(failure(yaml('apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nkind: C\n'))).toBe(
      "in.yaml:6: invalid YAML: map keys must be unique ('kind' occurs twice)",
    );
  });
});

describe('invalid JSON', () => {
  const json = (text: string) => () => loadText(text, 'in.json', 'json');
  test.each([
    [
      'a trailing comma',
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n}\n',
      'in.json:4: invalid JSON: expected double-quoted property name',
    ],
    [
      'a missing value (no position in the message)',
      '{\n  "apiVersion": "v1",\n  "kind": }\n',
      `in.json:3: invalid JSON: unexpected token '}', ..."  "kind": }\n" is not valid JSON`,
    ],
    [
      'YAML in a .json file',
      'apiVersion: v1\nkind: Pod\n',
      `in.json:1: invalid JSON: unexpected token 'a', "apiVersion"... is not valid JSON`,
    ],
    [
      'truncated input',
      '{"apiVersion": "v1",\n "kind": "Pod"',
      `in.json:2: invalid JSON: expected ',' or '}' after property value`,
    ],
    [
      'text after the value',
      '{"apiVersion": "v1", "kind": "Pod"}\n{}',
      'in.json:2: invalid JSON: unexpected non-whitespace character after JSON',
    ],
    [
      'a duplicate key',
      '{"apiVersion": "v1",\n "kind": "Pod",\n "kind": "Pod"}',
      "in.json:3: invalid JSON: map keys must be unique ('kind' occurs twice)",
    ],
  ])('%s', (_name, text, message) => {
    expect(failure(json(text))).toBe(message);
  });
});

describe('binary and mis-encoded input', () => {
  test.each([
    [
      'a NUL byte',
      Buffer.from('apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002'),
      'in.yaml:3: input contains binary data (control character U+0000); expected YAML or JSON text',
    ],
    [
      'an ESC byte',
      Buffer.from('apiVersion: v1\nkind: \u001b[31mPod\n'),
      'in.yaml:2: input contains binary data (control character U+001B); expected YAML or JSON text',
    ],
    [
      'invalid UTF-8',
      Buffer.from([...Buffer.from('apiVersion: v1\nkind: Pod\nname: '), 0xc3, 0x28, 0x0a]),
      'in.yaml:3: input is not valid UTF-8 text',
    ],
    [
      'UTF-16',
      Buffer.from('\uFEFFapiVersion: v1\n', 'utf16le'),
      'in.yaml:1: input is UTF-16 encoded; save it as UTF-8',
    ],
    [
      'a PNG header',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'in.yaml:1: input is not valid UTF-8 text',
    ],
  ])('%s', (_name, bytes, message) => {
    expect(failure(() => loadBytes(bytes, 'in.yaml'))).toBe(message);
  });

  test('random bytes never crash the loader', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256)),
      );
      try {
        loadBytes(bytes, 'random.bin');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
      }
    }
  });
});

describe('documents that are not Kubernetes objects', () => {
  test.each([
    [
      'a scalar document',
      'hello\n',
      'in.yaml:1: expected a Kubernetes object (a mapping with apiVersion and kind), got a string ("hello")',
    ],
    [
      'a sequence document',
      '- a\n- b\n',
      'in.yaml:1: expected a Kubernetes object (a mapping with apiVersion and kind), got a sequence',
    ],
    [
      'a number document',
      '---\n42\n',
      'in.yaml:2: expected a Kubernetes object (a mapping with apiVersion and kind), got a number (42)',
    ],
    [
      'no kind',
      'apiVersion: v1\nmetadata: {name: x}\n',
      "in.yaml:1: object has no 'kind'; every Kubernetes object needs 'apiVersion' and 'kind'",
    ],
    [
      'no apiVersion',
      'kind: Pod\n',
      "in.yaml:1: object has no 'apiVersion'; every Kubernetes object needs 'apiVersion' and 'kind'",
    ],
    [
      'neither',
      'foo: bar\n',
      "in.yaml:1: object has no 'apiVersion' and no 'kind'; every Kubernetes object needs 'apiVersion' and 'kind'",
    ],
    [
      'an empty kind',
      'apiVersion: v1\nkind: ""\n',
      "in.yaml:1: object has no 'kind'; every Kubernetes object needs 'apiVersion' and 'kind'",
    ],
    ['kind: [x]', 'apiVersion: v1\nkind: [x]\n', "in.yaml:2: 'kind' must be a string, got a sequence"],
    [
      'apiVersion: 1',
      'apiVersion: 1\nkind: Pod\n',
      "in.yaml:1: 'apiVersion' must be a string, got a number (1); quote the value",
    ],
    [
      'metadata: 5',
      'apiVersion: v1\nkind: Pod\nmetadata: 5\n',
      "in.yaml:3: 'metadata' must be a mapping, got a number (5)",
    ],
    [
      'metadata: [a]',
      'apiVersion: v1\nkind: Pod\nmetadata: [a]\n',
      "in.yaml:3: 'metadata' must be a mapping, got a sequence",
    ],
    [
      'a numeric name',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: 123\n',
      "in.yaml:4: 'metadata.name' must be a string, got a number (123); quote the value",
    ],
    [
      'a mapping namespace',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: {a: b}\n',
      "in.yaml:4: 'metadata.namespace' must be a mapping... ".replace('mapping... ', 'string, got a mapping'),
    ],
    [
      'labels as a list',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [a]\n',
      "in.yaml:4: 'metadata.labels' must be a mapping, got a sequence",
    ],
    [
      'an unquoted number label',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app.kubernetes.io/version: 1.10\n',
      "in.yaml:5: 'metadata.labels.app.kubernetes.io/version' must be a string, got a number (1.1); quote the value",
    ],
    [
      'a boolean annotation',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    sidecar.istio.io/inject: yes\n',
      "in.yaml:5: 'metadata.annotations.sidecar.istio.io/inject' must be a string, got a boolean (true); quote the value",
    ],
    [
      'a List whose items are not a list',
      'apiVersion: v1\nkind: List\nitems: {a: b}\n',
      "in.yaml:3: 'items' of a List must be a sequence, got a mapping",
    ],
    [
      'a List item without a kind',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: {name: x}\n',
      "in.yaml:4: object has no 'kind'; every Kubernetes object needs 'apiVersion' and 'kind'",
    ],
    [
      'a List item that is a scalar',
      'apiVersion: v1\nkind: List\nitems:\n  - x\n',
      'in.yaml:4: expected a Kubernetes object (a mapping with apiVersion and kind), got a string ("x")',
    ],
  ])('%s', (_name, text, message) => {
    expect(failure(yaml(text))).toBe(message);
  });
});

describe('hostile input stays bounded', () => {
  const nesting = `nesting is deeper than ${MAX_NESTING} levels; no Kubernetes object is this deep`;

  test.each([
    ['100k unclosed [', '['.repeat(100_000)],
    ['100k balanced []', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['50k nested flow mappings', '{a: '.repeat(50_000) + '1' + '}'.repeat(50_000)],
    ['100k compact block sequences', '- '.repeat(100_000) + 'x'],
    [
      '1M unclosed [ (refused as soon as the depth is exceeded, not after parsing it all)',
      '['.repeat(1_000_000),
    ],
  ])('%s', (_name, text) => {
    expect(failure(yaml(text))).toBe(`in.yaml:1: ${nesting}`);
  });

  test('deeply nested block mappings report the line where the limit is crossed', () => {
    const text =
      'apiVersion: v1\nkind: X\nspec:\n' +
      Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n') +
      ' 1\n';
    expect(failure(yaml(text))).toMatch(new RegExp(`^in\\.yaml:(\\d+): ${nesting}$`));
    expect(Number(/:(\d+):/.exec(failure(yaml(text)))?.[1])).toBeGreaterThan(MAX_NESTING - 5);
  });

  test('deep JSON is refused too', () => {
    expect(failure(() => loadText('['.repeat(100_000) + ']'.repeat(100_000), 'in.json', 'json'))).toBe(
      `in.json:1: ${nesting}`,
    );
    const lines = `{"apiVersion": "v1", "kind": "X", "spec":\n${'['.repeat(300)}${']'.repeat(300)}}`;
    expect(failure(() => loadText(lines, 'in.json', 'json'))).toBe(`in.json:2: ${nesting}`);
  });

  test('a JSON __proto__ key stays a plain key', () => {
    const [o] = loadText(
      '{"apiVersion": "v1", "kind": "X", "spec": {"__proto__": {"polluted": true}}}',
      'in.json',
      'json',
    );
    expect(Object.getPrototypeOf(o.object.spec)).toBe(Object.prototype);
    expect(Object.keys(o.object.spec as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a YAML __proto__ key stays a plain key', () => {
    const [o] = loadText('apiVersion: v1\nkind: X\nspec:\n  __proto__: {polluted: true}\n', 'in.yaml');
    expect(Object.getPrototypeOf(o.object.spec)).toBe(Object.prototype);
    expect(Object.keys(o.object.spec as object)).toEqual(['__proto__']);
  });

  test('nesting just inside the limit still loads', () => {
    const depth = MAX_NESTING - 5;
    const text = `apiVersion: v1\nkind: X\nspec: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    expect(loadText(text, 'in.yaml')).toHaveLength(1);
  });

  test('a billion-laughs alias bomb is refused before it expands', () => {
    let text =
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      text += `  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    // The budget runs out on the line of the first alias that expands too far (level f: 9^6 nodes).
    expect(failure(yaml(text))).toBe(
      'in.yaml:9: YAML aliases expand too much; refusing a possible "billion laughs" input',
    );
  });

  test('a merge-key bomb is refused the same way', () => {
    let text = 'apiVersion: v1\nkind: X\nspec:\n  a0: &a0 {k: v}\n';
    for (let i = 1; i < 12; i++)
      text += `  a${i}: &a${i}\n    <<: [${Array(8)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n    k${i}: v\n`;
    expect(failure(yaml(text))).toMatch(/aliases expand too much/);
  });

  test('many aliases and anchors load in linear time (the yaml library rescans all earlier anchors per alias)', () => {
    // 50k anchors, each aliased once: quadratic resolution would take minutes.
    const items = Array.from(
      { length: 50_000 },
      (_, i) => `  a${i}: &a${i} {k: ${i}}\n  b${i}: *a${i}\n`,
    ).join('');
    const [object] = loadText(`apiVersion: v1\nkind: X\nspec:\n${items}`, 'in.yaml');
    expect((object.object.spec as Record<string, unknown>).b49999).toEqual({ k: 49999 });
  });

  test('a mapping with 200k keys loads (duplicate detection is linear)', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `  k${i}: v\n`).join('');
    expect(
      Object.keys(loadText(`apiVersion: v1\nkind: X\ndata:\n${keys}`, 'in.yaml')[0].object.data as object),
    ).toHaveLength(200_000);
    expect(failure(yaml(`apiVersion: v1\nkind: X\ndata:\n${keys}  k7: again\n`))).toBe(
      `in.yaml:${200_004}: invalid YAML: map keys must be unique ('k7' occurs twice)`,
    );
  });

  test('an error flood stops at the first errors (1M commas)', () => {
    expect(failure(yaml(`[${','.repeat(1_000_000)}]`))).toBe(
      'in.yaml:1: invalid YAML: unexpected , in flow sequence',
    );
  });

  test('the yaml Composer still has the error callback the loader wraps to stop error floods', () => {
    const internal = new Composer() as unknown as { onError: unknown; errors: unknown };
    expect(typeof internal.onError).toBe('function');
    expect(Array.isArray(internal.errors)).toBe(true);
  });

  test('a YAML document with too many tokens is refused before its syntax tree grows', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n${'- a\n'.repeat(1000)}`;
    expect(failure(() => parseDocuments(text, 'in.yaml', 'yaml', 2000))).toBe(
      'in.yaml:1: YAML document is too large (more than 2000 tokens); split it into one document per object, or give the list as JSON',
    );
    // The limit is per document: the same content split into documents passes.
    expect(
      parseDocuments(`${'apiVersion: v1\nkind: A\n---\n'.repeat(200)}`, 'in.yaml', 'yaml', 2000),
    ).toHaveLength(200);
  });

  test('modest alias use is fine', () => {
    const text = 'apiVersion: v1\nkind: X\nspec:\n  r: &r {cpu: 1}\n  a: *r\n  b: *r\n  c: *r\n';
    expect(loadText(text, 'in.yaml')[0].object.spec).toEqual({
      r: { cpu: 1 },
      a: { cpu: 1 },
      b: { cpu: 1 },
      c: { cpu: 1 },
    });
  });
});

describe('paths that cannot be read', () => {
  let dir: string;
  beforeAll(() => {
    dir = relative(process.cwd(), mkdtempSync(join(tmpdir(), 'bulwark-loader-')));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file', () => {
    expect(failure(() => loadPaths([join(dir, 'nope.yaml')]))).toBe(
      `${join(dir, 'nope.yaml')}: cannot read: no such file or folder`,
    );
  });

  test('a folder without manifests', () => {
    const folder = relative(
      process.cwd(),
      join(__dirname, '..', 'fixtures', 'check', 'loader', 'no-manifests'),
    );
    expect(failure(() => loadPaths([folder]))).toBe(`${folder}: folder holds no *.yaml, *.yml, *.json files`);
  });

  test('stdin named twice', () => {
    expect(failure(() => loadPaths(['-', '-'], { stdin: '' }))).toBe(
      `'-' (standard input) can be given only once`,
    );
  });

  test('a bad file inside a folder is named by its path', () => {
    writeFileSync(join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: A\n');
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: A\nkind: B\n');
    expect(failure(() => loadPaths([dir]))).toBe(
      `${join(dir, 'bad.yaml')}:3: invalid YAML: map keys must be unique ('kind' occurs twice)`,
    );
  });
});
