import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';

/**
 * Every state-changing control asks first, in a modal dialog of the page's own (so it reads in
 * the page's language and shows in screenshots). `ask` resolves true when confirmed.
 */
export function useConfirm(): [JSX.Element, (message: string) => Promise<boolean>] {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState('');
  const answer = useRef<(ok: boolean) => void>(() => undefined);

  const ask = (text: string) =>
    new Promise<boolean>((resolve) => {
      setMessage(text);
      answer.current = (ok) => {
        dialog.current?.close();
        resolve(ok);
      };
      dialog.current?.showModal();
    });

  const element = (
    <dialog ref={dialog} class="confirm" data-testid="confirm-dialog" onCancel={() => answer.current(false)}>
      <p>{message}</p>
      <div class="actions">
        <button type="button" onClick={() => answer.current(false)}>
          {t('cancel')}
        </button>
        <button type="button" class="danger" data-testid="confirm-ok" onClick={() => answer.current(true)}>
          {t('confirm')}
        </button>
      </div>
    </dialog>
  );
  return [element, ask];
}
