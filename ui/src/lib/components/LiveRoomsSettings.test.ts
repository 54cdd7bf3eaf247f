import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import LiveRoomsSettings from './LiveRoomsSettings.svelte';
import { fakeBackend, rejectWith } from '../../test/backend';
import { roomStatus } from '../../test/fixtures';
import { useLocale } from '../i18n.svelte';

afterEach(() => useLocale({ lang: 'en', tag: 'en' }));

const signedOut = roomStatus();

describe('Live rooms settings', () => {
  it('signs in with a password and says when no keyring keeps the sign-in', async () => {
    const backend = fakeBackend({
      room_status: () => signedOut,
      room_sign_in: () => ({ ...signedOut, seq: 2, user: '@ada:example.org', homeserver: 'example.org', token_kept: 'this_run' }),
    });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'example.org');
    await userEvent.type(screen.getByRole('textbox', { name: 'User name' }), 'ada');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(backend.argsOf('room_sign_in')).toEqual([{ homeserver: 'example.org', user: 'ada', password: 'secret' }]);
    expect(await screen.findByText('Signed in as @ada:example.org on example.org.')).toBeInTheDocument();
    expect(screen.getByText(/Stint forgets it when it quits/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('shows a refused sign-in as the sentence the backend gave', async () => {
    fakeBackend({
      room_status: () => signedOut,
      room_sign_in: rejectWith('conflict', 'The homeserver did not accept this user name and password. Check both and try again.'),
    });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'example.org');
    await userEvent.type(screen.getByRole('textbox', { name: 'User name' }), 'ada');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/did not accept this user name and password/)).toBeInTheDocument();
  });

  it('offers only the password form when the server takes only passwords', async () => {
    const backend = fakeBackend({ room_status: () => signedOut, room_sign_in_ways: () => ({ password: true, browser: false, providers: [] }) });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'example.org');
    await expect.poll(() => backend.argsOf('room_sign_in_ways')).toEqual([{ homeserver: 'example.org' }]);
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign in']);
  });

  it('offers only the browser, saying why, when the server takes no passwords', async () => {
    const backend = fakeBackend({ room_status: () => signedOut, room_sign_in_ways: () => ({ password: false, browser: true, providers: [] }) });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'matrix.org');
    expect(await screen.findByText('This homeserver takes no passwords from apps. Sign in through the browser instead.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'User name' })).toBeNull();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign in through the browser']);
    await userEvent.type(screen.getByRole('textbox', { name: 'Homeserver' }), '{Enter}');
    expect(backend.argsOf('room_sign_in'), 'Enter sends no empty password').toEqual([]);
    expect(backend.argsOf('room_sign_in_ways'), 'the server is asked once').toHaveLength(1);
  });

  it('offers both when the server takes passwords and the browser', async () => {
    const backend = fakeBackend({ room_status: () => signedOut, room_sign_in_ways: () => ({ password: true, browser: true, providers: [] }) });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'example.org');
    expect(await screen.findByRole('button', { name: 'Sign in through the browser' })).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(backend.argsOf('room_sign_in_ways')).toHaveLength(1);
  });

  it('says when the server cannot be reached and asks again on Try again', async () => {
    let reachable = false;
    const backend = fakeBackend({
      room_status: () => signedOut,
      room_sign_in_ways: () =>
        reachable
          ? { password: false, browser: true, providers: [] }
          : Promise.reject({ code: 'conflict', message: 'Stint could not reach example.org.', field: null }),
    });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'example.org');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Stint could not ask example.org how you sign in there. Check the address and your connection, then try again.',
    );
    expect(screen.getByLabelText('Password'), 'not knowing, the password form stays').toBeInTheDocument();
    reachable = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Sign in through the browser' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(backend.argsOf('room_sign_in_ways')).toEqual([{ homeserver: 'example.org' }, { homeserver: 'example.org' }]);
  });

  it('says nothing about an address that is not one yet', async () => {
    const backend = fakeBackend({
      room_status: () => signedOut,
      room_sign_in_ways: rejectWith('invalid_input', 'Enter your homeserver address, such as matrix.example.org.', 'homeserver'),
    });
    render(LiveRoomsSettings);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Homeserver' }), 'exa mple');
    await expect.poll(() => backend.argsOf('room_sign_in_ways')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
  });

  it('speaks German and Spanish from the catalogues', async () => {
    fakeBackend({ room_status: () => ({ ...signedOut, user: '@ada:example.org', homeserver: 'example.org' }) });
    useLocale({ lang: 'de', tag: 'de-DE' });
    const { unmount } = render(LiveRoomsSettings);
    expect(await screen.findByText('Angemeldet als @ada:example.org auf example.org.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Live-Räume' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Abmelden' })).toBeInTheDocument();
    unmount();
    useLocale({ lang: 'es', tag: 'es' });
    render(LiveRoomsSettings);
    expect(await screen.findByRole('button', { name: 'Cerrar sesión' })).toBeInTheDocument();
  });
});
