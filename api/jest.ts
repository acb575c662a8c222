/**
 * The jest matcher: `expect(chart).toPassBulwarkRules()` fails with every finding listed.
 *
 * @example
 * import { bulwarkMatchers } from 'bulwark/jest';
 * expect.extend(bulwarkMatchers);
 * expect(chart).toPassBulwarkRules();
 *
 * @packageDocumentation
 */
export { bulwarkMatchers, type PassRulesOptions } from '../policies/adapters/jest';
