import { parentPort } from 'node:worker_threads';
import { ActorDictionary } from './actor-dictionary';
import { StatementExtractor } from './extract';
import type { ExtractionJob } from './extraction-pool';

/** Runs extractions off the API's event loop: one job at a time, answered by its id. */
parentPort?.on('message', (message: { id: number; job: ExtractionJob }) => {
  const { id, job } = message;
  try {
    const extractor = new StatementExtractor(new ActorDictionary(job.actors), job.today);
    parentPort?.postMessage({ id, candidates: extractor.extract(job.text, job.lang, job.publishedOn) });
  } catch (error) {
    parentPort?.postMessage({ id, error: String((error as Error)?.stack ?? error) });
  }
});
