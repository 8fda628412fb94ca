/** Turns a finished tool run into a verdict with the tool's own words and any known fix. */
import { diagnose, failureLines } from './detectFailure';
import type { ToolRun } from './runTool';

export type Verdict = { ok: true } | { ok: false; message: string };

export function reportToolRun(tool: string, file: string, run: ToolRun, installHint: string): Verdict {
  if (run.spawnError !== null) {
    return {
      ok: false,
      message: `could not start ${tool} at ${file} (${run.spawnError.code ?? run.spawnError.message}).\n${installHint}`,
    };
  }
  const lines = failureLines(run.output);
  const hints = diagnose(run.output).map((diagnosis) => `hint: ${diagnosis.hint}`);
  if (run.exitCode !== 0) {
    const how = run.signal === null ? `exit code ${run.exitCode}` : `signal ${run.signal}`;
    const said = lines.length > 0 ? lines : lastLines(run.output, 10);
    return {
      ok: false,
      message: [`${tool} failed (${how}):`, ...said.map((line) => `  ${line}`), ...hints].join('\n'),
    };
  }
  if (lines.length > 0) {
    return {
      ok: false,
      message: [
        `${tool} exited 0 but reported a failure:`,
        ...lines.map((line) => `  ${line}`),
        ...hints,
      ].join('\n'),
    };
  }
  return { ok: true };
}

function lastLines(text: string, count: number): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.length === 0 ? ['(no output)'] : lines.slice(-count);
}
