import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import RoomLinkDialog from './RoomLinkDialog.svelte';
import { fakeBackend, rejectWith } from '../../test/backend';
import { roomStatus } from '../../test/fixtures';

const signedIn = roomStatus({ user: '@ada:matrix.example.org', homeserver: 'matrix.example.org', token_kept: 'keyring' });

describe('RoomLinkDialog', () => {
  it('joins a linked room only after the user sees which room, server and account, and presses Follow', async () => {
    let waiting: string | null = '#cafe:example.org';
    const b = fakeBackend({
      room_status: () => signedIn,
      pending_room_link: () => waiting,
      room_join: () => signedIn,
      forget_room_link: () => {
        waiting = null;
        return null;
      },
    });
    const onDone = vi.fn();
    render(RoomLinkDialog, { onDone });
    const dialog = await screen.findByRole('dialog', { name: 'Follow the live room #cafe:example.org?' });
    expect(
      await within(dialog).findByText(
        'Stint will join #cafe:example.org, a room on the server example.org, with your account @ada:matrix.example.org on matrix.example.org, and your timer will follow its host.',
      ),
    ).toBeInTheDocument();
    expect(b.argsOf('room_join'), 'nothing joined before the answer').toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Follow' }));
    expect(b.argsOf('room_join')).toEqual([{ address: '#cafe:example.org' }]);
    expect(b.argsOf('forget_room_link')).toEqual([{ address: '#cafe:example.org' }]);
    expect(onDone).toHaveBeenCalledWith('You follow the host of #cafe:example.org.');
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
  });

  it('cancel joins nothing and lets the link go', async () => {
    const b = fakeBackend({ room_status: () => signedIn, pending_room_link: () => '!abc:example.org', forget_room_link: () => null });
    render(RoomLinkDialog, { onDone: vi.fn() });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(b.argsOf('forget_room_link')).toEqual([{ address: '!abc:example.org' }]);
    expect(b.argsOf('room_join')).toEqual([]);
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
  });

  it('signed out, says to sign in first and offers no Follow until the account is there', async () => {
    const b = fakeBackend({ room_status: () => roomStatus(), pending_room_link: () => '#cafe:example.org' });
    render(RoomLinkDialog, { onDone: vi.fn() });
    const dialog = await screen.findByRole('dialog', { name: 'Follow the live room #cafe:example.org?' });
    expect(await within(dialog).findByText(/first sign in to your Matrix account in Settings under Live rooms/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Follow' })).toBeNull();
    await b.emitEvent('room-status', signedIn);
    expect(await within(dialog).findByRole('button', { name: 'Follow' })).toBeInTheDocument();
    expect(b.argsOf('room_join')).toEqual([]);
  });

  it('shows a link that arrives later, and a refused join as the backend’s sentence', async () => {
    let waiting: string | null = null;
    const b = fakeBackend({
      room_status: () => signedIn,
      pending_room_link: () => waiting,
      room_join: rejectWith('conflict', 'Stint could not join #cafe:example.org. Check the address and try again.'),
    });
    render(RoomLinkDialog, { onDone: vi.fn() });
    await expect.poll(() => b.argsOf('pending_room_link').length).toBe(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    waiting = '#cafe:example.org';
    await b.emitEvent('room-link-pending', null);
    await userEvent.click(await screen.findByRole('button', { name: 'Follow' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Stint could not join #cafe:example.org.');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
