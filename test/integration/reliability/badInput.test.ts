import {
  BAD_INPUT_CASES,
  type BadInputContext,
  prepareBadInput,
  runBadInputCase,
} from '../../../harness/reliability/scenarios/badInput';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';
import { ReliabilityCloud } from '../../../harness/reliability/support/ReliabilityCloud';
import { SecretLedger } from '../../../harness/reliability/support/SecretLedger';

const capture = new OutputCapture();
const ledger = new SecretLedger();
let cloud: ReliabilityCloud;
let ctx: BadInputContext;

beforeAll(async () => {
  cloud = await ReliabilityCloud.start({ capture });
  ctx = await prepareBadInput(cloud, ledger);
}, 60_000);

afterAll(async () => {
  await cloud?.close();
});

describe('bad input against the built functions', () => {
  it('has at least 40 cases', () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_INPUT_CASES.map((c) => [`${c.fn}: ${c.name}`, c.code, c] as const))(
    '%s answers %s, writing nothing and spending no quota',
    async (_, __, testCase) => {
      const outcome = await runBadInputCase(ctx, testCase);

      expect(outcome.failures).toEqual([]);
    },
  );

  it('leaks no licence data into any output or refusal', () => {
    expect(ledger.findLeaks(capture.lines)).toEqual([]);
  });
});
