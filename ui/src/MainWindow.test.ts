import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import MainWindow from './MainWindow.svelte';
import { fakeBackend, type Handler } from './test/backend';
import { FakeSound } from './test/fakeSound';
import { commitment, format, overview, period, sessionView, settings } from './test/fixtures';
import { DEFAULT_PREFS, savePrefs } from './lib/prefs';

const running = (ms = 90_000, over: Parameters<typeof sessionView>[0] = {}) => sessionView({ endsAt: Date.now() + ms, ...over });

function backend(handlers: Record<string, Handler> = {}) {
  return fakeBackend({
    startup_report: () => [],
    get_settings: () => settings({ global_shortcut: 'CommandOrControl+Alt+Space' }),
    list_formats: () => [format({ id: 'work-sprint', name: 'Work sprint' }), format()],
    current_session: () => null,
    history_overview: () => overview(),
    history_period: () => period(),
    history_sessions: () => [],
    ...handlers,
  });
}

afterEach(() => localStorage.clear());

describe('main window', () => {
  it('toggles the mini timer from the header', async () => {
    const fake = backend({ toggle_mini_timer: () => null });
    render(MainWindow, { sound: new FakeSound() });
    await userEvent.click(screen.getByRole('button', { name: 'Mini timer' }));
    expect(fake.argsOf('toggle_mini_timer')).toHaveLength(1);
  });

  it('shows version and data location in the About box', async () => {
    backend({ about: () => ({ version: '0.3.0', data_dir: '/home/me/.local/share/stint', db_path: '/home/me/.local/share/stint/stint.db' }) });
    render(MainWindow, { sound: new FakeSound() });
    const opener = screen.getByRole('button', { name: 'About Stint' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'About Stint' });
    expect(await within(dialog).findByText('0.3.0')).toBeInTheDocument();
    expect(within(dialog).getByText('/home/me/.local/share/stint/stint.db')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });
});

describe('keyboard shortcuts', () => {
  it('start the preselected Pomodoro with Space, then pause, skip and add five minutes', async () => {
    const fake = backend({
      start_session: () => running(),
      pause_session: () => sessionView({ endsAt: null, paused: true, remainingMs: 60_000 }),
      skip_phase: () => running(300_000, { phaseIndex: 1 }),
      extend_phase: () => running(600_000, { phaseIndex: 1 }),
    });
    render(MainWindow, { sound: new FakeSound() });
    expect(await screen.findByRole('combobox', { name: 'Format' })).toHaveValue('pomodoro');
    expect(screen.getByRole('heading', { name: 'Ready when you are' })).toBeInTheDocument();

    await userEvent.keyboard(' ');
    expect(fake.argsOf('start_session')).toEqual([{ formatId: 'pomodoro', commitments: [] }]);
    await screen.findByRole('button', { name: 'Pause' });
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard(' ');
    await screen.findByRole('button', { name: 'Resume' });
    await userEvent.keyboard('s');
    await userEvent.keyboard('+');
    await userEvent.keyboard('=');
    expect(fake.argsOf('skip_phase')).toHaveLength(1);
    expect(fake.argsOf('extend_phase')).toEqual([{ seconds: 300 }, { seconds: 300 }]);
  });

  it('Space works after clicking a tab or a button, and still presses a button reached with Tab', async () => {
    const fake = backend({
      start_session: () => running(),
      pause_session: () => sessionView({ endsAt: null, paused: true, remainingMs: 60_000 }),
      toggle_mini_timer: () => true,
    });
    render(MainWindow, { sound: new FakeSound() });
    await screen.findByRole('combobox', { name: 'Format' });
    await userEvent.click(screen.getByRole('button', { name: 'History' }));
    await userEvent.click(screen.getByRole('button', { name: 'Now' }));
    expect(screen.getByRole('button', { name: 'Now' })).toHaveFocus();
    await userEvent.keyboard(' ');
    expect(fake.argsOf('start_session')).toHaveLength(1);

    await screen.findByRole('button', { name: 'Pause' });
    const mini = screen.getByRole('button', { name: 'Mini timer' });
    await userEvent.click(mini);
    expect(fake.argsOf('toggle_mini_timer')).toHaveLength(1);
    await userEvent.keyboard(' ');
    expect(fake.argsOf('pause_session')).toHaveLength(1);
    expect(fake.argsOf('toggle_mini_timer')).toHaveLength(1);

    // Reached with the keyboard, Space is the button's own key again.
    await userEvent.keyboard('{Shift>}{/Shift}');
    mini.blur();
    mini.focus();
    await userEvent.keyboard(' ');
    expect(fake.argsOf('toggle_mini_timer')).toHaveLength(2);
    expect(fake.argsOf('pause_session')).toHaveLength(1);
  });

  it('N goes to the new-commitment box, and keys typed there are text, not shortcuts', async () => {
    const fake = backend({ current_session: () => running(), skip_phase: () => running(), add_commitment: () => commitment() });
    render(MainWindow, { sound: new FakeSound() });
    await screen.findByRole('button', { name: 'Pause' });
    await userEvent.click(screen.getByRole('button', { name: 'History' }));
    await screen.findByRole('heading', { name: 'History' });
    await userEvent.keyboard('n');
    const box = await screen.findByRole('textbox', { name: 'New commitment' });
    expect(box).toHaveFocus();
    await userEvent.keyboard('Ship s+ ?');
    expect(box).toHaveValue('Ship s+ ?');
    expect(fake.argsOf('skip_phase')).toEqual([]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('? opens the help overlay: modal, labelled, focus trapped, Escape closes and restores focus', async () => {
    backend();
    render(MainWindow, { sound: new FakeSound() });
    const start = await screen.findByRole('button', { name: 'Start' });
    start.focus();
    await userEvent.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    for (const text of ['Start, pause or resume the session', 'Skip to the next phase', 'Five more minutes', 'Write a new commitment']) {
      expect(within(dialog).getByText(text)).toBeInTheDocument();
    }
    expect(within(dialog).getByText('CommandOrControl+Alt+Space')).toBeInTheDocument();
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    await userEvent.tab();
    expect(close).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(close).toHaveFocus();
    // Shortcuts wait while the dialog is open.
    await userEvent.keyboard('?');
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(start).toHaveFocus();
  });

  it('the header opens the same overlay for mouse users', async () => {
    backend();
    render(MainWindow, { sound: new FakeSound() });
    await userEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });
});

describe('sounds', () => {
  it('chime at each phase change with the kind of the new phase, at the chosen volume', async () => {
    savePrefs({ ...DEFAULT_PREFS, chimeVolume: 0.4 });
    const sound = new FakeSound();
    const fake = backend({ current_session: () => running() });
    render(MainWindow, { sound });
    await screen.findByRole('button', { name: 'Pause' });
    await fake.emitEvent('session-changed', running(300_000, { phaseIndex: 1 }));
    await fake.emitEvent('session-changed', running(300_000, { phaseIndex: 1 }));
    await fake.emitEvent('session-changed', null);
    expect(sound.chimes).toEqual([
      ['break', 0.4],
      ['end', 0.4],
    ]);
  });

  it('stay quiet when the chime is off', async () => {
    savePrefs({ ...DEFAULT_PREFS, chime: false });
    const sound = new FakeSound();
    const fake = backend({ current_session: () => running() });
    render(MainWindow, { sound });
    await screen.findByRole('button', { name: 'Pause' });
    await fake.emitEvent('session-changed', running(300_000, { phaseIndex: 1 }));
    expect(sound.chimes).toEqual([]);
  });

  it('play the ambience during focus only, and stop it when paused', async () => {
    savePrefs({ ...DEFAULT_PREFS, ambience: 'pink' });
    const sound = new FakeSound();
    const fake = backend({ current_session: () => running() });
    render(MainWindow, { sound });
    await screen.findByRole('button', { name: 'Pause' });
    await expect.poll(() => sound.ambiences).toEqual([null, 'pink']);
    await fake.emitEvent('session-changed', sessionView({ endsAt: null, paused: true, remainingMs: 1000 }));
    await fake.emitEvent('session-changed', running(300_000, { phaseIndex: 1 }));
    await fake.emitEvent('session-changed', running(300_000, { phaseIndex: 2 }));
    await expect.poll(() => sound.ambiences).toEqual([null, 'pink', null, 'pink']);
  });
});
