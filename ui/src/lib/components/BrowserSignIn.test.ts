import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import BrowserSignIn from './BrowserSignIn.svelte';
import { fakeBackend, rejectWith } from '../../test/backend';
import { roomStatus } from '../../test/fixtures';
import type { RoomStatus } from '../bindings/RoomStatus';

const signedIn = roomStatus({ user: '@ada:example.org', homeserver: 'example.org', token_kept: 'keyring' });

describe('Sign in through the browser', () => {
  it('is offered only when the homeserver offers single sign-on', async () => {
    const backend = fakeBackend({ room_sign_in_ways: () => ({ password: true, browser: false, providers: [] }) });
    render(BrowserSignIn, { homeserver: 'example.org' });
    await expect.poll(() => backend.argsOf('room_sign_in_ways')).toEqual([{ homeserver: 'example.org' }]);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('signs in through the browser and hands the new status on', async () => {
    let finish: (status: RoomStatus) => void = () => {};
    const backend = fakeBackend({
      room_sign_in_ways: () => ({ password: false, browser: true, providers: [] }),
      room_sign_in_browser: () => new Promise((resolve) => (finish = resolve)),
    });
    const signedInWith: RoomStatus[] = [];
    render(BrowserSignIn, { homeserver: ' example.org ', onsignedin: (s: RoomStatus) => signedInWith.push(s) });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in through the browser' }));
    expect(await screen.findByText('Finish signing in in your browser. Stint waits for five minutes.')).toBeInTheDocument();
    expect(backend.argsOf('room_sign_in_browser')).toEqual([{ homeserver: 'example.org', provider: null }]);
    finish(signedIn);
    await expect.poll(() => signedInWith).toEqual([signedIn]);
  });

  it('says so when the server takes no passwords, as one behind an OAuth 2.0 server', async () => {
    fakeBackend({ room_sign_in_ways: () => ({ password: false, browser: true, providers: [] }) });
    render(BrowserSignIn, { homeserver: 'matrix.org' });
    expect(await screen.findByText('This homeserver takes no passwords from apps. Sign in through the browser instead.')).toBeInTheDocument();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign in through the browser']);
  });

  it('names each identity provider when the server lists several', async () => {
    const backend = fakeBackend({
      room_sign_in_ways: () => ({
        password: true,
        browser: true,
        providers: [
          { id: 'oidc-github', name: 'GitHub' },
          { id: 'oidc-gitlab', name: 'GitLab' },
        ],
      }),
      room_sign_in_browser: () => signedIn,
    });
    render(BrowserSignIn, { homeserver: 'example.org' });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in with GitLab' }));
    expect(screen.getByRole('button', { name: 'Sign in with GitHub' })).toBeInTheDocument();
    expect(backend.argsOf('room_sign_in_browser')).toEqual([{ homeserver: 'example.org', provider: 'oidc-gitlab' }]);
  });

  it('cancels and shows the sentence the backend gave', async () => {
    let refuse: (e: unknown) => void = () => {};
    const backend = fakeBackend({
      room_sign_in_ways: () => ({ password: false, browser: true, providers: [] }),
      room_sign_in_browser: () => new Promise((_, reject) => (refuse = reject)),
      room_cancel_browser_sign_in: () => {
        refuse({ code: 'conflict', message: 'You cancelled signing in through the browser. Sign in again whenever you like.', field: null });
        return null;
      },
    });
    render(BrowserSignIn, { homeserver: 'example.org' });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in through the browser' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(backend.argsOf('room_cancel_browser_sign_in')).toHaveLength(1);
    expect(await screen.findByRole('alert')).toHaveTextContent('You cancelled signing in through the browser.');
    expect(screen.getByRole('button', { name: 'Sign in through the browser' })).toBeInTheDocument();
  });

  it('shows a timed-out sign-in as its sentence', async () => {
    fakeBackend({
      room_sign_in_ways: () => ({ password: true, browser: true, providers: [] }),
      room_sign_in_browser: rejectWith('conflict', 'The browser sign-in was not finished within five minutes. Sign in through the browser again when you are ready.'),
    });
    render(BrowserSignIn, { homeserver: 'example.org' });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in through the browser' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not finished within five minutes/);
  });
});
