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
/** Candidates are read from the trigram indexes down to this share of minScore. */
const CANDIDATE_FACTOR = 0.8;

/**
 * Near-duplicates among live statements: trigram similarity of the normalised wordings
 * (`stance_normalize`, so hamza, diacritics and tatweel do not matter), or of their Arabic light
 * stems when that is higher (the same quote with other articles and endings). The probe's text and
 * translations are compared with each statement's text through the trigram index (`%`), and with
 * its translations through theirs (`%>`), so a quote reported in Arabic finds its English twin
 * either way. Each match says why: `same text` (the normalised wording is identical), `translation`
 * (a translation on either side matched) or `similar wording`.
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
      // `%` and `%>` use these thresholds, and with them the trigram indexes; LOCAL ends with the transaction.
      // Candidates are taken a little below minScore, as light stemming can lift a pair above it.
      const threshold = String(Math.max(0.1, minScore * CANDIDATE_FACTOR));
      await manager.query(
        `SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('pg_trgm.word_similarity_threshold', $1, true)`,
        [threshold],
      );
      const rows = await manager.query<(SimilarStatementDto & { score: string })[]>(
        `
        WITH probe AS (
          SELECT DISTINCT ON (t) t, stance_arabic_stem(t) AS stem, n > 1 AS translated
            FROM (SELECT stance_normalize(p) AS t, n FROM unnest($1::text[]) WITH ORDINALITY AS u(p, n) WHERE btrim(p) <> '') x
           ORDER BY t, n),
        hits AS (
          SELECT s.id, similarity(stance_normalize(s.text), probe.t) AS raw,
                 similarity(stance_arabic_stem(stance_normalize(s.text)), probe.stem) AS stemmed,
                 'text' AS matched_on, probe.translated
            FROM statements s JOIN probe ON stance_normalize(s.text) % probe.t
           WHERE s.deleted_at IS NULL
          UNION ALL
          SELECT s.id, similarity(stance_normalize(tr.value), probe.t),
                 similarity(stance_arabic_stem(stance_normalize(tr.value)), probe.stem), tr.key, true
            FROM statements s
            JOIN probe ON stance_translations_text(s.translations) %> probe.t
            CROSS JOIN LATERAL jsonb_each_text(s.translations) tr
           WHERE s.deleted_at IS NULL AND s.translations <> '{}'::jsonb
        ),
        best AS (
          SELECT DISTINCT ON (id) id, greatest(raw, stemmed) AS score, matched_on,
                 CASE WHEN translated THEN 'translation' WHEN raw = 1 THEN 'same text' ELSE 'similar wording' END AS reason
            FROM hits
           WHERE ($2::uuid IS NULL OR id <> $2::uuid) AND greatest(raw, stemmed) >= $4
           ORDER BY id, greatest(raw, stemmed) DESC, raw DESC
        )
        SELECT s.id, s.text, s.lang, s.kind, s.actor_id AS "actorId", a.name AS "actorName", s.speaker_id AS "speakerId",
               s.source_id AS "sourceId", src.title AS "sourceTitle", to_char(s.said_on, 'YYYY-MM-DD') AS "saidOn", s.status,
               round(best.score::numeric, 3) AS score, best.matched_on AS "matchedOn", best.reason
          FROM best
          JOIN statements s ON s.id = best.id
          JOIN actors a ON a.id = s.actor_id
          LEFT JOIN sources src ON src.id = s.source_id
         ORDER BY best.score DESC, s.said_on DESC, s.id
         LIMIT $3`,
        [probes, options.excludeId ?? null, limit, minScore],
      );
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    });
  }
}
