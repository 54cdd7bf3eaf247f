// Keyboard shortcuts inside the app: which key means what, and when a key is the user typing instead.

import { m } from './i18n.svelte';

export type ShortcutAction = 'toggle' | 'skip' | 'extend' | 'newCommitment' | 'help';

/** What the help overlay lists, in order. */
// `what` is read when the overlay renders, so in the language of the moment.
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: ShortcutAction; what: () => string }> = [
  { keys: ['Space'], action: 'toggle', what: m.help_toggle },
  { keys: ['S'], action: 'skip', what: m.help_skip },
  { keys: ['+'], action: 'extend', what: m.help_extend },
  { keys: ['N'], action: 'newCommitment', what: m.help_new_commitment },
  { keys: ['?'], action: 'help', what: m.help_help },
];

/** Input types whose keys are text: a shortcut letter typed there is a letter. */
const TEXT_INPUTS = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);
/** Input types that Space presses or toggles by itself. */
const SPACE_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'isComposing'>;

/** A text field: every key typed there is text, never a shortcut. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has((target.getAttribute('type') ?? '').toLowerCase());
}

/** A control that Space presses, toggles or opens — unless pressing it would do nothing (the selected tab). */
function spaceActivates(el: HTMLElement): boolean {
  if (el.getAttribute('aria-current') === 'page' || el.getAttribute('aria-selected') === 'true') return false;
  if (el instanceof HTMLInputElement) return SPACE_INPUTS.has(el.type);
  return ['BUTTON', 'SUMMARY', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'button';
}

/**
 * The shortcut a key press means, or null when it means nothing here: typing in a text field, a key
 * with Ctrl, Alt or Meta, another key. The keys work whatever control has focus — a tab, a button, a
 * checkbox, the format picker — except that Space stays a control's own key when the control was
 * reached with the keyboard (`focusedByKeyboard`) and pressing it does something.
 */
export function shortcutFor(e: KeyLike, focusedByKeyboard = false): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isTextField(e.target)) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar': {
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el && focusedByKeyboard && spaceActivates(el)) return null;
      return 'toggle';
    }
    case 's':
    case 'S':
      return 'skip';
    case '+':
    case '=':
      return 'extend';
    case 'n':
    case 'N':
      return 'newCommitment';
    case '?':
      return 'help';
    default:
      return null;
  }
}
