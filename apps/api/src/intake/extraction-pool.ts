import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractionLimits } from '../config/app-config';
import type { KnownActor } from './actor-dictionary';
import { ActorDictionary } from './actor-dictionary';
import { ExtractedCandidate, StatementExtractor } from './extract';

export interface ExtractionJob {
  actors: KnownActor[];
  text: string;
  lang?: string;
  today: string;
  publishedOn?: string;
}

/** Runs one job somewhere and answers its candidates. */
export type ExtractionRunner = (job: ExtractionJob) => Promise<ExtractedCandidate[]>;

/** `Retry-After` of a refused extraction: one extraction of a long article takes well under a second. */
const RETRY_AFTER_SECONDS = 2;

/**
 * Admission for extractions: at most `maxPerUser` running or queued per user (then 429) and
 * `maxPending` over all users (then 503), both with `Retry-After`, so no user and no burst can
 * queue up work that starves the rest.
 */
export class ExtractionGate {
  private pending = 0;
  private readonly perUser = new Map<string, number>();

  constructor(
    private readonly limits: Pick<ExtractionLimits, 'maxPending' | 'maxPerUser'>,
    private readonly runner: ExtractionRunner,
  ) {}

  async run(userId: string, job: ExtractionJob): Promise<ExtractedCandidate[]> {
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= this.limits.maxPerUser) {
      throw new HttpException(
        {
          message: `too many extractions at once: at most ${this.limits.maxPerUser} per user; retry when one has finished`,
          retryAfter: RETRY_AFTER_SECONDS,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (this.pending >= this.limits.maxPending) {
      throw new HttpException(
        { message: `server busy: ${this.limits.maxPending} extractions in progress; retry`, retryAfter: RETRY_AFTER_SECONDS },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    this.pending++;
    this.perUser.set(userId, mine + 1);
    try {
      return await this.runner(job);
    } finally {
      this.pending--;
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    }
  }
}

interface Slot {
  worker: Worker;
  job?: { id: number; resolve: (c: ExtractedCandidate[]) => void; reject: (e: Error) => void };
}

/**
 * A fixed set of worker threads (`EXTRACT_WORKERS`) fed from a queue, so extraction never blocks
 * the event loop that answers every other request (health included). A worker that dies is
 * replaced and its job fails with a 500. Where the compiled worker is absent (specs run from
 * TypeScript sources), jobs run on the event loop instead.
 */
export class ExtractionPool {
  private readonly logger = new Logger('Extraction');
  private readonly script = join(__dirname, 'extract.worker.js');
  private readonly slots: Slot[] = [];
  private readonly queue: { job: ExtractionJob; resolve: (c: ExtractedCandidate[]) => void; reject: (e: Error) => void }[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {}

  get threaded(): boolean {
    return existsSync(this.script);
  }

  run: ExtractionRunner = (job) => {
    if (!this.threaded)
      return Promise.resolve().then(() =>
        new StatementExtractor(new ActorDictionary(job.actors), job.today).extract(job.text, job.lang, job.publishedOn),
      );
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  };

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const { job, resolve, reject } = this.queue.shift()!;
      const id = ++this.nextId;
      slot.job = { id, resolve, reject };
      slot.worker.postMessage({ id, job });
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script) };
    slot.worker.unref();
    slot.worker.on('message', (message: { id: number; candidates?: ExtractedCandidate[]; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      slot.job = undefined;
      if (message.error) job.reject(new Error(message.error));
      else job.resolve(message.candidates ?? []);
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      if (slot.job) slot.job.reject(error);
      slot.job = undefined;
      if (!this.closed) this.logger.error(`extraction worker stopped: ${error.message}`);
      this.dispatch();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const { reject } of this.queue.splice(0)) reject(new Error('server stopping'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
