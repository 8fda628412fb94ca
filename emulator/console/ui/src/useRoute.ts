import { useEffect, useState } from 'preact/hooks';

export type Page = 'calls' | 'records' | 'files' | 'photo' | 'controls';

export interface Route {
  page: Page;
  query: URLSearchParams;
}

const PAGES: readonly Page[] = ['calls', 'records', 'files', 'photo', 'controls'];

/** Pages live in the fragment (`#/records?collection=…`): links work without the server knowing them. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const page = (PAGES as readonly string[]).includes(path) ? (path as Page) : 'calls';
  return { page, query: new URLSearchParams(query) };
}

export function href(page: Page, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#/${page}${search ? `?${search}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
