/**
 * Progress for commands that take more than a few seconds: one line per step on stderr (stdout
 * stays for results), prefixed with the command and the seconds since it started.
 */
export function progress(
  command: string,
  write: (text: string) => void = (text) => process.stderr.write(text),
) {
  const started = performance.now();
  return (line: string): void => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
    write(`${command} ${seconds}s ${line}\n`);
  };
}
