import { concatCtc, ctcLogLikelihood } from '../../../emulator/ocr/text/CtcMatrix';
import { ctcMatrixOf } from './support/ctcMatrixOf';

/** Softmax-like scores over 4 classes (0 blank) for steps that read "1 blank 2 2 blank 3". */
function scores(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}
const READ_123 = scores([
  [0.05, 0.9, 0.03, 0.02],
  [0.9, 0.04, 0.03, 0.03],
  [0.05, 0.02, 0.9, 0.03],
  [0.1, 0.02, 0.85, 0.03],
  [0.9, 0.04, 0.03, 0.03],
  [0.05, 0.03, 0.02, 0.9],
]);

describe('ctcLogLikelihood', () => {
  const m = ctcMatrixOf(READ_123, 6, 4, 4);

  it('likes the reading the ink shows best', () => {
    const read = ctcLogLikelihood(m, [1, 2, 3]);
    expect(read).toBeGreaterThan(ctcLogLikelihood(m, [1, 3, 3]));
    expect(read).toBeGreaterThan(ctcLogLikelihood(m, [1, 2]));
    expect(read).toBeGreaterThan(ctcLogLikelihood(m, [1, 2, 2, 3]));
  });

  it('scores lines read one after another as one sequence', () => {
    const twice = concatCtc([m, m]);
    expect(ctcLogLikelihood(twice, [1, 2, 3, 1, 2, 3])).toBeCloseTo(2 * ctcLogLikelihood(m, [1, 2, 3]), 1);
  });

  it('gives a class outside the kept top k the step leftover mass, not zero', () => {
    const sparse = ctcMatrixOf(READ_123, 6, 4, 2);
    expect(Number.isFinite(ctcLogLikelihood(sparse, [3, 3, 3]))).toBe(true);
  });
});
