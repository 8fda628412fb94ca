import type { WeChatDriverLicenseFields } from '../../openapi/DriverLicenseRecognizer';
import type { Box } from '../image/geometry';
import type { Format, LabelKey } from '../layout/cardGrid';
import type { CtcMatrix } from '../text/CtcMatrix';
import type { Grammar } from '../text/decodeWithGrammar';
import type { FieldContext, Token, ValueRegion } from './FieldContext';

export type FieldKey = Exclude<keyof WeChatDriverLicenseFields, 'official_seal'>;

/** What a spec read: values for its fields ('' when the ink does not show one) and how. */
export interface FieldResult {
  values: Partial<Record<FieldKey, string>>;
  /** The text the value came from, as read (for the trace). */
  read: string;
  /** 'line': the detector's line; 'reread': the region read again; 'none': nothing legible. */
  how: 'line' | 'reread' | 'none';
  /** The ink the value was read from, to weigh another value of the field against it. */
  evidence?: ValueEvidence;
  /** The value has a 0 where its ink read an 8 (a check character settled it): the face slashes its zeros. */
  slashedZeros?: boolean;
}

/** A field's ink and grammar: how well it supports any value (`inkSupport`). */
export interface ValueEvidence {
  sources: ReadonlyArray<{ ctc: CtcMatrix }>;
  grammar: Grammar;
  /** A complete reading of the grammar as the value it stands for. */
  normalize: (text: string) => string;
}

/**
 * One printed field of the card: its label, the region beside it where its value is printed, and
 * how its text is parsed, re-read and checked. Everything about one field lives in its spec.
 */
export interface FieldSpec {
  name: string;
  fields: readonly FieldKey[];
  label: LabelKey;
  /** The layouts that print this field. */
  formats: readonly Format[];
  /** Where the value is printed, one region per printed line (mm). */
  regions(ctx: FieldContext): ValueRegion[];
  /** Reads the value from the characters found in its regions (one array per region). */
  read(ctx: FieldContext, tokens: Token[][], regions: ValueRegion[]): Promise<FieldResult>;
}

/**
 * A value region beside `label`: from `x0` to `x1` (mm), centred `below` mm under the label's
 * centre (values sit a little lower: the label has its English gloss under it), `half` mm each way.
 */
export function besideLabel(label: Box, x0: number, x1: number, below: number, half = 2.6): ValueRegion {
  const cy = (label.y0 + label.y1) / 2 + below;
  return { x0, x1, y0: cy - half, y1: cy + half, cy };
}

/** The characters' text, left to right. */
export function textOf(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join('');
}
