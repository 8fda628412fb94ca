/**
 * `npm run test:reliability -- [scenario...]`: the reliability and security scenarios of
 * harness/reliability at full size (jest runs them scaled down), against the built functions and the
 * emulator. Prints one table row per scenario; exits 1 when any check failed.
 */

import { runBadInput } from '../harness/reliability/scenarios/badInput';
import { FULL_CRASH, runCrashRecovery } from '../harness/reliability/scenarios/crashRecovery';
import { FULL_FAULTS, runFaults } from '../harness/reliability/scenarios/faults';
import { FULL_OWNERSHIP, runFileOwnership } from '../harness/reliability/scenarios/fileOwnership';
import { FULL_HOSTILE, runHostileRequests } from '../harness/reliability/scenarios/hostileRequests';
import { FULL_LOAD, runLoad } from '../harness/reliability/scenarios/load';
import { leakReport, runPrivacy } from '../harness/reliability/scenarios/privacy';
import { FULL_QUOTA_GUARD, runQuotaGuard } from '../harness/reliability/scenarios/quotaGuard';
import type { ScenarioReport } from '../harness/reliability/scenarios/ScenarioReport';
import { FULL_STORAGE_CRASH, runStorageCrash } from '../harness/reliability/scenarios/storageCrash';
import { OutputCapture } from '../harness/reliability/support/OutputCapture';
import { ReliabilityCloud } from '../harness/reliability/support/ReliabilityCloud';
import { SecretLedger } from '../harness/reliability/support/SecretLedger';
import { buildIfStale } from './build';
import { runCommand, UsageError } from './lib/commandLine';
import { progress } from './lib/progress';

const capture = new OutputCapture();
const ledger = new SecretLedger();

const SCENARIOS: [string, () => Promise<ScenarioReport>][] = [
  [
    'bad input',
    async () => {
      const cloud = await ReliabilityCloud.start({ capture });
      try {
        return await runBadInput(cloud, ledger);
      } finally {
        await cloud.close();
      }
    },
  ],
  ['faults', () => runFaults(FULL_FAULTS, capture, ledger)],
  ['quota guard', () => runQuotaGuard(FULL_QUOTA_GUARD, capture, ledger)],
  ['load', () => runLoad(FULL_LOAD, capture, ledger)],
  ['kill -9', () => runCrashRecovery(FULL_CRASH, capture, ledger)],
  ['privacy', () => runPrivacy(capture, ledger)],
  ['hostile requests', () => runHostileRequests(FULL_HOSTILE, capture)],
  ['storage kill -9', () => runStorageCrash(FULL_STORAGE_CRASH, capture)],
  ['file ownership', () => runFileOwnership(FULL_OWNERSHIP, capture, ledger)],
];

export const RELIABILITY_COMMAND = {
  command: 'npm run test:reliability --',
  usage: '[scenario...]',
  summary: [
    'Runs the reliability and security scenarios at full size against the built functions (rebuilt when',
    'stale) and the emulator, then prints one table row per scenario and every failed check. Progress goes',
    'to stderr. Exit 0 when every check passed, 1 when any failed. A full run takes several minutes.',
  ].join('\n'),
  positionals: {
    name: '[scenario...]',
    description: `the scenarios to run (default all): ${SCENARIOS.map(([name]) => `'${name}'`).join(', ')}`,
  },
  options: {},
  examples: ['npm run test:reliability', "npm run test:reliability -- load 'kill -9'"],
} as const;

async function main(only: string[]): Promise<number> {
  const unknown = only.filter((name) => !SCENARIOS.some(([known]) => known === name));
  if (unknown.length > 0) throw new UsageError(`no scenario ${unknown.map((n) => `'${n}'`).join(', ')}`);
  const selected = SCENARIOS.filter(([name]) => only.length === 0 || only.includes(name));
  const say = progress('test:reliability');
  const built = await buildIfStale();
  if (built.length > 0) say(`built ${built.map((b) => b.name).join(', ')}`);
  const reports: ScenarioReport[] = [];
  const started = performance.now();
  // Everything this process prints from here on (the in-process emulator, the SDK, this script) is searched too.
  capture.attach({ echo: true });
  try {
    for (const [name, run] of selected) {
      const t0 = performance.now();
      say(`running ${name}...`);
      try {
        reports.push(await run());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        reports.push({ scenario: name, tried: 1, passed: 0, failures: [`crashed: ${message}`], notes: [] });
      }
      say(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    capture.detach();
  }
  reports.push(leakReport(capture, ledger));

  console.log(formatTable(reports));
  const notes = reports.flatMap((r) => r.notes);
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  const failures = reports.flatMap((r) => r.failures.map((f) => `${r.scenario}: ${f}`));
  console.log(
    `\n${failures.length === 0 ? 'all checks passed' : `FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`}`,
  );
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return failures.length === 0 ? 0 : 1;
}

function formatTable(reports: ScenarioReport[]): string {
  const total = (pick: (r: ScenarioReport) => number | undefined) =>
    reports.reduce((sum, r) => sum + (pick(r) ?? 0), 0);
  const rows = reports.map((r) => [
    r.scenario,
    String(r.tried),
    String(r.passed),
    r.recordsExpected === undefined ? '-' : `${r.recordsExpected} / ${r.recordsFound ?? 0}`,
    optional(r.duplicates),
    optional(r.quotaSpent),
    optional(r.retries),
    optional(r.maxRssMb),
  ]);
  rows.push([
    'total',
    String(total((r) => r.tried)),
    String(total((r) => r.passed)),
    `${total((r) => r.recordsExpected)} / ${total((r) => r.recordsFound)}`,
    String(total((r) => r.duplicates)),
    String(total((r) => r.quotaSpent)),
    String(total((r) => r.retries)),
    String(Math.max(0, ...reports.map((r) => r.maxRssMb ?? 0))),
  ]);
  const header = [
    'scenario',
    'tried',
    'passed',
    'records exp / found',
    'duplicates',
    'quota spent',
    'retries',
    'max RSS MB',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function optional(value: number | undefined): string {
  return value === undefined ? '-' : String(value);
}

if (require.main === module) void runCommand(RELIABILITY_COMMAND, ({ positionals }) => main(positionals));
