import type { Api } from '../api';
import { bytes, dateTime } from '../format';
import { useT } from '../i18n';
import { useAsync } from '../useAsync';
import { href } from '../useRoute';

/** Stored photos as thumbnails: path, folder (the owner's), size, and the records that point at each. */
export function FilesPage({ api, version }: { api: Api; version: number }) {
  const t = useT();
  const files = useAsync(() => api.files(), [api, version]);
  if (files.state !== 'ok') return <p class="muted">{t('loading')}</p>;
  if (files.value.length === 0) return <p class="empty">{t('files.empty')}</p>;
  return (
    <div class="files" data-testid="files">
      {files.value.map((file) => {
        const name = file.cloudPath.slice(file.owner.length);
        return (
          <figure key={file.fileID} class="file" data-testid="file" data-file-id={file.fileID}>
            <a href={href('photo', { fileID: file.fileID })}>
              {file.contentType.startsWith('image/') ? (
                <img
                  src={api.url(`photo?fileID=${encodeURIComponent(file.fileID)}&size=thumb`)}
                  alt={name}
                  loading="lazy"
                />
              ) : (
                <span class="no-thumb">{file.contentType}</span>
              )}
            </a>
            <figcaption>
              <div class="mono name" title={file.fileID}>
                {name}
              </div>
              <dl class="facts">
                <dt>{t('files.folder')}</dt>
                <dd class="mono">{file.owner || '/'}</dd>
                <dt>{t('files.size')}</dt>
                <dd>{bytes(file.size)}</dd>
                <dt>{t('files.record')}</dt>
                <dd>
                  {file.records.length === 0 && <span class="muted">{t('files.noRecord')}</span>}
                  {file.records.map((r) => (
                    <a
                      key={r.id}
                      href={href('records', { collection: r.collection, doc: r.id })}
                      class="mono"
                      data-testid="file-record"
                    >
                      {r.collection}/{r.id.slice(0, 8)}…
                    </a>
                  ))}
                </dd>
              </dl>
              <div class="muted small">{dateTime(file.createdAt)}</div>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
