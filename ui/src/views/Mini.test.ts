import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { fakeBackend } from '../test/backend';
import { sessionView } from '../test/fixtures';

/** What the mini window's capability allows it to call. */
const ALLOWED = ['current_session', 'pause_session', 'resume_session', 'skip_phase'];
const running = (ms = 90_000, over: Parameters<typeof sessionView>[0] = {}) => sessionView({ endsAt: Date.now() + ms, ...over });

afterEach(() => {
  window.location.hash = '';
});

describe('mini timer (index.html#mini)', () => {
  it('shows only the phase, the countdown, Pause/Resume and Skip, calling only what its capability allows', async () => {
    window.location.hash = '#mini';
    const backend = fakeBackend({
      current_session: () => running(),
      pause_session: () => sessionView({ endsAt: null, paused: true, remainingMs: 42_000 }),
      resume_session: () => running(42_000),
      skip_phase: () => running(300_000, { phaseIndex: 1 }),
    });
    render(App);
    expect(await screen.findByRole('timer', { name: 'Time remaining' })).toHaveTextContent('01:30');
    expect(screen.getByText('Pomodoro 1')).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Pause', 'Skip']);

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Resume' }));
    await screen.findByRole('button', { name: 'Pause' });
    await userEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(await screen.findByText('Break')).toBeInTheDocument();
    await backend.emitEvent('session-changed', running(600_000, { phaseIndex: 2 }));
    expect(await screen.findByText('Pomodoro 2')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent('10:00');

    const invoked = new Set(backend.calls.map((c) => c.cmd).filter((c) => !c.startsWith('plugin:event|')));
    expect([...invoked].every((c) => ALLOWED.includes(c))).toBe(true);
    expect(invoked).toEqual(new Set(ALLOWED));
  });

  it('pauses with Space and skips with S', async () => {
    window.location.hash = '#mini';
    const backend = fakeBackend({
      current_session: () => running(),
      pause_session: () => sessionView({ endsAt: null, paused: true, remainingMs: 42_000 }),
      skip_phase: () => running(300_000, { phaseIndex: 1 }),
    });
    render(App);
    await screen.findByRole('button', { name: 'Pause' });
    await userEvent.keyboard(' ');
    await screen.findByRole('button', { name: 'Resume' });
    await userEvent.keyboard('s');
    expect(backend.argsOf('pause_session')).toHaveLength(1);
    expect(backend.argsOf('skip_phase')).toHaveLength(1);
  });

  it('says so when no session runs, offering no controls', async () => {
    window.location.hash = '#mini';
    fakeBackend({ current_session: () => null });
    render(App);
    expect(await screen.findByText('No session running. Start one in the Stint window.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
