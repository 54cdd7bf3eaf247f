import { ApiError } from './api';

/** Normalises a core field path: drops a leading `draft.` / `settings.` (the command's argument name). */
function normalise(field: string): string {
  return field.replace(/^(draft|settings)\./, '');
}

/** The parent of a field path: `phases[1].seconds` → `phases[1]` → `phases`; `''` at the top. */
function parent(field: string): string {
  const cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
  return cut > 0 ? field.slice(0, cut) : '';
}

/**
 * Which of a form's message slots an error belongs to: the field it names if the form shows that
 * field, else its nearest shown parent, else `form` (the message at the top of the form).
 */
export function errorSlot(error: ApiError, slots: ReadonlySet<string>): string {
  if (error.code !== 'invalid_input' || !error.field) return 'form';
  for (let f = normalise(error.field); f; f = parent(f)) {
    if (slots.has(f)) return f;
  }
  return 'form';
}

/** A DOM id for a slot's message element: `phases[1].seconds` → `error-phases-1-seconds`. */
export function errorId(prefix: string, slot: string): string {
  return `${prefix}-error-${slot.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** Builds a lookup `messageFor(slot)` for one error (or none) against a form's slots. */
export function fieldMessages(error: ApiError | null, slots: ReadonlySet<string>): (slot: string) => string | null {
  if (!error) return () => null;
  const slot = errorSlot(error, slots);
  return (s) => (s === slot ? error.message : null);

}
