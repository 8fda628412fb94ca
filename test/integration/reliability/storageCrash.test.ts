import { runStorageCrash, SMALL_STORAGE_CRASH } from '../../../harness/reliability/scenarios/storageCrash';
import { OutputCapture } from '../../../harness/reliability/support/OutputCapture';

describe('storage under kill -9 (scaled down)', () => {
  it('leaves an overwritten file whole, old or new, whenever the emulator is killed', async () => {
    const report = await runStorageCrash(SMALL_STORAGE_CRASH, new OutputCapture());

    expect(report.failures).toEqual([]);
  }, 90_000);
});
