import path from 'node:path';
import simulate from 'miniprogram-simulate';

export const STUB_ROOT = path.join(__dirname, '..');

/**
 * Loads a real page (its .json, .wxml, .wxss and .ts, compiled by jest's transform) into
 * miniprogram-simulate and attaches it. resetModules makes the page module run again, so its
 * Component() call registers afresh for each render.
 */
export function renderPage(name: 'scan' | 'records') {
  jest.resetModules();
  const id = simulate.load(path.join(STUB_ROOT, 'pages', name, 'index'), {
    compiler: 'simulate',
    rootPath: STUB_ROOT,
  });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

export function text(page: ReturnType<typeof renderPage>, selector: string): string | null {
  const node = page.querySelector(selector);
  return node ? (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
}
