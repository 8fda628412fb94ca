/** Prints a command so that it can be pasted into a POSIX shell as is. */
export function formatCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map(shellQuote).join(' ');
}

function shellQuote(value: string): string {
  return /^[\w\-.,:/=@+%]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
