/**
 * Runs an external deploy tool, echoing its output live while keeping a copy to judge afterwards.
 */
import { spawn } from 'node:child_process';

export interface ToolRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  /** Set when the tool could not be started at all (missing, not executable). */
  spawnError: NodeJS.ErrnoException | null;
}

export interface RunToolOptions {
  cwd: string;
  echo?: (chunk: string) => void;
}

export function runTool(file: string, args: readonly string[], options: RunToolOptions): Promise<ToolRun> {
  // Node refuses to spawn .bat/.cmd without a shell on Windows (CVE-2024-27980).
  const viaShell = process.platform === 'win32' && /\.(?:bat|cmd)$/i.test(file);
  const command = viaShell ? quoteForCmd(file) : file;
  const commandArgs = viaShell ? args.map(quoteForCmd) : [...args];
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const finish = (run: Omit<ToolRun, 'output'>): void => {
      if (settled) return;
      settled = true;
      resolve({ ...run, output });
    };
    const child = spawn(command, commandArgs, {
      cwd: options.cwd,
      shell: viaShell,
      // No stdin: a tool that prompts (DevTools asks to enable its service port) must not hang.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: string): void => {
      output += chunk;
      options.echo?.(chunk);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish({ exitCode: null, signal: null, spawnError: error }),
    );
    child.on('close', (exitCode, signal) => finish({ exitCode, signal, spawnError: null }));
  });
}

function quoteForCmd(value: string): string {
  return /^[\w\-.:\\/=@,]+$/.test(value) ? value : `"${value.replace(/"/g, '""')}"`;
}
