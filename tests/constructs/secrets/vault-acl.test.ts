/** The test-side Vault ACL evaluator behaves as Vault's policy documentation says (so the policy tests can trust it). */
import { Acl, comparePriority, parsePolicy, pathMatches } from './helpers/vault-acl';

describe('Vault ACL evaluator', () => {
  test('exact, glob and segment-wildcard matching', () => {
    expect(pathMatches('secret/foo', 'secret/foo')).toBe(true);
    expect(pathMatches('secret/foo', 'secret/foo/bar')).toBe(false);
    expect(pathMatches('secret/foo', 'secret/fo')).toBe(false);
    expect(pathMatches('secret/foo*', 'secret/foobar/baz')).toBe(true);
    expect(pathMatches('secret/foo*', 'secret/fo')).toBe(false);
    expect(pathMatches('secret/+/teamb', 'secret/foo/teamb')).toBe(true);
    expect(pathMatches('secret/+/teamb', 'secret/foo/bar/teamb')).toBe(false);
    expect(pathMatches('secret/+/+/teamb', 'secret/a/b/teamb')).toBe(true);
    expect(pathMatches('secret/+/*', 'secret/a/b/c')).toBe(true);
  });

  test("priority as in Vault's docs", () => {
    // "If the first wildcard (+) or glob (*) occurs earlier in P1, P1 is lower priority"
    expect(comparePriority('secret/+/bar', 'secret/foo/+')).toBeLessThan(0);
    // "If P1 ends in * and P2 doesn't, P1 is lower priority"
    expect(comparePriority('secret/foo/+*', 'secret/foo/+')).toBeLessThan(0);
    // "If P1 has more + (wildcard) segments, P1 is lower priority"
    expect(comparePriority('secret/foo/+/+/x', 'secret/foo/+/bar/x')).toBeLessThan(0);
    // "If P1 is shorter, it is lower priority"
    expect(comparePriority('secret/foo/*', 'secret/foo/bar*')).toBeLessThan(0);
    // exact beats any pattern
    expect(comparePriority('secret/foo/bar', 'secret/foo/bar*')).toBeGreaterThan(0);
  });

  test('the highest-priority rule alone decides, deny wins, no rule denies', () => {
    const acl = new Acl([
      'path "secret/*" {\n  capabilities = ["read", "list"]\n}\npath "secret/private" {\n  capabilities = ["deny"]\n}\npath "secret/team/a" {\n  capabilities = ["update"]\n}',
    ]);
    expect(acl.allows('read', 'secret/anything/else')).toBe(true);
    expect(acl.allows('read', 'secret/private')).toBe(false);
    expect(acl.allows('read', 'secret/team/a')).toBe(false); // the exact rule decides, and it has no read
    expect(acl.allows('update', 'secret/team/a')).toBe(true);
    expect(acl.allows('read', 'other/thing')).toBe(false);
  });

  test('rules with the same path merge across policies', () => {
    const acl = new Acl([
      'path "a/b" { capabilities = ["read"] }',
      'path "a/b" { capabilities = ["update"] }',
    ]);
    expect(acl.allows('read', 'a/b') && acl.allows('update', 'a/b')).toBe(true);
  });

  test('allowed_parameters restrict names and values, with prefix globs', () => {
    const acl = new Acl([
      'path "sys/leases/revoke" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "lease_id" = ["database/creds/r/*"]\n  }\n}',
    ]);
    expect(acl.allows('update', 'sys/leases/revoke', { lease_id: 'database/creds/r/abc' })).toBe(true);
    expect(acl.allows('update', 'sys/leases/revoke', { lease_id: 'database/creds/other/abc' })).toBe(false);
    expect(
      acl.allows('update', 'sys/leases/revoke', { lease_id: 'database/creds/r/abc', sync: 'true' }),
    ).toBe(false);
  });

  test('anything outside the emitted subset is a parse error', () => {
    expect(() => parsePolicy('path "a" { capabilities = ["read"] min_wrapping_ttl = "1s" }')).toThrow(
      'unsupported key',
    );
    expect(() => parsePolicy('path "a" { capabilities = ["reed"] }')).toThrow('capability reed');
    expect(() => parsePolicy('name = "x"')).toThrow('expected path');
  });
});
