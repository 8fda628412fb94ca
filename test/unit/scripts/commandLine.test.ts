import {
  type CommandSpec,
  fromUserDirectory,
  helpText,
  parseCommandLine,
  UsageError,
} from '../../../scripts/lib/commandLine';

const DEPLOY_LIKE = {
  command: 'npm run thing --',
  usage: '--env ENV [options]',
  summary: 'Does a thing.',
  options: {
    env: { kind: 'string', description: 'the env' },
    names: { kind: 'list', description: 'names' },
    'dry-run': { kind: 'boolean', description: 'show, do nothing' },
    runs: { kind: 'integer', description: 'how many', default: 15 },
    out: { kind: 'path', description: 'where', default: 'results.json' },
  },
  examples: ['npm run thing -- --env e1'],
} as const satisfies CommandSpec;

const WITH_POSITIONALS = {
  ...DEPLOY_LIKE,
  positionals: { name: '<files...>', description: 'the files' },
} as const satisfies CommandSpec;

const ENV = { INIT_CWD: '/home/user/photos' };

describe('parseCommandLine', () => {
  it.each([
    [['--env', 'e1'], { env: 'e1' }],
    [['--env=e1'], { env: 'e1' }],
    [['--names', 'a,b'], { names: ['a', 'b'] }],
    [['--names', 'a', 'b', '--dry-run'], { names: ['a', 'b'], 'dry-run': true }],
    [['--names', 'a', '--names', 'b,c'], { names: ['a', 'b', 'c'] }],
    [['--runs', '20'], { runs: 20 }],
    [['--runs=0'], { runs: 0 }],
  ])('reads %j', (argv, expected) => {
    expect(parseCommandLine(argv, DEPLOY_LIKE, ENV).options).toMatchObject(expected);
  });

  it('fills in defaults, false for an absent switch and undefined for an absent value', () => {
    expect(parseCommandLine([], DEPLOY_LIKE, ENV).options).toEqual({
      env: undefined,
      names: undefined,
      'dry-run': false,
      runs: 15,
      out: '/home/user/photos/results.json',
    });
  });

  it.each([
    [['--dryrun'], 'unknown option --dryrun (known: --env, --names, --dry-run, --runs, --out, --help)'],
    [['-x'], 'unknown option -x'],
    [['e1'], 'unexpected argument "e1"'],
    [['--env'], '--env needs a value'],
    [['--env='], '--env needs a value'],
    [['--names', 'a,,b'], '--names needs a value'],
    [['--env', 'a', '--env', 'b'], '--env given twice'],
    [['--dry-run=yes'], '--dry-run takes no value'],
    [['--runs', 'ten'], '--runs must be a whole number >= 0, got ten'],
    [['--runs', '-1'], '--runs must be a whole number >= 0, got -1'],
    [['--runs', '1.5'], '--runs must be a whole number >= 0, got 1.5'],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv, DEPLOY_LIKE, ENV)).toThrow(new UsageError(message));
  });

  it.each([['--help'], ['-h']])('notes %s without refusing the rest', (flag) => {
    expect(parseCommandLine(['--env', 'e1', flag], DEPLOY_LIKE, ENV)).toMatchObject({ help: true });
  });

  it('resolves path options and keeps positionals from where the user typed the command', () => {
    const parsed = parseCommandLine(
      ['a.jpg', '--out', '../r.json', 'b.jpg', '--', '--odd.jpg'],
      WITH_POSITIONALS,
      ENV,
    );

    expect(parsed.positionals).toEqual(['a.jpg', 'b.jpg', '--odd.jpg']);
    expect(parsed.options.out).toBe('/home/user/r.json');
  });

  it('lets a list take one word when the command also takes positionals', () => {
    const parsed = parseCommandLine(['--names', 'a', 'photo.jpg'], WITH_POSITIONALS, ENV);

    expect(parsed.options.names).toEqual(['a']);
    expect(parsed.positionals).toEqual(['photo.jpg']);
  });
});

describe('fromUserDirectory', () => {
  it.each([
    ['photo.jpg', { INIT_CWD: '/home/u' }, '/home/u/photo.jpg'],
    ['/abs/photo.jpg', { INIT_CWD: '/home/u' }, '/abs/photo.jpg'],
    ['photo.jpg', {}, `${process.cwd()}/photo.jpg`],
    ['photo.jpg', { INIT_CWD: 'relative' }, `${process.cwd()}/photo.jpg`],
  ])('resolves %s with %j to %s', (file, env, expected) => {
    expect(fromUserDirectory(file, env)).toBe(expected);
  });
});

describe('helpText', () => {
  it('shows usage, the summary, every option with its default, --help and the examples', () => {
    const text = helpText(DEPLOY_LIKE);

    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'usage: npm run thing -- --env ENV [options]',
        'Does a thing.',
        'options:',
        expect.stringMatching(/^ {2}--env STRING +the env$/),
        expect.stringMatching(/^ {2}--dry-run +show, do nothing$/),
        expect.stringMatching(/^ {2}--runs INTEGER +how many \(default 15\)$/),
        expect.stringMatching(/^ {2}--help, -h +this text$/),
        'examples:',
        '  npm run thing -- --env e1',
      ]),
    );
  });
});
