import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import UpdatesSection from './UpdatesSection.svelte';
import { fakeBackend } from '../../test/backend';
import type { UpdateStatus } from '../bindings/UpdateStatus';

const idle: UpdateStatus = {
  current_version: '0.1.0',
  last_checked: null,
  available: null,
  message: null,
  message_is_error: false,
};

describe('Settings → Updates', () => {
  it('checks on request and shows the new version with what is new, installing only when asked', async () => {
    const found: UpdateStatus = {
      ...idle,
      last_checked: '2026-12-01T09:00:00Z',
      available: { version: '0.2.0', notes: 'Faster history.\nA new tray menu.' },
      message: 'Stint 0.2.0 is available.',
    };
    const backend = fakeBackend({ update_status: () => idle, check_for_update: () => found, install_update: () => idle });
    render(UpdatesSection, { checkForUpdates: true });
    expect(await screen.findByText(/This is Stint 0\.1\.0\. Not checked yet\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Install and restart' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    const news = await screen.findByRole('region', { name: 'What is new in Stint 0.2.0' });
    expect(news).toHaveTextContent('Faster history. A new tray menu.');
    expect(screen.getByRole('status')).toHaveTextContent('Stint 0.2.0 is available.');
    expect(backend.argsOf('install_update')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Install and restart' }));
    expect(backend.argsOf('install_update')).toHaveLength(1);
  });

  it('says why an update was refused, as an alert, and offers nothing to install', async () => {
    const refused: UpdateStatus = {
      ...idle,
      message: 'The release server offers Stint 0.0.9, which is older than this Stint (0.1.0); it was refused and nothing was installed.',
      message_is_error: true,
    };
    fakeBackend({ update_status: () => idle, check_for_update: () => refused });
    render(UpdatesSection, { checkForUpdates: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('older than this Stint (0.1.0)');
    expect(screen.queryByRole('button', { name: 'Install and restart' })).not.toBeInTheDocument();
  });

  it('offers the daily check as a switch bound to the setting', async () => {
    fakeBackend({ update_status: () => idle });
    render(UpdatesSection, { checkForUpdates: false });
    const box = await screen.findByRole('checkbox', { name: 'Check for updates once a day' });
    expect(box).not.toBeChecked();
    await userEvent.click(box);
    expect(box).toBeChecked();
  });
});
