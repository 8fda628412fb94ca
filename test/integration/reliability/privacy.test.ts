import { leakReport, runPrivacy } from '../../../harness/reliability/scenarios/privacy';
import type { ScenarioReport } from '../../../harness/reliability/scenarios/ScenarioReport';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';
import { SecretLedger } from '../../../harness/reliability/support/SecretLedger';

const capture = new OutputCapture();
const ledger = new SecretLedger();
let report: ScenarioReport;

beforeAll(async () => {
  capture.attach(); // the test's own console and stdout/stderr, the in-process emulator's too
  try {
    report = await runPrivacy(capture, ledger);
  } finally {
    capture.detach();
  }
}, 60_000);

describe('privacy', () => {
  it('stores exactly the needed keys and deletes the record, its images and its pending copy', () => {
    expect(report.failures).toEqual([]);
  });

  it('says no full licence number, name or address in any log line, output or refusal', () => {
    expect(capture.lines.some((line) => line.source === 'function')).toBe(true);
    expect(leakReport(capture, ledger).failures).toEqual([]);
  });
});
