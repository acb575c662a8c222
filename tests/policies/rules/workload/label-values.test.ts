import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import type { Rule } from '../../../../policies/rule';
import type { K8sObject } from '../../../../policies/types';

function run(rule: Rule, text: string): { path: string; message: string }[] {
  const objects = parseAllDocuments(text).map((d) => ({
    object: d.toJS() as K8sObject,
    file: 't.yaml',
    line: 1,
  }));
  return evaluate(objects, { rules: [rule] }).findings.map((f) => ({ path: f.path, message: f.message }));
}
import { labelValues } from '../../../../policies/rules/workload/label-values';

const CHARSET = "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
const configMap = (labels: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n${labels}\n`;
const bad = (key: string, message: string) => [{ path: `metadata.labels.${key}`, message }];

describe('workload.label-values: Label keys and values are valid', () => {
  test.each([
    [
      'a',
      'x'.repeat(64),
      `label "a" has the invalid value "${'x'.repeat(64)}": it has 64 characters, more than 63`,
    ],
    ['a', '"-x"', `label "a" has the invalid value "-x": it must be empty or consist of ${CHARSET}`],
    ['a', '"x y"', `label "a" has the invalid value "x y": it must be empty or consist of ${CHARSET}`],
    ['a', '2', 'label "a" has the invalid value 2: it is not a string (quote it in YAML)'],
    ['a', 'false', 'label "a" has the invalid value false: it is not a string (quote it in YAML)'],
  ])('fail: value of %s: %s', (key, value, message) => {
    expect(run(labelValues, configMap(`    ${key}: ${value}`))).toEqual(bad(key, message));
  });

  test.each([
    ['example.com/', 'the name part is empty'],
    ['/name', "the prefix before '/' is empty"],
    ['a/b/c', "it has more than one '/'"],
    ['Example.com/name', 'the prefix must be a lower-case DNS subdomain of at most 253 characters'],
    [
      `${'a'.repeat(250)}.com/name`,
      'the prefix must be a lower-case DNS subdomain of at most 253 characters',
    ],
    ['x'.repeat(64), 'the name part has 64 characters, more than 63'],
    ['_name', `the name part must consist of ${CHARSET}`],
  ])('fail: key %s', (key, why) => {
    expect(run(labelValues, configMap(`    "${key}": ok`))).toEqual(
      bad(key, `label key "${key}" is invalid: ${why}`),
    );
  });

  test.each([
    ['an empty value', '    a: ""'],
    ['a null value (decoded as empty)', '    a:'],
    ['63 characters', `    ${'k'.repeat(63)}: ${'v'.repeat(63)}`],
    ['a prefixed key with dots, dashes and underscores', '    sub.example-1.com/Name_x.y-z: A.b_c-9'],
  ])('pass: %s', (_name, labels) => {
    expect(run(labelValues, configMap(labels))).toEqual([]);
  });

  test('selectors and templates are checked on their own paths', () => {
    const text = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: "a b"}}
  template:
    metadata: {labels: {app: "a b"}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  selector: {"app/": x}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector: {matchLabels: {app: 1}}
`;
    expect(run(labelValues, text).map((f) => f.path)).toEqual([
      'spec.podSelector.matchLabels.app',
      'spec.selector.app/',
      'spec.selector.matchLabels.app',
      'spec.template.metadata.labels.app',
    ]);
  });
});
