import { useState } from 'preact/hooks';
import type { CallView } from '../../../consoleTypes';
import { clock, duration } from '../format';
import { useT } from '../i18n';
import { href } from '../useRoute';

/** The live call log: newest first, a row per call; a click shows the function's own log lines. */
export function CallsPage({ calls }: { calls: CallView[] }) {
  const t = useT();
  const [open, setOpen] = useState<number | null>(null);
  if (calls.length === 0) return <p class="empty">{t('calls.empty')}</p>;
  return (
    <table class="calls" data-testid="calls">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('calls.time')}</th>
          <th>{t('calls.call')}</th>
          <th>{t('calls.caller')}</th>
          <th>{t('calls.duration')}</th>
          <th>{t('calls.outcome')}</th>
          <th>{t('calls.quota')}</th>
          <th>{t('calls.logs')}</th>
        </tr>
      </thead>
      <tbody>
        {threaded(calls).map((call) => (
          <CallRow
            key={call.id}
            call={call}
            open={open === call.id}
            onToggle={() => setOpen(open === call.id ? null : call.id)}
          />
        ))}
      </tbody>
    </table>
  );
}

/**
 * Newest first, but each OCR call right under the function invocation that made it (oldest first
 * there), so a scan reads as one group.
 */
function threaded(calls: CallView[]): CallView[] {
  const ids = new Set(calls.map((c) => c.id));
  const children = new Map<number, CallView[]>();
  for (const call of calls) {
    if (call.parentId !== undefined && ids.has(call.parentId)) {
      children.set(call.parentId, [call, ...(children.get(call.parentId) ?? [])]);
    }
  }
  return calls
    .filter((c) => c.parentId === undefined || !ids.has(c.parentId))
    .flatMap((c) => [c, ...(children.get(c.id) ?? [])]);
}

function CallRow({ call, open, onToggle }: { call: CallView; open: boolean; onToggle: () => void }) {
  const t = useT();
  const failed = call.outcome !== 'ok' && call.outcome !== 'running';
  return (
    <>
      <tr
        class={`call ${call.kind} ${failed ? 'failed' : ''}`}
        data-testid="call-row"
        data-call-id={call.id}
        data-kind={call.kind}
        data-outcome={call.outcome}
        onClick={onToggle}
      >
        <td class="muted">{call.id}</td>
        <td class="mono">{clock(call.startedAt)}</td>
        <td>
          {call.parentId !== undefined && <span class="nested">↳ </span>}
          <span class="name">{call.name}</span>{' '}
          {call.via && <span class="tag">{t(call.via === 'cloud' ? 'via.cloud' : 'via.https')}</span>}{' '}
          {call.parentId !== undefined && <span class="muted">{t('calls.from', { id: call.parentId })}</span>}
        </td>
        <td class="mono">{call.caller || '—'}</td>
        <td class="mono num">{duration(call.ms)}</td>
        <td>
          <span
            class={`outcome ${call.outcome === 'ok' ? 'ok' : failed ? 'error' : 'running'}`}
            title={call.message ?? ''}
          >
            {call.outcome === 'running' ? t('calls.running') : call.outcome}
          </span>
          {call.photo && (
            <>
              {' '}
              <a
                href={href('photo', { call: String(call.id) })}
                onClick={(e) => e.stopPropagation()}
                data-testid="photo-link"
              >
                {t('calls.photo')}
              </a>
            </>
          )}
          {failed && call.message && (
            <div class="message" title={call.message}>
              {call.message}
            </div>
          )}
        </td>
        <td class="mono num">{call.quotaLeft ?? '—'}</td>
        <td class="muted">
          {call.kind === 'function' &&
            (call.logs.length === 1 ? t('calls.line') : t('calls.lines', { n: call.logs.length }))}
        </td>
      </tr>
      {open && (
        <tr class="details">
          <td colSpan={8}>
            {call.message && <p class="error-text">{call.message}</p>}
            {call.kind === 'function' &&
              (call.logs.length > 0 ? (
                <pre class="logs" data-testid="call-logs">
                  {call.logs.join('\n')}
                </pre>
              ) : (
                <p class="muted">{t('calls.noLogs')}</p>
              ))}
          </td>
        </tr>
      )}
    </>
  );
}
