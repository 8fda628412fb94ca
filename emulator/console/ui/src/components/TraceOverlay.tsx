import type { Quad, TraceView } from '../../../consoleTypes';
import { fieldLabel, useT } from '../i18n';

export type Layer = 'card' | 'outlines' | 'labels' | 'regions' | 'lines' | 'seal';

export const LAYERS: readonly Layer[] = ['card', 'regions', 'seal', 'lines', 'labels', 'outlines'];

interface Props {
  trace: TraceView;
  layers: ReadonlySet<Layer>;
}

const points = (quad: Quad) => quad.map(([x, y]) => `${x},${y}`).join(' ');

/**
 * What the engine found, drawn over the photo in the photo's own pixels (the SVG's viewBox), so it
 * scales with the image: the card it placed (green) and what it took it for, each field's region
 * with what was read there (blue; grey when empty), the seal (red), text lines (orange), the label
 * grid (magenta, dotted) and outline candidates (yellow, dashed), as the engine's trace PNG draws them.
 */
export function TraceOverlay({ trace, layers }: Props) {
  const t = useT();
  const font = Math.max(12, Math.round(trace.width / 60));
  const label = (text: string, [x, y]: [number, number], cls: string, size = font) => (
    <text x={x} y={y - size * 0.3} class={cls} font-size={size}>
      {text}
    </text>
  );
  return (
    <svg
      class="trace"
      viewBox={`0 0 ${trace.width} ${trace.height}`}
      preserveAspectRatio="none"
      data-testid="trace-overlay"
      role="img"
      aria-label="trace"
    >
      {layers.has('outlines') && (
        <g data-layer="outlines">
          {trace.outlines.map((q, i) => (
            <polygon key={i} points={points(q)} class="outline" />
          ))}
        </g>
      )}
      {layers.has('labels') && (
        <g data-layer="labels">
          {trace.labels.map((q, i) => (
            <polygon key={i} points={points(q)} class="label-box" />
          ))}
        </g>
      )}
      {layers.has('lines') && (
        <g data-layer="lines">
          {trace.lines.map((l, i) => (
            <g key={i}>
              <polygon points={points(l.quad)} class="line" />
              {l.text && l.quad[3] && label(l.text, l.quad[3], 'line-text', Math.round(font * 0.75))}
            </g>
          ))}
        </g>
      )}
      {layers.has('regions') && (
        <g data-layer="regions">
          {trace.regions.map((r, i) => (
            <g key={i} data-field={r.name}>
              <polygon points={points(r.quad)} class={r.value ? 'region' : 'region empty'} />
              {r.value &&
                r.quad[0] &&
                label(`${fieldLabel(t, r.name)}: ${r.value}`, r.quad[0], 'region-text')}
            </g>
          ))}
        </g>
      )}
      {layers.has('seal') && trace.seal?.quad && (
        <g data-layer="seal">
          <polygon points={points(trace.seal.quad)} class="seal" />
          {trace.seal.lines.map((l, i) => (
            <polygon key={i} points={points(l.quad)} class="seal-line" />
          ))}
          {trace.seal.quad[3] && label(trace.seal.text || '—', trace.seal.quad[3], 'seal-text')}
        </g>
      )}
      {layers.has('card') && trace.card && (
        <g data-layer="card">
          <polygon points={points(trace.card)} class="card" />
          {trace.document &&
            trace.card[0] &&
            label(trace.document, trace.card[0], 'card-text', Math.round(font * 1.3))}
        </g>
      )}
    </svg>
  );
}
