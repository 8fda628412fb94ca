import { useT } from '../i18n';

interface Props {
  value: Record<string, unknown>;
  /** Dotted paths of masked values: shown as buttons that reveal the document. */
  masked: readonly string[];
  onReveal?: () => void;
}

/** A document as nested key/value lists; masked values are buttons until revealed. */
export function DocumentTree({ value, masked, onReveal }: Props) {
  const t = useT();
  const maskedSet = new Set(masked);
  const render = (node: unknown, path: string) => {
    if (maskedSet.has(path)) {
      return (
        <button
          type="button"
          class="masked"
          title={t('records.reveal')}
          data-testid="masked-value"
          onClick={onReveal}
        >
          {String(node)}
        </button>
      );
    }
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length === 0) return <span class="muted">{Array.isArray(node) ? '[]' : '{}'}</span>;
      return (
        <dl class="tree">
          {entries.map(([key, child]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{render(child, path ? `${path}.${key}` : key)}</dd>
            </div>
          ))}
        </dl>
      );
    }
    return <span class={`value ${typeof node}`}>{node === null ? 'null' : String(node)}</span>;
  };
  return render(value, '');
}
