/**
 * The API-server audit policy (environments/audit-policy.ts): valid audit.k8s.io/v1, and the levels
 * it gives representative requests, computed with the API server's first-match semantics.
 */
import { parse } from 'yaml';
import { ENVIRONMENTS } from '../../environments';
import { auditPolicy, auditPolicyYaml, type AuditRule } from '../../environments/audit-policy';

interface Request {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly verb: string;
  readonly namespace?: string;
  /** `group/resource` for resource requests (core group: `/pods`), or a path for the others. */
  readonly resource?: string;
  readonly path?: string;
}

/** The API server's `ruleMatches` (k8s.io/apiserver/pkg/audit/policy/checker.go), for the fields used. */
function matches(rule: AuditRule, r: Request): boolean {
  if (rule.users && !rule.users.includes(r.user ?? '')) return false;
  if (rule.userGroups && !rule.userGroups.some((g) => (r.groups ?? []).includes(g))) return false;
  if (rule.verbs && !rule.verbs.includes(r.verb)) return false;
  if (rule.namespaces || rule.resources) {
    if (r.resource === undefined) return false;
    if (rule.namespaces && !rule.namespaces.includes(r.namespace ?? '')) return false;
    if (!rule.resources) return true;
    const [group, resource] = r.resource.split(/\/(.*)/s);
    return rule.resources.some((g) => g.group === group && (!g.resources || g.resources.includes(resource)));
  }
  if (rule.nonResourceURLs) {
    if (r.path === undefined) return false;
    return rule.nonResourceURLs.some((u) =>
      u.endsWith('*') ? r.path!.startsWith(u.slice(0, -1)) : r.path === u,
    );
  }
  return true;
}

const env = ENVIRONMENTS.prod;
const levelOf = (r: Request) => auditPolicy(env).rules.find((rule) => matches(rule, r))?.level;

describe('audit policy', () => {
  test('is audit.k8s.io/v1 YAML that omits RequestReceived and managed fields', () => {
    const text = auditPolicyYaml(env);
    expect(text).toMatch(/^# API-server audit policy for prod/);
    const policy = parse(text);
    expect(policy).toEqual(auditPolicy(env));
    expect(policy.apiVersion).toBe('audit.k8s.io/v1');
    expect(policy.kind).toBe('Policy');
    expect(policy.omitStages).toEqual(['RequestReceived']);
    expect(policy.omitManagedFields).toBe(true);
  });

  test('uses only valid levels and fields, with wildcards only at the end of URLs, and ends with a catch-all', () => {
    const rules = auditPolicy(env).rules;
    const fields = ['level', 'users', 'userGroups', 'verbs', 'namespaces', 'resources', 'nonResourceURLs'];
    for (const rule of rules) {
      expect(['None', 'Metadata', 'Request', 'RequestResponse']).toContain(rule.level);
      for (const key of Object.keys(rule)) expect(fields).toContain(key);
      for (const url of rule.nonResourceURLs ?? []) expect(url).toMatch(/^\/[^*]*\*?$/);
      expect(rule.nonResourceURLs && rule.resources).toBeFalsy();
    }
    expect(rules[rules.length - 1]).toEqual({ level: 'Metadata' });
  });

  test.each([
    ['health and discovery are dropped', { verb: 'get', path: '/readyz' }, 'None'],
    ['metrics are dropped', { verb: 'get', path: '/metrics' }, 'None'],
    ['discovery is dropped', { verb: 'get', path: '/apis/apps/v1' }, 'None'],
    ['events are dropped', { verb: 'create', resource: '/events', namespace: 'shop' }, 'None'],
    [
      'node leases are dropped',
      { verb: 'update', resource: 'coordination.k8s.io/leases', namespace: 'kube-node-lease' },
      'None',
    ],
    [
      'kube-proxy watches are dropped',
      { user: 'system:kube-proxy', verb: 'watch', resource: 'discovery.k8s.io/endpointslices' },
      'None',
    ],
    [
      'reading a secret is metadata only',
      { verb: 'get', resource: '/secrets', namespace: 'shop' },
      'Metadata',
    ],
    [
      'writing a secret is metadata only',
      { verb: 'create', resource: '/secrets', namespace: 'shop' },
      'Metadata',
    ],
    [
      'configmaps are metadata only',
      { verb: 'patch', resource: '/configmaps', namespace: 'shop' },
      'Metadata',
    ],
    [
      'token requests are metadata only',
      { verb: 'create', resource: '/serviceaccounts/token', namespace: 'shop' },
      'Metadata',
    ],
    [
      'token reviews are metadata only',
      { verb: 'create', resource: 'authentication.k8s.io/tokenreviews' },
      'Metadata',
    ],
    [
      'exec is recorded without the stream',
      { verb: 'create', resource: '/pods/exec', namespace: 'shop' },
      'Metadata',
    ],
    [
      'RBAC changes are recorded in full',
      { verb: 'create', resource: 'rbac.authorization.k8s.io/clusterrolebindings' },
      'RequestResponse',
    ],
    [
      'role edits are recorded in full',
      { verb: 'patch', resource: 'rbac.authorization.k8s.io/roles', namespace: 'shop' },
      'RequestResponse',
    ],
    [
      'admission policy changes are recorded in full',
      { verb: 'delete', resource: 'admissionregistration.k8s.io/validatingadmissionpolicybindings' },
      'RequestResponse',
    ],
    [
      'webhook changes are recorded in full',
      { verb: 'update', resource: 'admissionregistration.k8s.io/mutatingwebhookconfigurations' },
      'RequestResponse',
    ],
    [
      'CSR approvals are recorded in full',
      { verb: 'update', resource: 'certificates.k8s.io/certificatesigningrequests/approval' },
      'RequestResponse',
    ],
    ['reading RBAC is metadata', { verb: 'list', resource: 'rbac.authorization.k8s.io/roles' }, 'Metadata'],
    [
      'workload writes record the request',
      { verb: 'patch', resource: 'apps/deployments', namespace: 'shop' },
      'Request',
    ],
    ['pod reads are metadata', { verb: 'list', resource: '/pods', namespace: 'shop' }, 'Metadata'],
    [
      'a lease write outside the system namespaces is recorded',
      { verb: 'update', resource: 'coordination.k8s.io/leases', namespace: 'shop' },
      'Request',
    ],
  ] as const)('%s', (_name, request, level) => {
    expect(levelOf(request)).toBe(level);
  });

  test('no request on secrets, configmaps or tokens is ever recorded with a body', () => {
    for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'])
      for (const resource of [
        '/secrets',
        '/configmaps',
        '/serviceaccounts/token',
        'authentication.k8s.io/tokenreviews',
      ])
        expect(['None', 'Metadata']).toContain(levelOf({ verb, resource, namespace: 'shop' }));
  });

  test('is the same in every environment but for its header', () => {
    const bodies = Object.values(ENVIRONMENTS).map((e) => auditPolicyYaml(e).replace(/^#.*\n/gm, ''));
    expect(new Set(bodies).size).toBe(1);
  });
});
