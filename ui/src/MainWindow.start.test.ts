import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import MainWindow from './MainWindow.svelte';
import { fakeBackend, type Handler } from './test/backend';
import { FakeSound } from './test/fakeSound';
import { format, overview, period, sessionView, settings, summaryRow } from './test/fixtures';

const running = () => sessionView({ endsAt: Date.now() + 25 * 60_000 });
const sprint = format({ id: 'work-sprint', name: 'Work sprint', commitments: { ask_at_start: true, resolve_at_end: true } });

function backend(handlers: Record<string, Handler> = {}) {
  return fakeBackend({
    startup_report: () => [],
    get_settings: () => settings(),
    list_formats: () => [sprint, format()],
    current_session: () => null,
    history_overview: () => overview(),
    history_period: () => period(),
    history_sessions: () => [summaryRow(3, { format_id: 'pomodoro', format_name: 'Pomodoro' })],
    start_session: () => running(),
    ...handlers,
  });
}

const nav = () => screen.getByRole('navigation', { name: 'Views' });

afterEach(() => localStorage.clear());

// One click from a format card or a past session to a running session, through start_session.
describe('starting from Formats and History', () => {
  it('Start on a format card starts it and shows it on Now', async () => {
    const fake = backend();
    render(MainWindow, { sound: new FakeSound() });
    await userEvent.click(within(nav()).getByRole('button', { name: 'Formats' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Start Pomodoro' }));
    expect(await screen.findByRole('timer', { name: 'Time remaining' })).toBeInTheDocument();
    expect(fake.argsOf('start_session')).toEqual([{ formatId: 'pomodoro', commitments: [] }]);
    expect(within(nav()).getByRole('button', { name: 'Now' })).toHaveAttribute('aria-current', 'page');
  });

  it('a format that asks for commitments opens that step on Now first', async () => {
    const fake = backend();
    render(MainWindow, { sound: new FakeSound() });
    await userEvent.click(within(nav()).getByRole('button', { name: 'Formats' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Start Work sprint' }));
    expect(await screen.findByRole('textbox', { name: 'New commitment' })).toHaveFocus();
    expect(fake.argsOf('start_session')).toEqual([]);
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('work-sprint');
  });

  it('Run again on a past session starts its format', async () => {
    const fake = backend();
    render(MainWindow, { sound: new FakeSound() });
    await userEvent.click(within(nav()).getByRole('button', { name: 'History' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Run Pomodoro again' }));
    expect(await screen.findByRole('timer', { name: 'Time remaining' })).toBeInTheDocument();
    expect(fake.argsOf('start_session')).toEqual([{ formatId: 'pomodoro', commitments: [] }]);
  });
});
