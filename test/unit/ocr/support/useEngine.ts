import { OnnxEngine } from '../../../../emulator/ocr/text/OnnxEngine';

/** One real OCR engine for a test file: started before its tests, closed after; call to get it. */
export function useEngine(): () => OnnxEngine {
  let engine: OnnxEngine | undefined;
  beforeAll(async () => {
    engine = await OnnxEngine.start(2);
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
  });
  return () => engine as OnnxEngine;
}
