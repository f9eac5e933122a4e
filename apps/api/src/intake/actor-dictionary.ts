import { isLetter, normalize } from '../common/text-normalize';

/** What extraction needs to know of an actor: every name it goes by, and a person's offices. */
export interface KnownActor {
  id: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  kind: string;
  parentId?: string | null;
  roles?: { actorId: string; from: string | null; to: string | null }[];
}

/** A name of an actor found in normalised text: `[start, end)` offsets in that text. */
export interface NameMatch {
  actor: KnownActor;
  start: number;
  end: number;
}

interface Entry {
  key: string;
  actor: KnownActor;
  caseSensitive: boolean;
  raw: string;
  words: string[];
}

/** Arabic proclitics that may stick to a name: و ف ب ل (and ال on adjectives is already in the aliases). */
const PREFIXES = new Set(['و', 'ف', 'ب', 'ل']);

/**
 * Every name and alias of every actor, longest first, matched on word boundaries after Arabic
 * normalisation. Acronyms written in capitals (UN, MoD) only match in capitals.
 */
export class ActorDictionary {
  private readonly entries: Entry[];
  private readonly byId: Map<string, KnownActor>;

  constructor(actors: KnownActor[]) {
    this.byId = new Map(actors.map((a) => [a.id, a]));
    const entries: Entry[] = [];
    for (const actor of actors) {
      const all = new Set([actor.name, ...Object.values(actor.names ?? {}), ...(actor.aliases ?? [])].filter((n) => n && n.trim()));
      for (const raw of all) {
        const caseSensitive = /^[A-Z.]{2,}$/.test(raw) || /^[A-Z][a-z]?[A-Z]+$/.test(raw);
        const key = normalize(raw.trim());
        entries.push({ key, actor, caseSensitive, raw: raw.trim(), words: key.split(/\s+/) });
      }
    }
    this.entries = entries.filter((e) => e.key.length >= 2).sort((a, b) => b.key.length - a.key.length);
  }

  get(id: string | null | undefined): KnownActor | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  /** Whether `ancestorId` is above `id` in the hierarchy (Turkey above its foreign ministry). */
  isAncestor(ancestorId: string, id: string): boolean {
    const seen = new Set<string>();
    for (let at = this.get(id)?.parentId; at && !seen.has(at); at = this.get(at)?.parentId) {
      if (at === ancestorId) return true;
      seen.add(at);
    }
    return false;
  }

  /** The child of `parentId` one of whose names contains `phrase` (normalised): "presidency", "foreign ministry". */
  childNamed(parentId: string, phrase: string): KnownActor | undefined {
    return this.entries.find((e) => e.actor.parentId === parentId && ` ${e.key} `.includes(` ${phrase} `))?.actor;
  }

  /** Actors one of whose names contains the normalised word `word` ("وزاره", "ministry"). */
  namedWith(word: string): Set<string> {
    const ids = new Set<string>();
    for (const entry of this.entries) if (entry.words.includes(word)) ids.add(entry.actor.id);
    return ids;
  }

  /**
   * All non-overlapping names in `normalized` (`original` is the same text before normalisation,
   * with `map` from normalised to original offsets, for the case-sensitive acronyms); longest wins.
   */
  findAll(normalized: string, original?: { text: string; map: number[] }): NameMatch[] {
    const taken = new Array<boolean>(normalized.length).fill(false);
    const found: NameMatch[] = [];
    for (const entry of this.entries) {
      for (const key of entry.key.startsWith('ال') ? [entry.key, `لل${entry.key.slice(2)}`] : [entry.key])
        this.findKey(normalized, key, entry, taken, found, original);
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /** "للأمم المتحدة": ل before ال drops the alef, so a name with ال is also looked for as لل…. */
  private findKey(
    normalized: string,
    key: string,
    entry: Entry,
    taken: boolean[],
    found: NameMatch[],
    original?: { text: string; map: number[] },
  ): void {
    {
      let from = 0;
      for (;;) {
        const at = normalized.indexOf(key, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + key.length;
        if (!this.bounded(normalized, at, end)) continue;
        if (entry.caseSensitive && original) {
          const slice = original.text.slice(original.map[at], original.map[end - 1] + 1);
          if (slice !== entry.raw) continue;
        }
        let free = true;
        for (let i = at; i < end && free; i++) free = !taken[i];
        if (!free) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        found.push({ actor: entry.actor, start: at, end });
      }
    }
  }

  /** The actor a person speaks for on `date` (YYYY-MM-DD): the role held then, else the latest one. */
  roleActor(person: KnownActor, date: string): string | null {
    const roles = person.roles ?? [];
    const current = roles.filter((r) => (!r.from || r.from <= date) && (!r.to || r.to >= date));
    const pick = (list: typeof roles) => [...list].sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''))[0];
    return (pick(current) ?? pick(roles))?.actorId ?? null;
  }

  private bounded(text: string, start: number, end: number): boolean {
    if (isLetter(text[end])) return false;
    if (!isLetter(text[start - 1])) return true;
    return PREFIXES.has(text[start - 1]) && !isLetter(text[start - 2]);
  }
}
