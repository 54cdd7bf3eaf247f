import type { PhaseKind } from './bindings/PhaseKind';

/** Every phase kind with its human name, in the order the editor offers them. */
export const PHASE_KINDS: ReadonlyArray<{ kind: PhaseKind; name: string }> = [
  { kind: 'focus', name: 'Focus' },
  { kind: 'break', name: 'Break' },
  { kind: 'long_break', name: 'Long break' },
  { kind: 'welcome', name: 'Welcome' },
  { kind: 'check_in', name: 'Check-in' },
  { kind: 'talk', name: 'Talk' },
  { kind: 'discussion', name: 'Discussion' },
  { kind: 'review', name: 'Review' },
  { kind: 'close', name: 'Close' },
];

export function phaseKindName(kind: PhaseKind): string {
  return PHASE_KINDS.find((k) => k.kind === kind)?.name ?? kind;
}
