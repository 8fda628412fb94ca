import { birthDateFromIdNumber, isValidIdNumber, sexFromIdNumber } from '../../../src/domain/rules/idNumber';
import type { FieldValues } from './readFields';

/** A change made from the licence's own arithmetic, for the trace. */
export interface Derivation {
  field: keyof FieldValues;
  from: string;
  to: string;
  why: string;
}

/**
 * Values the licence itself determines: the number (its check character holding) encodes the
 * birth date and the sex, so they are taken from it when the ink of their own fields was not
 * legible. A value that was read stands, even against the number (the DTO warns of a mismatch):
 * what the card prints is the answer. Nothing else is filled.
 */
export function reconcile(values: FieldValues): { values: FieldValues; derived: Derivation[] } {
  const out = { ...values };
  const derived: Derivation[] = [];
  const set = (field: keyof FieldValues, to: string, why: string) => {
    if (out[field] !== '' || to === '') return;
    derived.push({ field, from: out[field], to, why });
    out[field] = to;
  };
  if (isValidIdNumber(out.id_num)) {
    set('birth_date', birthDateFromIdNumber(out.id_num), 'digits 7-14 of the licence number');
    set('sex', sexFromIdNumber(out.id_num), 'digit 17 of the licence number');
  }
  return { values: out, derived };
}
