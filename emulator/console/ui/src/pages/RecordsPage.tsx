import { useEffect, useState } from 'preact/hooks';
import type { DocumentView } from '../../../consoleTypes';
import type { Api } from '../api';
import { DocumentTree } from '../components/DocumentTree';
import { useConfirm } from '../components/useConfirm';
import { useT } from '../i18n';
import { useAsync } from '../useAsync';
import { href } from '../useRoute';

/** The licences, when there are any: what a developer of this project opens the page for. */
const PREFERRED = 'driver_licenses';

function defaultCollection(collections: readonly { name: string }[]): string | null {
  return collections.find((c) => c.name === PREFERRED)?.name ?? collections[0]?.name ?? null;
}

interface Props {
  api: Api;
  /** Bumped when the database changed. */
  version: number;
  collection: string | null;
  /** A document to bring into view (from a file's link). */
  focus: string | null;
  onError(error: Error): void;
}

/** Collections and their documents; personal values masked until clicked; delete, confirmed. */
export function RecordsPage({ api, version, collection, focus, onError }: Props) {
  const t = useT();
  const collections = useAsync(() => api.collections(), [api, version]);
  const chosen = collection ?? (collections.state === 'ok' ? defaultCollection(collections.value) : null);
  const documents = useAsync(
    () => (chosen ? api.documents(chosen) : Promise.resolve<DocumentView[]>([])),
    [api, chosen, version],
  );
  const [confirmDialog, ask] = useConfirm();
  const [revealed, setRevealed] = useState<Record<string, Record<string, unknown>>>({});

  useEffect(() => {
    if (focus) document.getElementById(`doc-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, documents.state]);

  const reveal = async (id: string) => {
    if (!chosen) return;
    try {
      const full = await api.document(chosen, id);
      setRevealed((r) => ({ ...r, [id]: full }));
    } catch (error) {
      onError(error as Error);
    }
  };
  const remove = async (id: string) => {
    if (!chosen || !(await ask(t('records.confirmDelete', { id, collection: chosen })))) return;
    try {
      await api.deleteDocument(chosen, id);
    } catch (error) {
      onError(error as Error);
    }
  };

  return (
    <div class="records">
      {confirmDialog}
      <nav class="collections" data-testid="collections">
        <h2>{t('records.collections')}</h2>
        {collections.state === 'ok' && collections.value.length === 0 && (
          <p class="muted">{t('records.noCollections')}</p>
        )}
        {collections.state === 'ok' &&
          collections.value.map((c) => (
            <a
              key={c.name}
              href={href('records', { collection: c.name })}
              class={c.name === chosen ? 'coll active' : 'coll'}
            >
              <span>{c.name}</span> <span class="count">{c.count}</span>
            </a>
          ))}
      </nav>
      <section class="documents" data-testid="documents">
        {!chosen && <p class="muted">{t('records.pick')}</p>}
        {chosen && documents.state === 'ok' && documents.value.length === 0 && (
          <p class="empty">{t('records.empty', { collection: chosen })}</p>
        )}
        {documents.state === 'ok' &&
          documents.value.map((d) => {
            const full = revealed[d.id];
            const fileID = typeof d.doc.fileID === 'string' ? d.doc.fileID : null;
            return (
              <article
                key={d.id}
                id={`doc-${d.id}`}
                class={`document ${focus === d.id ? 'focus' : ''}`}
                data-testid="document"
                data-doc-id={d.id}
              >
                <header>
                  <code>{d.id}</code>
                  <span class="spacer" />
                  {fileID && (
                    <a href={href('photo', { fileID })} class="thumb-link">
                      <img
                        src={api.url(`photo?fileID=${encodeURIComponent(fileID)}&size=thumb`)}
                        alt={t('records.photo')}
                      />
                    </a>
                  )}
                  {full && (
                    <button type="button" onClick={() => setRevealed(({ [d.id]: _, ...rest }) => rest)}>
                      {t('records.hide')}
                    </button>
                  )}
                  <button
                    type="button"
                    class="danger"
                    data-testid="delete-document"
                    onClick={() => remove(d.id)}
                  >
                    {t('records.delete')}
                  </button>
                </header>
                <DocumentTree
                  value={full ?? d.doc}
                  masked={full ? [] : d.masked}
                  onReveal={() => reveal(d.id)}
                />
              </article>
            );
          })}
      </section>
    </div>
  );
}
