/**
 * What a process tree costs over a time window, from /proc (Linux):
 * - wakeups: context switches (voluntary + involuntary) of every thread of every process. A thread's
 *   counters vanish with it, so threads are sampled every SAMPLE_MS and their increments summed; a
 *   thread that ends loses at most its last interval (the count is a slight undercount, never negative);
 * - CPU seconds: utime + stime of every process (the kernel keeps ended threads' time in the total);
 * - memory: proportional set size (PSS, smaps_rollup) summed at the end of the window.
 * Wakeups are also kept per thread, by the thread's name, to show which part of a process wakes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantsOf } from '../support/processes.ts';

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const SAMPLE_MS = 250;

interface ProcessSample {
  name: string;
  cpuTicks: number;
  /** Context switches so far, per thread id. */
  threadSwitches: Map<number, number>;
  /** Each thread's name (its comm), per thread id. */
  threadNames: Map<number, string>;
}

export interface ThreadCost {
  tid: number;
  name: string;
  wakeupsPerMinute: number;
}

export interface ProcessCost {
  pid: number;
  name: string;
  wakeupsPerMinute: number;
  cpuSecondsPerMinute: number;
  pssMegabytes: number;
  /** The threads that woke during the window, most wakeups first. */
  threads: ThreadCost[];
}

export interface TreeCost {
  wakeupsPerMinute: number;
  cpuSecondsPerMinute: number;
  pssMegabytes: number;
  processes: ProcessCost[];
}

/** Measures `rootPid` and all its descendants for `seconds`; rates are scaled to one minute. */
export async function measureTree(rootPid: number, seconds: number): Promise<TreeCost> {
  const first = sampleTree(rootPid);
  let previous = first;
  const switches = new Map<number, number>(); // per thread id
  const threadNames = new Map<number, string>();
  const processOfThread = new Map<number, number>();
  const startedAt = process.hrtime.bigint();
  const endsAt = startedAt + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < endsAt) {
    await sleep(SAMPLE_MS);
    const current = sampleTree(rootPid);
    for (const [pid, sample] of current) {
      const before = previous.get(pid)?.threadSwitches;
      for (const [tid, count] of sample.threadSwitches) {
        // A thread (or process) born since the last sample did all its switching inside the window.
        switches.set(tid, (switches.get(tid) ?? 0) + count - (before?.get(tid) ?? 0));
        threadNames.set(tid, sample.threadNames.get(tid) ?? '?');
        processOfThread.set(tid, pid);
      }
    }
    previous = current;
  }
  const elapsedMinutes = Number(process.hrtime.bigint() - startedAt) / 1e9 / 60;

  // Every thread seen in the window counts for its process, also one that has ended since.
  const threadsOf = (pid: number): ThreadCost[] =>
    [...switches.entries()]
      .filter(([tid]) => processOfThread.get(tid) === pid)
      .map(([tid, count]) => ({ tid, name: threadNames.get(tid)!, wakeupsPerMinute: count / elapsedMinutes }))
      .filter((thread) => thread.wakeupsPerMinute > 0)
      .sort((a, b) => b.wakeupsPerMinute - a.wakeupsPerMinute);
  const processes: ProcessCost[] = [...previous.entries()].map(([pid, end]) => ({
    pid,
    name: end.name,
    wakeupsPerMinute: threadsOf(pid).reduce((total, thread) => total + thread.wakeupsPerMinute, 0),
    // A process born during the window costs everything it did.
    cpuSecondsPerMinute: (end.cpuTicks - (first.get(pid)?.cpuTicks ?? 0)) / CLOCK_TICKS_PER_SECOND / elapsedMinutes,
    pssMegabytes: pssKilobytes(pid) / 1024,
    threads: threadsOf(pid),
  }));
  const sum = (field: 'wakeupsPerMinute' | 'cpuSecondsPerMinute' | 'pssMegabytes') => processes.reduce((total, p) => total + p[field], 0);
  return {
    wakeupsPerMinute: sum('wakeupsPerMinute'),
    cpuSecondsPerMinute: sum('cpuSecondsPerMinute'),
    pssMegabytes: sum('pssMegabytes'),
    processes,
  };
}

function sampleTree(rootPid: number): Map<number, ProcessSample> {
  const samples = new Map<number, ProcessSample>();
  for (const pid of [rootPid, ...descendantsOf(rootPid)]) {
    const sample = sampleProcess(pid);
    if (sample) samples.set(pid, sample);
  }
  return samples;
}

function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
    const threadSwitches = new Map<number, number>();
    const threadNames = new Map<number, string>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
        threadSwitches.set(Number(tid),
          statusField(status, 'voluntary_ctxt_switches') + statusField(status, 'nonvoluntary_ctxt_switches'));
        threadNames.set(Number(tid), /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?');
      } catch {
        // the thread ended while we listed them
      }
    }
    return { name, cpuTicks, threadSwitches, threadNames };
  } catch {
    return undefined; // the process ended while we read it
  }
}

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

function pssKilobytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
