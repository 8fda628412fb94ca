import { runHostileRequests, SMALL_HOSTILE } from '../../../harness/reliability/scenarios/hostileRequests';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';

describe('hostile HTTP requests against the emulator process (scaled down)', () => {
  it('answers every generated malformed request cleanly and stays up, healthy and within its memory bound', async () => {
    const report = await runHostileRequests(SMALL_HOSTILE, new OutputCapture());

    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(report.tried);
  }, 90_000);
});
