import path from 'node:path';
import type { DriverLicenseRecognizer } from '../../openapi/DriverLicenseRecognizer';

interface OcrEngineModule {
  createLocalRecognizer(): DriverLicenseRecognizer;
}

/**
 * The local OCR engine (emulator/ocr/), loaded at the first OCR call and not before: the emulator
 * must start, and its tests run, without the engine (which is heavy, and may not be built yet).
 */
export function lazyLocalRecognizer(): () => Promise<DriverLicenseRecognizer> {
  let loading: Promise<DriverLicenseRecognizer> | undefined;
  return () => {
    loading ??= Promise.resolve().then(() => {
      // A computed path keeps type-checking and bundling independent of the engine's presence.
      const modulePath = path.join(__dirname, '..', '..', 'ocr', 'createLocalRecognizer');
      const mod = require(modulePath) as Partial<OcrEngineModule>;
      if (typeof mod.createLocalRecognizer !== 'function') {
        throw new Error(`${modulePath} does not export createLocalRecognizer()`);
      }
      return mod.createLocalRecognizer();
    });
    // Forget a failure so a later call retries (the engine may have been built meanwhile).
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
}
