/**
 * What a cloud function bundle may weigh and contain. The unit guard (test/unit/bundle/) and the
 * benchmark check built bundles against it: the size budget leaves room for our own code to grow
 * but not for the SDK's trimmed parts to come back; the forbidden inputs are code that must never
 * ship in a function (tests, the emulator, native or heavy packages, the SDK features stubbed out).
 */
import type { Metafile } from 'esbuild';

/** Minified bytes per bundle. Trimmed bundles weigh about 630 KB; untrimmed 1.24 MB. */
export const BUNDLE_BUDGET_BYTES = 720_000;

/** The goal: under 1.2 MB minified. */
export const TARGET_BYTES = 1_200_000;

export const FORBIDDEN_INPUTS: { pattern: RegExp; what: string }[] = [
  { pattern: /^emulator\//, what: 'emulator code' },
  { pattern: /^(test|scripts|miniprogram-stub)\//, what: 'tests, scripts or the mini-program stub' },
  { pattern: /node_modules\/(@gutenye|onnxruntime-node|onnxruntime-common)\//, what: 'the OCR engine' },
  { pattern: /node_modules\/(sharp|@img|@napi-rs)\//, what: 'native image libraries' },
  { pattern: /node_modules\/(jest|@jest|expect|@swc|ts-jest|jsdom)\//, what: 'test tooling' },
  { pattern: /node_modules\/(better-sqlite3|mingo|busboy)\//, what: 'emulator dependencies' },
  {
    pattern: /node_modules\/(preact|playwright-core|@fontsource)\//,
    what: "the emulator console's page and its tests",
  },
  {
    pattern: /node_modules\/(@cloudbase\/(ai|app|adapter-wx_mp|wx-cloud-client-sdk)|web-streams-polyfill)\//,
    what: 'SDK features stubbed out (models, AI)',
  },
  { pattern: /node_modules\/(jsonwebtoken|jws|jwa)\//, what: 'JWT signing (stubbed out)' },
  { pattern: /node_modules\/xmlbuilder\//, what: "xml2js's builder (only its parser is needed)" },
];

/** Packages that must be in every bundle: the SDK really is inside. */
export const REQUIRED_PACKAGES = ['wx-server-sdk', '@cloudbase/node-sdk', '@cloudbase/database'];

export interface BundleReport {
  bytes: number;
  /** Input files that match a forbidden pattern, with why. */
  forbidden: string[];
  /** Packages present from more than one folder (two copies in one bundle). */
  duplicates: string[];
  missing: string[];
  /** Bytes in the output per package (or per top-level source folder). */
  bytesByPackage: Record<string, number>;
}

const PACKAGE = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//;

export function inspectBundle(metafile: Metafile): BundleReport {
  const outputs = Object.values(metafile.outputs);
  if (outputs.length !== 1) throw new Error(`expected one output, got ${outputs.length}`);
  const output = outputs[0]!;
  const forbidden: string[] = [];
  const folders = new Map<string, Set<string>>();
  const bytesByPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const file = input.split('\\').join('/');
    const hit = FORBIDDEN_INPUTS.find(({ pattern }) => pattern.test(file));
    if (hit) forbidden.push(`${file} (${hit.what})`);
    const match = PACKAGE.exec(file);
    const key = match ? match[2]! : file.split('/').slice(0, 2).join('/');
    bytesByPackage[key] = (bytesByPackage[key] ?? 0) + bytesInOutput;
    if (match) folders.set(match[2]!, (folders.get(match[2]!) ?? new Set()).add(match[1]!));
  }
  const duplicates = [...folders]
    .filter(([, dirs]) => dirs.size > 1)
    .map(([name, dirs]) => `${name}: ${[...dirs].join(', ')}`);
  const missing = REQUIRED_PACKAGES.filter((name) => !folders.has(name));
  return { bytes: output.bytes, forbidden, duplicates, missing, bytesByPackage };
}
