import type { OcrDriverLicenseResult } from '../../src/api';
import type { DriverLicense } from '../../src/domain/DriverLicense';
import { ERROR_CODES } from '../../src/errors';
import { PROBLEM_MESSAGES } from '../lib/messages';
import {
  createFakeWx,
  FAKE_UPLOAD_FOLDER,
  type FakeWx,
  type FakeWxOptions,
  installWx,
  waitFor,
} from './fakeWx';
import { renderPage, text } from './renderPage';

const LICENSE: DriverLicense = {
  idNum: '11010519491231002X',
  name: '王小明',
  sex: '男',
  nationality: '中国',
  address: '北京市朝阳区建国路88号',
  birthDate: '1949-12-31',
  issueDate: '2015-03-01',
  carClass: 'C1',
  validFrom: '2021-03-01',
  validTo: '2031-03-01',
  validPeriodRaw: '10年',
  officialSeal: '北京市公安局公安交通管理局',
};

const RECOGNIZED: OcrDriverLicenseResult = {
  ok: true,
  id: 'rec-1',
  created: true,
  cached: false,
  license: LICENSE,
  warnings: [
    { code: 'ID_NUM_CHECK_DIGIT', field: 'idNum', message: 'check digit' },
    { code: 'MISSING_FIELD', field: 'officialSeal', message: 'missing' },
  ],
};

let restore: () => void = () => {};
afterEach(() => restore());

function setup(options: FakeWxOptions = {}) {
  const fake = createFakeWx({ functions: { ocrDriverLicense: () => RECOGNIZED }, ...options });
  restore = installWx(fake);
  const page = renderPage('scan');
  return { fake, page };
}

/**
 * Taps a button (the simulator delivers taps asynchronously) and waits until the scan it started
 * has ended: chooseMedia was called and the page's busy flag is down again.
 */
async function tapAndSettle(fake: FakeWx, page: ReturnType<typeof renderPage>, selector: string) {
  const before = fake.chooseMedia.mock.calls.length;
  page.querySelector(selector)!.dispatchEvent('tap');
  await waitFor(() => fake.chooseMedia.mock.calls.length > before && page.data.busy === false);
}

function row(page: ReturnType<typeof renderPage>, key: string) {
  return { label: text(page, `#row-${key} .label`), value: text(page, `#row-${key} .value`) };
}

describe('scan page', () => {
  it('renders the recognized fields with the licence number and name masked', async () => {
    const { fake, page } = setup();

    await tapAndSettle(fake, page, '#take-photo');

    expect(row(page, 'idNum')).toEqual({ label: '证号', value: '1101************2X' });
    expect(row(page, 'name')).toEqual({ label: '姓名', value: '王**' });
    expect(row(page, 'carClass')).toEqual({ label: '准驾车型', value: 'C1' });
    expect(row(page, 'validTo')).toEqual({ label: '有效期至', value: '2031-03-01' });
    expect(text(page, '#problem')).toBeNull();
  });

  it('reveals a masked field when tapped and masks it again on a second tap', async () => {
    const { fake, page } = setup();
    await tapAndSettle(fake, page, '#take-photo');

    page.querySelector('#row-idNum')!.dispatchEvent('tap');
    await waitFor(() => page.data.rows[0]?.revealed === true);
    expect(row(page, 'idNum')).toEqual({ label: '证号', value: '11010519491231002X' });
    expect(row(page, 'name')).toEqual({ label: '姓名', value: '王**' });

    page.querySelector('#row-idNum')!.dispatchEvent('tap');
    await waitFor(() => page.data.rows[0]?.revealed === false);
    expect(row(page, 'idNum')).toEqual({ label: '证号', value: '1101************2X' });
  });

  it('shows each warning as a plain Chinese sentence naming the field', async () => {
    const { fake, page } = setup();

    await tapAndSettle(fake, page, '#take-photo');

    expect(text(page, '#warnings')).toContain('证号的校验位不对');
    expect(text(page, '#warnings')).toContain('没有识别到「发证机关」');
  });

  it('asks driverLicenses where to upload, uploads there, and calls ocrDriverLicense with its fileID', async () => {
    const { fake, page } = setup();

    await tapAndSettle(fake, page, '#pick-photo');

    expect(fake.chooseMedia).toHaveBeenCalledWith(
      expect.objectContaining({ mediaType: ['image'], sourceType: ['album'], sizeType: ['compressed'] }),
    );
    expect(fake.cloud.callFunction.mock.calls.map(([o]) => o)).toEqual([
      { name: 'driverLicenses', data: { action: 'uploadPath', extension: 'jpg' } },
      {
        name: 'ocrDriverLicense',
        data: { fileID: `cloud://test-env.7465-test-env/${FAKE_UPLOAD_FOLDER}1.jpg` },
      },
    ]);
    expect(fake.cloud.uploadFile.mock.calls[0]![0]).toMatchObject({
      cloudPath: `${FAKE_UPLOAD_FOLDER}1.jpg`,
      filePath: 'wxfile://tmp/photo.jpg',
    });
  });

  it('asks for a PNG path for a PNG it did not need to compress', async () => {
    const { fake, page } = setup({ photo: { path: 'wxfile://tmp/photo.png', size: 300_000 } });

    await tapAndSettle(fake, page, '#pick-photo');

    expect(fake.cloud.uploadFile.mock.calls[0]![0]).toMatchObject({
      cloudPath: `${FAKE_UPLOAD_FOLDER}1.png`,
    });
  });

  it.each([
    [
      'a refusal',
      () => ({ ok: false, code: 'UNAUTHENTICATED', message: 'no caller identity' }),
      PROBLEM_MESSAGES.UNAUTHENTICATED.title,
    ],
    ['something unexpected', () => ({ ok: true, action: 'uploadPath' }), PROBLEM_MESSAGES.BAD_RESPONSE.title],
    [
      'a network failure',
      () => {
        throw new Error('request:fail timeout');
      },
      PROBLEM_MESSAGES.NETWORK.title,
    ],
  ])('uploads nothing when asking for an upload path meets %s', async (_label, driverLicenses, title) => {
    const { fake, page } = setup({ functions: { ocrDriverLicense: () => RECOGNIZED, driverLicenses } });

    await tapAndSettle(fake, page, '#take-photo');

    expect(fake.cloud.uploadFile).not.toHaveBeenCalled();
    expect(text(page, '#problem .problem-title')).toBe(title);
  });

  it('shows a loading state while recognizing and hides it at the end', async () => {
    let answer: (result: unknown) => void = () => {};
    const pending = new Promise((resolve) => {
      answer = resolve;
    });
    const { fake, page } = setup({ functions: { ocrDriverLicense: () => pending } });

    page.querySelector('#take-photo')!.dispatchEvent('tap');
    await waitFor(() => fake.cloud.callFunction.mock.calls.length > 0);
    expect(text(page, '#busy')).toBe('正在识别');
    expect(page.data.busy).toBe(true);
    expect(fake.hideLoading).not.toHaveBeenCalled();

    answer(RECOGNIZED);
    await waitFor(() => page.data.busy === false);

    const titles = fake.showLoading.mock.calls.map(([o]) => (o as { title: string }).title);
    expect(titles).toEqual(['正在压缩照片', '正在上传照片', '正在识别']);
    expect(fake.hideLoading).toHaveBeenCalledTimes(1);
  });

  it('compresses a photo of 2 MB or more before uploading the compressed file', async () => {
    const { fake, page } = setup({
      photo: { path: 'wxfile://tmp/big.jpg', size: 5_000_000 },
      compressedSize: (q) => (q >= 60 ? 2_500_000 : 1_200_000),
    });

    await tapAndSettle(fake, page, '#take-photo');

    expect(fake.compressImage.mock.calls.map(([o]) => (o as { quality: number }).quality)).toEqual([
      80, 60, 40,
    ]);
    expect(fake.cloud.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/compressed-q40.jpg' }),
    );
    expect(row(page, 'name')).toEqual({ label: '姓名', value: '王**' });
  });

  it('gives up with a clear message when the photo is still too big at the lowest quality', async () => {
    const { fake, page } = setup({
      photo: { path: 'wxfile://tmp/huge.jpg', size: 30_000_000 },
      compressedSize: () => 3_000_000,
    });

    await tapAndSettle(fake, page, '#take-photo');

    expect(fake.compressImage).toHaveBeenCalledTimes(4);
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled();
    expect(text(page, '#problem')).toContain('照片压缩后仍大于 2 MB');
  });

  it('does nothing visible when the user cancels choosing a photo', async () => {
    const { fake, page } = setup({ photo: 'cancel' });

    await tapAndSettle(fake, page, '#take-photo');

    expect(fake.cloud.uploadFile).not.toHaveBeenCalled();
    expect(fake.showLoading).not.toHaveBeenCalled();
    expect(text(page, '#problem')).toBeNull();
  });

  it('asks for camera permission when choosing a photo is refused', async () => {
    const { fake, page } = setup({ photo: 'deny' });

    await tapAndSettle(fake, page, '#take-photo');

    expect(text(page, '#problem')).toContain('无法打开相机或相册');
  });

  it('shows an upload message when wx.cloud.uploadFile fails', async () => {
    const { fake, page } = setup({ uploadFails: true });

    await tapAndSettle(fake, page, '#take-photo');

    expect(fake.cloud.callFunction).not.toHaveBeenCalledWith(
      expect.objectContaining({ name: 'ocrDriverLicense' }),
    );
    expect(text(page, '#problem')).toContain('照片上传失败');
  });

  it('shows a network message when callFunction rejects', async () => {
    const { fake, page } = setup({
      functions: {
        ocrDriverLicense: () => {
          throw new Error('request:fail timeout');
        },
      },
    });

    await tapAndSettle(fake, page, '#take-photo');

    expect(text(page, '#problem .problem-title')).toBe(PROBLEM_MESSAGES.NETWORK.title);
    expect(text(page, '#problem .problem-hint')).toBe(PROBLEM_MESSAGES.NETWORK.hint);
    expect(page.data.rows).toEqual([]);
  });

  it('shows a bad-response message when the function returns something unexpected', async () => {
    const { fake, page } = setup({ functions: { ocrDriverLicense: () => ({ ok: true }) } });

    await tapAndSettle(fake, page, '#take-photo');

    expect(text(page, '#problem')).toContain('服务返回了无法识别的结果');
  });

  it.each(ERROR_CODES)('shows the message and what to do for %s', async (code) => {
    const { fake, page } = setup({
      functions: { ocrDriverLicense: () => ({ ok: false, code, message: 'server text' }) },
    });

    await tapAndSettle(fake, page, '#take-photo');

    const { title, hint } = PROBLEM_MESSAGES[code];
    expect(text(page, '#problem .problem-title')).toBe(title);
    expect(text(page, '#problem .problem-hint')).toBe(hint);
    expect(text(page, '#result')).toBeNull();
  });

  it('shows the generic service message for an error code this client does not know', async () => {
    const { fake, page } = setup({
      functions: { ocrDriverLicense: () => ({ ok: false, code: 'SOMETHING_NEW', message: 'x' }) },
    });

    await tapAndSettle(fake, page, '#take-photo');

    expect(text(page, '#problem .problem-title')).toBe(PROBLEM_MESSAGES.INTERNAL.title);
  });
});
