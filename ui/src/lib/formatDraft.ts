import type { Format } from './bindings/Format';
import { m } from './i18n.svelte';
import type { FormatDraft } from './bindings/FormatDraft';
import type { Phase } from './bindings/Phase';
import { formatLength } from './time';

export function newPhase(): Phase {
  return { label: 'Focus', kind: 'focus', seconds: 25 * 60, prompt: null };
}

export function emptyDraft(): FormatDraft {
  return {
    name: '',
    attribution: null,
    phases: [newPhase()],
    commitments: { ask_at_start: false, resolve_at_end: false },
    repeat: null,
  };
}

/**
 * The editable part of a stored format, as a deep copy the editor may change freely. A JSON round
 * trip because formats are plain data and may arrive as Svelte state proxies (structuredClone throws).
 */
export function draftOf(format: Format): FormatDraft {
  const { name, attribution, phases, commitments, repeat } = format;
  return JSON.parse(JSON.stringify({ name, attribution, phases, commitments, repeat })) as FormatDraft;
}

/** What a number input gave, as a whole non-negative number (an emptied input counts as 0). */
export function wholeNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : 0;
}

/** Moves the item at `from` by `by` places (−1 up, +1 down); out-of-range moves do nothing. */
export function move<T>(items: T[], from: number, by: number): void {
  const to = from + by;
  if (to < 0 || to >= items.length) return;
  const [item] = items.splice(from, 1);
  items.splice(to, 0, item);
}

/** One line about a format's shape: "Focus 25 min · Break 5 min, repeating". */
export function summary(draft: FormatDraft): string {
  // A label's round placeholder (`Pomodoro {n}`) reads as the plain label here.
  const steps = draft.phases.map((p) => `${p.label.replace(/\s*\{n\}/g, '')} ${formatLength(p.seconds)}`).join(' · ');
  if (!draft.repeat) return steps;
  const rounds = draft.repeat.rounds ? m.summary_rounds({ count: draft.repeat.rounds }) : m.summary_repeating();
  const long = draft.repeat.long_break_every > 0 ? `, ${m.summary_long_break_every({ count: draft.repeat.long_break_every })}` : '';
  return `${steps}, ${rounds}${long}`;
}
