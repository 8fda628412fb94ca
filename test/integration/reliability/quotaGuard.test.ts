import { runQuotaGuard, SMALL_QUOTA_GUARD } from '../../../harness/reliability/scenarios/quotaGuard';
import type { ScenarioReport } from '../../../harness/reliability/scenarios/ScenarioReport';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';
import { SecretLedger } from '../../../harness/reliability/support/SecretLedger';

const capture = new OutputCapture();
const ledger = new SecretLedger();
let report: ScenarioReport;

beforeAll(async () => {
  report = await runQuotaGuard(SMALL_QUOTA_GUARD, capture, ledger);
}, 60_000);

describe('per-caller daily OCR limit (scaled down)', () => {
  it('refuses past the limit before spending quota, ignores cache hits, and holds under a concurrent burst', () => {
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(report.tried);
  });

  it('leaks no licence data into any output or refusal', () => {
    expect(ledger.findLeaks(capture.lines)).toEqual([]);
  });
});
