import type { RecognizeTrace } from '../../openapi/DriverLicenseRecognizer';
import type { Point, Quad, TraceView } from './callTypes';

/**
 * Keeps of an engine trace what the photo view draws (see readLicense's `trace.draw` calls) and
 * drops the rest: the flattened card image alone weighs megabytes. The drawings are in the pixels
 * of the decoded upright photo, whose size the `decode` stage records. Undefined when the trace
 * has no such stage (the engine failed before it).
 */
export function traceView(trace: RecognizeTrace): TraceView | undefined {
  const decode = trace.stages.find((s) => s.stage === 'decode')?.output as { source?: unknown } | undefined;
  const size = decode?.source;
  if (!Array.isArray(size) || typeof size[0] !== 'number' || typeof size[1] !== 'number') return undefined;
  const d = trace.drawings;
  const seal = d.seal as { quad?: unknown; text?: unknown; lines?: unknown } | undefined;
  const card = quad(d.card);
  return {
    width: size[0],
    height: size[1],
    ...(typeof d.document === 'string' ? { document: d.document } : {}),
    ...(card ? { card } : {}),
    outlines: quads(d.outlines),
    labels: quads(d.labels),
    regions: list(d.regions).flatMap((r) => {
      const q = quad(r.quad);
      return q ? [{ name: text(r.name), value: text(r.value), how: text(r.how), quad: q }] : [];
    }),
    lines: textQuads(d.lines),
    ...(seal
      ? { seal: { quad: quad(seal.quad) ?? null, text: text(seal.text), lines: textQuads(seal.lines) } }
      : {}),
    stages: trace.stages.map((s) => ({ stage: s.stage, ms: s.ms })),
  };
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function quad(value: unknown): Quad | undefined {
  if (!Array.isArray(value) || value.length < 3) return undefined;
  const points: Point[] = [];
  for (const p of value) {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return undefined;
    points.push([Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10]);
  }
  return points;
}

function quads(value: unknown): Quad[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const q = quad(v);
    return q ? [q] : [];
  });
}

function textQuads(value: unknown): { text: string; quad: Quad }[] {
  return list(value).flatMap((l) => {
    const q = quad(l.quad);
    return q ? [{ text: text(l.text), quad: q }] : [];
  });
}
