/**
 * A strict command-line parser for the deploy scripts: unknown options are rejected (a typo such as
 * `--dryrun` must not silently deploy for real), list options take commas or several words.
 */

export type OptionKind = 'string' | 'boolean' | 'list';

export interface OptionSpec {
  kind: OptionKind;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedOptions {
  const parsed: ParsedOptions = {};
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]!;
    if (!token.startsWith('--')) {
      throw new UsageError(`unexpected argument "${token}"`);
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (spec === undefined) {
      throw new UsageError(
        `unknown option --${name} (known: ${Object.keys(specs)
          .map((n) => `--${n}`)
          .join(', ')})`,
      );
    }
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed[name] = true;
      continue;
    }
    const values: string[] = inline === undefined ? [] : [inline];
    // A list takes every following word up to the next option (`--names a b`), a string one word.
    while (
      index + 1 < argv.length &&
      !argv[index + 1]!.startsWith('--') &&
      (spec.kind === 'list' || values.length === 0)
    ) {
      index += 1;
      values.push(argv[index]!);
    }
    const words = values.flatMap((value) => value.split(',')).map((value) => value.trim());
    if (words.length === 0 || words.some((word) => word === '')) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (spec.kind === 'string') {
      if (parsed[name] !== undefined) throw new UsageError(`--${name} given twice`);
      parsed[name] = values[0]!;
    } else {
      const previous = parsed[name];
      parsed[name] = [...(Array.isArray(previous) ? previous : []), ...words];
    }
  }
  return parsed;
}

export function usage(command: string, specs: OptionSpecs): string {
  const width = Math.max(...Object.keys(specs).map((name) => name.length)) + 2;
  const lines = Object.entries(specs).map(
    ([name, spec]) =>
      `  --${name.padEnd(width)}${spec.kind === 'boolean' ? '' : '<value> '}${spec.description}`,
  );
  return [`usage: ${command}`, ...lines].join('\n');
}

export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function listOption(options: ParsedOptions, name: string): string[] | undefined {
  const value = options[name];
  return Array.isArray(value) ? value : undefined;
}

export function flag(options: ParsedOptions, name: string): boolean {
  return options[name] === true;
}
