// Why: the live room's status reaches a window two ways — as the answer of a command (sign in, go
// live, join…) and as `room-status` events — and the two can arrive out of order. A window that
// took whichever came last could replace a newer report by an older answer and go on showing
// "Connecting…" until the room's next report, which may be a long-poll (up to a minute) away.
// Every report carries a sequence number (`seq`); a window keeps the highest it has seen (compare
// after the answer arrived: `newest(status, await x)` would read `status` before the wait).
import type { RoomStatus } from './api';

/** The newer of the status a window holds and one that arrived (the held one when they tie). */
export function newest(held: RoomStatus | null, arrived: RoomStatus): RoomStatus {
  return held && held.seq >= arrived.seq ? held : arrived;
}
