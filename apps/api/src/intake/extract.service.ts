import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActorDictionary, KnownActor } from './actor-dictionary';
import { ExtractedCandidate, StatementExtractor } from './extract';

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
export class ExtractService {
  constructor(private readonly dataSource: DataSource) {}

  async extract(text: string, lang?: string): Promise<{ candidates: ExtractedCandidate[] }> {
    const extractor = new StatementExtractor(new ActorDictionary(await this.actors()));
    return { candidates: extractor.extract(text, lang) };
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
