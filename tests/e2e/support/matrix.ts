/**
 * A real homeserver for the live-room spec (scripts/synapse.sh: Synapse from PyPI, sqlite,
 * 127.0.0.1, registration by shared secret), and a host that runs the room's timer over the Matrix
 * client API from the spec: it writes `app.stint.session` documents exactly as docs/room.md says a
 * host's Stint does, one revision per action.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, outputDir } from './paths.ts';

const SCRIPT = join(repoRoot, 'scripts/synapse.sh');

export interface Homeserver {
  dir: string;
  baseUrl: string;
}

export function startSynapse(): Homeserver {
  const dir = mkdtempSync(join(outputDir, 'synapse-'));
  const baseUrl = execFileSync(SCRIPT, ['start', dir], { encoding: 'utf8' }).trim();
  return { dir, baseUrl };
}

/** Starts a homeserver without blocking the spec (the apps can start meanwhile). */
export async function startSynapseAsync(): Promise<Homeserver> {
  const dir = mkdtempSync(join(outputDir, 'synapse-'));
  const { stdout } = await promisify(execFile)(SCRIPT, ['start', dir], { encoding: 'utf8' });
  return { dir, baseUrl: stdout.trim() };
}

/** Starts `server` again after `stopSynapse`: the same port, database and users. */
export async function restartSynapse(server: Homeserver): Promise<void> {
  await promisify(execFile)(SCRIPT, ['start', server.dir]);
}

export function stopSynapse(server: Homeserver): void {
  execFileSync(SCRIPT, ['stop', server.dir]);
}

export function register(server: Homeserver, user: string, password: string, admin = false): void {
  execFileSync(SCRIPT, ['register', server.dir, user, password, ...(admin ? ['admin'] : [])]);
}

/** `register`, without blocking the spec. */
export async function registerAsync(server: Homeserver, user: string, password: string, admin = false): Promise<void> {
  await promisify(execFile)(SCRIPT, ['register', server.dir, user, password, ...(admin ? ['admin'] : [])]);
}

export interface Phase {
  label: string;
  kind: 'welcome' | 'focus' | 'break';
  seconds: number;
}

type Kind = 'pause' | 'resume' | 'skip' | 'extend' | 'stop';

/** A host signed in to the homeserver, running one live session in one room. */
export class ScriptedHost {
  private events: { at: string; kind: Kind; seconds?: number }[] = [];
  private roomId = '';

  private constructor(
    private server: Homeserver,
    private token: string,
    readonly userId: string,
  ) {}

  static async signIn(server: Homeserver, user: string, password: string): Promise<ScriptedHost> {
    const answer = await request(server, undefined, 'POST', '/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user },
      password,
    });
    return new ScriptedHost(server, answer.access_token, answer.user_id);
  }

  /** Creates `#alias:localhost`, public, where moderators (50) may host and everyone may announce. */
  async createRoom(alias: string): Promise<string> {
    const answer = await request(this.server, this.token, 'POST', '/createRoom', {
      name: 'Live cafe',
      room_alias_name: alias,
      preset: 'public_chat',
      power_level_content_override: { events: { 'app.stint.session': 50, 'app.stint.member': 0 } },
    });
    this.roomId = answer.room_id;
    return this.roomId;
  }

  /** Joins the room `address` (an alias or an id) as this user. */
  async joinRoom(address: string): Promise<string> {
    const answer = await request(this.server, this.token, 'POST', `/join/${encodeURIComponent(address)}`, {});
    this.roomId = answer.room_id;
    return this.roomId;
  }

  /** The room's `app.stint.session` content as the server holds it. */
  async readSession(): Promise<Record<string, unknown>> {
    const room = encodeURIComponent(this.roomId);
    return request(this.server, this.token, 'GET', `/rooms/${room}/state/app.stint.session/`, undefined);
  }

  /** Writes `content` as the room's state event `type` / `stateKey`, whatever it is; the HTTP status. */
  async writeRaw(content: unknown, type = 'app.stint.session', stateKey = ''): Promise<number> {
    const path = `/rooms/${encodeURIComponent(this.roomId)}/state/${type}/${encodeURIComponent(stateKey)}`;
    const answer = await fetch(`${this.server.baseUrl}/_matrix/client/v3${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(content),
    });
    await answer.arrayBuffer();
    return answer.status;
  }

  /** Starts the live session: `phases`, started at `startedAt`. */
  async start(name: string, phases: Phase[], startedAt: Date): Promise<void> {
    this.format = { name, phases };
    this.startedAt = startedAt.toISOString();
    this.events = [];
    await this.write();
  }

  async act(kind: Kind, seconds?: number): Promise<void> {
    this.events.push({ at: new Date().toISOString(), kind, ...(seconds ? { seconds } : {}) });
    await this.write();
  }

  private format: { name: string; phases: Phase[] } = { name: '', phases: [] };
  private startedAt = '';

  private async write(): Promise<void> {
    const content = {
      v: 1,
      session_id: 'e2e-live-1',
      host: this.userId,
      format: this.format,
      started_at: this.startedAt,
      events: this.events,
      rev: this.events.length + 1,
    };
    const room = encodeURIComponent(this.roomId);
    await request(this.server, this.token, 'PUT', `/rooms/${room}/state/app.stint.session/`, content);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function request(server: Homeserver, token: string | undefined, method: string, path: string, body: unknown): Promise<any> {
  const answer = await fetch(`${server.baseUrl}/_matrix/client/v3${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await answer.json();
  if (!answer.ok) throw new Error(`${method} ${path}: HTTP ${answer.status} ${JSON.stringify(json)}`);
  return json;
}
