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

/**
 * The PaddleOCR det and rec sessions, run by onnxruntime-node in a worker thread (onnxWorker.mjs,
 * loaded by Node's real ESM loader). The worker is unref'd while idle so it never keeps a process
 * (or jest) alive; `close()` terminates it.
 */
export class OnnxEngine {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #closed = false;
  /** The rec model's character list: index i of the output is dictionary[i - 1], 0 is blank. */
  dictionary: string[] = [];
  #classes = new Map<string, number>();

  private constructor(threads: number) {
    this.#worker = new Worker(path.join(__dirname, 'onnxWorker.mjs'), { workerData: { threads } });
    this.#worker.unref();
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`OCR worker exited with code ${code}`)));
  }

  static async start(threads = 2): Promise<OnnxEngine> {
    const engine = new OnnxEngine(threads);
    const reply = await engine.#call({ op: 'init' });
    // PaddleOCR's dictionary plus the trailing space class, as in PaddleOCR's use_space_char.
    engine.dictionary = [...(reply.keys ?? '').replace(/\n$/, '').split('\n'), ' '];
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
      await this.#call({ op: 'det', data, dims: [1, 3, height, width] }, [data.buffer as ArrayBuffer]),
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

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#worker.terminate();
  }

  #tensor(reply: Reply & { ok: true }): TensorOut {
    if (!reply.data || !reply.dims) throw new Error('OCR worker replied without a tensor');
    return { data: reply.data, dims: reply.dims };
  }

  #call(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply & { ok: true }> {
    if (this.#closed) return Promise.reject(new Error('OCR engine is closed'));
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // Keep the process alive only while a call is in flight.
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply);
    else pending.reject(new Error(`OCR worker failed: ${reply.error}`));
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
