import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import CallRoomField from './CallRoomField.svelte';
import { fakeBackend, rejectWith } from '../../../test/backend';

describe("a call's live room in the Calls view", () => {
  it('shows the room a pack named and ties the call to another one', async () => {
    const backend = fakeBackend({
      list_call_rooms: () => [{ call_id: 'cafe/daily', room: '#daily:example.org' }],
      set_call_room: (args) => ({ call_id: args.callId, room: args.room }),
    });
    render(CallRoomField, { callId: 'cafe/daily', title: 'Daily coworking' });
    expect(await screen.findByText('Live room: #daily:example.org')).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Live room of Daily coworking' });
    await userEvent.clear(field);
    await userEvent.type(field, ' #other:example.org ');
    await userEvent.click(screen.getByRole('button', { name: 'Save the live room of Daily coworking' }));
    expect(backend.argsOf('set_call_room')).toEqual([{ callId: 'cafe/daily', room: '#other:example.org' }]);
    expect(await screen.findByText('Live room: #other:example.org')).toBeInTheDocument();
  });

  it('unties the call when the field is emptied, and shows a refusal as the sentence given', async () => {
    fakeBackend({
      list_call_rooms: () => [],
      set_call_room: rejectWith('invalid_input', 'Enter a room address such as #cafe:example.org, or a room id starting with !.'),
    });
    render(CallRoomField, { callId: 'mine', title: 'Thesis' });
    const field = await screen.findByRole('textbox', { name: 'Live room of Thesis' });
    await userEvent.type(field, 'my room');
    await userEvent.click(screen.getByRole('button', { name: 'Save the live room of Thesis' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a room address such as #cafe:example.org');
    await userEvent.clear(field);
    fakeBackend({ list_call_rooms: () => [], set_call_room: () => null });
    await userEvent.click(screen.getByRole('button', { name: 'Save the live room of Thesis' }));
    expect(await screen.findByText('The live room of Thesis is saved.')).toBeInTheDocument();
  });
});
