/** Guards for the secrets rules that judge one object without heuristics. */
import { absentOr, all, any, not, present } from './cel';
import type { Guard } from './guard';
import { GUARDED_POD_KINDS } from './kinds';
import { everyContainer } from './pod';

/**
 * A reference object counts when it sets any field (the rule ignores `secretKeyRef: {}`). Its
 * fields are listed rather than sized, which works whether the API server hands CEL a map or a
 * typed object.
 */
const setsAny = (base: string, fields: readonly string[]) => any(...fields.map((f) => `has(${base}.${f})`));

const SECRET_KEY_REF = all(
  present('e', ['valueFrom', 'secretKeyRef']),
  setsAny('e.valueFrom.secretKeyRef', ['name', 'key', 'optional']),
);
const SECRET_REF = all(present('f', ['secretRef']), setsAny('f.secretRef', ['name', 'optional']));

export const SECRETS_GUARDS: readonly Guard[] = [
  {
    ruleId: 'secrets.secret-env-var',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(
      all(
        absentOr('c', ['env'], (env) => `${env}.all(e, ${not(SECRET_KEY_REF)})`),
        absentOr('c', ['envFrom'], (from) => `${from}.all(f, ${not(SECRET_REF)})`),
      ),
    ),
  },
];
