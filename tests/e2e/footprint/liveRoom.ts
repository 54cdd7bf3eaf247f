/**
 * The footprint benchmark's live room (issue 10: "the backend's added wakeups per minute with a
 * joined idle room"): a real Synapse (scripts/synapse.sh) under the run's output, a host who creates
 * a room and then does nothing, and the measured user, whom the measured Stint signs in and makes a
 * member of the room through its window, as the live room's spec does. The room has no live session,
 * so the measured Stint stays idle and what it adds is the room's backend alone (its long-polling
 * /sync and whatever else it keeps up while joined).
 */
import { goTo } from '../support/flows.ts';
import { ScriptedHost, registerAsync, startSynapseAsync, stopSynapse, type Homeserver } from '../support/matrix.ts';
import { byRole, waitForNoRole } from '../support/roles.ts';
import { roomSays, signInToRoom } from '../support/room.ts';

const ROOM_ALIAS = 'footprint';
const ROOM = `#${ROOM_ALIAS}:localhost`;
const MEMBER = 'member';
const MEMBER_PASSWORD = 'member-pw';

export interface IdleRoom {
  server: Homeserver;
  /** Signs the app in and follows the room's host from its window, until the room says it is connected. */
  join(): Promise<void>;
  /** Leaves the room and signs out, so that the app is as it was before `join`. */
  leave(): Promise<void>;
  /** Stops the homeserver (a no-op when it is not running). */
  stop(): void;
}

/** Starts the homeserver, registers the host and the measured user, and has the host create the room. */
export async function startIdleRoom(): Promise<IdleRoom> {
  const server = await startSynapseAsync();
  const stop = () => stopSynapse(server);
  try {
    await Promise.all([registerAsync(server, 'host', 'host-pw'), registerAsync(server, MEMBER, MEMBER_PASSWORD)]);
    const host = await ScriptedHost.signIn(server, 'host', 'host-pw');
    await host.createRoom(ROOM_ALIAS);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    server,
    join: async () => {
      await signInToRoom(server, MEMBER, MEMBER_PASSWORD);
      await (await byRole('textbox', 'Room address')).setValue(ROOM);
      await (await byRole('button', 'Follow this room’s host')).click();
      await roomSays(/You follow the host of .*Connected\./);
    },
    leave: async () => {
      await (await byRole('button', 'Leave the room')).click();
      await byRole('button', 'Follow this room’s host', { timeoutMs: 10_000 });
      await goTo('Settings');
      await (await byRole('button', 'Sign out')).click();
      await byRole('button', 'Sign in', { timeoutMs: 10_000 });
      await goTo('Now');
      await waitForNoRole('region', 'Live room');
    },
    stop,
  };
}
