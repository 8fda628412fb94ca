import { render } from 'preact';
import { App } from './App';
import { createApi, takeToken } from './api';
import { initialLang, saveLang } from './i18n';

const root = document.getElementById('app');
if (root) {
  const lang = initialLang();
  saveLang(lang);
  // Without a token every API call answers 401, and the page says where to find the right URL.
  render(<App api={createApi(takeToken() ?? '')} initialLang={lang} />, root);
}
