import {
  credentialShapeOf,
  isLiteralValue,
  isSensitiveName,
  wordsOf,
} from '../../../policies/analysis/credentials';

describe('wordsOf', () => {
  test('splits snake, kebab, dotted and camel case', () => {
    expect(wordsOf('spring.datasource.dbPassword')).toEqual(['spring', 'datasource', 'db', 'password']);
    expect(wordsOf('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
  });
});

describe('isSensitiveName', () => {
  test.each([
    'password',
    'DB_PASSWD',
    'apiKey',
    'API-KEY',
    'privateKey',
    'client_secret',
    'bearerToken',
    'encryption.key',
  ])('%s is sensitive', (name) => expect(isSensitiveName(name)).toBe(true));
  test.each([
    'KEY',
    'KEY_PATH',
    'PUBLIC_KEY',
    'ssh-host',
    'TOKEN_ENDPOINT',
    'password_min_length',
    'SECRET_STORE',
    'tokenizer',
  ])('%s is not', (name) => expect(isSensitiveName(name)).toBe(false));
});

describe('isLiteralValue', () => {
  test.each([
    ['hunter2', true],
    ['"hunter2"', true],
    ['""', false],
    ["''", false],
    ['${DB_PASSWORD}', false],
    ['$(DB_PASSWORD)', false],
    ['/vault/secrets/db', false],
    ['null', false],
    ['~', false],
    ['On', false],
  ])('%s -> %s', (value, literal) => expect(isLiteralValue(value)).toBe(literal));
});

describe('credentialShapeOf', () => {
  test.each([
    ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'a private key'],
    ['xoxb-123456789012-abcdefABCDEF', 'a Slack token'],
    ['AIza' + 'A'.repeat(35), 'a Google API key'],
    ['sk_live_' + '0'.repeat(24), 'a Stripe live key'],
    ['https://user:pw@example.com/x', 'a URL with an embedded password'],
  ])('%s -> %s', (value, shape) => expect(credentialShapeOf(value)).toBe(shape));

  test.each([
    '-----BEGIN CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----',
    'https://example.com/path',
    'https://user@example.com/',
    'AKIA-not-a-key',
    'jdbc:postgresql://db:5432/shop',
  ])('%s has no credential shape', (value) => expect(credentialShapeOf(value)).toBeUndefined());
});
