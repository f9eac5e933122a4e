import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SimilarStatementDto } from './dto/intake.dto';

export interface SimilarOptions {
  minScore?: number;
  limit?: number;
  excludeId?: string;
}

const DEFAULT_MIN_SCORE = 0.3;
const DEFAULT_LIMIT = 10;

/**
 * Near-duplicates among live statements: trigram similarity of the normalised wordings
 * (`stance_normalize`, so hamza, diacritics and tatweel do not matter). The probe's text and
 * translations are compared with each statement's text through the trigram index (`%`), and
 * with its translations, so a quote reported in Arabic finds its English twin either way.
 */
@Injectable()
export class SimilarService {
  constructor(private readonly dataSource: DataSource) {}

  async forStatement(id: string, options: SimilarOptions): Promise<SimilarStatementDto[]> {
    const rows = await this.dataSource.query<{ text: string; translations: Record<string, string> }[]>(
      `SELECT text, translations FROM statements WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    if (!rows.length) throw new NotFoundException(`statement ${id} not found`);
    return this.forTexts([rows[0].text, ...Object.values(rows[0].translations ?? {})], { ...options, excludeId: id });
  }

  async forText(text: string, translations: Record<string, string> | undefined, options: SimilarOptions): Promise<SimilarStatementDto[]> {
    const extra = Object.values(translations ?? {}).filter((t): t is string => typeof t === 'string' && t.trim().length > 0);
    return this.forTexts([text, ...extra], options);
  }

  private async forTexts(probes: string[], options: SimilarOptions): Promise<SimilarStatementDto[]> {
    const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    const limit = options.limit ?? DEFAULT_LIMIT;
    return this.dataSource.transaction(async (manager) => {
      // `%` uses this threshold, and with it the GIN index on stance_normalize(text); LOCAL ends with the transaction.
      await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(minScore)]);
      const rows = await manager.query<(SimilarStatementDto & { score: string })[]>(
        `
        WITH probe AS (SELECT DISTINCT stance_normalize(p) AS t FROM unnest($1::text[]) p WHERE btrim(p) <> ''),
        hits AS (
          SELECT s.id, similarity(stance_normalize(s.text), probe.t) AS score, 'text' AS matched_on
            FROM statements s JOIN probe ON stance_normalize(s.text) % probe.t
           WHERE s.deleted_at IS NULL
          UNION ALL
          SELECT s.id, similarity(stance_normalize(tr.value), probe.t), tr.key
            FROM statements s
            CROSS JOIN LATERAL jsonb_each_text(s.translations) tr
            JOIN probe ON stance_normalize(tr.value) % probe.t
           WHERE s.deleted_at IS NULL AND s.translations <> '{}'::jsonb
        ),
        best AS (
          SELECT DISTINCT ON (id) id, score, matched_on FROM hits
           WHERE $2::uuid IS NULL OR id <> $2::uuid
           ORDER BY id, score DESC
        )
        SELECT s.id, s.text, s.lang, s.kind, s.actor_id AS "actorId", a.name AS "actorName", s.speaker_id AS "speakerId",
               s.source_id AS "sourceId", src.title AS "sourceTitle", to_char(s.said_on, 'YYYY-MM-DD') AS "saidOn", s.status,
               round(best.score::numeric, 3) AS score, best.matched_on AS "matchedOn"
          FROM best
          JOIN statements s ON s.id = best.id
          JOIN actors a ON a.id = s.actor_id
          LEFT JOIN sources src ON src.id = s.source_id
         ORDER BY best.score DESC, s.said_on DESC, s.id
         LIMIT $3`,
        [probes, options.excludeId ?? null, limit],
      );
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    });
  }
}
