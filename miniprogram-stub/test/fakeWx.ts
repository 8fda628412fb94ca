/**
 * A fake `wx` at the API boundary only: the platform calls the ports make (chooseMedia,
 * compressImage, getFileSystemManager().getFileInfo, cloud.uploadFile, cloud.callFunction) and the
 * UI calls the pages make (showModal, showLoading/hideLoading, showToast). Each async fake answers
 * both ways the platform does: callbacks when given, a promise otherwise, failures as { errMsg }.
 */
type Options = Record<string, unknown> & {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};

export class WxError extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg);
  }
}

function dual(name: string, impl: (options: Options) => unknown) {
  return jest.fn((options: Options = {}) => {
    const settled = Promise.resolve()
      .then(() => impl(options))
      .then(
        (res) => ({ ok: true as const, res: { errMsg: `${name}:ok`, ...(res as object) } }),
        (error: unknown) => ({
          ok: false as const,
          res: { errMsg: error instanceof WxError ? error.errMsg : `${name}:fail ${String(error)}` },
        }),
      );
    if (options.success || options.fail || options.complete) {
      void settled.then(({ ok, res }) => {
        if (ok) options.success?.(res);
        else options.fail?.(res);
        options.complete?.(res);
      });
      return undefined;
    }
    return settled.then(({ ok, res }) => (ok ? res : Promise.reject(res)));
  });
}

export interface FakeWxOptions {
  /** The photo chooseMedia returns, or 'cancel' / 'deny'. */
  photo?: { path: string; size: number } | 'cancel' | 'deny';
  /** Size of the file wx.compressImage produces at a given quality. */
  compressedSize?: (quality: number) => number;
  /**
   * What wx.cloud.callFunction resolves as `result` for a function, or a rejection. driverLicenses
   * answers uploadPath (FAKE_UPLOAD_FOLDER) unless a test gives its own.
   */
  functions?: Record<string, (data: Record<string, unknown>) => unknown>;
  uploadFails?: boolean;
  modalConfirm?: boolean;
}

/** The caller's upload folder, as the fake driverLicenses hands it out. */
export const FAKE_UPLOAD_FOLDER = 'licences/0123456789abcdef0123456789abcdef/';

export function createFakeWx(options: FakeWxOptions = {}) {
  let paths = 0;
  const functions: Record<string, (data: Record<string, unknown>) => unknown> = {
    driverLicenses: (data) =>
      data.action === 'uploadPath'
        ? {
            ok: true,
            action: 'uploadPath',
            cloudPath: `${FAKE_UPLOAD_FOLDER}${++paths}.${String(data.extension ?? 'jpg')}`,
          }
        : { ok: false, code: 'INVALID_ARGUMENT', message: 'the fake only hands out upload paths' },
    ...options.functions,
  };
  const files = new Map<string, number>();
  const photo = options.photo ?? { path: 'wxfile://tmp/photo.jpg', size: 900_000 };
  if (typeof photo === 'object') files.set(photo.path, photo.size);

  const fake = {
    chooseMedia: dual('chooseMedia', () => {
      if (photo === 'cancel') throw new WxError('chooseMedia:fail cancel');
      if (photo === 'deny') throw new WxError('chooseMedia:fail auth deny');
      return {
        type: 'image',
        tempFiles: [{ tempFilePath: photo.path, size: photo.size, fileType: 'image' }],
      };
    }),
    compressImage: dual('compressImage', (o) => {
      const quality = Number(o.quality);
      const out = `wxfile://tmp/compressed-q${quality}.jpg`;
      files.set(out, (options.compressedSize ?? (() => 500_000))(quality));
      return { tempFilePath: out };
    }),
    getFileSystemManager: jest.fn(() => ({
      getFileInfo: dual('getFileInfo', (o) => {
        const size = files.get(String(o.filePath));
        if (size === undefined) throw new WxError('getFileInfo:fail no such file or directory');
        return { size };
      }),
    })),
    showLoading: dual('showLoading', () => ({})),
    hideLoading: dual('hideLoading', () => ({})),
    showToast: dual('showToast', () => ({})),
    stopPullDownRefresh: dual('stopPullDownRefresh', () => ({})),
    showModal: dual('showModal', () => {
      const confirm = options.modalConfirm ?? true;
      return { confirm, cancel: !confirm };
    }),
    cloud: {
      init: jest.fn(),
      uploadFile: dual('cloud.uploadFile', (o) => {
        if (options.uploadFails) throw new WxError('cloud.uploadFile:fail network error');
        return { fileID: `cloud://test-env.7465-test-env/${String(o.cloudPath)}`, statusCode: 204 };
      }),
      callFunction: dual('cloud.callFunction', (o) => {
        const fn = functions[String(o.name)];
        if (!fn) throw new WxError(`cloud.callFunction:fail FunctionName parameter could not be found`);
        return { result: fn((o.data ?? {}) as Record<string, unknown>) };
      }),
    },
  };
  return fake;
}

export type FakeWx = ReturnType<typeof createFakeWx>;

/** Puts the fake on the global `wx` the pages read at call time; returns the restore function. */
export function installWx(fake: FakeWx): () => void {
  const target = wx as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  for (const [key, value] of Object.entries(fake)) {
    saved.set(key, target[key]);
    target[key] = value;
  }
  return () => {
    for (const [key, value] of saved) target[key] = value;
  };
}

/** Lets pending promise callbacks and the simulator's timers run until `done()` holds. */
export async function waitFor(done: () => boolean, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('condition not reached');
}

/**
 * The fakes settle on promise jobs only, never timers, so one macrotask turn lets every pending
 * step of a flow finish.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
