// The remaining time of the current phase, as reactive state for a component: `ends_at − now`,
// re-read once per displayed second while the document is visible (see ticker.ts). Call during
// component initialisation; the clock stops when the component is destroyed.
import { onDestroy } from 'svelte';
import type { SessionState } from './bindings/SessionState';
import { startDisplayClock } from './ticker';
import { msUntilNextSecond, remainingUntil } from './time';

export type Countdown = { readonly remaining: number };

export function countdown(snapshot: () => SessionState | null): Countdown {
  let now = $state(Date.now());

  const clock = startDisplayClock(
    () => {
      const s = snapshot();
      if (!s || s.done || !s.ends_at) return null;
      const left = remainingUntil(s.ends_at, Date.now());
      return left > 0 ? msUntilNextSecond(left) : null;
    },
    () => (now = Date.now()),
  );
  onDestroy(() => clock.stop());

  // A new snapshot: repaint now and re-aim the single pending timeout.
  $effect(() => {
    void snapshot();
    now = Date.now();
    clock.refresh();
  });

  return {
    get remaining() {
      const s = snapshot();
      if (!s || s.done) return 0;
      return s.ends_at ? remainingUntil(s.ends_at, now) : s.remaining_ms;
    },
  };
}
