import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LiveRoomPanel from './LiveRoomPanel.svelte';
import { fakeBackend } from '../../test/backend';
import { roomStatus } from '../../test/fixtures';
import { useLocale } from '../i18n.svelte';

afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

const following = roomStatus({
  user: '@ada:example.org',
  homeserver: 'example.org',
  token_kept: 'keyring',
  room: '!cafe:example.org',
  role: 'member',
  connection: 'connected',
  present: [
    { user_id: '@ada:example.org', status: 'working', commitments: [] },
    {
      user_id: '@lin:example.org',
      status: 'break',
      commitments: [
        { text: 'Draft the intro', done: true },
        { text: 'Answer the reviewers', done: false },
      ],
    },
    { user_id: '@zoe:example.org', status: 'away', commitments: [] },
  ],
  can_share: true,
});

describe('the live room panel', () => {
  it('lists who is in the session with their status and the commitments they share', async () => {
    fakeBackend({ room_status: () => following });
    render(LiveRoomPanel, { running: true });
    const people = await screen.findByRole('list', { name: 'In the session' });
    const names = within(people)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === people)
      .map((li) => li.firstChild?.textContent?.trim());
    expect(names).toEqual(['@ada:example.org, working', '@lin:example.org, on a break', '@zoe:example.org, away']);
    const shared = screen.getByRole('list', { name: 'Commitments of @lin:example.org' });
    expect(within(shared).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Draft the intro, done',
      'Answer the reviewers, not done yet',
    ]);
    expect(screen.getByText('You follow the host of !cafe:example.org.', { exact: false })).toBeInTheDocument();
  });

  it('keeps the newest status when a command\'s answer arrives after a newer report', async () => {
    // The backend reported "connected" (3) while the answer to "Go live", read a moment before
    // (2, still connecting), was on its way: the answer must not undo the report.
    const signedIn = roomStatus({ seq: 1, user: '@host:example.org', homeserver: 'example.org' });
    const connecting = { ...signedIn, seq: 2, room: '!cafe:example.org', role: 'host', connection: 'connecting' };
    let answer: (s: typeof connecting) => void = () => {};
    const backend = fakeBackend({
      room_status: () => signedIn,
      room_go_live: () => new Promise((resolve) => (answer = resolve)),
    });
    render(LiveRoomPanel, { running: true });
    await userEvent.type(await screen.findByRole('textbox', { name: 'Room address' }), '#cafe:example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Go live in this room' }));
    await backend.emitEvent('room-status', { ...connecting, seq: 3, connection: 'connected' });
    expect(await screen.findByRole('status')).toHaveTextContent('You run this session live in !cafe:example.org. Connected.');
    answer(connecting);
    await expect.poll(() => screen.getByRole('button', { name: 'Leave the room' })).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent('Connected.');
  });

  it('shares commitments only when the user ticks the box, after saying who can read them', async () => {
    const backend = fakeBackend({
      room_status: () => following,
      room_share: (args) => ({ ...following, seq: 2, sharing: args.on as boolean }),
    });
    render(LiveRoomPanel, { running: true });
    const share = await screen.findByRole('checkbox', { name: 'Share my commitments with this session' });
    expect(share).not.toBeChecked();
    expect(screen.getByText(/the homeserver’s admins can read it/)).toBeInTheDocument();
    await userEvent.click(share);
    expect(backend.argsOf('room_share')).toEqual([{ on: true }]);
    expect(share).toBeChecked();
  });

  it('waits for the session before offering to share, and speaks German', async () => {
    fakeBackend({ room_status: () => ({ ...following, can_share: false }) });
    useLocale({ lang: 'de', tag: 'de-DE' });
    render(LiveRoomPanel, { running: false });
    expect(await screen.findByText(/Sobald die Leitung die Sitzung startet/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Raum verlassen' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'In der Sitzung' })).toBeInTheDocument();
  });
});
