import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { threadId } from 'worker_threads';
import { nodeOutputFs } from '../../../src/engine/output/fs-ops';
import { acquireLock } from '../../../src/engine/output/lock';
import { UserError } from '../../../src/errors';

let root = '';
let lock = '';
let log: string[] = [];
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  lock = path.join(root, '.dist.lock');
  log = [];
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const acquire = (timeoutMs = 200) => acquireLock(lock, nodeOutputFs, { timeoutMs, what: '/o/dist', log: (line) => log.push(line) });

const holder = (pid: number, hostname = os.hostname(), thread = 0) =>
  fs.writeFileSync(lock, JSON.stringify({ pid, hostname, thread, started: '2030-01-01T00:00:00.000Z' }));

/** A pid that no process has any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('acquireLock', () => {
  test('creates the lock with pid, host, thread and start time, and the release removes it', () => {
    const release = acquire();
    expect(JSON.parse(fs.readFileSync(lock, 'utf-8'))).toEqual({
      pid: process.pid,
      hostname: os.hostname(),
      thread: threadId,
      started: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    release();
    expect(fs.existsSync(lock)).toBe(false);
    expect(log).toEqual([]);
  });

  test('a lock held by a running process: waits, then refuses naming the holder and what to do', () => {
    holder(process.ppid);
    expect(acquire).toThrow(
      new UserError(
        `refusing to write /o/dist: another synth (pid ${process.ppid} on ${os.hostname()}, started 2030-01-01T00:00:00.000Z) ` +
          `holds ${lock} and did not finish within 0.2 s; wait for it to finish, or if it is not running, delete ${lock}`,
      ),
    );
    expect(log).toEqual([`waiting for pid ${process.ppid} on ${os.hostname()}, started 2030-01-01T00:00:00.000Z, which holds ${lock}`]);
    expect(fs.existsSync(lock)).toBe(true);
  });

  test('a lock this thread holds is not taken twice', () => {
    const release = acquire();
    expect(() => acquire(50)).toThrow(/another synth \(pid \d+/);
    release();
  });

  test('a lock whose process is gone is taken over, saying so', () => {
    const pid = deadPid();
    holder(pid);
    acquire()();
    expect(log).toEqual([
      `taking over the lock ${lock} of pid ${pid} on ${os.hostname()}, started 2030-01-01T00:00:00.000Z, which is no longer running`,
    ]);
  });

  test('a stale lock whose content keeps changing (retaken by others) is waited for and refused at the deadline, not spun on', () => {
    const dead = deadPid();
    let reads = 0;
    // Every read sees another dead holder: the compare-and-remove never matches.
    const ops = {
      ...nodeOutputFs,
      readFile: () => JSON.stringify({ pid: dead, hostname: os.hostname(), thread: 0, started: `t${reads++}` }),
    };
    holder(dead);
    expect(() => acquireLock(lock, ops, { timeoutMs: 200, what: '/o/dist', log: (line) => log.push(line) })).toThrow(
      /did not finish within 0\.2 s/,
    );
    expect(fs.existsSync(lock)).toBe(true);
  });

  test('a lock naming this thread that it does not hold was left by an abandoned write, and is taken over', () => {
    holder(process.pid, os.hostname(), threadId);
    acquire()();
    expect(log).toEqual([expect.stringMatching(/^taking over the lock .* of pid \d+ .*, which is no longer running$/)]);
  });

  test('a lock of another host is assumed held: its process cannot be checked', () => {
    holder(deadPid(), 'another-host');
    expect(() => acquire(50)).toThrow(/another synth \(pid \d+ on another-host, started/);
  });

  test('a lock without a readable holder is waited for while young, and taken over when old', () => {
    fs.writeFileSync(lock, '');
    expect(() => acquire(50)).toThrow(/another synth \(unknown holder\) holds/);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    acquire()();
    expect(log).toContain(`taking over the lock ${lock} of an unknown holder, which is no longer running`);
  });

  test('a second synth waits for the first to release the lock, then takes it', async () => {
    const child = spawn(process.execPath, [
      '-e',
      `const fs = require('fs');
       fs.writeFileSync(process.argv[1], JSON.stringify({ pid: process.pid, hostname: require('os').hostname(), thread: 0, started: 'now' }), { flag: 'wx' });
       setTimeout(() => fs.unlinkSync(process.argv[1]), 400);`,
      lock,
    ]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for (let i = 0; i < 200 && !fs.existsSync(lock); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    const release = acquire(10_000);
    expect(log).toEqual([`waiting for pid ${child.pid} on ${os.hostname()}, started now, which holds ${lock}`]);
    expect(JSON.parse(fs.readFileSync(lock, 'utf-8')).pid).toBe(process.pid);
    release();
    await exited;
  });
});
