import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/** A simulator running in a child process (see `sim-process.ts`). */
export interface RemoteSimulator {
  url: string;
  /** Calls a simulator method by path, e.g. `call(['kendra', 'putDocuments'], indexId, docs)`. */
  call<T = unknown>(path: string[], ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the loopback simulator in a child process. Arguments travel with the
 * structured-clone ("advanced") serialization, so `Infinity` survives.
 */
export async function startRemoteSimulator(): Promise<RemoteSimulator> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'sim-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator process exited with ${code}`)));
    child.on('message', (message: { ready?: boolean; url?: string; id?: number; result?: unknown; error?: string }) => {
      if (message.ready && message.url) {
        resolve(message.url);
        return;
      }
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  });
  return {
    url,
    call<T>(path: string[], ...args: unknown[]) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, path, args });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      });
    },
  };
}
