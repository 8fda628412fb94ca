/**
 * An esbuild plugin that makes the bundled wx-server-sdk cheap to load. wx-server-sdk 4.0.2 loads
 * @cloudbase/node-sdk, which at import evaluates every feature it offers: data models and MySQL
 * (whose client touches `fetch`, so Node loads undici), AI (with a web-streams polyfill and a
 * mini-program adapter), JWT signing, axios, an XML parser. A cloud function here uses the database,
 * storage, openapi and getWXContext only. So:
 * - STUBS replace features no function of ours can reach with a module that throws a clear error
 *   if it is ever called (nothing calls them at init except inside the SDK's own try/catch);
 * - LAZY_IMPORTS defer modules the call path needs rarely or never until first use, by rewriting
 *   the SDK's `const x = require(...)` lines into getters. Same code, evaluated later.
 * Every patch must apply: the build fails when an SDK upgrade changes the patched text.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/** A module replaced by a stub: `importer` ends with this path (posix), `request` is the require string. */
export interface StubSpec {
  request: string;
  importer: string;
  /** CommonJS source of the stub. */
  contents: string;
  why: string;
}

/** A top-level `const name = …require("module")…;` line turned into a lazy getter. */
export interface LazySpec {
  file: string;
  binding: string;
  module: string;
  /** `default`: written as `__importDefault(require(m))`; `props`: a plain `require(m)` read by property. */
  shape: 'default' | 'props';
  /** Require this instead (a module with the same API for what the file uses). Default: `module`. */
  target?: string;
}

const notBundled = (feature: string) =>
  `function notBundled() { throw new Error(${JSON.stringify(
    `${feature} is not bundled in this cloud function (see scripts/esbuild/trimWxServerSdk.ts)`,
  )}); }`;

export const STUBS: StubSpec[] = [
  {
    request: '@cloudbase/wx-cloud-client-sdk',
    importer: '@cloudbase/node-sdk/dist/cloudbase.js',
    contents: `${notBundled('cloud.models / mysql / rdb')}
module.exports = { __esModule: true, default: { generateHTTPClient: notBundled, generateMySQLClient: notBundled } };`,
    why: 'data models and MySQL clients: built in init inside try/catch, used by no function here',
  },
  {
    request: './ai',
    importer: '@cloudbase/node-sdk/dist/cloudbase.js',
    contents: `${notBundled('cloud.ai')}
exports.createAI = notBundled;`,
    why: 'cloud.ai(): @cloudbase/ai, @cloudbase/app, web-streams-polyfill, the mini-program adapter',
  },
  {
    request: 'jsonwebtoken',
    importer: '@cloudbase/node-sdk/dist/auth/index.js',
    contents: `${notBundled('auth().createTicket (jsonwebtoken)')}
module.exports = { __esModule: true, default: { sign: notBundled, verify: notBundled, decode: notBundled } };`,
    why: 'custom-login tickets: wx-server-sdk exposes no auth(), so nothing reaches it',
  },
];

export const LAZY_IMPORTS: LazySpec[] = [
  // Only `requestClient` (a shim for extensions) and the metadata probe outside Tencent Cloud use axios.
  { file: '@cloudbase/node-sdk/dist/cloudbase.js', binding: 'axios_1', module: 'axios', shape: 'default' },
  {
    file: '@cloudbase/node-sdk/dist/utils/metadata.js',
    binding: 'axios_1',
    module: 'axios',
    shape: 'default',
  },
  // Only uploadFile parses XML (COS's answer), and only with parseString: the parser alone, without
  // xml2js's builder (xmlbuilder), which the SDK never uses.
  {
    file: '@cloudbase/node-sdk/dist/storage/index.js',
    binding: 'xml2js_1',
    module: 'xml2js',
    shape: 'props',
    target: 'xml2js/lib/parser',
  },
  // Multipart bodies (openapi calls, uploads) and proxies: not needed to load, nor by every call.
  {
    file: '@cloudbase/node-sdk/dist/utils/request-core.js',
    binding: 'form_data_1',
    module: 'form-data',
    shape: 'default',
  },
  {
    file: '@cloudbase/node-sdk/dist/utils/request-core.js',
    binding: 'https_proxy_agent_1',
    module: 'https-proxy-agent',
    shape: 'props',
  },
  {
    file: '@cloudbase/node-sdk/dist/utils/request-core.js',
    binding: 'http_proxy_agent_1',
    module: 'http-proxy-agent',
    shape: 'props',
  },
  // Realtime `watch()` only: its websocket client (and a reconnecting wrapper) load on first watch.
  {
    file: '@cloudbase/database/dist/commonjs/document.js',
    binding: 'websocket_client_1',
    module: './realtime/websocket-client',
    shape: 'props',
  },
  {
    file: '@cloudbase/database/dist/commonjs/query.js',
    binding: 'websocket_client_1',
    module: './realtime/websocket-client',
    shape: 'props',
  },
];

/** The source line a lazy spec replaces, and its replacement. */
export function lazyRewrite(spec: LazySpec): { from: string; to: string } {
  const request = JSON.stringify(spec.module);
  const target = JSON.stringify(spec.target ?? spec.module);
  if (spec.shape === 'default') {
    return {
      from: `const ${spec.binding} = __importDefault(require(${request}));`,
      to: `const ${spec.binding} = { get default() { return __importDefault(require(${target})).default; } };`,
    };
  }
  return {
    from: `const ${spec.binding} = require(${request});`,
    to: `const ${spec.binding} = new Proxy({}, { get: (_, key) => require(${target})[key] });`,
  };
}

interface MimeEntry {
  source?: string;
  charset?: string;
  compressible?: boolean;
  extensions?: string[];
}

/** The entries mime lookups can reach (those with extensions), with the fields those lookups read. */
export function slimMimeDb(db: Record<string, MimeEntry>): Record<string, MimeEntry> {
  const slim: Record<string, MimeEntry> = {};
  for (const [type, { source, charset, extensions }] of Object.entries(db)) {
    if (!extensions?.length) continue;
    slim[type] = {
      ...(source === undefined ? {} : { source }),
      ...(charset === undefined ? {} : { charset }),
      extensions,
    };
  }
  return slim;
}

const posix = (file: string) => file.split('\\').join('/');
const endsWithPath = (file: string, suffix: string) => posix(file).endsWith(`/node_modules/${suffix}`);

/** The plugin; `specs` default to this file's STUBS and LAZY_IMPORTS (tests pass their own). */
export function trimWxServerSdk(
  specs: { stubs: readonly StubSpec[]; lazy: readonly LazySpec[] } = { stubs: STUBS, lazy: LAZY_IMPORTS },
): Plugin {
  const { stubs, lazy } = specs;
  return {
    name: 'trim-wx-server-sdk',
    setup(build) {
      const applied = new Set<string>();
      for (const stub of stubs) {
        const filter = new RegExp(`^${stub.request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter }, (args) => {
          if (!endsWithPath(args.importer, stub.importer)) return undefined;
          applied.add(`stub ${stub.request}`);
          return { path: `${stub.importer}:${stub.request}`, namespace: 'wx-sdk-stub' };
        });
      }
      build.onLoad({ filter: /.*/, namespace: 'wx-sdk-stub' }, (args) => {
        const stub = stubs.find((candidate) => `${candidate.importer}:${candidate.request}` === args.path);
        return stub ? { contents: stub.contents, loader: 'js' } : undefined;
      });

      const files = [...new Set(lazy.map((spec) => spec.file))];
      for (const file of files) {
        const filter = new RegExp(`/node_modules/${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onLoad({ filter }, (args) => {
          let source = readFileSync(args.path, 'utf8');
          for (const spec of lazy.filter((candidate) => candidate.file === file)) {
            const { from, to } = lazyRewrite(spec);
            if (!source.includes(from)) {
              return { errors: [{ text: `trimWxServerSdk: "${from}" not found in ${file}: SDK changed?` }] };
            }
            source = source.replace(from, to);
            applied.add(`lazy ${spec.file} ${spec.binding}`);
          }
          return { contents: source, loader: 'js' };
        });
      }

      // mime-db: wx-server-sdk maps a content type to an extension, mime-types (form-data) an
      // extension to a content type; entries without extensions serve neither, nor does `compressible`.
      build.onLoad({ filter: /[\\/]node_modules[\\/]mime-db[\\/]db\.json$/ }, (args) => {
        applied.add('mime-db');
        return {
          contents: JSON.stringify(slimMimeDb(JSON.parse(readFileSync(args.path, 'utf8')))),
          loader: 'json',
        };
      });

      build.onEnd((result) => {
        if (result.errors.length > 0) return undefined;
        const expected = [
          ...stubs.map((stub) => `stub ${stub.request}`),
          ...lazy.map((spec) => `lazy ${spec.file} ${spec.binding}`),
          'mime-db',
        ];
        const missing = expected.filter((key) => !applied.has(key));
        if (missing.length === 0) return undefined;
        return {
          errors: [
            { text: `trimWxServerSdk: patches that never applied (SDK changed?): ${missing.join(', ')}` },
          ],
        };
      });
    },
  };
}
