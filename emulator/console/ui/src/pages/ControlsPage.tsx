import { useState } from 'preact/hooks';
import type { Overview } from '../../../consoleTypes';
import type { Api, FaultInput } from '../api';
import { useConfirm } from '../components/useConfirm';
import { useT } from '../i18n';

/** APIs a fault is most often wanted on; any gateway action may be typed in. */
const FAULT_APIS = [
  'ocr.driverLicense',
  'database.modifyDocument',
  'database.getDocument',
  'database.insertDocument',
  'storage.batchGetDownloadUrl',
  'storage.getUploadMetadata',
  '*',
];

interface Props {
  api: Api;
  overview: Overview | null;
  onError(error: Error): void;
}

/** The daily quota and its reset, fault injection, and data reset: each asks before it acts. */
export function ControlsPage({ api, overview, onError }: Props) {
  const t = useT();
  const [confirmDialog, ask] = useConfirm();
  const [perDay, setPerDay] = useState('');
  const [fault, setFault] = useState({
    api: FAULT_APIS[0] ?? '*',
    errcode: '-1',
    rate: '1',
    delayMs: '',
    times: '',
  });
  const [done, setDone] = useState('');

  const act = async (question: string, action: () => Promise<unknown>) => {
    setDone('');
    if (!(await ask(question))) return;
    try {
      await action();
      setDone(t('controls.done'));
    } catch (error) {
      onError(error as Error);
    }
  };

  const faultInput = (): FaultInput => {
    const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
    const input: FaultInput = { api: fault.api.trim() };
    const errcode = number(fault.errcode);
    const rate = number(fault.rate);
    const delayMs = number(fault.delayMs);
    const times = number(fault.times);
    if (errcode !== undefined) input.errcode = errcode;
    if (rate !== undefined && rate !== 1) input.rate = rate;
    if (delayMs !== undefined) input.delayMs = delayMs;
    if (times !== undefined) input.times = times;
    return input;
  };
  const describe = (f: Omit<FaultInput, 'api'>) =>
    [
      f.errcode !== undefined ? `errcode ${f.errcode}` : '',
      f.rate !== undefined ? `rate ${f.rate}` : '',
      f.delayMs !== undefined ? `delay ${f.delayMs} ms` : '',
      f.times !== undefined ? `×${f.times}` : '',
    ]
      .filter(Boolean)
      .join(', ');

  const quota = overview?.quota;
  return (
    <div class="controls">
      {confirmDialog}
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <section class="card" data-testid="quota-controls">
        <h2>{t('controls.quota')}</h2>
        {quota && (
          <dl class="facts wide">
            <dt>{t('controls.perDay')}</dt>
            <dd data-testid="quota-per-day">{quota.quota}</dd>
            <dt>{t('controls.used')}</dt>
            <dd data-testid="quota-used">{quota.used}</dd>
            <dt>{t('controls.left')}</dt>
            <dd data-testid="quota-left">{quota.left}</dd>
          </dl>
        )}
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(perDay);
            void act(t('controls.confirmQuota', { n }), () => api.setQuota(n));
          }}
        >
          <label>
            {t('controls.perDay')}{' '}
            <input
              type="number"
              min="0"
              step="1"
              required
              value={perDay}
              data-testid="quota-input"
              onInput={(e) => setPerDay(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{t('controls.setQuota')}</button>
          <button
            type="button"
            data-testid="quota-reset"
            onClick={() =>
              act(t('controls.confirmResetQuota', { used: quota?.used ?? 0 }), () => api.resetQuota())
            }
          >
            {t('controls.resetQuota')}
          </button>
        </form>
      </section>

      <section class="card" data-testid="fault-controls">
        <h2>{t('controls.faults')}</h2>
        <p class="muted">{t('controls.faultsHint')}</p>
        <form
          class="grid"
          onSubmit={(e) => {
            e.preventDefault();
            const { api: target, ...rest } = faultInput();
            void act(t('controls.confirmFault', { api: target, what: describe(rest) }), () =>
              api.addFault({ api: target, ...rest }),
            );
          }}
        >
          <label>
            {t('controls.api')}
            <input
              list="fault-apis"
              value={fault.api}
              required
              data-testid="fault-api"
              onInput={(e) => setFault({ ...fault, api: e.currentTarget.value })}
            />
            <datalist id="fault-apis">
              {FAULT_APIS.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
          <label>
            {t('controls.errcode')}
            <input
              type="number"
              value={fault.errcode}
              data-testid="fault-errcode"
              onInput={(e) => setFault({ ...fault, errcode: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('controls.rate')}
            <input
              type="number"
              min="0"
              max="1"
              step="0.01"
              value={fault.rate}
              data-testid="fault-rate"
              onInput={(e) => setFault({ ...fault, rate: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('controls.delay')}
            <input
              type="number"
              min="0"
              value={fault.delayMs}
              data-testid="fault-delay"
              onInput={(e) => setFault({ ...fault, delayMs: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('controls.times')}
            <input
              type="number"
              min="1"
              value={fault.times}
              data-testid="fault-times"
              onInput={(e) => setFault({ ...fault, times: e.currentTarget.value })}
            />
          </label>
          <div class="row">
            <button type="submit" class="danger" data-testid="fault-inject">
              {t('controls.inject')}
            </button>
          </div>
        </form>
        {overview && overview.faults.length === 0 && <p class="muted">{t('controls.noFaults')}</p>}
        {overview && overview.faults.length > 0 && (
          <>
            <ul class="faults" data-testid="faults">
              {overview.faults.map((f) => (
                <li key={f.id} data-testid="fault">
                  <code>{f.api}</code> {describe(f)}{' '}
                  <span class="muted">
                    {f.remaining === null
                      ? t('controls.unlimited')
                      : t('controls.remaining', { n: f.remaining })}
                  </span>
                </li>
              ))}
            </ul>
            <button
              type="button"
              data-testid="clear-faults"
              onClick={() => act(t('controls.confirmClearFaults'), () => api.clearFaults())}
            >
              {t('controls.clearFaults')}
            </button>
          </>
        )}
      </section>

      <section class="card" data-testid="data-controls">
        <h2>{t('controls.data')}</h2>
        <p class="muted">{t('controls.resetHint')}</p>
        <button
          type="button"
          class="danger"
          data-testid="data-reset"
          onClick={() => act(t('controls.confirmReset'), () => api.reset())}
        >
          {t('controls.reset')}
        </button>
      </section>
    </div>
  );
}
