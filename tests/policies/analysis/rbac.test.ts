import { grantedBy, resourceCovers, subjectsOf, type PolicyRuleView } from '../../../policies/analysis/rbac';

describe('resourceCovers', () => {
  test.each([
    ['*', 'pods/exec', true],
    ['pods/exec', 'pods/exec', true],
    ['pods/*', 'pods/exec', true],
    ['*/exec', 'pods/exec', true],
    ['pods', 'pods/exec', false],
    ['pods/*', 'pods', false],
    ['*/scale', 'deployments', false],
    ['secrets', 'secrets', true],
  ])('%s covers %s: %s', (entry, wanted, covers) => {
    expect(resourceCovers(entry, wanted)).toBe(covers);
  });
});

describe('grantedBy', () => {
  const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRuleView => ({
    path: 'rules[0]',
    apiGroups,
    resources,
    verbs,
    resourceNames: [],
  });

  test('matches group, resource and verb, each possibly a wildcard', () => {
    const wanted = [
      { apiGroup: 'apps', resources: ['deployments', 'statefulsets'], verbs: ['create', 'patch'] },
    ];
    expect(grantedBy(rule(['apps'], ['deployments'], ['get', 'patch']), wanted)).toEqual({
      verbs: ['patch'],
      resources: ['deployments'],
    });
    expect(grantedBy(rule(['*'], ['*'], ['*']), wanted)).toEqual({
      verbs: ['create', 'patch'],
      resources: ['deployments', 'statefulsets'],
    });
    expect(grantedBy(rule([''], ['deployments'], ['*']), wanted)).toEqual({ verbs: [], resources: [] });
  });

  test('a wanted verb "*" means any verb the rule grants', () => {
    const wanted = [{ apiGroup: '', resources: ['nodes/proxy'], verbs: ['*'] }];
    expect(grantedBy(rule([''], ['nodes/proxy'], ['get']), wanted)).toEqual({
      verbs: ['get'],
      resources: ['nodes/proxy'],
    });
  });
});

describe('subjectsOf', () => {
  test('ServiceAccount subjects of a RoleBinding default to its namespace; of a ClusterRoleBinding they do not', () => {
    const subjects = [{ kind: 'ServiceAccount', name: 'web' }];
    expect(subjectsOf({ kind: 'RoleBinding', metadata: { namespace: 'shop' }, subjects })[0].namespace).toBe(
      'shop',
    );
    expect(subjectsOf({ kind: 'ClusterRoleBinding', metadata: {}, subjects })[0].namespace).toBe('');
  });
});
