// Repaints the countdown at most once a second, and never while the document is hidden. One pending
// setTimeout at a time, aimed at the instant the displayed second changes; no animation frames.

export type DisplayClock = {
  /** Re-evaluate the delay now (call after a new snapshot arrives). */
  refresh(): void;
  stop(): void;
};

/**
 * `nextDelay` returns the milliseconds until the display must change, or null when it will not
 * (paused, ended). `tick` is called at that moment, and once when the document becomes visible again.
 */
export function startDisplayClock(nextDelay: () => number | null, tick: () => void, doc: Document = document): DisplayClock {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const schedule = () => {
    cancel();
    if (stopped || doc.hidden) return;
    const delay = nextDelay();
    if (delay === null) return;
    timer = setTimeout(() => {
      timer = undefined;
      tick();
      schedule();
    }, delay);
  };

  const onVisibility = () => {
    if (doc.hidden) {
      cancel();
    } else {
      tick();
      schedule();
    }
  };

  doc.addEventListener('visibilitychange', onVisibility);
  schedule();

  return {
    refresh: schedule,
    stop() {
      stopped = true;
      cancel();
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
