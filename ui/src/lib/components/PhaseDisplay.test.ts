import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import PhaseDisplay from './PhaseDisplay.svelte';
import { T0, sessionView } from '../../test/fixtures';

describe('PhaseDisplay', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('shows ends_at − now and repaints once per displayed second', async () => {
    const endsAt = T0 + 1500_000;
    vi.setSystemTime(endsAt - 119_400);
    render(PhaseDisplay, { snapshot: sessionView({ endsAt }).state });
    const timer = screen.getByRole('timer', { name: 'Time remaining' });
    expect(timer).toHaveTextContent('02:00');
    expect(timer).toHaveAttribute('aria-live', 'off');
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersByTimeAsync(399);
    await tick();
    expect(timer).toHaveTextContent('02:00');
    await vi.advanceTimersByTimeAsync(1);
    await tick();
    expect(timer).toHaveTextContent('01:59');
    await vi.advanceTimersByTimeAsync(1000);
    await tick();
    expect(timer).toHaveTextContent('01:58');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('replaces the digits at each second instead of editing their text node', async () => {
    // WebKitGTK runs display-link frames after an in-place text edit; a replaced text costs one paint.
    const endsAt = T0 + 1500_000;
    vi.setSystemTime(endsAt - 119_000);
    render(PhaseDisplay, { snapshot: sessionView({ endsAt }).state });
    const timer = screen.getByRole('timer', { name: 'Time remaining' });
    const before = timer.firstChild;
    await vi.advanceTimersByTimeAsync(1000);
    await tick();
    expect(timer).toHaveTextContent('01:58');
    expect(timer.childNodes).toHaveLength(1);
    expect(timer.firstChild).not.toBe(before);
  });

  it('follows the wall clock, not a count of ticks, after the page was hidden', async () => {
    const endsAt = T0 + 1500_000;
    vi.setSystemTime(endsAt - 60_000);
    render(PhaseDisplay, { snapshot: sessionView({ endsAt }).state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(vi.getTimerCount()).toBe(0);
    vi.setSystemTime(endsAt - 20_000);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
    await tick();
    expect(screen.getByRole('timer')).toHaveTextContent('00:20');
  });

  it('while paused shows the frozen remaining time and schedules nothing', () => {
    render(PhaseDisplay, { snapshot: sessionView({ endsAt: null, paused: true, remainingMs: 61_000 }).state });
    expect(screen.getByRole('timer')).toHaveTextContent('01:01');
    expect(screen.getByText(/paused/)).toBeInTheDocument();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('announces a phase change politely, not the initial phase', async () => {
    const first = sessionView({ phaseIndex: 0, endsAt: Date.now() + 5000 });
    const { rerender, container } = render(PhaseDisplay, { snapshot: first.state });
    const live = container.querySelector('[aria-live="polite"]')!;
    expect(live).toHaveTextContent('');
    await rerender({ snapshot: sessionView({ phaseIndex: 1, endsAt: Date.now() + 300_000 }).state });
    expect(live).toHaveTextContent('Now: Break (Break), 05:00.');
    expect(screen.getByRole('heading', { name: 'Break' })).toBeInTheDocument();
  });

  it('leaves the polite region alone while the seconds tick', async () => {
    const endsAt = T0 + 1500_000;
    vi.setSystemTime(endsAt - 10_000);
    const { rerender, container } = render(PhaseDisplay, { snapshot: sessionView({ endsAt }).state });
    await rerender({ snapshot: sessionView({ phaseIndex: 1, endsAt: Date.now() + 300_000 }).state });
    const live = container.querySelector('[aria-live="polite"]')!;
    const said = live.textContent;
    expect(said).toBe('Now: Break (Break), 05:00.');
    const texts: string[] = [];
    new MutationObserver(() => texts.push(live.textContent ?? '')).observe(live, { childList: true, characterData: true, subtree: true });
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      await tick();
    }
    expect(screen.getByRole('timer')).toHaveTextContent('04:55');
    expect(texts).toEqual([]);
    expect(live.textContent).toBe(said);
    // The timer itself is not a live region: screen readers are not told every second.
    expect(screen.getByRole('timer')).toHaveAttribute('aria-live', 'off');
  });
});
