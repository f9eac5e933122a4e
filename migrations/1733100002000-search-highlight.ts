import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `stance_highlight(body, lang, query)`: the text with the words that meet a full-text query
 * wrapped in `<mark>`…`</mark>` and everything else HTML-escaped (what `ts_headline` does, but
 * with the matching of the search document: exact normalised word, the Snowball stem of the text's
 * language, or the Arabic light stem). Words are the default parser's tokens; compound tokens
 * (hyphenated words, URLs) are skipped in favour of their parts, so the pieces add up to the text;
 * should they not, the text comes back escaped without marks.
 */
export class SearchHighlight1733100002000 implements MigrationInterface {
  name = 'SearchHighlight1733100002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION stance_html_escape(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT replace(replace(replace(replace(replace(input, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_highlight(body text, lang text, query tsquery) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
        WITH lexemes AS (
          SELECT coalesce(array_agg(DISTINCT replace(m[1], '''''', '''')), '{}') AS l
            FROM regexp_matches(coalesce(query::text, ''), '''((?:[^'']|'''')+)''', 'g') m),
        tokens AS (
          SELECT p.n, p.token, p.tokid <> 12 AND EXISTS (SELECT 1 FROM unnest(l) x WHERE strpos(w.n, left(x, 2)) > 0) AND (
                   w.n = ANY(l) OR stance_arabic_stem(w.n) = ANY(l)
                   OR tsvector_to_array(to_tsvector(stance_ts_config(lang), w.n)) && l) AS hit
            FROM lexemes, ts_parse('default', coalesce(body, '')) WITH ORDINALITY AS p(tokid, token, n)
            CROSS JOIN LATERAL (SELECT stance_normalize(p.token) AS n) w
           WHERE p.tokid NOT IN (5, 15, 16, 17))
        SELECT CASE WHEN string_agg(token, '' ORDER BY n) IS NOT DISTINCT FROM body
                    THEN string_agg(CASE WHEN hit THEN '<mark>' || stance_html_escape(token) || '</mark>' ELSE stance_html_escape(token) END, '' ORDER BY n)
                    ELSE stance_html_escape(body) END
          FROM tokens
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION stance_highlight(text, text, tsquery)`);
    await q.query(`DROP FUNCTION stance_html_escape(text)`);
  }
}
