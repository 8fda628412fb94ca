import type {
  CallView,
  CollectionView,
  DocumentView,
  FaultInput,
  FileView,
  Overview,
  PhotoView,
  QuotaView,
} from '../../consoleTypes';

const TOKEN_KEY = 'wx-emulator-console-token';

/**
 * This start's token: from the printed URL's fragment (`#token=…`) on first load, then kept for
 * the tab, so links and reloads work. The fragment is replaced at once: it never sits in history.
 */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-f]{16,64})/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}#/calls`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The console's API, every call carrying the token. */
export function createApi(token: string) {
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { 'x-console-token': token };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`api/${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw new ApiError(res.status, json.error ?? `${res.status} ${res.statusText}`);
    return json as T;
  };
  const q = encodeURIComponent;
  return {
    /** A URL the page loads by itself (an image, the event stream): the token rides in the query. */
    url: (path: string) => `api/${path}${path.includes('?') ? '&' : '?'}token=${token}`,
    overview: () => request<Overview>('GET', 'overview'),
    calls: async () => (await request<{ calls: CallView[] }>('GET', 'calls')).calls,
    collections: async () =>
      (await request<{ collections: CollectionView[] }>('GET', 'collections')).collections,
    documents: async (collection: string) =>
      (await request<{ documents: DocumentView[] }>('GET', `documents?collection=${q(collection)}`))
        .documents,
    document: async (collection: string, id: string) =>
      (
        await request<{ document: Record<string, unknown> }>(
          'GET',
          `document?collection=${q(collection)}&id=${q(id)}`,
        )
      ).document,
    deleteDocument: (collection: string, id: string) =>
      request<{ ok: true }>('DELETE', `document?collection=${q(collection)}&id=${q(id)}`),
    files: async () => (await request<{ files: FileView[] }>('GET', 'files')).files,
    photoView: (query: string, reveal: boolean) =>
      request<PhotoView>('GET', `photo-view?${query}${reveal ? '&reveal=1' : ''}`),
    setQuota: (perDay: number) => request<QuotaView>('POST', 'quota', { perDay }),
    resetQuota: () => request<QuotaView>('POST', 'quota/reset'),
    addFault: (fault: FaultInput) => request<{ id: number }>('POST', 'faults', fault),
    clearFaults: () => request<{ ok: true }>('DELETE', 'faults'),
    reset: () => request<{ ok: true }>('POST', 'reset'),
  };
}

export type Api = ReturnType<typeof createApi>;
