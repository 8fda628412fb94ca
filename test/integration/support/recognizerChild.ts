/** The process `startRecognizerProcess` starts: one local recognizer, its calls over IPC. */
import { createLocalRecognizer } from '../../../emulator/ocr/createLocalRecognizer';

const recognizer = createLocalRecognizer();

process.on('message', async (message: { id: number; image: Uint8Array } | { close: true }) => {
  if ('close' in message) {
    await recognizer.close();
    process.disconnect();
    return;
  }
  try {
    const outcome = await recognizer.recognize(Buffer.from(message.image));
    process.send?.({ id: message.id, outcome });
  } catch (error) {
    process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

// The test process gone (a failed run, a kill): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
