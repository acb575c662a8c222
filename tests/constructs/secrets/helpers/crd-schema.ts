/**
 * Validates custom resources against the upstream CRDs vendored in `crds/`, the way the API server
 * does with strict field validation: the served version's `openAPIV3Schema`, unknown fields
 * rejected (as `kubectl apply` does by default), `x-kubernetes-int-or-string` as integer-or-string.
 * CEL rules (`x-kubernetes-validations`) are not evaluated; none applies to the Vault provider.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const CRD_ROOT = join(__dirname, '..', '..', '..', '..', 'crds');
type Schema = Record<string, unknown>;

/** Rewrites a structural schema into plain JSON Schema that ajv enforces like the API server. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const input = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('x-kubernetes-') || key === 'description') continue;
    out[key] =
      key === 'properties' || key === 'patternProperties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]))
        : toJsonSchema(value);
  }
  if (input['x-kubernetes-int-or-string'] === true && out.type === undefined && out.anyOf === undefined) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const preserve = input['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties !== undefined && out.additionalProperties === undefined && !preserve) {
    out.additionalProperties = false;
  }
  return out;
}

interface Served {
  readonly crdFile: string;
  readonly validate: ValidateFunction;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

/** group/version → kind → validator, for every served version of every vendored CRD. */
const SERVED = new Map<string, Map<string, Served>>();
for (const dir of readdirSync(CRD_ROOT, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join(CRD_ROOT, dir.name)).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(readFileSync(join(CRD_ROOT, dir.name, file), 'utf8'));
    for (const version of crd.spec.versions) {
      if (!version.served) continue;
      const schema = toJsonSchema(version.schema.openAPIV3Schema) as Schema;
      // The API server validates metadata itself; the CRD schema leaves it open.
      (schema.properties as Schema).metadata = {
        type: 'object',
        required: ['name', 'namespace'],
        properties: {
          name: {
            type: 'string',
            pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
            maxLength: 253,
          },
          namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          annotations: { type: 'object', additionalProperties: { type: 'string' } },
        },
        additionalProperties: false,
      };
      const gv = `${crd.spec.group}/${version.name}`;
      const kinds = SERVED.get(gv) ?? new Map<string, Served>();
      kinds.set(crd.spec.names.kind, { crdFile: `${dir.name}/${file}`, validate: ajv.compile(schema) });
      SERVED.set(gv, kinds);
    }
  }
}

/** The API groups the vendored CRDs define. */
export const CRD_GROUPS: ReadonlySet<string> = new Set([...SERVED.keys()].map((gv) => gv.split('/')[0]));

/** Whether `apiVersion` belongs to a vendored CRD's group (served or not). */
export function isCustomResource(object: { apiVersion?: string }): boolean {
  return CRD_GROUPS.has((object.apiVersion ?? '').split('/')[0]);
}

/** Schema errors of a custom resource (`path: message`), empty when it is valid. */
export function crdErrors(object: { apiVersion?: string; kind?: string }): string[] {
  const served = SERVED.get(object.apiVersion ?? '')?.get(object.kind ?? '');
  if (!served) return [`${object.apiVersion} ${object.kind} is not served by any vendored CRD`];
  if (served.validate(object)) return [];
  return (served.validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`,
  );
}
