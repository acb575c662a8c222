import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import type { Rule } from '../../../../policies/rule';
import { envLiteralCredential } from '../../../../policies/rules/secrets/env-literal-credential';
import type { K8sObject } from '../../../../policies/types';

function run(rule: Rule, text: string): { path: string; message: string }[] {
  const objects = parseAllDocuments(text).map((d) => ({
    object: d.toJS() as K8sObject,
    file: 't.yaml',
    line: 1,
  }));
  return evaluate(objects, { rules: [rule] }).findings.map((f) => ({ path: f.path, message: f.message }));
}

/** A Pod whose container "app" has the given env entries (YAML flow mappings). */
const pod = (...env: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: app:1.0
      env: [${env.join(', ')}]
`;

describe('secrets.env-literal-credential: Containers get no credentials as literal values', () => {
  test.each([
    ['DB_PASSWORD', 'hunter2'],
    ['dbPassword', 'hunter2'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['STRIPE_API_KEY', 'abc123'],
    ['GITHUB_TOKEN', 'abc123'],
    ['OAUTH_CLIENT_SECRET', 'abc123'],
    ['VAULT_SECRET_ID', 'abc123'],
    ['SMTP_CREDENTIALS', 'user:pass'],
    ['DB_PASSWORD', '123456'],
  ])('fail: credential name %s with a literal value', (name, value) => {
    expect(run(envLiteralCredential, pod(`{name: ${name}, value: "${value}"}`))).toEqual([
      {
        path: 'spec.containers[0].env[0].value',
        message: `container "app" sets credential env "${name}" to a literal value`,
      },
    ]);
  });

  test.each([
    ['KEY_PATH', '/etc/x'],
    ['TOKEN_URL', 'https://auth.example.com/token'],
    ['PASSWORD_FILE', '/vault/secrets/db'],
    ['SECRET_NAME', 'web-db'],
    ['TOKEN_TTL', '3600'],
    ['JWT_ISSUER', 'https://auth.example.com'],
    ['REQUIRE_PASSWORD', 'true'],
    ['PRIMARY_KEY', 'id'],
    ['CACHE_KEY_PREFIX', 'shop'],
    ['SORT_KEYS', 'name'],
    ['DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)'],
    ['DB_PASSWORD', ''],
    ['AUTHOR', 'jane'],
    ['MONKEY', 'banana'],
  ])('pass: %s=%s is a setting, reference or empty value', (name, value) => {
    expect(run(envLiteralCredential, pod(`{name: ${name}, value: "${value}"}`))).toEqual([]);
  });

  test.each([
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    [
      '-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n-----END OPENSSH PRIVATE KEY-----',
      'a private key',
    ],
    ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3ZWIifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ', 'a JSON web token'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', 'a GitHub token'],
    ['postgres://app:s3cr3t@db:5432/shop', 'a URL with an embedded password'],
    ['Server=db;Database=shop;User Id=app;Password=s3cr3t;', 'a connection string with a password'],
  ])('fail: value %s is shaped like a credential whatever the name', (value, shape) => {
    expect(run(envLiteralCredential, pod(`{name: CONFIG, value: "${value}"}`))).toEqual([
      {
        path: 'spec.containers[0].env[0].value',
        message: `container "app" env "CONFIG" holds a value shaped like ${shape}`,
      },
    ]);
  });

  test('pass: a URL whose password is a $(VAR) reference', () => {
    expect(
      run(
        envLiteralCredential,
        pod('{name: DATABASE_URL, value: "postgres://app:$(DB_PASSWORD)@db:5432/shop"}'),
      ),
    ).toEqual([]);
  });

  test('fail: init and ephemeral containers and args are checked too', () => {
    const text = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      initContainers:
        - {name: init, image: app:1.0, env: [{name: API_TOKEN, value: t0ken}]}
      containers:
        - {name: app, image: app:1.0, args: [--key, AKIAIOSFODNN7EXAMPLE]}
      ephemeralContainers:
        - {name: debug, image: busybox:1.36, env: [{name: ADMIN_PASSWORD, value: admin}]}
`;
    expect(run(envLiteralCredential, text)).toEqual([
      {
        path: 'spec.template.spec.containers[0].args[1]',
        message: 'container "app" args[1] holds a value shaped like an AWS access key id',
      },
      {
        path: 'spec.template.spec.ephemeralContainers[0].env[0].value',
        message: 'container "debug" sets credential env "ADMIN_PASSWORD" to a literal value',
      },
      {
        path: 'spec.template.spec.initContainers[0].env[0].value',
        message: 'container "init" sets credential env "API_TOKEN" to a literal value',
      },
    ]);
  });
});
