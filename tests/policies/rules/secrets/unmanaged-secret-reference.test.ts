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
import { unmanagedSecretReference } from '../../../../policies/rules/secrets/unmanaged-secret-reference';

const producers = `
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: es-named-by-target, namespace: shop}
spec: {target: {name: db}}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: api, namespace: shop}
spec: {}
---
apiVersion: secrets.hashicorp.com/v1beta1
kind: VaultStaticSecret
metadata: {name: vss, namespace: shop}
spec: {destination: {name: static, create: true}}
---
apiVersion: v1
kind: Secret
metadata: {name: plain, namespace: shop}
---
apiVersion: example.com/v1
kind: ExternalSecret
metadata: {name: foreign, namespace: shop}
---
`;

const pod = (annotations: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop, annotations: ${annotations}}
spec:
  imagePullSecrets: [{name: regcred}]
  volumes:
    - {name: a, secret: {secretName: db}}
    - {name: b, projected: {sources: [{secret: {name: static}}, {configMap: {name: cm}}, {secret: {name: es-named-by-target}}]}}
  containers:
    - name: app
      image: app:1.0
      env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}, {name: X, valueFrom: {secretKeyRef: {name: foreign, key: x}}}]
      envFrom: [{secretRef: {name: plain}}]
`;

describe('secrets.unmanaged-secret-reference: Referenced Secrets are produced from Vault', () => {
  test('fail: names each unproduced reference with its use and path', () => {
    const suffix = 'is not produced by an ExternalSecret, Vault secret or Secret in namespace "shop"';
    expect(run(unmanagedSecretReference, producers + pod('{}'))).toEqual([
      {
        path: 'spec.containers[0].env[1].valueFrom.secretKeyRef.name',
        message: `secret "foreign" used by env "X" of container "app" ${suffix}`,
      },
      {
        path: 'spec.imagePullSecrets[0].name',
        message: `secret "regcred" used by imagePullSecrets ${suffix}`,
      },
      {
        path: 'spec.volumes[1].projected.sources[2].secret.name',
        message: `secret "es-named-by-target" used by volume "b" ${suffix}`,
      },
    ]);
  });

  test('pass: the annotation declares the rest as managed elsewhere', () => {
    const annotations = '{bulwark.dev/external-secrets: " regcred,foreign , es-named-by-target"}';
    expect(run(unmanagedSecretReference, producers + pod(annotations))).toEqual([]);
  });
});
