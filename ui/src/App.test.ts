import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { fakeBackend } from './test/backend';
import { format, overview, period, settings } from './test/fixtures';

function backend(startup: string[] = []) {
  return fakeBackend({
    startup_report: () => startup,
    get_settings: () => settings(),
    list_formats: () => [format()],
    current_session: () => null,
    history_overview: () => overview(),
    history_period: () => period(),
    history_sessions: () => [],
  });
}

describe('App', () => {
  it('switches views from the Views navigation', async () => {
    backend();
    render(App);
    const nav = screen.getByRole('navigation', { name: 'Views' });
    for (const name of ['Now', 'Formats', 'History', 'Settings']) {
      expect(within(nav).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(within(nav).getByRole('button', { name: 'Now' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('combobox', { name: 'Format' })).toBeInTheDocument();
    await userEvent.click(within(nav).getByRole('button', { name: 'History' }));
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
    await userEvent.click(within(nav).getByRole('button', { name: 'Formats' }));
    expect(await screen.findByRole('button', { name: 'New format' })).toBeInTheDocument();
  });

  it('shows a dismissible banner when notifications fail', async () => {
    const fake = backend();
    render(App);
    await screen.findByRole('combobox', { name: 'Format' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // The backend sends the whole sentence, in the user's language; the banner shows it as sent, once.
    const sentence = 'No notification service is running, so phase changes stay silent. Start your desktop\'s notification daemon (on a minimal desktop, install dunst or mako) and Stint will notify you again; the session goes on.';
    await fake.emitEvent('notification-failed', { message: sentence });
    await fake.emitEvent('notification-failed', { message: sentence });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(sentence);
    expect(within(alert).getAllByRole('button', { name: 'Dismiss' })).toHaveLength(1);
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('tells the user what the start-up report says', async () => {
    backend(['The database was damaged; the backup from 3 March was restored.']);
    render(App);
    expect(await screen.findByRole('alert')).toHaveTextContent('The database was damaged; the backup from 3 March was restored.');
  });
});
