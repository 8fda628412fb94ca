import { useState } from 'preact/hooks';
import type { FaultInput, Overview } from '../../../consoleTypes';
import type { Api } from '../api';
import { useConfirm } from '../components/useConfirm';
import { type MessageKey, useT } from '../i18n';

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

type FaultNumber = 'errcode' | 'rate' | 'delayMs' | 'times';

/** The fault's numbers: how each is asked for, and how a standing fault says it. */
const FAULT_NUMBERS: {
  key: FaultNumber;
  label: MessageKey;
  limits: Record<string, string>;
  shown: (n: number) => string;
}[] = [
  { key: 'errcode', label: 'controls.errcode', limits: {}, shown: (n) => `errcode ${n}` },
  {
    key: 'rate',
    label: 'controls.rate',
    limits: { min: '0', max: '1', step: '0.01' },
    shown: (n) => `rate ${n}`,
  },
  { key: 'delayMs', label: 'controls.delay', limits: { min: '0' }, shown: (n) => `delay ${n} ms` },
  { key: 'times', label: 'controls.times', limits: { min: '1' }, shown: (n) => `×${n}` },
];

function describe(fault: Partial<Record<FaultNumber, number>>): string {
  return FAULT_NUMBERS.flatMap(({ key, shown }) => {
    const n = fault[key];
    return n === undefined ? [] : [shown(n)];
  }).join(', ');
}

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
    const input: FaultInput = { api: fault.api.trim() };
    for (const { key } of FAULT_NUMBERS) {
      const text = fault[key].trim();
      // Rate 1 is every call: the same as none.
      if (text !== '' && !(key === 'rate' && Number(text) === 1)) input[key] = Number(text);
    }
    return input;
  };

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
          {FAULT_NUMBERS.map(({ key, label, limits }) => (
            <label key={key}>
              {t(label)}
              <input
                type="number"
                {...limits}
                value={fault[key]}
                data-testid={`fault-${key}`}
                onInput={(e) => setFault({ ...fault, [key]: e.currentTarget.value })}
              />
            </label>
          ))}
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
