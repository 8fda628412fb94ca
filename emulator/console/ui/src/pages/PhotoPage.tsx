import { useState } from 'preact/hooks';
import type { TraceView } from '../../../consoleTypes';
import type { Api } from '../api';
import { DocumentTree } from '../components/DocumentTree';
import { LAYERS, type Layer, TraceOverlay } from '../components/TraceOverlay';
import { fieldLabel, type MessageKey, useT } from '../i18n';
import { useAsync } from '../useAsync';
import { href } from '../useRoute';

/** A field may have several regions (an address on two lines): the first carries its value. */
function firstRegions(regions: TraceView['regions']): TraceView['regions'] {
  const seen = new Set<string>();
  return regions.filter((r) => !seen.has(r.name) && seen.add(r.name));
}

const SHOWN_AT_FIRST: readonly Layer[] = ['card', 'regions', 'seal'];

/**
 * One scan's photo with the engine's trace drawn over it (`?call=N`), or a stored photo
 * (`?fileID=…`) with the trace of the latest call that read the same bytes, and its record.
 */
export function PhotoPage({ api, query, version }: { api: Api; query: URLSearchParams; version: number }) {
  const t = useT();
  const [reveal, setReveal] = useState(false);
  const [layers, setLayers] = useState<ReadonlySet<Layer>>(new Set(SHOWN_AT_FIRST));
  const call = query.get('call');
  const fileID = query.get('fileID');
  const selector = call
    ? `call=${encodeURIComponent(call)}`
    : fileID
      ? `fileID=${encodeURIComponent(fileID)}`
      : null;
  const view = useAsync(
    () => (selector ? api.photoView(selector, reveal) : Promise.resolve(null)),
    [api, selector, reveal, version],
  );
  if (!selector) return <p class="empty">{t('photo.pick')}</p>;
  if (view.state === 'loading') return <p class="muted">{t('loading')}</p>;
  if (view.state === 'error')
    return <p class="error-text">{t('error.request', { message: view.error.message })}</p>;
  const photo = view.value;
  if (!photo) return null;
  const toggle = (layer: Layer) =>
    setLayers((current) => {
      const next = new Set(current);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });
  const { trace, record } = photo;
  return (
    <div class="photo-view" data-testid="photo-view">
      <div class="main-column">
        <figure class="photo">
          <img src={api.url(photo.photo)} alt="" data-testid="photo" />
          {trace && <TraceOverlay trace={trace} layers={layers} />}
        </figure>
        {record && (
          <section class="record">
            <h3>
              <a href={href('records', { collection: record.collection, doc: record.id })}>
                {t('photo.record', { id: `${record.id.slice(0, 8)}…`, collection: record.collection })}
              </a>
            </h3>
            <DocumentTree value={record.doc} masked={record.masked} onReveal={() => setReveal(true)} />
          </section>
        )}
      </div>
      <aside>
        <div class="toolbar">
          <button type="button" data-testid="reveal-photo" onClick={() => setReveal(!reveal)}>
            {t(photo.revealed ? 'photo.hide' : 'photo.reveal')}
          </button>
          {photo.callId !== undefined && <span class="muted">{t('photo.call', { id: photo.callId })}</span>}
        </div>
        {!trace && <p class="muted">{t('photo.noTrace')}</p>}
        {trace && (
          <>
            {trace.document && <p>{t('photo.document', { kind: trace.document })}</p>}
            <fieldset class="layers">
              <legend>{t('photo.layers')}</legend>
              {LAYERS.map((layer) => (
                <label key={layer}>
                  <input type="checkbox" checked={layers.has(layer)} onChange={() => toggle(layer)} />{' '}
                  <span class={`swatch swatch-${layer}`} /> {t(`layer.${layer}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <h3>{t('photo.fields')}</h3>
            <table class="fields" data-testid="trace-fields">
              <thead>
                <tr>
                  <th>{t('photo.field')}</th>
                  <th>{t('photo.value')}</th>
                  <th>{t('photo.how')}</th>
                </tr>
              </thead>
              <tbody>
                {firstRegions(trace.regions).map((r, i) => (
                  <tr key={i} data-field={r.name}>
                    <td>{fieldLabel(t, r.name)}</td>
                    <td class="mono">{r.value || '—'}</td>
                    <td class="muted">{r.how}</td>
                  </tr>
                ))}
                {trace.seal && (
                  <tr data-field="official_seal">
                    <td>{fieldLabel(t, 'official_seal')}</td>
                    <td>{trace.seal.text || '—'}</td>
                    <td />
                  </tr>
                )}
              </tbody>
            </table>
            <h3>{t('photo.stages')}</h3>
            <ol class="stages">
              {trace.stages.map((s, i) => (
                <li key={i}>
                  <span>{s.stage}</span> <span class="mono num">{s.ms} ms</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </aside>
    </div>
  );
}
