/**
 * Cold start: fresh `node` processes that load one function file and report how long after process
 * start `main` was exported (coldStartProbe.cjs). Contenders alternate round by round, the first
 * of each round rotating, so load on the machine spreads evenly over all of them.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sdkEnvFor } from '../../emulator/sdkEnv';
import { type Summary, summarize } from './stats';

const run = promisify(execFile);
const PROBE = path.join(__dirname, 'coldStartProbe.cjs');

export interface Contender {
  label: string;
  /** File that exports main; '' measures bare `node` start (the floor every contender pays). */
  entry: string;
}

export interface ColdStartFigures {
  label: string;
  entry: string;
  /** Process start to main exported (ms). */
  readyMs: Summary;
  /** The require() alone (ms). */
  requireMs: Summary;
  /** CPU time (user + system) of the process by then (ms): less sensitive to a busy machine. */
  cpuMs: Summary;
}

interface ProbeReport {
  readyMs: number;
  requireMs: number;
  cpuMs: number;
}

/** The environment the cloud gives a function, aimed at a closed loopback port: load makes no call. */
const probeEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  ...sdkEnvFor('http://127.0.0.1:9', 'bench-env'),
});

async function probe(entry: string): Promise<ProbeReport> {
  const { stdout } = await run(
    process.execPath,
    [PROBE, entry || path.join(__dirname, 'emptyFunction.cjs')],
    {
      env: probeEnv(),
      timeout: 30_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ProbeReport;
}

export async function benchColdStart(
  contenders: readonly Contender[],
  options: { runs: number; warmups?: number },
): Promise<ColdStartFigures[]> {
  // Warm-up runs fill the page cache so the first measured run is not the only one reading disk.
  for (let i = 0; i < (options.warmups ?? 2); i++) {
    for (const contender of contenders) await probe(contender.entry);
  }
  const reports = contenders.map(() => [] as ProbeReport[]);
  for (let round = 0; round < options.runs; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      reports[index]!.push(await probe(contenders[index]!.entry));
    }
  }
  return contenders.map((contender, index) => {
    const samples = reports[index]!;
    return {
      label: contender.label,
      entry: contender.entry,
      readyMs: summarize(samples.map((s) => s.readyMs)),
      requireMs: summarize(samples.map((s) => s.requireMs)),
      cpuMs: summarize(samples.map((s) => s.cpuMs)),
    };
  });
}
