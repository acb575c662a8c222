import { defaultPullPolicy, parseImage } from '../../../policies/analysis/images';

const DIGEST = '@sha256:' + 'a'.repeat(64);

describe('parseImage', () => {
  test.each([
    ['nginx', { pinned: false }],
    ['nginx:1.25', { tag: '1.25', pinned: false }],
    ['registry.example.com:5000/shop/app', { pinned: false }],
    ['registry.example.com:5000/shop/app:2.0', { tag: '2.0', pinned: false }],
    [`app:1.0${DIGEST}`, { tag: '1.0', pinned: true }],
    [`registry.example.com:5000/app${DIGEST}`, { pinned: true }],
    ['app@sha256:short', { pinned: false }],
  ])('%s', (image, expected) => {
    expect(parseImage(image)).toEqual(expected);
  });
});

describe('defaultPullPolicy', () => {
  test.each([
    ['app', 'Always'],
    ['app:latest', 'Always'],
    ['app:1.0', 'IfNotPresent'],
    ['registry:5000/app', 'Always'],
  ])('%s -> %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});
