/** One stage of a reading: how long it took and what it handed on (summarized, JSON-safe). */
export interface StageRecord {
  stage: string;
  ms: number;
  output: unknown;
}

/**
 * Records each stage's timing and output while a photo is read, for `--trace`. When off, stages
 * run as they are and nothing is summarized.
 */
export class Trace {
  readonly stages: StageRecord[] = [];
  /** Things the trace picture draws, kept by the stages that found them (photo-pixel geometry). */
  readonly drawings: Record<string, unknown> = {};

  constructor(readonly enabled: boolean) {}

  async stage<T>(stage: string, run: () => T | Promise<T>, summarize?: (value: T) => unknown): Promise<T> {
    const started = performance.now();
    const value = await run();
    if (this.enabled) {
      this.stages.push({
        stage,
        ms: Math.round((performance.now() - started) * 10) / 10,
        output: summarize ? summarize(value) : undefined,
      });
    }
    return value;
  }

  /** Keeps something for the picture (only when tracing). */
  draw(key: string, value: () => unknown): void {
    if (this.enabled) this.drawings[key] = value();
  }
}
