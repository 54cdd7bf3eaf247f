// History in German: the view, its tables, a session's record and the year's heat map come from the
// catalogues, with German plurals and dates.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import History from './History.svelte';
import { useLocale } from '../lib/i18n.svelte';
import { fakeBackend } from '../test/backend';
import { period, sessionDetail, summaryRow } from '../test/fixtures';

const NOW = Date.parse('2025-03-06T12:00:00Z');
afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

describe('History in German', () => {
  it('speaks German in the totals, the session list, the record and the heat map', async () => {
    useLocale({ lang: 'de', tag: 'de' });
    const row = summaryRow(7, { format_name: 'Pomodoro', commitments_done: 1, commitments_total: 2 });
    fakeBackend({
      history_period: (args) => period({ from: args.from as string, to: args.to as string }),
      history_sessions: () => [row],
      session_detail: () => sessionDetail({ session: row }),
    });
    render(History, { now: () => NOW, weekStartsOn: 1, zone: 'UTC' });
    const kinds = await screen.findByRole('table', { name: 'Nach Art der Phase' });
    expect(within(kinds).getAllByRole('row')[1]).toHaveTextContent(/Fokus.*2 Std\. 45 Min\..*89\s%/);
    expect(screen.getByRole('table', { name: 'Nach Format' })).toBeInTheDocument();
    expect(screen.getByRole('listitem')).toHaveTextContent('1 von 2 Vorhaben erledigt');
    expect(screen.getByRole('listitem')).toHaveTextContent('50 Min. Fokus');

    await userEvent.click(screen.getByRole('button', { name: /^Details/ }));
    const dialog = screen.getByRole('dialog', { name: 'Sitzung: Pomodoro' });
    const phases = within(dialog).getByRole('table', { name: 'Phasen' });
    expect(within(phases).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Phase', 'Geplant', 'Gelaufen', 'Pausiert', 'Ergebnis']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Eintrag korrigieren' }));
    expect(within(dialog).getByRole('combobox', { name: 'Ergebnis von Phase 1' })).toBeInTheDocument();
    expect(within(dialog).getByRole('spinbutton', { name: 'Gelaufene Minuten in Phase 1' })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sitzung löschen' }));
    expect(within(dialog).getByText('Diese Sitzung und ihre Vorhaben löschen? Das lässt sich nicht rückgängig machen.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Behalten' }));
  });

  it('names the heat map’s weeks and days in German plurals', async () => {
    useLocale({ lang: 'de', tag: 'de' });
    fakeBackend({ history_period: (args) => period({ from: args.from as string, to: args.to as string }), history_sessions: () => [] });
    render(History, { now: () => NOW, weekStartsOn: 1, zone: 'UTC' });
    await screen.findByRole('table', { name: 'Nach Art der Phase' });
    await userEvent.click(screen.getByRole('radio', { name: 'Jahr' }));
    expect(await screen.findByRole('figure', { name: 'Fokus pro Tag, die letzte 1 Woche' })).toHaveTextContent('Fokus an 4 von 7 Tagen.');
    expect(screen.getByRole('table', { name: 'Fokus pro Monat' })).toBeInTheDocument();
  });
});
