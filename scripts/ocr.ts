/**
 * The main job: `npm run ocr -- <image files, folders or https URLs...> [options]`. Runs the BUILT
 * ocrDriverLicense bundle with the real wx-server-sdk against the local emulator (started
 * in-process unless --emulator names a running one), as a mini-program would call it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FunctionHost } from '../emulator/functions/FunctionHost';
import { createLocalRecognizer } from '../emulator/ocr/createLocalRecognizer';
import { startEmulator } from '../emulator/startEmulator';
import type { DriverLicensesResult, OcrDriverLicenseResult } from '../src/api';
import { readConfig } from '../src/config';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, sniffImage } from '../src/domain/sniffImage';
import { buildIfStale, FUNCTIONS_DIR, ROOT } from './build';
import { type ParsedOptions, runCommand, UsageError } from './lib/commandLine';
import { compressUnder } from './lib/compressUnder';
import { connectEmulator } from './lib/connectEmulator';
import { progress } from './lib/progress';
import { type ResultLine, readable, shown } from './ocr/formatResult';
import { type Input, readInputs } from './ocr/readInputs';

const DEFAULT_DAILY_LIMIT = readConfig({}).dailyLimitPerUser;

export const OCR_COMMAND = {
  command: 'npm run ocr --',
  usage: '<image files, folders or https URLs...> [options]',
  summary: [
    'Reads driving licence photos the way the mini-program does: compresses each under 2 MB (pixel size',
    'first, then JPEG quality), uploads it to the path the built driverLicenses function gives, and runs',
    'the built ocrDriverLicense function against the local emulator and its OCR engine. Results go to',
    'stdout, progress to stderr. Exit 0 when every input was read, 1 when any failed, 2 on a usage error.',
  ].join('\n'),
  positionals: {
    name: '<image files, folders or https URLs...>',
    description:
      'JPEG, PNG, BMP or WebP files; a folder means every such file in it; paths are relative to where you typed the command',
  },
  options: {
    json: {
      kind: 'boolean',
      description:
        'one JSON object per input on stdout: {file, ok, id, created, cached, license, warnings} or {file, ok, error}',
    },
    reveal: {
      kind: 'boolean',
      description: 'show the licence number, name and address in full (masked by default)',
    },
    openid: { kind: 'string', value: 'ID', description: 'the caller identity', default: 'local-user' },
    data: {
      kind: 'path',
      value: 'DIR',
      description: "the in-process emulator's data",
      default: path.join(ROOT, '.wxcloud'),
    },
    emulator: {
      kind: 'string',
      value: 'URL',
      description: 'use a running emulator (npm run emulator) instead of one in-process',
    },
    'daily-limit': {
      kind: 'integer',
      value: 'N',
      description: `scans per user per day the function allows (default ${DEFAULT_DAILY_LIMIT}, as deployed); raise it for batches`,
    },
    'ocr-quota': {
      kind: 'integer',
      value: 'N',
      description: "the in-process emulator's daily OCR quota (default 100, WeChat's free quota)",
    },
    ca: {
      kind: 'path',
      value: 'FILE',
      description: 'a PEM certificate to trust when fetching https URLs (a self-signed local host)',
    },
    verbose: { kind: 'boolean', description: "also print the functions' own log lines (stderr)" },
    trace: {
      kind: 'path',
      value: 'DIR',
      description:
        "write what the local OCR engine saw, per photo: NNN-trace.png (card outline, page, field regions, text boxes with what was read, the seal) and NNN-trace.json (each stage's timing and output); holds the licence's data",
    },
    console: {
      kind: 'boolean',
      description:
        'print the web console URL and keep the emulator and its console up after the batch (Ctrl-C stops): records, files, the call log, each photo with its trace',
    },
  },
  examples: [
    'npm run ocr -- test/fixtures/sample/licence.jpg',
    'npm run ocr -- ~/photos --json --daily-limit 1000 > results.jsonl',
    'npm run ocr -- https://127.0.0.1:8443/licence.jpg --ca cert.pem',
  ],
} as const;

type Options = ParsedOptions<typeof OCR_COMMAND.options>;

async function main(options: Options, words: string[]): Promise<number> {
  if (words.length === 0 && !options.console)
    throw new UsageError('name at least one image file, folder or https URL');
  if (options.console && options.emulator) {
    throw new UsageError(
      '--console shows the in-process emulator: for a running one, open the URL it printed',
    );
  }
  if (options.trace && options.emulator) {
    throw new UsageError('--trace needs the in-process emulator (the engine runs here): drop --emulator');
  }
  if (options.emulator && (options['ocr-quota'] !== undefined || options.ca)) {
    throw new UsageError('--ocr-quota and --ca set up the in-process emulator: drop --emulator');
  }
  const say = progress('ocr');
  const inputs = readInputs(words);

  const built = await buildIfStale(['ocrDriverLicense', 'driverLicenses']);
  if (built.length > 0) say(`built ${built.map((b) => b.name).join(', ')} (their sources were newer)`);

  const traced = options.trace ? createLocalRecognizer({ traceDir: options.trace }) : undefined;
  if (!options.emulator) say(`starting the local cloud (data in ${options.data})`);
  const local = options.emulator
    ? null
    : await startEmulator({
        dataDir: options.data,
        ...(traced ? { recognizer: traced } : {}),
        ...(options['ocr-quota'] === undefined ? {} : { ocrQuota: options['ocr-quota'] }),
        // The user named these URLs: fetch them as WeChat would, wherever they are.
        allowNonLoopbackImageUrls: true,
        ...(options.ca ? { imageUrlCa: readFileSync(options.ca, 'utf8') } : {}),
      });
  // The engine loads while files upload; its load time must not count against the function's timeout.
  if (local) say('loading the OCR engine (the first photo waits for it)');
  const warming = local?.warmup();
  const emulator = local ?? (await connectEmulator(options.emulator ?? ''));
  const host = new FunctionHost({
    functionsDir: FUNCTIONS_DIR,
    sdkEnv: (id) => emulator.sdkEnv(id),
    ...(options['daily-limit'] === undefined
      ? {}
      : { env: { OCR_DAILY_LIMIT_PER_USER: String(options['daily-limit']) } }),
    // stdout carries only results (one JSON line per input with --json).
    onLog: (line) => options.verbose && console.error(line),
    ...(local ? { invocations: local.calls } : {}),
  });
  if (local && options.console) say(`console: ${local.consoleUrl}`);
  Object.assign(process.env, emulator.sdkEnv({ openid: options.openid }));
  const sdk: typeof import('wx-server-sdk') = require('wx-server-sdk');
  sdk.init({ env: emulator.envId });

  const failures = new Map<string, number>();
  try {
    await warming;
    for (const [index, input] of inputs.entries()) {
      const line = await recognize(input, {
        host,
        sdk,
        openid: options.openid,
        say: (step) => say(`[${index + 1}/${inputs.length}] ${input.label}: ${step}`),
      });
      if (!line.ok) failures.set(line.error.code, (failures.get(line.error.code) ?? 0) + 1);
      console.log(
        options.json ? JSON.stringify(shown(line, options.reveal)) : readable(line, options.reveal),
      );
    }
    if (local && options.console) {
      console.error(`\nconsole: ${local.consoleUrl}  (the emulator stays up; Ctrl-C stops)`);
      await untilStopped();
    }
  } finally {
    await host.close();
    await local?.close();
    await traced?.close();
  }
  for (const hint of hintsFor(failures, options)) say(hint);
  return failures.size === 0 ? 0 : 1;
}

/** What to do next, for the refusals a local batch runs into. */
function hintsFor(failures: Map<string, number>, options: Options): string[] {
  const hints: string[] = [];
  if (failures.has('RATE_LIMITED')) {
    const limit = options['daily-limit'] ?? DEFAULT_DAILY_LIMIT;
    hints.push(
      `${failures.get('RATE_LIMITED')} refused by the per-user limit (${limit} scans a day, OCR_DAILY_LIMIT_PER_USER in ` +
        'cloudfunctions/ocrDriverLicense/config.json). For local batches pass --daily-limit 100000, or another --openid, ' +
        'or a fresh --data DIR (photos read before are answered from the data without counting).',
    );
  }
  if (failures.has('QUOTA_EXCEEDED') && !options.emulator) {
    hints.push(
      `${failures.get('QUOTA_EXCEEDED')} refused by the emulator's daily OCR quota (WeChat's 100 a day): pass --ocr-quota 100000.`,
    );
  }
  if (failures.has('INVALID_IMAGE_URL') && options.emulator) {
    hints.push('a running emulator fetches only loopback URLs: drop --emulator to fetch other hosts.');
  }
  return hints;
}

interface Context {
  host: FunctionHost;
  sdk: typeof import('wx-server-sdk');
  openid: string;
  say(step: string): void;
}

async function recognize(input: Input, ctx: Context): Promise<ResultLine> {
  try {
    if (input.kind === 'refused') return fail(input.label, input.code, input.message);
    let event: { fileID: string } | { imgUrl: string };
    if (input.kind === 'url') {
      ctx.say('recognizing (WeChat fetches the URL itself)');
      event = { imgUrl: input.url };
    } else {
      const bytes = await fitToSend(readFileSync(input.file), ctx.say);
      // As the mini-program does: the function names the path, in this caller's own folder.
      const where = (await ctx.host.invoke(
        'driverLicenses',
        { action: 'uploadPath', extension: sniffImage(bytes).type === 'png' ? 'png' : 'jpg' },
        { openid: ctx.openid },
      )) as DriverLicensesResult;
      if (!where.ok) return fail(input.label, where.code, where.message);
      if (where.action !== 'uploadPath')
        return fail(input.label, 'INTERNAL', 'driverLicenses gave no upload path');
      ctx.say(`uploading ${bytes.length} bytes, recognizing`);
      const { fileID } = await ctx.sdk.uploadFile({ cloudPath: where.cloudPath, fileContent: bytes });
      event = { fileID };
    }
    const result = (await ctx.host.invoke('ocrDriverLicense', event, {
      openid: ctx.openid,
    })) as OcrDriverLicenseResult;
    if (!result.ok) return fail(input.label, result.code, result.message);
    const { id, created, cached, license, warnings } = result;
    return { file: input.label, ok: true, id, created, cached, license, warnings };
  } catch (error) {
    return fail(input.label, 'INTERNAL', error instanceof Error ? error.message : String(error));
  }
}

/** Under 2 MB and 40 MP, as the mini-program's compressImage would make it; other files go as they are. */
async function fitToSend(original: Buffer, say: (step: string) => void): Promise<Buffer> {
  try {
    const fitted = await compressUnder(original, {
      maxBytes: MAX_IMAGE_BYTES,
      maxPixels: MAX_IMAGE_PIXELS,
      longSide: 4096,
    });
    if (fitted.steps.length > 0) {
      const { from, to } = fitted;
      say(
        `compressed ${from.width}x${from.height} ${original.length} bytes -> ${to.width}x${to.height} ` +
          `${fitted.bytes.length} bytes (${fitted.steps.at(-1)}, ${fitted.steps.length} step(s))`,
      );
    }
    return fitted.bytes;
  } catch {
    return original; // not an image sharp can read: let the function say what is wrong with it
  }
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

function fail(file: string, code: string, message: string): ResultLine {
  return { file, ok: false, error: { code, message } };
}

if (require.main === module)
  void runCommand(OCR_COMMAND, ({ options, positionals }) => main(options, positionals));
