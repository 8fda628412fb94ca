import { format } from 'node:util';

export type OutputSource = 'function' | 'emulator' | 'test' | 'caller';

export interface CapturedLine {
  source: OutputSource;
  text: string;
}

type Write = typeof process.stdout.write;

/**
 * Every line a run produced: function logs (FunctionHost onLog), a child emulator's stdout/stderr,
 * this process's console and stdout/stderr (the in-process emulator and the test itself), and the
 * messages returned to callers. The privacy check searches all of it.
 */
export class OutputCapture {
  readonly lines: CapturedLine[] = [];
  private restore: (() => void) | undefined;

  add(source: OutputSource, text: string): void {
    this.lines.push({ source, text });
  }

  /** Tees this process's console and standard streams into the capture until `detach()`. */
  attach(options: { echo?: boolean } = {}): void {
    if (this.restore) return;
    const echo = options.echo ?? false;
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((name) => console[name]);
    methods.forEach((name, i) => {
      console[name] = (...args: unknown[]) => {
        this.add('test', format(...args));
        if (echo) originals[i]?.apply(console, args);
      };
    });
    const streams = [process.stdout, process.stderr] as const;
    const writes = streams.map((stream) => stream.write);
    streams.forEach((stream, i) => {
      const original = writes[i] as Write;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.add(
          'test',
          typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
        );
        return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      }) as Write;
    });
    this.restore = () => {
      methods.forEach((name, i) => {
        console[name] = originals[i] as (typeof console)[typeof name];
      });
      streams.forEach((stream, i) => {
        stream.write = writes[i] as Write;
      });
    };
  }

  detach(): void {
    this.restore?.();
    this.restore = undefined;
  }

  text(): string {
    return this.lines.map((line) => line.text).join('\n');
  }
}
