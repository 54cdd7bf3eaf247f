// History in the user's zone, not the process's: the tests run with TZ=UTC and open History in
// Pacific/Auckland (UTC+13 in March), so a day or a time taken from the system's zone shows here.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import History from './History.svelte';
import { fakeBackend } from '../test/backend';
import { period, sessionDetail, summaryRow } from '../test/fixtures';

const AUCKLAND = 'Pacific/Auckland';
/** Sunday 9 March 2025, 12:00 UTC: already Monday 10 March, 01:00, in Auckland. */
const NOW = Date.parse('2025-03-09T12:00:00Z');
/** 23:30 on Sunday 9 March to 00:30 on Monday 10 March in Auckland: across local midnight. */
const late = summaryRow(5, { format_name: 'Late sprint', started_at: '2025-03-09T10:30:00Z', ended_at: '2025-03-09T11:30:00Z' });

const open = () => render(History, { now: () => NOW, weekStartsOn: 1, zone: AUCKLAND });

describe('History in a zone other than the system’s', () => {
  it('asks for the days of the user’s zone and shows their week, today included', async () => {
    const backend = fakeBackend({
      history_period: (args) => period({ from: args.from as string, to: args.to as string, zone: AUCKLAND }),
      history_sessions: () => [late],
      export_history: () => ['/home/me/stint-history.json'],
    });
    open();
    await screen.findByText('Current streak');
    // In UTC it is still Sunday, the last day of the week of 3–9 March; in Auckland a new week began.
    expect(backend.argsOf('history_period')).toEqual([{ from: '2025-03-10', to: '2025-03-16', zone: AUCKLAND }]);
    expect(backend.argsOf('history_sessions')[0]).toMatchObject({ from: '2025-03-10', to: '2025-03-16', zone: AUCKLAND });
    expect(screen.getByRole('button', { name: 'Next week' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(backend.argsOf('export_history')).toEqual([{ kind: 'json', zone: AUCKLAND }]);
  });

  it('shows a session across local midnight at its local start, in the list and in its record', async () => {
    fakeBackend({
      history_period: () => period({ zone: AUCKLAND }),
      history_sessions: () => [late],
      session_detail: () => sessionDetail({ session: late }),
    });
    open();
    // 10:30 PM on 9 March would be UTC's wall clock; Auckland's is 11:30 PM.
    const details = await screen.findByRole('button', { name: 'Details of Late sprint, Mar 9, 2025, 11:30 PM' });
    expect(screen.getByRole('listitem')).toHaveTextContent('Mar 9, 2025, 11:30 PM');
    await userEvent.click(details);
    const dialog = screen.getByRole('dialog', { name: 'Session: Late sprint' });
    expect(dialog).toHaveTextContent('Mar 9, 2025, 11:30 PM–12:30 AM');
  });

  it('labels a day’s hours with the local clock, from local midnight', async () => {
    const backend = fakeBackend({
      history_period: (args) =>
        period({
          zone: AUCKLAND,
          from: args.from as string,
          to: args.to as string,
          // Monday 10 March in Auckland begins at 11:00 UTC on the 9th.
          focus_per_hour: Array.from({ length: 24 }, (_, h) => ({
            starts_at: new Date(Date.parse('2025-03-09T11:00:00Z') + h * 3_600_000).toISOString(),
            focus_seconds: h === 0 ? 1800 : 0,
          })),
        }),
      history_sessions: () => [late],
    });
    open();
    await screen.findByText('Current streak');
    await userEvent.click(screen.getByRole('radio', { name: 'Day' }));
    expect(backend.argsOf('history_period')[1]).toEqual({ from: '2025-03-10', to: '2025-03-10', zone: AUCKLAND });
    const chart = await screen.findByRole('figure', { name: 'Focus per hour, Monday, March 10, 2025' });
    const rows = within(within(chart).getByRole('table')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('12:00 AM30 min');
    expect(rows[24]).toHaveTextContent('11:00 PM');
  });
});
