import { type OptionSpecs, parseArgs, UsageError } from '../../../scripts/deploy/parseArgs';

const SPECS: OptionSpecs = {
  env: { kind: 'string', description: '' },
  names: { kind: 'list', description: '' },
  'dry-run': { kind: 'boolean', description: '' },
};

describe('parseArgs', () => {
  it.each([
    [['--env', 'e1'], { env: 'e1' }],
    [['--env=e1'], { env: 'e1' }],
    [['--names', 'a,b'], { names: ['a', 'b'] }],
    [['--names', 'a', 'b', '--dry-run'], { names: ['a', 'b'], 'dry-run': true }],
    [['--names', 'a', '--names', 'b,c'], { names: ['a', 'b', 'c'] }],
  ])('parses %j', (argv, expected) => {
    expect(parseArgs(argv, SPECS)).toEqual(expected);
  });

  it.each([
    [['--dryrun'], 'unknown option --dryrun'],
    [['e1'], 'unexpected argument "e1"'],
    [['--env'], '--env needs a value'],
    [['--names', 'a,,b'], '--names needs a value'],
    [['--env', 'a', '--env', 'b'], '--env given twice'],
    [['--dry-run=yes'], '--dry-run takes no value'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, SPECS)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPECS)).toThrow(message);
  });
});
