import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Now from './Now.svelte';
import { fakeBackend } from '../test/backend';
import { format, sessionView, summaryRow } from '../test/fixtures';

const checkIn = format({ id: 'check-in', name: 'Check-in', commitments: { ask_at_start: true, resolve_at_end: true } });
const deep = format({ id: 'deep', name: 'Deep work' });

// The start screen offers the formats of the last finished sessions, one click from running again.
describe('Now view: Run again', () => {
  it('offers recent formats still available, most recent first, and starts one in a click', async () => {
    const backend = fakeBackend({
      list_formats: () => [format(), checkIn, deep],
      current_session: () => null,
      history_sessions: () => [
        summaryRow(9, { format_id: 'deep', status: 'active' }),
        summaryRow(8, { format_id: 'check-in' }),
        summaryRow(7, { format_id: 'gone' }),
        summaryRow(6, { format_id: 'pomodoro' }),
        summaryRow(5, { format_id: 'check-in' }),
      ],
      start_session: () => sessionView({ endsAt: Date.now() + 60_000 }),
    });
    render(Now);
    const recent = await screen.findByRole('region', { name: 'Run again' });
    expect(within(recent).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Run Check-in again',
      'Run Pomodoro again',
    ]);
    await userEvent.click(within(recent).getByRole('button', { name: 'Run Pomodoro again' }));
    expect(backend.argsOf('start_session')).toEqual([{ formatId: 'pomodoro', commitments: [] }]);
    expect(await screen.findByRole('timer', { name: 'Time remaining' })).toBeInTheDocument();
  });

  it('asks for commitments first when the recent format says so', async () => {
    const backend = fakeBackend({
      list_formats: () => [format(), checkIn],
      current_session: () => null,
      history_sessions: () => [summaryRow(8, { format_id: 'check-in' })],
    });
    render(Now);
    await userEvent.click(await screen.findByRole('button', { name: 'Run Check-in again' }));
    expect(screen.getByRole('textbox', { name: 'New commitment' })).toHaveFocus();
    expect(backend.argsOf('start_session')).toEqual([]);
  });

  it('offers nothing when there is no history to go by', async () => {
    fakeBackend({ list_formats: () => [format()], current_session: () => null, history_sessions: () => [] });
    render(Now);
    await screen.findByRole('combobox', { name: 'Format' });
    expect(screen.queryByRole('region', { name: 'Run again' })).not.toBeInTheDocument();
  });
});
