import { isEmptySelector, openPeersOf, policyTypesOf } from '../../../policies/analysis/network-policies';

describe('policyTypesOf', () => {
  test.each([
    [{}, ['ingress']],
    [{ egress: [] }, ['ingress', 'egress']],
    [{ policyTypes: ['Egress'] }, ['egress']],
    [{ policyTypes: ['Ingress', 'Egress'], egress: [{}] }, ['ingress', 'egress']],
  ])('%j -> %j', (spec, types) => {
    expect([...policyTypesOf(spec)]).toEqual(types);
  });
});

describe('isEmptySelector', () => {
  test.each([
    [undefined, true],
    [{}, true],
    [{ matchLabels: {} }, true],
    [{ matchLabels: { a: 'b' } }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, false],
  ])('%j -> %s', (selector, empty) => {
    expect(isEmptySelector(selector)).toBe(empty);
  });
});

describe('openPeersOf', () => {
  test('an ipv6 everywhere block, and a peer with only an empty namespaceSelector', () => {
    const spec = {
      egress: [{ to: [{ ipBlock: { cidr: '::/0' } }, { namespaceSelector: {} }, { podSelector: {} }] }],
    };
    expect(openPeersOf(spec, 'egress')).toEqual([
      { path: 'spec.egress[0].to[0].ipBlock.cidr', what: 'every address (::/0)' },
      { path: 'spec.egress[0].to[1].namespaceSelector', what: 'every pod in every namespace' },
    ]);
  });

  test('no rules at all is a deny, not an allow', () => {
    expect(openPeersOf({ ingress: [] }, 'ingress')).toEqual([]);
    expect(openPeersOf({}, 'egress')).toEqual([]);
  });
});
