import { runCrashRecovery, SMALL_CRASH } from '../../../harness/reliability/scenarios/crashRecovery';
import { runLoad, SMALL_LOAD } from '../../../harness/reliability/scenarios/load';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';
import { SecretLedger } from '../../../harness/reliability/support/SecretLedger';

const capture = new OutputCapture();
const ledger = new SecretLedger();

describe('load and crash (scaled down)', () => {
  it('leaves exactly one record per caller and licence after concurrent scans, with bounded emulator memory', async () => {
    const report = await runLoad(SMALL_LOAD, capture, ledger);

    expect(report.failures).toEqual([]);
    expect(report.recordsFound).toBe(report.recordsExpected);
    expect(report.duplicates).toBe(0);
  }, 90_000);

  it('keeps every acknowledged record when the emulator is killed with SIGKILL mid-burst', async () => {
    const report = await runCrashRecovery(SMALL_CRASH, capture, ledger);

    expect(report.failures).toEqual([]);
    expect(report.duplicates).toBe(0);
  }, 90_000);

  it('leaks no licence data into any output, the emulator process included', () => {
    expect(ledger.findLeaks(capture.lines)).toEqual([]);
  });
});
