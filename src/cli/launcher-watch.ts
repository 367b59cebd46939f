/**
 * Ending the command when the wrapper that launched it is gone.
 *
 * `npm start`, `npm run check` and `npx mmu-notifier …` run this Node process
 * under wrappers: npm (or npx), the `sh -c` npm starts, and tsx. A CI runner
 * or an IDE that stops the job often sends SIGTERM to the outermost one only,
 * and npm does not pass it on: npm and its shell end, and tsx, this process
 * and its TLC would run on, unseen. So at start the command notes its
 * wrapper ancestors, and twice a second (an unref'd timer: it never keeps the
 * process alive) checks that they still run. When one is gone it sends itself
 * SIGTERM: exactly what a forwarded SIGTERM would have done (the runner's
 * child registry kills TLC and removes its run folders, and the process ends
 * by the signal, status 143).
 *
 * Which ancestors: walking up from the parent, every process that is in this
 * process's process group (the job a shell started; a detached spawn starts
 * its own) and is either `node` (npm, npx, tsx are Node programs) or a shell
 * whose parent is `node` (npm's `sh -c`). The walk stops at the first other
 * process, so a user's shell, `nohup` and an IDE are never watched: `nohup
 * npm start &` survives its terminal as before.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { processAlive } from 'tla2tools-runner';

/** How often the ancestors are looked at. */
const POLL_MS = 500;
const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh']);

/** What the walk needs to know of a process. */
export interface ProcessInfo {
  readonly ppid: number;
  readonly pgid: number;
  /** The executable's base name (`node`, `sh`, …). */
  readonly program: string;
}

/** A process's parent, group and program: from /proc on Linux, else from `ps`; null when it is gone. */
export function processInfo(pid: number): ProcessInfo | null {
  try {
    // "<pid> (<comm>) <state> <ppid> <pgrp> …": comm may hold spaces, so fields count from the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // comm is the process title (npm sets "npm exec …"); the executable says what it is.
    return { ppid: Number(ppid), pgid: Number(pgid), program: basename(readlinkSync(`/proc/${pid}/exe`)) };
  } catch {
    return processInfoFromPs(pid);
  }
}

function processInfoFromPs(pid: number): ProcessInfo | null {
  let line: string;
  try {
    line = execFileSync('ps', ['-o', 'ppid=,pgid=,comm=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null; // ps exits 1 when the process is gone
  }
  const match = /^(\d+)\s+(\d+)\s+(.+)$/.exec(line);
  return match ? { ppid: Number(match[1]), pgid: Number(match[2]), program: basename(match[3]!.trim()) } : null;
}

function isNode(info: ProcessInfo): boolean {
  return /^node(js)?$/.test(info.program);
}

/**
 * The wrapper ancestors of `pid` (nearest first), by the rule above.
 * `info` is injectable for tests.
 */
export function wrapperAncestors(pid: number = process.pid, info: (pid: number) => ProcessInfo | null = processInfo): number[] {
  const self = info(pid);
  if (self === null) return [];
  const wrappers: number[] = [];
  let current = self.ppid;
  while (current > 1) {
    const here = info(current);
    if (here === null || here.pgid !== self.pgid) break;
    const parent = info(here.ppid);
    const wrapper = isNode(here) || (SHELLS.has(here.program) && parent !== null && isNode(parent));
    if (!wrapper) break;
    wrappers.push(current);
    current = here.ppid;
  }
  return wrappers;
}

/**
 * Starts the watch (call once, from the command's entry point, not from a
 * library). Returns a function that stops it.
 */
export function exitWhenLauncherGone(onGone: (pid: number) => void = sendSelfSigterm): () => void {
  const parent = process.ppid;
  const watched = wrapperAncestors();
  // Our own parent changing (a reparenting to init or a subreaper) is the cheapest sign, where it is a wrapper.
  const parentChanged = (): boolean => watched[0] === parent && process.ppid !== parent;
  const timer = setInterval(() => {
    const gone = parentChanged() ? parent : watched.find((pid) => !processAlive(pid));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function sendSelfSigterm(pid: number): void {
  process.stderr.write(`\nmmu-notifier: the process that launched it (pid ${pid}, e.g. npm or npx) is gone: stopping TLC and cleaning up\n`);
  process.kill(process.pid, 'SIGTERM');
}
