import { runFileOwnership, SMALL_OWNERSHIP } from '../../../harness/reliability/scenarios/fileOwnership';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';
import { SecretLedger } from '../../../harness/reliability/support/SecretLedger';

const capture = new OutputCapture();
const ledger = new SecretLedger();

describe('files owned by path (scaled down)', () => {
  it('leaves no photo behind after racing scans and a delete, writes nothing for made-up fileIDs, and refuses other callers', async () => {
    const report = await runFileOwnership(SMALL_OWNERSHIP, capture, ledger);

    expect(report.failures).toEqual([]);
  }, 90_000);

  it('leaks no licence data into any output', () => {
    expect(ledger.findLeaks(capture.lines)).toEqual([]);
  });
});
