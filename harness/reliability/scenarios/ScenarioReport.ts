/** One scenario's outcome: what the script prints as a table row and the tests assert on. */
export interface ScenarioReport {
  scenario: string;
  /** Checks (cases, invariants) tried and passed. */
  tried: number;
  passed: number;
  /** One line per failed check, saying what was expected and what happened. */
  failures: string[];
  recordsExpected?: number;
  recordsFound?: number;
  duplicates?: number;
  /** Emulator OCR quota spent by the scenario. */
  quotaSpent?: number;
  /** OCR attempts beyond the first per scan (ocr.driverLicense calls minus scans that called it). */
  retries?: number;
  maxRssMb?: number;
  /** Measurements worth printing (elapsed times, counts). */
  notes: string[];
}

/** Collects checks into a ScenarioReport. */
export class Checks {
  readonly report: ScenarioReport;

  constructor(scenario: string) {
    this.report = { scenario, tried: 0, passed: 0, failures: [], notes: [] };
  }

  check(name: string, ok: boolean, detail = ''): boolean {
    this.report.tried++;
    if (ok) this.report.passed++;
    else this.report.failures.push(detail ? `${name}: ${detail}` : name);
    return ok;
  }

  note(text: string): void {
    this.report.notes.push(text);
  }
}

/** Largest of the values, rounded to whole MB; undefined when there is none. */
export function maxMb(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length === 0 ? undefined : Math.round(Math.max(...known));
}

/** Runs `work` over `items` with at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
