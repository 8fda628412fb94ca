import { runFaults, SMALL_FAULTS } from '../../../harness/reliability/scenarios/faults';
import type { ScenarioReport } from '../../../harness/reliability/scenarios/ScenarioReport';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';
import { SecretLedger } from '../../../harness/reliability/support/SecretLedger';

const capture = new OutputCapture();
const ledger = new SecretLedger();
let report: ScenarioReport;

beforeAll(async () => {
  report = await runFaults(SMALL_FAULTS, capture, ledger);
}, 90_000);

describe('upstream and database faults (scaled down)', () => {
  it('passes every check: flaky, busy, slow upstream and failed saves', () => {
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(report.tried);
  });

  it('recovered from the injected busy answers by retrying', () => {
    expect(report.retries).toBeGreaterThan(0);
  });

  it('leaks no licence data into any output or refusal', () => {
    expect(ledger.findLeaks(capture.lines)).toEqual([]);
  });
});
