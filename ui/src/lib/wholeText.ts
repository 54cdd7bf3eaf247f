// The countdown's digits, written as an element's whole text.
//
// Svelte writes a changed `{expression}` into its existing text node. WebKitGTK answers every such
// in-place edit of a text node with display-link frames: 60 Hz for about 20 frames, both processes
// awake for each. Replacing the element's text instead costs one paint. At one change a second that
// is about 3,500 wakeups a minute saved on a visible countdown (scripts/footprint.sh).
import type { Attachment } from 'svelte/attachments';

/** Use as `{@attach wholeText(value)}` on an otherwise empty element; it runs again when `value` changes. */
export function wholeText(text: string): Attachment<HTMLElement> {
  return (element) => {
    element.textContent = text;
  };
}
