import { useMemo, useState } from 'preact/hooks';
import { type Api, ApiError } from './api';
import { I18n, type Lang, type MessageKey, saveLang, translator } from './i18n';
import { CallsPage } from './pages/CallsPage';
import { ControlsPage } from './pages/ControlsPage';
import { FilesPage } from './pages/FilesPage';
import { PhotoPage } from './pages/PhotoPage';
import { RecordsPage } from './pages/RecordsPage';
import { useAsync } from './useAsync';
import { useFeed } from './useFeed';
import { href, type Page, useRoute } from './useRoute';

const NAV: readonly Page[] = ['calls', 'records', 'files', 'photo', 'controls'];

export function App({ api, initialLang }: { api: Api; initialLang: Lang }) {
  const [lang, setLang] = useState(initialLang);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { t } = i18n;
  const route = useRoute();
  const feed = useFeed(api);
  const [error, setError] = useState<Error | null>(null);
  const { versions } = feed;
  const overview = useAsync(() => api.overview(), [api, versions.quota, versions.faults, versions.calls]);
  const tokenRefused =
    (overview.state === 'error' && overview.error instanceof ApiError && overview.error.status === 401) ||
    (error instanceof ApiError && error.status === 401);
  const quota = overview.state === 'ok' ? overview.value.quota : null;

  const switchLang = () => {
    const next = lang === 'en' ? 'zh' : 'en';
    saveLang(next);
    setLang(next);
  };

  return (
    <I18n.Provider value={i18n}>
      <header class="top">
        <h1>
          {t('title')} <span class="env">{overview.state === 'ok' ? overview.value.envId : ''}</span>
        </h1>
        <nav>
          {NAV.map((page) => (
            <a
              key={page}
              href={href(page)}
              class={route.page === page ? 'active' : ''}
              data-testid={`nav-${page}`}
            >
              {t(`nav.${page}` as MessageKey)}
            </a>
          ))}
        </nav>
        <span class="spacer" />
        {quota && (
          <span class={`quota ${quota.left === 0 ? 'spent' : ''}`} data-testid="quota-badge">
            {t('quotaBadge', { left: quota.left, quota: quota.quota })}
          </span>
        )}
        <span class={`live ${feed.connected ? 'on' : 'off'}`} data-testid="live">
          {feed.connected ? t('live') : t('offline')}
        </span>
        <button type="button" class="lang" data-testid="lang" onClick={switchLang}>
          {t('language')}
        </button>
      </header>
      {tokenRefused && <p class="banner error-text">{t('error.token')}</p>}
      {!tokenRefused && error && (
        <p class="banner error-text" role="alert">
          {t('error.request', { message: error.message })}{' '}
          <button type="button" onClick={() => setError(null)}>
            ×
          </button>
        </p>
      )}
      <main class={`page-${route.page}`}>
        {route.page === 'calls' && <CallsPage calls={feed.calls} />}
        {route.page === 'records' && (
          <RecordsPage
            api={api}
            version={versions.database}
            collection={route.query.get('collection')}
            focus={route.query.get('doc')}
            onError={setError}
          />
        )}
        {route.page === 'files' && <FilesPage api={api} version={versions.storage + versions.database} />}
        {route.page === 'photo' && <PhotoPage api={api} query={route.query} version={versions.database} />}
        {route.page === 'controls' && (
          <ControlsPage
            api={api}
            overview={overview.state === 'ok' ? overview.value : null}
            onError={setError}
          />
        )}
      </main>
    </I18n.Provider>
  );
}
