/**
 * The one command-line parser and `--help` convention of every npm script. Unknown options are
 * refused (a typo such as `--dryrun` must not silently run for real); `--help`/`-h` prints usage,
 * options and examples to stdout and exits 0; a usage error names itself on stderr and exits 2.
 * Paths typed by the user resolve from where they typed the command (npm's INIT_CWD), not from the
 * repository root where npm runs scripts.
 */
import path from 'node:path';

/**
 * `string` one word; `path` one word resolved from the user's directory; `integer` a whole number
 * >= 0; `list` takes commas or several words (`--names a b`, only in commands without positionals);
 * `boolean` takes no value.
 */
export type OptionKind = 'string' | 'path' | 'integer' | 'list' | 'boolean';

export interface OptionSpec {
  kind: OptionKind;
  description: string;
  /** The word shown for the value in --help (default: the kind). */
  value?: string;
  /** Shown in --help and used when the option is absent. */
  default?: string | number;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** How the user runs it, e.g. `npm run ocr --`; prefixes every error line. */
  command: string;
  /** What follows the command in the usage line, e.g. `<images...> [options]`. */
  usage: string;
  /** A few sentences: what it does, and what it prints where. */
  summary: string;
  options: O;
  /** Present when the command takes words that are not options. */
  positionals?: { name: string; description: string };
  examples: readonly string[];
}

type ValueOf<S extends OptionSpec> = S['kind'] extends 'boolean'
  ? boolean
  : S['kind'] extends 'list'
    ? string[] | undefined
    : S['kind'] extends 'integer'
      ? S extends { default: number }
        ? number
        : number | undefined
      : S extends { default: string }
        ? string
        : string | undefined;

export type ParsedOptions<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface ParsedCommandLine<O extends OptionSpecs> {
  options: ParsedOptions<O>;
  positionals: string[];
  help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where the user typed the command: npm runs scripts from the package root and says where in INIT_CWD. */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD && path.isAbsolute(env.INIT_CWD) ? env.INIT_CWD : process.cwd();
}

/** A path as the user meant it: relative to where they typed the command. */
export function fromUserDirectory(file: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(userDirectory(env), file);
}

export function parseCommandLine<O extends OptionSpecs>(
  argv: readonly string[],
  spec: CommandSpec<O>,
  env: NodeJS.ProcessEnv = process.env,
): ParsedCommandLine<O> {
  const raw: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]!;
    if (token === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (token === '--help' || token === '-h') {
      help = true;
      continue;
    }
    if (!token.startsWith('-') || token === '-') {
      if (!spec.positionals) throw new UsageError(`unexpected argument "${token}"`);
      positionals.push(token);
      continue;
    }
    if (!token.startsWith('--')) throw new UsageError(`unknown option ${token}`);
    const eq = token.indexOf('=');
    const name = token.slice(2, eq === -1 ? undefined : eq);
    const option = spec.options[name];
    if (option === undefined) {
      const known = Object.keys(spec.options).map((n) => `--${n}`);
      throw new UsageError(`unknown option --${name} (known: ${[...known, '--help'].join(', ')})`);
    }
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (option.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      raw[name] = true;
      continue;
    }
    const values: string[] = inline === undefined ? [] : [inline];
    // A list takes every following word up to the next option (`--names a b`); the others one word.
    while (
      index + 1 < argv.length &&
      !argv[index + 1]!.startsWith('--') &&
      (values.length === 0 || (option.kind === 'list' && !spec.positionals))
    ) {
      index += 1;
      values.push(argv[index]!);
    }
    if (values.length === 0 || values[0] === '') throw new UsageError(`--${name} needs a value`);
    if (option.kind === 'list') {
      const words = values.flatMap((value) => value.split(',')).map((word) => word.trim());
      if (words.some((word) => word === '')) throw new UsageError(`--${name} needs a value`);
      const previous = raw[name];
      raw[name] = [...(Array.isArray(previous) ? previous : []), ...words];
      continue;
    }
    if (raw[name] !== undefined) throw new UsageError(`--${name} given twice`);
    raw[name] = values[0]!;
  }

  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const given = raw[name];
    if (option.kind === 'boolean') {
      options[name] = given === true;
    } else if (option.kind === 'list') {
      options[name] = given;
    } else {
      const text = typeof given === 'string' ? given : option.default?.toString();
      options[name] = text === undefined ? undefined : convert(name, option, text, env);
    }
  }
  return { options: options as ParsedOptions<O>, positionals, help };
}

function convert(name: string, option: OptionSpec, text: string, env: NodeJS.ProcessEnv): string | number {
  if (option.kind === 'path') return fromUserDirectory(text, env);
  if (option.kind !== 'integer') return text;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(`--${name} must be a whole number >= 0, got ${text}`);
  }
  return value;
}

/** Usage, what it does, options with their defaults, and examples. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, option]) => {
    const value = option.kind === 'boolean' ? '' : ` ${option.value ?? option.kind.toUpperCase()}`;
    const fallback = option.default === undefined ? '' : ` (default ${option.default})`;
    return [`--${name}${value}`, `${option.description}${fallback}`] as const;
  });
  rows.push(['--help, -h', 'this text']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = [
    `usage: ${spec.command}${spec.usage ? ` ${spec.usage}` : ''}`,
    '',
    spec.summary,
    '',
    ...(spec.positionals ? [`  ${spec.positionals.name}`, `      ${spec.positionals.description}`, ''] : []),
    'options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    '',
    'examples:',
    ...spec.examples.map((example) => `  ${example}`),
  ];
  return lines.join('\n');
}

/**
 * Runs a script's main with the parsed command line: --help answered, usage errors exit 2 with a
 * pointer to --help, an unexpected error exits 1 with its message (no stack: it is for the user).
 */
export function runCommand<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  main: (parsed: ParsedCommandLine<O>) => Promise<number>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<number> {
  const name = spec.command.replace(/^npm run /, '').replace(/ --$/, '');
  const done = (code: number) => {
    process.exitCode = code;
    return code;
  };
  let parsed: ParsedCommandLine<O>;
  try {
    parsed = parseCommandLine(argv, spec);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${name}: ${error.message}\nsee: ${spec.command} --help`);
    return Promise.resolve(done(2));
  }
  if (parsed.help) {
    console.log(helpText(spec));
    return Promise.resolve(done(0));
  }
  return main(parsed).then(done, (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${name}: ${error.message}\nsee: ${spec.command} --help`);
      return done(2);
    }
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return done(1);
  });
}
