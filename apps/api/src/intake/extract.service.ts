import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { KnownActor } from './actor-dictionary';
import { ExtractedCandidate } from './extract';
import { ExtractionGate, ExtractionPool } from './extraction-pool';

interface ActorRow {
  id: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  kind: string;
  parentId: string | null;
  roles: { actorId: string; from: string | null; to: string | null }[];
}

/** Builds the dictionary from the actors as they are now (a small table) and runs the extractor. */
@Injectable()
export class ExtractService implements OnModuleDestroy {
  private readonly pool: ExtractionPool;
  private readonly gate: ExtractionGate;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pool = new ExtractionPool(config.extraction.workers);
    this.gate = new ExtractionGate(config.extraction, this.pool.run);
  }

  async extract(userId: string, text: string, lang?: string, publishedOn?: string): Promise<{ candidates: ExtractedCandidate[] }> {
    const today = new Date().toISOString().slice(0, 10);
    const candidates = await this.gate.run(userId, { actors: await this.actors(), text, lang, today, publishedOn });
    return { candidates };
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.onModuleDestroy();
  }

  private async actors(): Promise<KnownActor[]> {
    return this.dataSource.query<ActorRow[]>(`
      SELECT a.id, a.name, a.names, a.aliases, a.kind, a.parent_id AS "parentId",
             coalesce((SELECT json_agg(json_build_object(
                         'actorId', r.actor_id,
                         'from', to_char(r.started_on, 'YYYY-MM-DD'),
                         'to', to_char(r.ended_on, 'YYYY-MM-DD')))
                       FROM actor_roles r WHERE r.person_id = a.id), '[]'::json) AS roles
        FROM actors a`);
  }
}
