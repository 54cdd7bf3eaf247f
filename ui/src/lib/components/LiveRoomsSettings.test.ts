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
