import { lit } from '../../../policies/admission/cel';
import { compile } from '../../../policies/admission/offline';
import { argumentsOf, invokesSudo, SUDO_PATTERN } from '../../../policies/analysis/commands';

describe('invokesSudo and SUDO_PATTERN', () => {
  const cel = compile(`a.matches(${lit(SUDO_PATTERN)})`);
  test.each([
    ['sudo', true],
    ['/usr/bin/sudo', true],
    ['./sudo', true],
    ['apt-get update && sudo apt-get install -y curl', true],
    ['set -e\nsudo -u postgres psql', true],
    ['x;sudo y', true],
    ['$(sudo id)', true],
    ['`sudo id`', true],
    ['echo "sudo"', true],
    ['a|sudo tee /etc/x', true],
    ['{ sudo x; }', true],
    ['pseudo', false],
    ['sudoers-check', false],
    ['/etc/sudoers', false],
    ['/etc/sudoers.d/README', false],
    ['--mode=pseudo', false],
    ['sudo-rs', false],
    ['sudo_wrapper', false],
    ['visudo', false],
    ['SUDO', false],
    ['', false],
  ])('%j -> %s', (argument, expected) => {
    expect(invokesSudo(argument)).toBe(expected);
    expect(cel({ a: argument })).toBe(expected);
  });
});

test('argumentsOf lists command then args, with their fields, skipping non-strings', () => {
  expect(argumentsOf({ command: ['sh', '-c'], args: ['run', 3, 'x'] })).toEqual([
    { value: 'sh', field: 'command[0]' },
    { value: '-c', field: 'command[1]' },
    { value: 'run', field: 'args[0]' },
    { value: 'x', field: 'args[2]' },
  ]);
  expect(argumentsOf({})).toEqual([]);
});
