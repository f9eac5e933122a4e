import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evalActors, readEvalSet, scoreExtraction } from './intake/extraction-eval';

/**
 * `npm run eval:extraction`: the extraction development set (EXTRACTION_DEV_DIR, default
 * ../shared/extraction-dev beside the repository) through the extractor; exits 1 below the
 * targets (EXTRACTION_GOAL, default 0.9 for recall, precision, kind and actor in every language).
 */
function main(): void {
  const repoRoot = process.cwd();
  const dir = resolve(repoRoot, process.env.EXTRACTION_DEV_DIR ?? '../shared/extraction-dev');
  if (!existsSync(join(dir, 'actors.json'))) {
    console.error(`eval:extraction: no extraction set at ${dir} (set EXTRACTION_DEV_DIR)`);
    process.exit(2);
  }
  const goal = (process.env.EXTRACTION_GOAL ?? '0.9,0.9,0.9,0.9').split(',').map(Number);
  const { actors, roots } = evalActors(repoRoot, dir);
  const articles = readEvalSet(dir).filter((a) => !process.env.ONLY || a.file.includes(process.env.ONLY));
  const { scores, notes } = scoreExtraction(articles, actors, roots);
  if (process.env.VERBOSE) console.log(notes.join('\n'));
  let ok = true;
  for (const [lang, s] of Object.entries(scores)) {
    const figures = [s.recall, s.precision, s.kindRight, s.actorRight];
    const pass = figures.every((f, i) => f >= goal[i]);
    ok &&= pass;
    console.log(
      `${lang}: recall ${s.recall.toFixed(2)}, precision ${s.precision.toFixed(2)}, kind ${s.kindRight.toFixed(2)}, ` +
        `speaker→actor ${s.actorRight.toFixed(2)} (${s.matched} of ${s.gold} gold, ${s.candidates} candidates)${pass ? '' : '  BELOW TARGET'}`,
    );
  }
  process.exit(ok ? 0 : 1);
}

main();
