/**
 * The pod view every pod-bearing policy shares: CEL `variables` that reach the pod template of each
 * kind and list its containers, so a guard reads `variables.containers` whatever the kind is.
 */
import { SUPPRESS_ANNOTATION } from '../suppressions';
import { equals, lit, litList } from './cel';
import { GUARDED_POD_KINDS } from './kinds';

/** A `spec.variables` entry. */
export interface Variable {
  readonly name: string;
  readonly expression: string;
}

/** The annotation value of `key` in the map at `annotations` (a has()-guarded path), or ''. */
function annotation(metadata: string, key: string): string {
  return `(has(${metadata}.annotations) && ${lit(key)} in ${metadata}.annotations ? ${metadata}.annotations[${lit(key)}] : '')`;
}

const listOrEmpty = (field: string) => `(has(variables.podSpec.${field}) ? variables.podSpec.${field} : [])`;

/** Variables of policies over pod-bearing kinds. Lazily evaluated by the API server, so unused ones cost nothing. */
export const POD_VARIABLES: readonly Variable[] = [
  {
    name: 'podTemplate',
    expression:
      "object.kind == 'Pod' ? object : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template)",
  },
  { name: 'podSpec', expression: 'has(variables.podTemplate.spec) ? variables.podTemplate.spec : {}' },
  {
    name: 'podMetadata',
    expression: 'has(variables.podTemplate.metadata) ? variables.podTemplate.metadata : {}',
  },
  {
    name: 'podSecurityContext',
    expression: 'has(variables.podSpec.securityContext) ? variables.podSpec.securityContext : {}',
  },
  // Init, regular and ephemeral containers: the three lists upstream's checks visit.
  {
    name: 'containers',
    expression: `${listOrEmpty('initContainers')} + ${listOrEmpty('containers')} + ${listOrEmpty('ephemeralContainers')}`,
  },
  {
    name: 'isWindows',
    expression: equals('variables.podSpec', ['os', 'name'], lit('windows')),
  },
  // hostUsers: false runs the pod in a user namespace (PSS relaxes root checks for it since v1.35).
  { name: 'userNamespace', expression: equals('variables.podSpec', ['hostUsers'], 'false') },
];

/** True for the pod-bearing kinds, in CEL. */
const IS_POD_KIND = `object.kind in ${litList(GUARDED_POD_KINDS)}`;

/**
 * The pod variables of a policy that also checks other kinds (a Namespace, a Service): those
 * objects see an empty pod template, so the variables evaluate without error for them.
 */
export const MIXED_POD_VARIABLES: readonly Variable[] = POD_VARIABLES.map((v) =>
  v.name === 'podTemplate' ? { ...v, expression: `${IS_POD_KIND} ? (${v.expression}) : {}` } : v,
);

/** A `spec.matchConditions` entry. */
export interface MatchCondition {
  readonly name: string;
  readonly expression: string;
}

/**
 * Pod policies skip updates that leave the pod spec (a Pod's spec and annotations, a controller's
 * pod template) as it was, as Pod Security Admission does: controllers scaling an old ReplicaSet
 * down or the garbage collector orphaning pods must not be blocked by a rule added since those
 * objects were admitted. Match conditions cannot read variables, so the paths are spelled out.
 */
export const POD_MATCH_CONDITIONS: readonly MatchCondition[] = [
  {
    name: 'pod-spec-created-or-changed',
    expression: [
      "request.operation != 'UPDATE' || oldObject == null || (object.kind == 'Pod'",
      ' ? (object.spec != oldObject.spec || (has(object.metadata.annotations) ? object.metadata.annotations : {}) != (has(oldObject.metadata.annotations) ? oldObject.metadata.annotations : {}))',
      " : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template != oldObject.spec.jobTemplate.spec.template : object.spec.template != oldObject.spec.template))",
    ].join(''),
  },
];

/** The match conditions of a policy that also checks other kinds: those are judged on every update. */
export const MIXED_POD_MATCH_CONDITIONS: readonly MatchCondition[] = POD_MATCH_CONDITIONS.map((c) => ({
  ...c,
  expression: `!(${IS_POD_KIND}) || ${c.expression}`,
}));

/** The `suppressions` variable: the object's suppression annotation and, for pod-bearing kinds, its pod template's. */
export function suppressionsVariable(podBearing: boolean): Variable {
  const own = annotation('object.metadata', SUPPRESS_ANNOTATION);
  // Entries are separated by ';', so joining the two values with one keeps every entry intact.
  return {
    name: 'suppressions',
    expression: podBearing
      ? `${own} + ';' + ${annotation('variables.podMetadata', SUPPRESS_ANNOTATION)}`
      : own,
  };
}

/** `test` holds for every container (init, regular, ephemeral); `c` names the container. */
export function everyContainer(test: string): string {
  return `variables.containers.all(c, ${test})`;
}

/** Base expressions guards select from. */
export const POD_SPEC = 'variables.podSpec';
export const POD_SC = 'variables.podSecurityContext';
export const POD_METADATA = 'variables.podMetadata';
