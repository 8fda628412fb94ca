/** Per-API request counters since start or the last reset, for `GET /__emulator/stats`. */
export class RequestStats {
  private counts = new Map<string, number>();

  count(api: string): void {
    this.counts.set(api, (this.counts.get(api) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
