import type { PhaseKind } from './bindings/PhaseKind';
import { m, withName } from './i18n.svelte';

const kind = (k: PhaseKind, name: () => string) => withName({ kind: k }, name);

/** Every phase kind with its name in the user's language, in the order the editor offers them. */
export const PHASE_KINDS: ReadonlyArray<{ kind: PhaseKind; readonly name: string }> = [
  kind('focus', m.kind_focus),
  kind('break', m.kind_break),
  kind('long_break', m.kind_long_break),
  kind('welcome', m.kind_welcome),
  kind('check_in', m.kind_check_in),
  kind('talk', m.kind_talk),
  kind('discussion', m.kind_discussion),
  kind('review', m.kind_review),
  kind('close', m.kind_close),
];

export function phaseKindName(kind: PhaseKind): string {
  return PHASE_KINDS.find((k) => k.kind === kind)?.name ?? kind;
}
