import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CalendarSubscriptions from './CalendarSubscriptions.svelte';
import { fakeBackend, rejectWith } from '../../../test/backend';
import type { Subscription } from '../../bindings/Subscription';

const URL = 'https://calendar.example.org/team.ics';

function subscription(over: Partial<Subscription> = {}): Subscription {
  return {
    id: 1,
    url: URL,
    added_at: '2025-03-01T09:00:00Z',
    refreshed_at: '2025-03-01T09:00:05Z',
    error: null,
    calls: 3,
    skipped: [],
    ...over,
  };
}

const failing = subscription({
  error: 'calendar.example.org had a problem and sent no calendar (it answered 500). The calls from the last good refresh are kept; Stint tries again later.',
  skipped: ['Line 40: the event has no start, so it was skipped.'],
});

describe('CalendarSubscriptions', () => {
  it('lists each subscription with its calls, and shows a failed refresh beside it in a sentence', async () => {
    fakeBackend({ list_subscriptions: () => [failing] });
    render(CalendarSubscriptions, { onChanged: vi.fn() });
    const list = await screen.findByRole('list', { name: 'Calendar subscriptions' });
    const item = within(list).getAllByRole('listitem')[0];
    expect(item).toHaveTextContent(URL);
    expect(item).toHaveTextContent(/^.*3 calls, last read /);
    expect(item).toHaveTextContent('it answered 500). The calls from the last good refresh are kept');
    expect(within(item).getByText('1 event skipped')).toBeInTheDocument();
    expect(within(item).getByRole('list', { name: `Events skipped from ${URL}` })).toHaveTextContent('Line 40');
  });

  it('subscribes to the typed address and reloads the calls', async () => {
    let listed: Subscription[] = [];
    const b = fakeBackend({
      list_subscriptions: () => listed,
      add_subscription: () => {
        listed = [subscription({ url: 'https://example.org/cal.ics' })];
        return listed[0];
      },
    });
    const onChanged = vi.fn();
    render(CalendarSubscriptions, { onChanged });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Calendar address' }), 'webcal://example.org/cal.ics');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(await screen.findByText('Stint read https://example.org/cal.ics: 3 calls.')).toBeInTheDocument();
    expect(b.argsOf('add_subscription')).toEqual([{ url: 'webcal://example.org/cal.ics' }]);
    expect(onChanged).toHaveBeenCalled();
    expect(await screen.findByRole('list', { name: 'Calendar subscriptions' })).toHaveTextContent('https://example.org/cal.ics');
  });

  it('shows a refused address beside the field', async () => {
    fakeBackend({
      list_subscriptions: () => [],
      add_subscription: rejectWith(
        'invalid_input',
        'Stint subscribes only over https, so that nobody can change the calendar on the way; use the https:// address.',
        'url',
      ),
    });
    render(CalendarSubscriptions, { onChanged: vi.fn() });
    const field = await screen.findByRole('textbox', { name: 'Calendar address' });
    await userEvent.type(field, 'http://example.org/cal.ics');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(await screen.findByText(/^Stint subscribes only over https/)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/use the https:\/\/ address\.$/);
  });

  it('refreshes now on request', async () => {
    const b = fakeBackend({ list_subscriptions: () => [failing], refresh_subscription: () => subscription() });
    render(CalendarSubscriptions, { onChanged: vi.fn() });
    await userEvent.click(await screen.findByRole('button', { name: `Refresh ${URL} now` }));
    expect(b.argsOf('refresh_subscription')).toEqual([{ id: 1 }]);
    expect(await screen.findByText(`Stint read ${URL}: 3 calls.`)).toBeInTheDocument();
  });

  it('unsubscribes only after the user confirms', async () => {
    const b = fakeBackend({ list_subscriptions: () => [subscription()], remove_subscription: () => null });
    render(CalendarSubscriptions, { onChanged: vi.fn() });
    await userEvent.click(await screen.findByRole('button', { name: `Unsubscribe from ${URL}` }));
    const confirm = screen.getByRole('group', { name: `Confirm unsubscribing from ${URL}` });
    expect(confirm).toHaveTextContent('Its 3 calls will be removed; your history stays.');
    expect(b.argsOf('remove_subscription')).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Keep' }));
    expect(b.argsOf('remove_subscription')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: `Unsubscribe from ${URL}` }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, unsubscribe' }));
    expect(b.argsOf('remove_subscription')).toEqual([{ id: 1 }]);
    expect(await screen.findByText(`Stint unsubscribed from ${URL} and removed its calls. Your history stays.`)).toBeInTheDocument();
  });
});
