// A fake backend for component tests: command handlers by name over mockIPC, with every call
// recorded. Events are mocked too, so `emitEvent` reaches the UI's `listen` handlers.
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';

export type Handler = (args: Record<string, unknown>) => unknown;
export type Call = { cmd: string; args: Record<string, unknown> };

export function fakeBackend(given: Record<string, Handler>) {
  // The main window asks for packs waiting for confirmation at start; by default none wait.
  const handlers: Record<string, Handler> = { pending_pack_imports: () => [], ...given };
  const calls: Call[] = [];
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const handler = handlers[cmd];
      if (!handler) throw { code: 'not_found', message: `no fake for ${cmd}`, field: null };
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return {
    calls,
    /** The arguments of every call of `cmd`, in order. */
    argsOf: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    emitEvent: (event: string, payload: unknown) => emit(event, payload),
  };
}

/** A handler that rejects the way a Tauri command returning Err(ErrorPayload) does. */
export const rejectWith = (code: string, message: string, field: string | null = null): Handler => () =>
  Promise.reject({ code, message, field });
