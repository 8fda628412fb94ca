/**
 * `npm run emulator -- [--port N] [--data DIR] [--env ID] [--ocr-quota N] [--appid X --secret Y]
 * [--recognizer MODULE]`; the secret may come from EMULATOR_APPSECRET instead.
 * Starts the local WeChat cloud on 127.0.0.1 and prints what a process needs to use it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DriverLicenseRecognizer } from './openapi/DriverLicenseRecognizer';
import { DEFAULT_APPID, DEFAULT_SECRET, startEmulator } from './startEmulator';

const USAGE =
  'usage: npm run emulator -- [--port 9123] [--data .wxcloud] [--env local-dev] [--ocr-quota 100] [--appid X --secret Y] [--token-ttl 7200] [--recognizer MODULE]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9123' },
      data: { type: 'string', default: path.join(__dirname, '..', '.wxcloud') },
      env: { type: 'string', default: 'local-dev' },
      'ocr-quota': { type: 'string', default: '100' },
      appid: { type: 'string', default: DEFAULT_APPID },
      // From the environment too: a flag is visible to every user of the machine in `ps`.
      secret: { type: 'string', default: process.env.EMULATOR_APPSECRET ?? DEFAULT_SECRET },
      'token-ttl': { type: 'string', default: '7200' },
      // A module exporting createRecognizer(): a deterministic stand-in for the OCR engine (tests, demos).
      recognizer: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator({
    port: integer(values.port, 'port'),
    dataDir: path.resolve(values.data),
    envId: values.env,
    ocrQuota: integer(values['ocr-quota'], 'ocr-quota'),
    appid: values.appid,
    secret: values.secret,
    tokenTtlSeconds: integer(values['token-ttl'], 'token-ttl'),
    ...(values.recognizer ? { recognizer: await loadRecognizer(values.recognizer) } : {}),
  });

  const exports = Object.entries(emulator.sdkEnv())
    .map(([name, value]) => exportLine(name, value))
    .join('\n');
  // A secret of the user's own stays out of terminals and logs; the built-in one is public anyway.
  const ownSecret = values.secret !== DEFAULT_SECRET;
  const secretShown = ownSecret ? '<your --secret>' : values.secret;
  console.log(`WeChat cloud emulator listening on ${emulator.url} (env ${emulator.envId}, data ${emulator.dataDir})

# Point wx-server-sdk at it (cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })):
${exports}

# HTTPS API: GET ${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${values.appid}&secret=${secretShown}
${exportLine('WX_HTTPS_API_BASE', emulator.url)}
${exportLine('WX_APPID_HTTPS', values.appid)}
${ownSecret ? '# WX_APPSECRET: the --secret you gave (not printed)' : exportLine('WX_APPSECRET', values.secret)}

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

function integer(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${value}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

main().catch((error: unknown) => {
  console.error('emulator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
