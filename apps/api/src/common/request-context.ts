import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/**
 * Whether the client of the request being served is still there. Under overload, requests queue
 * for a database connection; a client that gave up meanwhile (closed its connection) would still
 * have its queries run, and the backlog would outlive the clients that made it. Reads check this
 * once they have a connection and skip the work of a request nobody waits for.
 */
const requests = new AsyncLocalStorage<AbortSignal>();

/** Thrown instead of running a read for a client that has closed its connection; never answered. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed its connection before the answer');
  }
}

/** Express middleware: the rest of the request runs with a signal that aborts when its client goes away. */
export function trackClient(_request: Request, response: Response, next: NextFunction): void {
  const gone = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  requests.run(gone.signal, next);
}

/** Throws `ClientGoneError` when the current request's client has closed its connection. */
export function throwIfClientGone(): void {
  if (requests.getStore()?.aborted) throw new ClientGoneError();
}
