import http from 'node:http';
import type { OutputCapture } from '../support/OutputCapture';
import { ReliabilityCloud } from '../support/ReliabilityCloud';
import { Checks, type ScenarioReport } from './ScenarioReport';

export interface StorageCrashSize {
  /** kill -9 rounds, each during an overwrite of the same file. */
  rounds: number;
  /** Size of each version of the file. */
  bytes: number;
}

export const FULL_STORAGE_CRASH: StorageCrashSize = { rounds: 20, bytes: 8 * 1024 * 1024 };
export const SMALL_STORAGE_CRASH: StorageCrashSize = { rounds: 4, bytes: 8 * 1024 * 1024 };

const CLOUD_PATH = 'licences/o-crash/overwritten.jpg';

/**
 * One file is overwritten again and again while the emulator process gets SIGKILL at a random
 * point of each overwrite (from before the request to after its answer), then restarted on the
 * same data. After every restart the file must hold, byte for byte, either the last acknowledged
 * version or the one being written (its write can complete with its answer lost); never a
 * truncated or mixed one, never nothing.
 */
export async function runStorageCrash(
  size: StorageCrashSize,
  capture: OutputCapture,
): Promise<ScenarioReport> {
  const checks = new Checks('storage kill -9');
  const cloud = await ReliabilityCloud.start({ capture, mode: 'child', productionIndexes: false });
  try {
    const version = (n: number) => Buffer.alloc(size.bytes, n % 251);
    // How long the server works on an upload once its body has left: the window the kills aim at.
    let sentAt = 0;
    const first = await putUpload(cloud.url, CLOUD_PATH, version(0), () => {
      sentAt = performance.now();
    });
    const serverMs = performance.now() - sentAt;
    if (!first.ok) throw new Error('the first upload failed');
    let fileID = first.id;
    /** The version the file must hold if the next overwrite never lands. */
    let current = 0;
    const outcomes = { acknowledged: 0, interrupted: 0, old: 0, new: 0 };
    const broken: string[] = [];
    for (let round = 1; round <= size.rounds; round++) {
      // Aimed at the server's work, spread over it: from the last byte of the body to a little after its answer.
      const killAfterMs = ((round - 1 + Math.random()) / size.rounds) * serverMs * 1.5;
      let bodySent!: () => void;
      const sent = new Promise<void>((resolve) => {
        bodySent = resolve;
      });
      const upload = putUpload(cloud.url, CLOUD_PATH, version(round), bodySent);
      await Promise.race([sent, upload]);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      await cloud.kill();
      const outcome = await upload;
      await cloud.restart();
      if (outcome.ok) fileID = outcome.id;
      const stored = await cloud.download(fileID).catch(() => undefined);
      const isOld = stored?.equals(version(current)) ?? false;
      const isNew = stored?.equals(version(round)) ?? false;
      if (outcome.ok) outcomes.acknowledged++;
      else outcomes.interrupted++;
      if (outcome.ok && !isNew)
        broken.push(`round ${round}: acknowledged, then ${describe(stored, size.bytes)}`);
      else if (!isOld && !isNew)
        broken.push(`round ${round}: interrupted, then ${describe(stored, size.bytes)}`);
      if (isNew) outcomes.new++;
      else if (isOld) outcomes.old++;
      if (isNew) current = round; // a version that survived a crash is what the next round may replace
    }
    checks.check(
      `after each of ${size.rounds} kill -9 during an overwrite, the file is one whole version`,
      broken.length === 0,
      broken.join('; '),
    );
    checks.note(
      `storage kill -9: ${size.rounds} overwrites of ${size.bytes / 1024 / 1024} MB, killed 0-${(serverMs * 1.5).toFixed(0)} ms after each body was sent (the server takes ${serverMs.toFixed(0)} ms): ${outcomes.acknowledged} acknowledged first, ${outcomes.interrupted} interrupted (${outcomes.new} of all rounds ended on the new version, ${outcomes.old} on the old); ${broken.length} broken`,
    );
  } finally {
    await cloud.close();
  }
  return checks.report;
}

/**
 * An upload as wx-server-sdk 4.x makes it (getUploadMetadata, then a PUT), by hand, so the kill can
 * be timed from the moment the body has left.
 */
async function putUpload(
  baseUrl: string,
  cloudPath: string,
  bytes: Buffer,
  bodySent: () => void,
): Promise<{ ok: true; id: string } | { ok: false }> {
  const response = await fetch(`${baseUrl}/admin?env=local-dev&seqId=crash`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.getUploadMetadata', path: cloudPath, method: 'put' }),
  });
  const { data } = (await response.json()) as { data: { url: string; fileId: string } };
  return new Promise((resolve) => {
    const req = http.request(data.url, { method: 'PUT', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? { ok: true, id: data.fileId } : { ok: false }));
      res.on('error', () => resolve({ ok: false }));
    });
    req.on('error', () => resolve({ ok: false }));
    req.end(bytes, bodySent);
  });
}

function describe(stored: Buffer | undefined, expected: number): string {
  if (!stored) return 'gone';
  return `${stored.length} of ${expected} bytes, first ${stored[0]} last ${stored[stored.length - 1]}`;
}
