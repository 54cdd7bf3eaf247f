// Pieces of sentences in the user's language that a catalogue message alone cannot give: a list
// joined the locale's way ("Mon, Wed and Fri", "lun, mié y vie"), and a message cut around one of
// its placeholders, so markup (a <code>) can stand where the translation puts it.
import { locale as ui } from './i18n.svelte';

/** `items` joined as the locale writes a list: "a, b and c" ("a, b y c"). */
export function formatList(items: string[], locale?: string): string {
  return new Intl.ListFormat(locale ?? ui.tag, { style: 'long', type: 'conjunction' }).format(items);
}

/** A mark no message contains, put where the placeholder goes and then cut at. */
const MARK = '\u0000';

/**
 * The text before and after the placeholder `name` of `message`: `splitAt(m.hint, 'extension')` with
 * "ends in {extension}." gives `['ends in ', '.']`. A message without the placeholder comes whole,
 * before it.
 */
export function splitAt<K extends string>(message: (inputs: Record<K, string>) => string, name: K): [string, string] {
  const [before, ...after] = message({ [name]: MARK } as Record<K, string>).split(MARK);
  return [before, after.join('')];
}
