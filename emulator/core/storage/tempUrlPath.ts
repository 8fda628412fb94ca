/**
 * A cloudPath as it appears in a temp URL. The real backend sends paths unencoded and the SDKs
 * encodeURI() the URL before fetching it; encodeURI leaves '?' and '#' alone, so those (and '%',
 * to keep them apart from a literal "%3F") are encoded here, and everything else is left to it.
 */
export function tempUrlPathOf(cloudPath: string): string {
  return cloudPath.replace(/[%?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The cloudPaths a requested URL path may stand for: decoded once (the URL fetched as given) or
 * twice (after an SDK's encodeURI); the request's signature decides which one was signed.
 */
export function cloudPathCandidates(urlPath: string): string[] {
  const once = safeDecode(urlPath);
  if (once === undefined) return [];
  const twice = safeDecode(once);
  return twice === undefined || twice === once ? [once] : [once, twice];
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
