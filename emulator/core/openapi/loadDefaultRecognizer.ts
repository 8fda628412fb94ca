import path from 'node:path';
import type { DriverLicenseRecognizer } from '../../openapi/DriverLicenseRecognizer';

type Closable = DriverLicenseRecognizer & { close?: () => Promise<void> };

interface OcrEngineModule {
  createLocalRecognizer(): Closable;
}

export interface LazyRecognizer {
  get(): Promise<DriverLicenseRecognizer>;
  /** Stops the engine (its worker thread) if it was ever loaded. */
  dispose(): Promise<void>;
}

/**
 * The local OCR engine (emulator/ocr/), loaded at the first OCR call and not before: the emulator
 * must start, and its tests run, without the engine (heavy, and possibly not built yet).
 */
export function lazyLocalRecognizer(): LazyRecognizer {
  let loading: Promise<Closable> | undefined;
  return {
    get() {
      loading ??= Promise.resolve().then(() => {
        // A computed path keeps type-checking independent of the engine's presence.
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
    },
    async dispose() {
      const loaded = await loading?.catch(() => undefined);
      loading = undefined;
      await loaded?.close?.();
    },
  };
}
