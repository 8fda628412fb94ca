import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvFor } from '../../../emulator/sdkEnv';
import { startEmulator } from '../../../emulator/startEmulator';
import { fakeJpeg, ScriptedRecognizer } from './support/emulatorWithSdk';
import type { Cloud } from './support/SdkFacade';
import { type EmulatorProcess, spawnEmulatorCli } from './support/spawnEmulatorCli';

const cloud = require('wx-server-sdk') as Cloud;

function pointSdkAt(url: string, envId = 'local-dev'): void {
  // SILENCE: the SDK arms a 3 s "slow request" timer per database call and never clears it when the
  // call fails, so the calls cut off by SIGKILL would keep jest alive for 3 s after the last test.
  Object.assign(process.env, sdkEnvFor(url, envId, { openid: 'o-persist' }), { SILENCE: 'true' });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
}

/** Every document id of a collection, paging by 100 (the per-get limit). */
async function allIds(collection: string): Promise<Set<string>> {
  const db = cloud.database();
  const { total } = await db.collection(collection).count();
  const ids = new Set<string>();
  for (let offset = 0; offset < total; offset += 100) {
    const { data } = await db.collection(collection).skip(offset).limit(100).get();
    for (const doc of data) ids.add(doc._id);
  }
  return ids;
}

describe('emulator persistence', () => {
  let dataDir: string;
  const children: EmulatorProcess[] = [];

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-persist-'));
  });

  afterEach(async () => {
    for (const { child, exited } of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps documents, files, indexes and the OCR quota count across a restart', async () => {
    const first = await startEmulator({ dataDir, recognizer: new ScriptedRecognizer() });
    pointSdkAt(first.url);
    await cloud.database().createCollection('kept');
    await cloud
      .database()
      .collection('kept')
      .add({ data: { _id: 'k1', at: new Date(0), n: 1 } });
    const { fileID } = await cloud.uploadFile({ cloudPath: 'kept.jpg', fileContent: fakeJpeg(100) });
    await cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg() } });
    await fetch(`${first.url}/__emulator/indexes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ collection: 'kept', fields: ['n'], unique: true }),
    });
    await first.close();

    const second = await startEmulator({ dataDir });
    try {
      pointSdkAt(second.url);
      expect((await cloud.database().collection('kept').doc('k1').get()).data).toEqual({
        _id: 'k1',
        at: new Date(0),
        n: 1,
      });
      expect((await cloud.downloadFile({ fileID })).fileContent).toEqual(fakeJpeg(100));
      const stats = (await (await fetch(`${second.url}/__emulator/stats`)).json()) as {
        ocr: { used: number };
      };
      expect(stats.ocr.used).toBe(1);
      const duplicate = cloud
        .database()
        .collection('kept')
        .add({ data: { n: 1 } });
      await expect(duplicate).rejects.toMatchObject({ errCode: -502001 });
    } finally {
      await second.close();
    }
  });

  it('keeps every acknowledged insert when the process is killed with SIGKILL mid-burst', async () => {
    const first = await spawnEmulatorCli(['--port', '0', '--data', dataDir]);
    children.push(first);
    pointSdkAt(first.url);
    await cloud.database().createCollection('burst');

    const acknowledged: string[] = [];
    let failures = 0;
    let killed = false;
    const writer = async (worker: number) => {
      for (let i = 0; failures === 0 || !killed; i++) {
        try {
          const { _id } = await cloud
            .database()
            .collection('burst')
            .add({ data: { worker, i, at: cloud.database().serverDate() } });
          acknowledged.push(_id);
          if (!killed && acknowledged.length >= 150) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          failures += 1;
          if (killed) return;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => writer(worker)));
    expect(await first.exited).toBe('SIGKILL');
    expect(failures).toBeGreaterThan(0); // the kill did land mid-burst

    const second = await spawnEmulatorCli(['--port', '0', '--data', dataDir]);
    children.push(second);
    pointSdkAt(second.url);
    const stored = await allIds('burst');
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0); // a clean stop on SIGTERM
  });
});
