/**
 * The one blur of the engine: a separable box blur of a single-channel plane, radius `r` pixels
 * (window 2r + 1), edges clamped. Running sums, so the cost does not grow with the radius.
 */
export function boxBlur(plane: Float32Array, width: number, height: number, r: number): Float32Array {
  if (r < 1) return Float32Array.from(plane);
  const tmp = new Float32Array(plane.length);
  const out = new Float32Array(plane.length);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += plane[row + clamp(k, width)] ?? 0;
    for (let x = 0; x < width; x++) {
      tmp[row + x] = sum / n;
      sum += (plane[row + clamp(x + r + 1, width)] ?? 0) - (plane[row + clamp(x - r, width)] ?? 0);
    }
  }
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += tmp[clamp(k, height) * width + x] ?? 0;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = sum / n;
      sum += (tmp[clamp(y + r + 1, height) * width + x] ?? 0) - (tmp[clamp(y - r, height) * width + x] ?? 0);
    }
  }
  return out;
}

function clamp(i: number, size: number): number {
  return i < 0 ? 0 : i >= size ? size - 1 : i;
}
