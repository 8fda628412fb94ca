import { AdminError } from '../errors';

/** One injected fault, as posted to `POST /__emulator/faults`. */
export interface FaultSpec {
  /** `ocr.driverLicense`, a gateway action (`database.modifyDocument`, `storage.batchGetDownloadUrl`...) or `*`. */
  api: string;
  /** WeChat errcode to answer (open APIs); default -1 when neither `errcode`, `error` nor `delayMs` is given. */
  errcode?: number;
  /** CloudBase error code to answer (gateway actions), e.g. DATABASE_REQUEST_FAILED. */
  error?: string;
  message?: string;
  /** How many matching calls it affects; unlimited when absent. */
  times?: number;
  /** Probability (0..1] that a matching call is affected; drawn from a seeded PRNG (deterministic). */
  rate?: number;
  seed?: number;
  /** Delay before answering (alone: the call then proceeds normally). */
  delayMs?: number;
  /** Lets this many matching calls through untouched first (to hit, say, the third write of a request). */
  after?: number;
}

/** What the faults standing for one call decided. */
export interface FaultDecision {
  delayMs: number;
  fail?: { errcode?: number; error?: string; message?: string };
}

interface StandingFault {
  id: number;
  spec: FaultSpec;
  remaining: number;
  /** Matching calls still to let through before the fault applies. */
  skip: number;
  random: () => number;
}

const KNOWN_KEYS = new Set([
  'api',
  'errcode',
  'error',
  'message',
  'times',
  'rate',
  'seed',
  'delayMs',
  'after',
]);

/** Faults standing at once; each call consults them in the order they were added. */
export class FaultRegistry {
  private faults: StandingFault[] = [];
  private nextId = 1;

  add(input: unknown): { id: number } {
    const spec = parseFaultSpec(input);
    const id = this.nextId++;
    this.faults.push({
      id,
      spec,
      remaining: spec.times ?? Number.POSITIVE_INFINITY,
      skip: spec.after ?? 0,
      random: mulberry32(spec.seed ?? id),
    });
    return { id };
  }

  list(): (FaultSpec & { id: number; remaining: number | null })[] {
    return this.faults.map((f) => ({
      ...f.spec,
      id: f.id,
      remaining: Number.isFinite(f.remaining) ? f.remaining : null,
    }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes the faults that fire for this call; delays add up, the first failure wins. */
  decide(api: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      if (fault.spec.api !== api && fault.spec.api !== '*') continue;
      if (fault.skip > 0) {
        fault.skip -= 1;
        continue;
      }
      const wantsFailure =
        fault.spec.errcode !== undefined ||
        fault.spec.error !== undefined ||
        fault.spec.delayMs === undefined;
      if (wantsFailure && decision.fail) continue;
      if (fault.spec.rate !== undefined && fault.random() >= fault.spec.rate) continue;
      fault.remaining -= 1;
      decision.delayMs += fault.spec.delayMs ?? 0;
      if (wantsFailure) {
        decision.fail = {
          ...(fault.spec.errcode !== undefined ? { errcode: fault.spec.errcode } : {}),
          ...(fault.spec.error !== undefined ? { error: fault.spec.error } : {}),
          ...(fault.spec.message !== undefined ? { message: fault.spec.message } : {}),
        };
      }
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return decision;
  }
}

function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AdminError(400, 'fault must be a JSON object like {"api":"ocr.driverLicense","errcode":-1}');
  }
  const raw = input as Record<string, unknown>;
  const unknownKeys = Object.keys(raw).filter((k) => !KNOWN_KEYS.has(k));
  if (unknownKeys.length > 0) throw new AdminError(400, `unknown fault keys: ${unknownKeys.join(', ')}`);
  if (typeof raw.api !== 'string' || raw.api === '')
    throw new AdminError(400, 'fault.api must be a non-empty string');
  const spec: FaultSpec = { api: raw.api };
  if (raw.errcode !== undefined) spec.errcode = integer(raw.errcode, 'errcode');
  if (raw.error !== undefined) spec.error = text(raw.error, 'error');
  if (raw.message !== undefined) spec.message = text(raw.message, 'message');
  if (raw.times !== undefined) spec.times = positive(raw.times, 'times');
  if (raw.delayMs !== undefined) spec.delayMs = nonNegative(raw.delayMs, 'delayMs');
  if (raw.seed !== undefined) spec.seed = integer(raw.seed, 'seed');
  if (raw.after !== undefined) spec.after = nonNegative(raw.after, 'after');
  if (raw.rate !== undefined) {
    if (typeof raw.rate !== 'number' || !(raw.rate > 0 && raw.rate <= 1)) {
      throw new AdminError(400, 'fault.rate must be a number in (0, 1]');
    }
    spec.rate = raw.rate;
  }
  return spec;
}

function integer(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new AdminError(400, `fault.${name} must be an integer`);
  return value;
}

function positive(value: unknown, name: string): number {
  const n = integer(value, name);
  if (n < 1) throw new AdminError(400, `fault.${name} must be >= 1`);
  return n;
}

function nonNegative(value: unknown, name: string): number {
  const n = integer(value, name);
  if (n < 0) throw new AdminError(400, `fault.${name} must be >= 0`);
  return n;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new AdminError(400, `fault.${name} must be a non-empty string`);
  return value;
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same fault sequence every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
