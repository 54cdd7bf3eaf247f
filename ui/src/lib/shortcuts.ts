// Keyboard shortcuts inside the app: which key means what, and when a key is the user typing instead.

export type ShortcutAction = 'toggle' | 'skip' | 'extend' | 'newCommitment' | 'help';

/** What the help overlay lists, in order. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: ShortcutAction; what: string }> = [
  { keys: ['Space'], action: 'toggle', what: 'Start, pause or resume the session' },
  { keys: ['S'], action: 'skip', what: 'Skip to the next phase' },
  { keys: ['+'], action: 'extend', what: 'Five more minutes' },
  { keys: ['N'], action: 'newCommitment', what: 'Write a new commitment' },
  { keys: ['?'], action: 'help', what: 'Show these shortcuts' },
];

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Elements that Space activates by itself: Space there is a click, not our shortcut. */
const SPACE_ACTIVATES = new Set(['BUTTON', 'A', 'SUMMARY']);

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'isComposing'>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return TYPING.has(target.tagName) || target.isContentEditable;
}

/** The shortcut a key press means, or null when it means nothing here (typing, a modifier, another key). */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isTyping(e.target)) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar': {
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el && (SPACE_ACTIVATES.has(el.tagName) || el.getAttribute('role') === 'button')) return null;
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
