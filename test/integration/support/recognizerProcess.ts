/**
 * The local OCR engine in a Node process of its own, for tests: under jest's module sandbox the
 * engine's own JavaScript (warps, ink maps, CTC scoring) ran 5.4 times slower than under Node
 * (5.9 s against 1.1 s a photo), which was most of `npm test`'s time. The engine is the same
 * code the emulator runs; only the process hosting it differs.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { LocalRecognizer } from '../../../emulator/ocr/createLocalRecognizer';
import type { RecognizeOutcome } from '../../../emulator/openapi/DriverLicenseRecognizer';

type Reply = { id: number; outcome: RecognizeOutcome } | { id: number; error: string };

export function startRecognizerProcess(): LocalRecognizer {
  const child: ChildProcess = fork(path.join(__dirname, 'recognizerChild.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (o: RecognizeOutcome) => void; reject: (e: Error) => void }>();
  let next = 0;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  child.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.outcome);
  });
  child.on('exit', (code) => failAll(new Error(`the OCR test process exited with code ${code}`)));
  return {
    recognize: (image) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ id, image });
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ close: true });
      }),
  };
}
