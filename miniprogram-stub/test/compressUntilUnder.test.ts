import {
  type CompressPort,
  compressUntilUnder,
  MAX_IMAGE_BYTES,
  QUALITY_STEPS,
} from '../lib/compressUntilUnder';

/** A port whose compressed size depends on the quality only, recording the qualities asked for. */
function portWith(sizeAt: Record<number, number>) {
  const qualities: number[] = [];
  const port: CompressPort = {
    async compress(src, quality) {
      qualities.push(quality);
      return `${src}#q${quality}`;
    },
    async sizeOf(path) {
      const quality = Number(path.split('#q')[1]);
      const size = sizeAt[quality];
      if (size === undefined) throw new Error(`no size for ${path}`);
      return size;
    },
  };
  return { port, qualities };
}

const MB = 1024 * 1024;

describe('compressUntilUnder', () => {
  it('returns the original without compressing when it is already under 2 MB', async () => {
    const { port, qualities } = portWith({});

    const result = await compressUntilUnder({ path: 'a.jpg', size: MAX_IMAGE_BYTES - 1 }, port);

    expect(result).toEqual({ ok: true, path: 'a.jpg', size: MAX_IMAGE_BYTES - 1, quality: null });
    expect(qualities).toEqual([]);
  });

  it('compresses a photo of exactly 2 MB, since WeChat refuses 2 MB or more', async () => {
    const { port, qualities } = portWith({ 80: MB });

    const result = await compressUntilUnder({ path: 'a.jpg', size: MAX_IMAGE_BYTES }, port);

    expect(result).toMatchObject({ ok: true, quality: 80, size: MB });
    expect(qualities).toEqual([80]);
  });

  it.each([
    { sizes: { 80: 1.9 * MB }, quality: 80, tried: [80] },
    { sizes: { 80: 2 * MB, 60: 1.5 * MB }, quality: 60, tried: [80, 60] },
    {
      sizes: { 80: 3 * MB, 60: 2.5 * MB, 40: 2 * MB + 1, 20: 1.2 * MB },
      quality: 20,
      tried: [80, 60, 40, 20],
    },
  ])('stops at quality $quality, the first step under 2 MB', async ({ sizes, quality, tried }) => {
    const { port, qualities } = portWith(sizes);

    const result = await compressUntilUnder({ path: 'big.jpg', size: 6 * MB }, port);

    expect(result).toEqual({ ok: true, path: `big.jpg#q${quality}`, size: sizes[quality as 80], quality });
    expect(qualities).toEqual(tried);
  });

  it('gives up after the last step and reports the smallest size reached', async () => {
    const { port, qualities } = portWith({ 80: 5 * MB, 60: 4 * MB, 40: 3 * MB, 20: 2.5 * MB });

    const result = await compressUntilUnder({ path: 'huge.jpg', size: 9 * MB }, port);

    expect(result).toEqual({ ok: false, smallestSize: 2.5 * MB, tried: [...QUALITY_STEPS] });
    expect(qualities).toEqual([80, 60, 40, 20]);
  });

  it('always compresses from the original rather than from the previous attempt', async () => {
    const sources: string[] = [];
    const { port } = portWith({ 80: 3 * MB, 60: MB });
    const recording: CompressPort = {
      compress: (src, q) => {
        sources.push(src);
        return port.compress(src, q);
      },
      sizeOf: port.sizeOf,
    };

    await compressUntilUnder({ path: 'orig.jpg', size: 4 * MB }, recording);

    expect(sources).toEqual(['orig.jpg', 'orig.jpg']);
  });

  it('propagates a failure of the platform call', async () => {
    const port: CompressPort = {
      compress: () => Promise.reject(new Error('compressImage:fail')),
      sizeOf: () => Promise.resolve(0),
    };

    await expect(compressUntilUnder({ path: 'a.jpg', size: 3 * MB }, port)).rejects.toThrow(
      'compressImage:fail',
    );
  });
});
