/**
 * The main job: `npm run ocr -- <image files or https URLs...> [--json] [--emulator URL] [--data DIR] [--openid ID]`.
 * Runs the BUILT ocrDriverLicense bundle with the real wx-server-sdk against the local emulator
 * (started in-process unless --emulator names a running one), as a mini-program would call it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FunctionHost } from '../emulator/functions/FunctionHost';
import { createLocalRecognizer } from '../emulator/ocr/createLocalRecognizer';
import { startEmulator } from '../emulator/startEmulator';
import type { DriverLicensesResult, OcrDriverLicenseResult } from '../src/api';
import { maskIdNumber, maskName } from '../src/domain/maskPersonal';
import { MAX_IMAGE_BYTES, sniffImage } from '../src/domain/sniffImage';
import { buildIfStale, FUNCTIONS_DIR, ROOT } from './build';
import { compressUnder } from './lib/compressUnder';
import { connectEmulator } from './lib/connectEmulator';

const USAGE = `usage: npm run ocr -- <image files or https URLs...> [--json] [--emulator URL] [--data DIR] [--openid ID] [--reveal]
  --json          one JSON object per input on its own line
  --emulator URL  use a running emulator (npm run emulator) instead of starting one in-process
  --data DIR      the in-process emulator's data directory (default .wxcloud/)
  --openid ID     the caller identity (default local-user)
  --reveal        print the licence number and name in full (masked by default)
  --verbose       also print the function's own log lines (to stderr)
  --trace DIR     write what the local OCR engine saw into DIR, per photo: NNN-trace.png (card
                  outline, page, field regions, text boxes with what was read, the seal) and
                  NNN-trace.json (each stage's timing and output); holds the licence's data
  --console       print the web console's URL and keep the emulator and the console up after the
                  batch (Ctrl-C stops): records, files, the call log, each photo with its trace`;

type Line =
  | { file: string; ok: true; license: unknown; warnings: unknown; id: string }
  | { file: string; ok: false; error: { code: string; message: string } };

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      emulator: { type: 'string' },
      data: { type: 'string', default: path.join(ROOT, '.wxcloud') },
      openid: { type: 'string', default: 'local-user' },
      reveal: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      trace: { type: 'string' },
      console: { type: 'boolean', default: false },
    },
  });
  if (values.help || (positionals.length === 0 && !values.console)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }

  const built = await buildIfStale(['ocrDriverLicense', 'driverLicenses']);
  if (built.length > 0 && !values.json) console.error(`built ${built.join(', ')} (their sources were newer)`);

  if (values.trace && values.emulator) {
    console.error('--trace needs the in-process emulator (the engine runs here): drop --emulator');
    return 2;
  }
  if (values.console && values.emulator) {
    console.error('--console shows the in-process emulator: for a running one, open the URL it printed');
    return 2;
  }
  const traced = values.trace ? createLocalRecognizer({ traceDir: path.resolve(values.trace) }) : undefined;
  const local = values.emulator
    ? null
    : await startEmulator({ dataDir: values.data, ...(traced ? { recognizer: traced } : {}) });
  // The engine loads while files upload; its load time must not count against the function's timeout.
  const warming = local?.warmup();
  const emulator = local ?? (await connectEmulator(values.emulator ?? ''));
  const host = new FunctionHost({
    functionsDir: FUNCTIONS_DIR,
    sdkEnv: (id) => emulator.sdkEnv(id),
    // stdout carries only results (one JSON line per input with --json).
    onLog: (line) => values.verbose && console.error(line),
    ...(local ? { invocations: local.calls } : {}),
  });
  if (local && values.console) console.error(`console: ${local.consoleUrl}`);
  Object.assign(process.env, emulator.sdkEnv({ openid: values.openid }));
  const sdk: typeof import('wx-server-sdk') = require('wx-server-sdk');
  sdk.init({ env: emulator.envId });

  let failures = 0;
  try {
    await warming;
    for (const [index, input] of positionals.entries()) {
      if (!values.json && positionals.length > 1)
        console.error(`[${index + 1}/${positionals.length}] ${input}`);
      const line = await recognize(input, { host, sdk, openid: values.openid, json: values.json });
      if (!line.ok) failures++;
      console.log(values.json ? JSON.stringify(line) : readable(line, values.reveal));
    }
    if (local && values.console) {
      console.error(`\nconsole: ${local.consoleUrl}  (the emulator stays up; Ctrl-C stops)`);
      await untilStopped();
    }
  } finally {
    await host.close();
    await local?.close();
    await traced?.close();
  }
  return failures === 0 ? 0 : 1;
}

async function recognize(
  input: string,
  ctx: { host: FunctionHost; sdk: typeof import('wx-server-sdk'); openid: string; json: boolean },
): Promise<Line> {
  try {
    let event: { fileID: string } | { imgUrl: string };
    if (/^https?:\/\//i.test(input)) {
      event = { imgUrl: input };
    } else {
      if (!existsSync(input)) return fail(input, 'INVALID_ARGUMENT', `no such file: ${input}`);
      const original = readFileSync(input);
      const { bytes, steps } = await compressUnder(original, MAX_IMAGE_BYTES).catch(() => ({
        bytes: original, // not an image sharp can read: let the function say what is wrong with it
        steps: [],
      }));
      if (steps.length > 0 && !ctx.json) {
        console.error(`compressed ${original.length} -> ${bytes.length} bytes (${steps.length} steps)`);
      }
      // As the mini-program does: the function names the path, in this caller's own folder.
      const where = (await ctx.host.invoke(
        'driverLicenses',
        { action: 'uploadPath', extension: extensionOf(bytes) },
        {
          openid: ctx.openid,
        },
      )) as DriverLicensesResult;
      if (!where.ok) return fail(input, where.code, where.message);
      if (where.action !== 'uploadPath') return fail(input, 'INTERNAL', 'driverLicenses gave no upload path');
      const { fileID } = await ctx.sdk.uploadFile({ cloudPath: where.cloudPath, fileContent: bytes });
      event = { fileID };
    }
    const result = (await ctx.host.invoke('ocrDriverLicense', event, {
      openid: ctx.openid,
    })) as OcrDriverLicenseResult;
    return result.ok
      ? { file: input, ok: true, license: result.license, warnings: result.warnings, id: result.id }
      : fail(input, result.code, result.message);
  } catch (error) {
    return fail(input, 'INTERNAL', error instanceof Error ? error.message : String(error));
  }
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** PNG stays PNG; everything else goes up as .jpg, as the mini-program's compressed photos do. */
function extensionOf(bytes: Buffer): 'jpg' | 'png' {
  return sniffImage(bytes).type === 'png' ? 'png' : 'jpg';
}

function fail(file: string, code: string, message: string): Line {
  return { file, ok: false, error: { code, message } };
}

const LABELS: [string, string][] = [
  ['idNum', '证号 No.'],
  ['name', '姓名 Name'],
  ['sex', '性别 Sex'],
  ['nationality', '国籍 Nationality'],
  ['address', '住址 Address'],
  ['birthDate', '出生日期 Birth'],
  ['issueDate', '初次领证 First issue'],
  ['carClass', '准驾车型 Class'],
  ['validFrom', '有效起始 Valid from'],
  ['validTo', '有效期至 Valid to'],
  ['officialSeal', '发证机关 Seal'],
];

function readable(line: Line, reveal: boolean): string {
  if (!line.ok) return `${line.file}: ${line.error.code}: ${line.error.message}`;
  const license = line.license as Record<string, string | null>;
  const shown = (key: string) => {
    const value = license[key];
    if (value === null) return `长期 (${license.validPeriodRaw})`;
    if (reveal) return value ?? '';
    if (key === 'idNum') return maskIdNumber(value);
    if (key === 'name') return maskName(value);
    return value ?? '';
  };
  const rows = LABELS.map(([key, label]) => `  ${padDisplay(label, 24)} ${shown(key)}`);
  if (!reveal) rows.push('  (licence number and name masked; --reveal shows them)');
  const warnings = (line.warnings as { code: string; message: string }[]).map(
    (w) => `  ! ${w.code}: ${w.message}`,
  );
  return [`${line.file}: ok (record ${line.id})`, ...rows, ...warnings].join('\n');
}

/** Pads to a terminal width, counting CJK characters as two columns. */
function padDisplay(text: string, columns: number): string {
  const width = [...text].reduce((sum, char) => sum + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, columns - width));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
