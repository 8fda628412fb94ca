import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type {
  DriverLicenseRecognizer,
  RecognizeOutcome,
} from '../../../emulator/openapi/DriverLicenseRecognizer';
import { wechatFields } from '../../../harness/support/licenses';
import {
  type CallDriverLicenses,
  deleteRecord,
  listRecords,
} from '../../../miniprogram-stub/lib/recordsFlow';
import type { ScanPort } from '../../../miniprogram-stub/lib/scanFlow';
import { scanLicense } from '../../../miniprogram-stub/lib/scanFlow';
import { sniffImage } from '../../../src/domain/sniffImage';
import { type LocalCloud, startLocalCloud } from '../support/startLocalCloud';

const LARGE = path.resolve(__dirname, '../../fixtures/licenses/13-large-2p5mb.jpg');

/** Answers one licence for any image, remembering what WeChat would have received. */
class RecordingRecognizer implements DriverLicenseRecognizer {
  received: Buffer[] = [];
  async recognize(image: Buffer): Promise<RecognizeOutcome> {
    this.received.push(image);
    return { errcode: 0, fields: wechatFields({ name: '陈小明' }) };
  }
}

const recognizer = new RecordingRecognizer();
let cloud: LocalCloud;
let temp: string;

/** The stub's platform port, backed by the real thing wherever there is one. */
function port(openid: string, picked: string): ScanPort {
  let n = 0;
  return {
    chooseImage: async () => ({ path: picked, size: statSync(picked).size }),
    // wx.compressImage: a JPEG re-encode of the original at the given quality.
    compress: async (src, quality) => {
      const out = path.join(temp, `compressed-${n++}.jpg`);
      await sharp(src).jpeg({ quality }).toFile(out);
      return out;
    },
    sizeOf: async (file) => statSync(file).size,
    uploadPath: (extension) => cloud.invoke('driverLicenses', { action: 'uploadPath', extension }, openid),
    upload: (cloudPath, file) => cloud.uploadTo(readFileSync(file), cloudPath),
    recognize: (fileID) => cloud.invoke('ocrDriverLicense', { fileID }, openid),
  };
}

const callAs =
  (openid: string): CallDriverLicenses =>
  (event) =>
    cloud.invoke('driverLicenses', { ...event }, openid);

beforeAll(async () => {
  temp = mkdtempSync(path.join(tmpdir(), 'stub-e2e-'));
  cloud = await startLocalCloud({ recognizer });
});

afterAll(async () => {
  await cloud?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('the mini-program stub against the built functions', () => {
  it('compresses a 2.9 MB photo, uploads it, gets the licence, lists it, and deletes it', async () => {
    const phases: string[] = [];

    const outcome = await scanLicense('camera', port('stub-user', LARGE), { onPhase: (p) => phases.push(p) });

    expect(outcome).toMatchObject({ kind: 'recognized', created: true, license: { name: '陈小明' } });
    expect(phases).toEqual(['compressing', 'uploading', 'recognizing']);
    const sent = recognizer.received[0];
    expect(sent && sent.length < 2 * 1024 * 1024).toBe(true);
    expect(sent && sniffImage(sent).type).toBe('jpeg');

    const call = callAs('stub-user');
    const listed = await listRecords(call);
    expect(listed).toMatchObject({ ok: true, total: 1 });
    const id = outcome.kind === 'recognized' ? outcome.id : '';
    expect(await deleteRecord(call, id)).toEqual({ ok: true, id });
    expect(await listRecords(call)).toMatchObject({ ok: true, total: 0, rows: [] });
  });

  it('shows another user nothing of it', async () => {
    const outcome = await scanLicense('album', port('stub-owner', LARGE));
    const id = outcome.kind === 'recognized' ? outcome.id : 'none';
    const intruder = callAs('stub-intruder');

    expect(await listRecords(intruder)).toMatchObject({ ok: true, total: 0 });
    expect(await deleteRecord(intruder, id)).toEqual({ ok: false, problem: 'NOT_FOUND' });
  });
});
