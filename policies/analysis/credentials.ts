/**
 * Detection of credentials written as literals: names that say "this is a secret" with a literal
 * value, and values shaped like well-known tokens whatever their name.
 */

/** Words that make a name sensitive on their own. */
const SENSITIVE_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'credentials',
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'bearer',
]);

/** `<word>_KEY` is sensitive for these words (`API_KEY`, `AWS_SECRET_ACCESS_KEY`), not for `CACHE_KEY`. */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'private',
  'secret',
  'encryption',
  'signing',
  'master',
  'client',
  'account',
  'hmac',
  'shared',
]);

/** A last word that makes the value a setting about a secret rather than the secret (`TOKEN_URL`, `KEY_PATH`). */
const DESCRIPTOR_WORDS = new Set([
  'path',
  'file',
  'dir',
  'directory',
  'url',
  'uri',
  'endpoint',
  'host',
  'hostname',
  'port',
  'name',
  'names',
  'ttl',
  'timeout',
  'expiry',
  'expiration',
  'lifetime',
  'duration',
  'interval',
  'length',
  'size',
  'type',
  'kind',
  'enabled',
  'enable',
  'disabled',
  'required',
  'header',
  'mount',
  'location',
  'ref',
  'version',
  'algorithm',
  'format',
  'mode',
  'prefix',
  'suffix',
  'field',
  'issuer',
  'audience',
  'scope',
  'scopes',
  'store',
  'provider',
  'policy',
  'arn',
  'region',
  'role',
  'method',
  'source',
]);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password` into lower-case words. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True when a variable or key name says its value is a credential. */
export function isSensitiveName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || DESCRIPTOR_WORDS.has(words[words.length - 1])) return false;
  return words.some(
    (word, i) =>
      SENSITIVE_WORDS.has(word) ||
      ((word === 'key' || word === 'keys') && i > 0 && KEY_QUALIFIERS.has(words[i - 1])),
  );
}

/**
 * True when a value under a sensitive name is a literal secret: not empty (also once quotes are
 * stripped), not a `$(VAR)`/`${VAR}` reference, not a file path, not a boolean or null.
 */
export function isLiteralValue(value: string): boolean {
  const v = value
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  if (v === '' || v.startsWith('$(') || v.startsWith('${') || v.startsWith('/') || v.startsWith('file:'))
    return false;
  return !/^(true|false|yes|no|on|off|null|none|~)$/i.test(v);
}

/** Token shapes that are credentials whatever their name, with how a message names each. */
const SHAPES: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/, 'a private key'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JSON web token'],
  [/\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}/, 'a Google API key'],
  [/\b[rs]k_live_[0-9A-Za-z]{20,}/, 'a Stripe live key'],
  // user:password@ in a URL, unless the password is a $(VAR) reference filled from a Secret.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:(?![$][({])[^\s@/]+@/i, 'a URL with an embedded password'],
  [/(^|;)\s*(password|pwd)\s*=\s*(?![$][({])[^;\s]+/i, 'a connection string with a password'],
];

/** How a message names the credential shape `value` has, or undefined when it has none. */
export function credentialShapeOf(value: string): string | undefined {
  return SHAPES.find(([pattern]) => pattern.test(value))?.[1];
}
