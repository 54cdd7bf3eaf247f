import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDisplayClock } from './ticker';

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('startDisplayClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    setHidden(false);
    vi.useRealTimers();
  });

  it('keeps one timeout pending and ticks at each requested delay', () => {
    const tick = vi.fn();
    const clock = startDisplayClock(() => 400, tick);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(399);
    expect(tick).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(tick).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(800);
    expect(tick).toHaveBeenCalledTimes(3);
    clock.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('schedules nothing while the display does not change', () => {
    const tick = vi.fn();
    const clock = startDisplayClock(() => null, tick);
    expect(vi.getTimerCount()).toBe(0);
    clock.stop();
  });

  it('stops while the document is hidden and repaints when it shows again', () => {
    const tick = vi.fn();
    const clock = startDisplayClock(() => 1000, tick);
    setHidden(true);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(tick).not.toHaveBeenCalled();
    setHidden(false);
    expect(tick).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    clock.stop();
  });

  it('refresh re-aims the pending timeout instead of adding one', () => {
    let delay = 1000;
    const clock = startDisplayClock(() => delay, vi.fn());
    delay = 250;
    clock.refresh();
    clock.refresh();
    expect(vi.getTimerCount()).toBe(1);
    clock.stop();
  });
});
