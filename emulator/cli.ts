/**
 * `npm run emulator -- [options]`: starts the local WeChat cloud on 127.0.0.1 and prints what a
 * process needs to use it. `npm run emulator -- --help` lists the options.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ParsedOptions, runCommand } from '../scripts/lib/commandLine';
import type { DriverLicenseRecognizer } from './openapi/DriverLicenseRecognizer';
import { DEFAULT_APPID, DEFAULT_SECRET, startEmulator } from './startEmulator';

export const EMULATOR_COMMAND = {
  command: 'npm run emulator --',
  usage: '[options]',
  summary: [
    'Starts the local WeChat cloud (database, storage, openapi, the HTTPS OCR API, the local OCR engine)',
    'on 127.0.0.1 and prints the environment variables that point wx-server-sdk at it. Runs until',
    'Ctrl-C, SIGTERM, or the end of the process that started it (npm run emulator killed by its PID).',
  ].join('\n'),
  options: {
    port: {
      kind: 'integer',
      value: 'N',
      description: 'port on 127.0.0.1; 0 picks a free one',
      default: 9123,
    },
    data: {
      kind: 'path',
      value: 'DIR',
      description: 'database and files',
      default: path.join(__dirname, '..', '.wxcloud'),
    },
    env: { kind: 'string', value: 'ID', description: 'the cloud env id', default: 'local-dev' },
    'ocr-quota': { kind: 'integer', value: 'N', description: 'ocr.driverLicense calls a day', default: 100 },
    appid: {
      kind: 'string',
      value: 'ID',
      description: 'appid of the HTTPS API (/cgi-bin/token)',
      default: DEFAULT_APPID,
    },
    // From the environment too: a flag is visible to every user of the machine in `ps`.
    secret: {
      kind: 'string',
      value: 'SECRET',
      description: 'its app secret (default: EMULATOR_APPSECRET, else a built-in one)',
    },
    'token-ttl': { kind: 'integer', value: 'SECONDS', description: 'access_token lifetime', default: 7200 },
    // A module exporting createRecognizer(): a deterministic stand-in for the OCR engine (tests, demos).
    recognizer: {
      kind: 'path',
      value: 'MODULE',
      description: 'a module exporting createRecognizer(), instead of the OCR engine',
    },
  },
  examples: ['npm run emulator', 'npm run emulator -- --port 0 --data /tmp/wxcloud --ocr-quota 1000'],
} as const;

async function main(values: ParsedOptions<typeof EMULATOR_COMMAND.options>): Promise<number> {
  const secret = values.secret ?? process.env.EMULATOR_APPSECRET ?? DEFAULT_SECRET;
  const emulator = await startEmulator({
    port: values.port,
    dataDir: values.data,
    envId: values.env,
    ocrQuota: values['ocr-quota'],
    appid: values.appid,
    secret,
    tokenTtlSeconds: values['token-ttl'],
    ...(values.recognizer ? { recognizer: await loadRecognizer(values.recognizer) } : {}),
  });

  const exports = Object.entries(emulator.sdkEnv())
    .map(([name, value]) => exportLine(name, value))
    .join('\n');
  // A secret of the user's own stays out of terminals and logs; the built-in one is public anyway.
  const ownSecret = secret !== DEFAULT_SECRET;
  const secretShown = ownSecret ? '<your --secret>' : secret;
  console.log(`WeChat cloud emulator listening on ${emulator.url} (env ${emulator.envId}, data ${emulator.dataDir})

# Point wx-server-sdk at it (cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })):
${exports}

# HTTPS API: GET ${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${values.appid}&secret=${secretShown}
${exportLine('WX_HTTPS_API_BASE', emulator.url)}
${exportLine('WX_APPID_HTTPS', values.appid)}
${ownSecret ? '# WX_APPSECRET: the --secret you gave (not printed)' : exportLine('WX_APPSECRET', secret)}

# Admin: ${emulator.url}/__emulator/health | /reset | /faults | /stats | /indexes   (Ctrl-C stops)
# Console (records, files, live calls, photos with their trace): ${emulator.consoleUrl}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('emulator did not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // `npm run` starts us through sh, which dies of npm's SIGTERM without passing it on: a process
  // whose parent is gone was started by something that has stopped, so stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('parent process gone');
  }, 500).unref();
  return new Promise<number>(() => {}); // runs until a signal
}

function exportLine(name: string, value: string): string {
  return `export ${name}='${value.replaceAll("'", "'\\''")}'`;
}

async function loadRecognizer(file: string): Promise<DriverLicenseRecognizer> {
  const loaded = (await import(pathToFileURL(path.resolve(file)).href)) as {
    createRecognizer?: () => DriverLicenseRecognizer;
    default?: { createRecognizer?: () => DriverLicenseRecognizer };
  };
  // A CommonJS module imported from ESM arrives as `default`.
  const create = loaded.createRecognizer ?? loaded.default?.createRecognizer;
  if (typeof create !== 'function') throw new Error(`--recognizer ${file} exports no createRecognizer()`);
  return create();
}

if (require.main === module) void runCommand(EMULATOR_COMMAND, ({ options }) => main(options));
