import type { TraceView } from '../core/calls/callTypes';
import { isPersonalKey, maskValue } from './maskDocument';

/**
 * A trace as the photo view shows it until revealed: personal fields' values masked, and the
 * readings of the text lines withheld (a line is free text: the name or the number may be in any
 * of them). Boxes, the card, the other fields and the seal stay.
 */
export function maskTrace(trace: TraceView): TraceView {
  return {
    ...trace,
    regions: trace.regions.map((r) =>
      isPersonalKey(r.name) ? { ...r, value: maskValue(r.name, r.value) } : r,
    ),
    lines: trace.lines.map((l) => ({ ...l, text: '' })),
  };
}
