/**
 * The loader on good input: lines, locate, multi-document YAML, lists, JSON, folders, stdin.
 */
import { join, relative } from 'path';
import { loadPaths, loadText, STDIN_NAME } from '../../policies/loader';

const FIXTURES = relative(process.cwd(), join(__dirname, '..', 'fixtures', 'check'));
const TREE = join(FIXTURES, 'loader', 'tree');

const POD = `# a comment first
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    bulwark.dev/suppress: "x"
    app.kubernetes.io/name: web
spec:
  containers:
    - name: main
      image: nginx:1.27
      securityContext:
        capabilities:
          add: [NET_ADMIN, SYS_TIME]
    - name: sidecar
      image: envoy:1.30
`;

describe('loadText', () => {
  test('gives each object its file and the line it starts on', () => {
    const [pod] = loadText(POD, 'pod.yaml');
    expect(pod.file).toBe('pod.yaml');
    expect(pod.line).toBe(3);
    expect(pod.object.metadata?.name).toBe('web');
  });

  test.each([
    ['', 3],
    ['spec', 11],
    ['spec.containers[0]', 13],
    ['spec.containers[0].securityContext.capabilities', 16],
    ['spec.containers[0].securityContext.capabilities.add', 17],
    ['spec.containers[0].securityContext.capabilities.add[1]', 17],
    ['spec.containers[1].image', 19],
    ['metadata.annotations.bulwark.dev/suppress', 9],
    ['metadata.annotations.app.kubernetes.io/name', 10],
    ['metadata.annotations["app.kubernetes.io/name"]', 10],
    ['spec.containers[0].securityContext.runAsNonRoot', 15],
    ['spec.containers[7].image', 12],
    ['spec.volumes[0].hostPath', 11],
    ['status.phase', 3],
  ])('locate(%j) is line %d (the nearest existing ancestor when the field is absent)', (path, line) => {
    const [pod] = loadText(POD, 'pod.yaml');
    expect(pod.locate?.(path)).toBe(line);
  });

  test('reads every document of a stream and skips empty ones', () => {
    const text = `---\napiVersion: v1\nkind: A\n---\n---\n# nothing\n---\n~\n...\n---\napiVersion: v1\nkind: B\n`;
    expect(loadText(text, 'multi.yaml').map((o) => [o.object.kind, o.line])).toEqual([
      ['A', 2],
      ['B', 11],
    ]);
  });

  test('an empty or comment-only input holds no objects', () => {
    expect(loadText('', 'empty.yaml')).toEqual([]);
    expect(loadText('  \n\n', 'blank.yaml')).toEqual([]);
    expect(loadText('# just a comment\n', 'comment.yaml')).toEqual([]);
    expect(loadText('', 'empty.json', 'json')).toEqual([]);
  });

  test('expands kind: List, each item with its own line and paths relative to the item', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
  - apiVersion: v1
    kind: Secret
    metadata:
      name: b
`;
    const objects = loadText(text, 'list.yaml');
    expect(objects.map((o) => [o.object.kind, o.line])).toEqual([
      ['ConfigMap', 4],
      ['Secret', 7],
    ]);
    expect(objects[1].locate?.('metadata.name')).toBe(10);
  });

  test('expands typed lists, filling in kind and apiVersion as the API server omits them', () => {
    const text = `apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: p\n  spec: {}\n`;
    const [pod] = loadText(text, 'pods.yaml');
    expect(pod.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} });
    expect(pod.line).toBe(4);
  });

  test('an empty list holds no objects; a kind merely ending in List without items is an object', () => {
    expect(loadText('apiVersion: v1\nkind: List\nitems: []\n', 'l.yaml')).toEqual([]);
    expect(loadText('apiVersion: v1\nkind: List\n', 'l.yaml')).toEqual([]);
    expect(
      loadText('apiVersion: x.io/v1\nkind: AllowList\nspec: {}\n', 'l.yaml').map((o) => o.object.kind),
    ).toEqual(['AllowList']);
  });

  test('reads JSON with lines and locate', () => {
    const text = [
      '{',
      '  "apiVersion": "v1",',
      '  "kind": "Pod",',
      '  "metadata": {"name": "p", "annotations": {"a\\"b": "x", "bulwark.dev/suppress": "y"}},',
      '  "spec": {',
      '    "note": "a \\"quoted\\" } ] string",',
      '    "containers": [',
      '      {"name": "c", "ports": [80,',
      '        443]},',
      '      {',
      '        "name": "d"',
      '      }',
      '    ],',
      '    "replicas": 3',
      '  }',
      '}',
    ].join('\n');
    const [pod] = loadText(text, 'pod.json', 'json');
    expect(pod.line).toBe(1);
    expect((pod.object.metadata?.annotations ?? {})['a"b']).toBe('x');
    expect(
      [
        'spec',
        'spec.containers[0].name',
        'spec.containers[0].ports[1]',
        'spec.containers[1]',
        'spec.containers[1].name',
        'spec.replicas',
        'metadata.annotations.bulwark.dev/suppress',
        'spec.containers[2]',
      ].map((path) => pod.locate?.(path)),
    ).toEqual([5, 8, 9, 10, 11, 14, 4, 7]);
    // JSON has no merge keys: "<<" is an ordinary key.
    const [cm] = loadText(
      '{"apiVersion": "v1", "kind": "ConfigMap", "data": {"<<": "x"}}',
      'cm.json',
      'json',
    );
    expect(cm.object.data).toEqual({ '<<': 'x' });
  });

  test('reads a JSON list with each item at its line', () => {
    const text =
      '{"apiVersion": "v1", "kind": "List", "items": [\n {"apiVersion": "v1", "kind": "A"},\n\n {"apiVersion": "v1",\n  "kind": "B"}\n]}';
    expect(loadText(text, 'l.json', 'json').map((o) => [o.object.kind, o.line, o.locate?.('kind')])).toEqual([
      ['A', 2, 2],
      ['B', 4, 5],
    ]);
  });

  test('reads scalars as kubectl does (YAML 1.1), keeping timestamps and the like as strings', () => {
    const text = `apiVersion: v1
kind: Pod
spec:
  volumes:
    - secret: {defaultMode: 0644}
  hostNetwork: yes
  ratio: 1:30
  started: 2024-01-02
  quoted: "0644"
`;
    const [pod] = loadText(text, 'pod.yaml');
    expect(pod.object.spec).toEqual({
      volumes: [{ secret: { defaultMode: 0o644 } }],
      hostNetwork: true,
      ratio: '1:30',
      started: '2024-01-02',
      quoted: '0644',
    });
  });

  test('honours merge keys, as kubectl does', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  base: &base {cpu: 1}\n  merged:\n    <<: *base\n    memory: 2\n`;
    expect(loadText(text, 'p.yaml')[0].object.spec).toEqual({
      base: { cpu: 1 },
      merged: { cpu: 1, memory: 2 },
    });
  });

  test('reads null metadata fields as the API server does: absent, or "" for a label or annotation value', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace:\n  labels:\n  annotations:\n    note:\n`;
    expect(loadText(text, 'c.yaml')[0].object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', annotations: { note: '' } },
    });
    expect(loadText('apiVersion: v1\nkind: A\nmetadata:\n', 'a.yaml')[0].object).toEqual({
      apiVersion: 'v1',
      kind: 'A',
    });
  });

  test('drops a byte order mark', () => {
    expect(loadText('\uFEFFapiVersion: v1\nkind: A\n', 'bom.yaml')[0].object.apiVersion).toBe('v1');
  });
});

describe('loadPaths', () => {
  test('walks folders recursively, sorted, reading only *.yaml, *.yml and *.json and skipping hidden folders', () => {
    const objects = loadPaths([TREE]);
    expect(objects.map((o) => [relative(TREE, o.file), o.object.kind, o.line])).toEqual([
      ['a.yml', 'ConfigMap', 3],
      ['b.yaml', 'Service', 1],
      [join('sub', 'c.json'), 'Pod', 1],
    ]);
    expect(objects[0].file).toBe(join(TREE, 'a.yml'));
  });

  test('keeps files as the user named them, in the order given, once each', () => {
    const b = join(TREE, 'b.yaml');
    const objects = loadPaths([b, TREE, `${TREE}/../tree/b.yaml`]);
    expect(objects.map((o) => o.file)).toEqual([b, join(TREE, 'a.yml'), join(TREE, 'sub', 'c.json')]);
  });

  test('reads an explicitly named file whatever its extension', () => {
    expect(() => loadPaths([join(TREE, 'notes.txt')])).toThrow(/invalid YAML/);
  });

  test('reads - from stdin, as YAML or JSON', () => {
    const yaml = loadPaths(['-'], { stdin: 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n' });
    expect(yaml.map((o) => [o.file, o.object.kind, o.line])).toEqual([
      [STDIN_NAME, 'A', 1],
      [STDIN_NAME, 'B', 4],
    ]);
    const json = loadPaths(['-'], {
      stdin: Buffer.from(
        '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "C"}]}',
      ),
    });
    expect(json.map((o) => o.object.kind)).toEqual(['C']);
    // A YAML flow mapping is not JSON, and still reads as YAML.
    expect(loadPaths(['-'], { stdin: '{apiVersion: v1, kind: D}' }).map((o) => o.object.kind)).toEqual(['D']);
  });

  test('mixes stdin and files in the order given', () => {
    const objects = loadPaths([join(TREE, 'b.yaml'), '-'], { stdin: 'apiVersion: v1\nkind: A\n' });
    expect(objects.map((o) => o.object.kind)).toEqual(['Service', 'A']);
  });
});

describe('large input', () => {
  // Functional, not timed: bench numbers belong in the report, not in a flaky assertion.
  test('20k objects in one stream keep exact lines', () => {
    const doc = (i: number) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: ns\ndata:\n  key: v${i}\n`;
    const text = Array.from({ length: 20_000 }, (_, i) => doc(i)).join('---\n');
    const objects = loadText(text, 'big.yaml');
    expect(objects).toHaveLength(20_000);
    const last = objects[19_999];
    expect(last.line).toBe(19_999 * 8 + 1);
    expect(last.locate?.('data.key')).toBe(19_999 * 8 + 7);
    expect(last.object.metadata?.name).toBe('c19999');
  });
});
