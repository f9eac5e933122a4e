import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { PositionAggregates1732400000000 } from './1732400000000-position-aggregates';
import { FilterGeneration1732500000000 } from './1732500000000-filter-generation';
import { StatementLabels1732600000000 } from './1732600000000-statement-labels';
import { HierarchyMoves1732900000000 } from './1732900000000-hierarchy-moves';
import { AccountIdentity1733000000000 } from './1733000000000-account-identity';
import { ArabicLightStemming1733100000000 } from './1733100000000-arabic-light-stemming';
import { StemmedNameAndTranslationIndexes1733100001000 } from './1733100001000-stemmed-name-and-translation-indexes';
import { SearchHighlight1733100002000 } from './1733100002000-search-highlight';
import { PositionFacts1733300000000 } from './1733300000000-position-facts';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  InitialSchema1732300000000,
  PositionAggregates1732400000000,
  FilterGeneration1732500000000,
  StatementLabels1732600000000,
  HierarchyMoves1732900000000,
  AccountIdentity1733000000000,
  ArabicLightStemming1733100000000,
  StemmedNameAndTranslationIndexes1733100001000,
  SearchHighlight1733100002000,
  PositionFacts1733300000000,
];
