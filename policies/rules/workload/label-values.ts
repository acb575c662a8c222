/**
 * Label keys and values are ones the API server accepts. It rejects the whole object otherwise, so
 * a typo in a label, a value longer than 63 characters or an unquoted YAML number only shows up
 * when the manifest is applied.
 *
 * Fields: metadata.labels, the pod template's (and a CronJob's job template's) metadata.labels,
 *         and the selector labels of built-in kinds (spec.selector.matchLabels of controllers and
 *         PodDisruptionBudgets; spec.selector of Services and ReplicationControllers;
 *         spec.podSelector.matchLabels of NetworkPolicies). The API server does not validate the
 *         selectors of custom resources, so they are not judged.
 * Allowed (k8s.io/apimachinery validation): a key is an optional DNS-subdomain prefix of at most
 * 253 characters and `/`, then a name of 1-63 alphanumerics, `-`, `_` or `.` that starts and ends
 * with an alphanumeric; a value is a string, empty or like a key's name.
 */
import { isObject, obj, podTargetOf } from '../../k8s';
import { defineRule } from '../../rule';
import type { K8sObject, RuleFinding } from '../../types';

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CHARSET = "alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";

/** Why `key` is not a label key (upstream IsQualifiedName), or undefined when it is one. */
function keyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return "it has more than one '/'";
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === '') return "the prefix before '/' is empty";
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
      return 'the prefix must be a lower-case DNS subdomain of at most 253 characters';
  }
  if (name === '') return 'the name part is empty';
  if (name.length > 63) return `the name part has ${name.length} characters, more than 63`;
  if (!NAME.test(name)) return `the name part must consist of ${CHARSET}`;
  return undefined;
}

/** Why `value` is not a label value (upstream IsValidLabelValue), or undefined when it is one. */
function valueProblem(value: unknown): string | undefined {
  // A YAML null decodes to the empty string, which is valid.
  if (value === null) return undefined;
  if (typeof value !== 'string') return 'it is not a string (quote it in YAML)';
  if (value.length > 63) return `it has ${value.length} characters, more than 63`;
  if (!VALUE.test(value)) return `it must be empty or consist of ${CHARSET}`;
  return undefined;
}

/** Built-in kinds whose `spec.selector` is a label selector the API server validates (custom resources' are not). */
const SELECTOR_KINDS: readonly string[] = [
  'DaemonSet',
  'Deployment',
  'Job',
  'PodDisruptionBudget',
  'ReplicaSet',
  'StatefulSet',
];

/** The label maps of an object that the API server validates, with their paths. */
function labelMaps(object: K8sObject): [string, unknown][] {
  const spec = obj(object.spec);
  const maps: [string, unknown][] = [['metadata.labels', object.metadata?.labels]];
  const pod = podTargetOf(object);
  if (pod && pod.metadataPath !== 'metadata') maps.push([`${pod.metadataPath}.labels`, pod.metadata.labels]);
  if (object.kind === 'CronJob')
    maps.push(['spec.jobTemplate.metadata.labels', obj(obj(spec.jobTemplate).metadata).labels]);
  if (object.kind === 'Service' || object.kind === 'ReplicationController') {
    maps.push(['spec.selector', spec.selector]);
  } else if (object.kind === 'NetworkPolicy') {
    maps.push(['spec.podSelector.matchLabels', obj(spec.podSelector).matchLabels]);
  } else if (SELECTOR_KINDS.includes(object.kind ?? '') && isObject(spec.selector)) {
    maps.push(['spec.selector.matchLabels', spec.selector.matchLabels]);
  }
  return maps;
}

export const labelValues = defineRule({
  id: 'workload.label-values',
  title: 'Label keys and values are valid',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:META-003'],
  kinds: ['*'],
  description:
    'The API server rejects an object whose labels or selector labels break the label syntax, so the manifest cannot be applied.',
  remediation:
    'Use label keys of an optional DNS-subdomain prefix and a name of at most 63 characters, and string values of at most 63 alphanumerics, `-`, `_` or `.` that start and end with an alphanumeric.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
  ],
  check(target) {
    const findings: RuleFinding[] = [];
    for (const [path, labels] of labelMaps(target.object)) {
      if (!isObject(labels)) continue;
      for (const [key, value] of Object.entries(labels)) {
        const badKey = keyProblem(key);
        if (badKey !== undefined) {
          findings.push({ path: `${path}.${key}`, message: `label key "${key}" is invalid: ${badKey}` });
          continue;
        }
        const badValue = valueProblem(value);
        if (badValue !== undefined) {
          const shown = typeof value === 'string' ? `"${value}"` : String(value);
          findings.push({
            path: `${path}.${key}`,
            message: `label "${key}" has the invalid value ${shown}: ${badValue}`,
          });
        }
      }
    }
    return findings;
  },
});
