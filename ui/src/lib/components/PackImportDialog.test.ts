import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import PackImportDialog from './PackImportDialog.svelte';
import { fakeBackend, rejectWith } from '../../test/backend';
import { call, packImport, pendingImport } from '../../test/callFixtures';
import type { PackPreview } from '../bindings/PackPreview';

/** An update from 1.2.0, installed from the same link, to 1.3.0. */
const updateOf120: Partial<PackPreview> = {
  version: '1.3.0',
  relation: 'newer',
  installed: { name: 'Turing Way-like', version: '1.2.0', source: { kind: 'link', name: 'tw.stint.json' }, content_id: null, updated_at: '2025-03-01T10:00:00Z' },
};
const noRoomChange = { room_changed: false, room_before: null, room_after: null };

describe('PackImportDialog', () => {
  it('shows the community, its source and each call with its join link, and installs only on Install', async () => {
    let waiting = [pendingImport()];
    const b = fakeBackend({
      pending_pack_imports: () => waiting,
      confirm_pack_import: () => {
        waiting = [];
        return packImport();
      },
    });
    const onDone = vi.fn();
    render(PackImportDialog, { onDone });
    const dialog = await screen.findByRole('dialog', { name: 'Install Turing Way-like?' });
    expect(dialog).toHaveTextContent('a stint:// link to the file tw.stint.json');
    expect(dialog).toHaveTextContent('1.2.0');
    const calls = within(dialog).getByRole('list', { name: 'Calls in this pack' });
    expect(within(calls).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('https://meet.example.org/cafe'),
      expect.stringContaining('https://meet.example.org/daily'),
    ]);
    expect(b.argsOf('confirm_pack_import')).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Install' }));
    expect(b.argsOf('confirm_pack_import')).toEqual([{ id: 1, choice: 'install' }]);
    expect(onDone).toHaveBeenCalledWith('Installed Turing Way-like v1.2.0: 2 formats and 2 calls.');
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
  });

  it('cancel installs nothing and lets the pack go', async () => {
    let waiting = [pendingImport()];
    const b = fakeBackend({
      pending_pack_imports: () => waiting,
      cancel_pack_import: () => {
        waiting = [];
        return null;
      },
    });
    render(PackImportDialog, { onDone: vi.fn() });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(b.argsOf('cancel_pack_import')).toEqual([{ id: 1 }]);
    expect(b.argsOf('confirm_pack_import')).toEqual([]);
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
  });

  it('lists an update’s join-link change first and marked, then the other changes', async () => {
    fakeBackend({
      pending_pack_imports: () => [
        pendingImport({
          ...updateOf120,
          changes: [
            { kind: 'changed', call_id: 'cafe', title: 'Collaboration Cafe', join_link_changed: true, join_link_before: 'https://meet.example.org/cafe', join_link_after: 'https://evil.example.com/cafe', ...noRoomChange, fields: [] },
            { kind: 'changed', call_id: 'daily', title: 'Daily coworking', join_link_changed: false, join_link_before: null, join_link_after: null, ...noRoomChange, fields: ['schedule'] },
            { kind: 'removed', call_id: 'old', title: 'Old call', join_link_changed: false, join_link_before: null, join_link_after: null, ...noRoomChange, fields: [] },
          ],
        }),
      ],
    });
    render(PackImportDialog, { onDone: vi.fn() });
    const dialog = await screen.findByRole('dialog', { name: 'Update Turing Way-like?' });
    const items = within(within(dialog).getByRole('list', { name: 'What changes' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Join link changed: Collaboration Cafe — https://meet.example.org/cafe → https://evil.example.com/cafe');
    expect(items[1]).toHaveTextContent('Daily coworking: new schedule');
    expect(items[2]).toHaveTextContent('Removed call: Old call');
    expect(within(dialog).getByRole('button', { name: 'Update to 1.3.0' })).toBeInTheDocument();
  });

  it('says a live room that is moved, added or taken away as a sentence, listed with join-link changes', async () => {
    const noLinkChange = { join_link_changed: false, join_link_before: null, join_link_after: null };
    fakeBackend({
      pending_pack_imports: () => [
        pendingImport({
          ...updateOf120,
          calls: [
            call({ id: 'cafe', title: 'Collaboration Cafe', join_link: 'https://meet.example.org/cafe' }),
            call({ id: 'sprint', title: 'Tuesday sprint', join_link: null }),
            call({ id: 'retreat', title: 'Writing retreat', join_link: null }),
          ],
          rooms: { sprint: '#b:example.org', retreat: '!retreat:example.org' },
          changes: [
            { kind: 'changed', call_id: 'sprint', title: 'Tuesday sprint', ...noLinkChange, room_changed: true, room_before: '#a:example.org', room_after: '#b:example.org', fields: ['title'] },
            { kind: 'changed', call_id: 'cafe', title: 'Collaboration Cafe', ...noLinkChange, room_changed: true, room_before: '#cafe:example.org', room_after: null, fields: [] },
            { kind: 'added', call_id: 'retreat', title: 'Writing retreat', ...noLinkChange, room_changed: true, room_before: null, room_after: '!retreat:example.org', fields: [] },
            { kind: 'removed', call_id: 'old', title: 'Old call', ...noLinkChange, room_changed: true, room_before: '#old:example.org', room_after: null, fields: [] },
          ],
        }),
      ],
    });
    render(PackImportDialog, { onDone: vi.fn() });
    const dialog = await screen.findByRole('dialog', { name: 'Update Turing Way-like?' });
    const items = within(within(dialog).getByRole('list', { name: 'What changes' })).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent('The live room of “Tuesday sprint” changes from #a:example.org to #b:example.org.');
    expect(items[0]).toHaveTextContent('Tuesday sprint: new title');
    expect(items[1]).toHaveTextContent('“Collaboration Cafe” leaves the live room #cafe:example.org: its timer will no longer follow a host.');
    expect(items[2]).toHaveTextContent('New call: Writing retreat');
    expect(items[2]).toHaveTextContent('The live room of “Writing retreat” is !retreat:example.org: its timer will follow whoever hosts there.');
    expect(items[3]).toHaveTextContent('Removed call: Old call');
    expect(items[3]).toHaveTextContent('“Old call” goes, and with it the live room #old:example.org.');
    expect(items.every((li) => li.classList.contains('link-change')), 'marked like a join-link change').toBe(true);
    const calls = within(within(dialog).getByRole('list', { name: 'Calls in this pack' })).getAllByRole('listitem');
    expect(calls.map((li) => li.textContent)).toEqual([
      expect.not.stringContaining('Live room'),
      expect.stringContaining('Live room: #b:example.org'),
      expect.stringContaining('Live room: !retreat:example.org'),
    ]);
  });

  it('a conflict offers a separate install or a replace after the warning, never a plain install', async () => {
    const b = fakeBackend({
      pending_pack_imports: () => [
        pendingImport({
          relation: 'other_source',
          choices: ['separate', 'replace'],
          separate_id: 'tw-2',
          warning: 'Turing Way-like was installed from the file tw.stint.json, but this pack comes from a stint:// link.',
          installed: { name: 'Turing Way-like', version: '1.2.0', source: { kind: 'file', name: 'tw.stint.json' }, content_id: null, updated_at: '2025-03-01T10:00:00Z' },
        }),
      ],
      confirm_pack_import: rejectWith('conflict', 'Turing Way-like changed in Stint since this pack was shown to you.'),
    });
    render(PackImportDialog, { onDone: vi.fn() });
    const dialog = await screen.findByRole('dialog', { name: 'Turing Way-like is already installed from elsewhere' });
    expect(within(dialog).getAllByRole('alert')[0]).toHaveTextContent('was installed from the file tw.stint.json');
    expect(within(dialog).queryByRole('button', { name: 'Install' })).toBeNull();
    expect(dialog).toHaveTextContent('tw-2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace the installed Turing Way-like' }));
    expect(b.argsOf('confirm_pack_import')).toEqual([{ id: 1, choice: 'replace' }]);
    expect(await within(dialog).findByText(/changed in Stint since this pack was shown/)).toBeInTheDocument();
    expect(b.argsOf('pending_pack_imports').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a pack that arrives later when the shell says one waits', async () => {
    let waiting: ReturnType<typeof pendingImport>[] = [];
    const b = fakeBackend({ pending_pack_imports: () => waiting });
    render(PackImportDialog, { onDone: vi.fn() });
    await expect.poll(() => b.argsOf('pending_pack_imports').length).toBe(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    waiting = [pendingImport()];
    await b.emitEvent('pack-import-pending', null);
    expect(await screen.findByRole('dialog', { name: 'Install Turing Way-like?' })).toBeInTheDocument();
  });
});
