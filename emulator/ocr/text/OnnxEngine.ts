import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type CtcMatrix, TOP_K } from './CtcMatrix';

/** A model output: the flat tensor and its dimensions. */
export interface TensorOut {
  data: Float32Array;
  dims: number[];
}

type Reply =
  | {
      id: number;
      ok: true;
      keys?: string;
      data?: Float32Array;
      dims?: number[];
      top?: Int32Array;
      probs?: Float32Array;
      floor?: Float32Array;
      steps?: number;
    }
  | { id: number; ok: false; error: string };

interface Pending {
  resolve: (reply: Reply & { ok: true }) => void;
  reject: (error: Error) => void;
}

/** A call waiting for a worker: detection only the detector's worker runs. */
interface Job extends Pending {
  message: Record<string, unknown>;
  transfer: ArrayBuffer[];
  det: boolean;
}

/** One worker thread and the calls it has in flight. */
interface Lane {
  worker: Worker;
  inFlight: number;
}

/**
 * The PaddleOCR det and rec sessions, run by onnxruntime-node in worker threads (onnxWorker.mjs,
 * loaded by Node's real ESM loader). The recognizer gains nothing from a second intra-op thread on
 * a short line (11.4 vs 11.7 ms at 256 px), so each core gets a worker with its own single-threaded
 * recognizer and lines are read in parallel, each by the next worker free; the detector, which
 * does gain (349 vs 441 ms at 960x640), lives in the first worker with every thread. Workers are
 * unref'd while idle so they never keep a process (or jest) alive; `close()` terminates them.
 */
export class OnnxEngine {
  readonly #lanes: Lane[];
  /** The worker holding the detector. */
  readonly #detector: Lane;
  readonly #pending = new Map<number, Pending & { lane: Lane }>();
  /** Calls not yet handed to a worker, oldest first. */
  readonly #queue: Job[] = [];
  /** Calls a worker is running, for `close()` to wait on. */
  readonly #running = new Set<Promise<unknown>>();
  #nextId = 0;
  #closed = false;
  /** The rec model's character list: index i of the output is dictionary[i - 1], 0 is blank. */
  dictionary: string[] = [];
  #classes = new Map<string, number>();

  private constructor(threads: number) {
    this.#lanes = Array.from({ length: Math.max(1, threads) }, (_, i) => {
      const worker = new Worker(path.join(__dirname, 'onnxWorker.mjs'), {
        workerData: { detThreads: i === 0 ? threads : 0 },
      });
      worker.unref();
      worker.on('message', (reply: Reply) => this.#settle(reply));
      worker.on('error', (error) => this.#failAll(error));
      worker.on('exit', (code) => this.#failAll(new Error(`OCR worker exited with code ${code}`)));
      return { worker, inFlight: 0 };
    });
    this.#detector = this.#lanes[0] as Lane;
  }

  /** `threads`: the cores to use; one worker each. */
  static async start(threads = 2): Promise<OnnxEngine> {
    const engine = new OnnxEngine(threads);
    const [reply] = await Promise.all(engine.#lanes.map((lane) => engine.#send(lane, { op: 'init' })));
    // PaddleOCR's dictionary plus the trailing space class, as in PaddleOCR's use_space_char.
    engine.dictionary = [...(reply?.keys ?? '').replace(/\n$/, '').split('\n'), ' '];
    engine.dictionary.forEach((char, i) => {
      if (!engine.#classes.has(char)) engine.#classes.set(char, i + 1);
    });
    return engine;
  }

  /** The output classes spelling `text`, or null when a character is not in the dictionary. */
  classesOf(text: string): number[] | null {
    const out: number[] = [];
    for (const char of text) {
      const c = this.#classes.get(char);
      if (c === undefined) return null;
      out.push(c);
    }
    return out;
  }

  /** DB text detection: input NCHW [1,3,h,w] normalized; output the [1,1,h,w] probability map. */
  async detect(data: Float32Array, height: number, width: number): Promise<TensorOut> {
    return this.#tensor(
      await this.#call({ op: 'det', data, dims: [1, 3, height, width] }, [data.buffer as ArrayBuffer], true),
    );
  }

  /** CRNN recognition of one line of height 48 (input [1,3,48,width]): its CTC output, sparse. */
  async recognize(data: Float32Array, width: number): Promise<CtcMatrix> {
    const reply = await this.#call({ op: 'rec', data, dims: [1, 3, 48, width], k: TOP_K }, [
      data.buffer as ArrayBuffer,
    ]);
    if (!reply.top || !reply.probs || !reply.floor) throw new Error('OCR worker replied without classes');
    return { steps: reply.steps ?? 0, k: TOP_K, classes: reply.top, probs: reply.probs, floor: reply.floor };
  }

  /**
   * Refuses the calls still queued, lets the runs in flight end, then stops the workers: a worker
   * terminated inside a model run aborts the whole process (onnxruntime-node throws from native
   * code into the stopping thread, and nothing can catch that).
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new Error('OCR engine is closed');
    for (const job of this.#queue.splice(0)) job.reject(closed);
    await Promise.allSettled(this.#running);
    await Promise.all(this.#lanes.map((lane) => lane.worker.terminate()));
  }

  #tensor(reply: Reply & { ok: true }): TensorOut {
    if (!reply.data || !reply.dims) throw new Error('OCR worker replied without a tensor');
    return { data: reply.data, dims: reply.dims };
  }

  /**
   * Queues a call for the next worker free to take it. Lines are not dealt out in advance: a
   * worker handed a long line would hold the rest of its share while the other idled.
   */
  #call(
    message: Record<string, unknown>,
    transfer: ArrayBuffer[],
    det = false,
  ): Promise<Reply & { ok: true }> {
    if (this.#closed) return Promise.reject(new Error('OCR engine is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, transfer, det, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Hands queued calls to idle workers, detection first: the lines to read wait on it. A worker
   * takes one call at a time; given a second to hold, the 11200 set ran 6 % slower (a line
   * waited behind a long one while the other worker idled).
   */
  #dispatch(): void {
    for (const lane of this.#lanes) {
      if (lane.inFlight > 0) continue;
      const det = lane === this.#detector ? this.#queue.findIndex((job) => job.det) : -1;
      const at = det >= 0 ? det : this.#queue.findIndex((job) => !job.det);
      if (at < 0) continue;
      const [job] = this.#queue.splice(at, 1) as [Job];
      this.#send(lane, job.message, job.transfer).then(job.resolve, job.reject);
    }
  }

  #send(
    lane: Lane,
    message: Record<string, unknown>,
    transfer: ArrayBuffer[] = [],
  ): Promise<Reply & { ok: true }> {
    const id = ++this.#nextId;
    const run = new Promise<Reply & { ok: true }>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, lane });
      // Keep the process alive only while a call is in flight.
      if (lane.inFlight++ === 0) lane.worker.ref();
      lane.worker.postMessage({ ...message, id }, transfer);
    });
    this.#running.add(run);
    const done = () => this.#running.delete(run);
    run.then(done, done);
    return run;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (--pending.lane.inFlight === 0) pending.lane.worker.unref();
    if (reply.ok) pending.resolve(reply);
    else pending.reject(new Error(`OCR worker failed: ${reply.error}`));
    this.#dispatch();
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) {
      pending.lane.inFlight = 0;
      pending.lane.worker.unref();
      pending.reject(error);
    }
    this.#pending.clear();
    for (const job of this.#queue.splice(0)) job.reject(error);
  }
}
