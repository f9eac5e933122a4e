import { normalize } from '../common/text-normalize';

/**
 * The reporting verbs that introduce a statement, as dictionaries. Arabic forms are written
 * normalised (no hamza seats, no shadda) and inflected for she / they / the two of them; the
 * conjunctions و and ف are stripped before lookup.
 */
export type CueMeaning = 'say' | 'condemn' | 'support' | 'call_for' | 'according_to';

const ARABIC_STEMS: [string[], CueMeaning][] = [
  [
    [
      'قال',
      'اكد',
      'اعلن',
      'اشار',
      'افاد',
      'اعتبر',
      'اضاف',
      'شدد',
      'حذر',
      'اوضح',
      'صرح',
      'نفي',
      'اتهم',
      'رفض',
      'اعرب',
      'ذكر',
      'كشف',
      'تابع',
      'اردف',
      'استطرد',
      'لفت',
      'نوه',
      'جدد',
      'وصف',
      'شكر',
      'زعم',
      'هدد',
      'توعد',
      'تعهد',
      'اعترف',
      'ابلغ',
      'اقر',
      'راي',
      'ختم',
      'استبعد',
      'رجح',
      'توقع',
      'نبه',
      'اوضحت',
      'عبر',
      'ابدي',
      'علق',
    ],
    'say',
  ],
  [['ندد', 'ادان', 'استنكر'], 'condemn'],
  [['رحب', 'ايد'], 'support'],
  [['دعا', 'طالب', 'ناشد'], 'call_for'],
];

/** she / they (m.) / the two / the two (f.) */
function inflections(stem: string): string[] {
  if (stem.endsWith('ا') || stem.endsWith('ي')) {
    const root = stem.slice(0, -1);
    return [stem, `${root}ت`, `${root}وا`, `${root}تا`, `${root}وا`];
  }
  return [stem, `${stem}ت`, `${stem}وا`, `${stem}ا`, `${stem}تا`];
}

const ARABIC = new Map<string, CueMeaning>();
for (const [stems, meaning] of ARABIC_STEMS) for (const stem of stems) for (const form of inflections(stem)) ARABIC.set(form, meaning);
/** The imperfect of the commonest verbs ("يقول", "تؤكد"), as live reports and agency copy use it. */
for (const form of [
  'يقول',
  'تقول',
  'يقولون',
  'يوكد',
  'توكد',
  'يري',
  'تري',
  'يعتبر',
  'تعتبر',
  'يشير',
  'تشير',
  'يضيف',
  'تضيف',
  'يحذر',
  'تحذر',
])
  ARABIC.set(form, 'say');
for (const form of ['يدعو', 'تدعو', 'يطالب', 'تطالب']) ARABIC.set(form, 'call_for');

/**
 * Cues that are also common other words ("بين" between, "علق" hung, "عبر" across, "راي" opinion,
 * "ختم" seal): they report only when a complementizer or preposition follows.
 */
export const ARABIC_CUES_NEEDING_COMPLEMENT = new Set(
  ['بين', 'بينت', 'علق', 'علقت', 'عبر', 'عبرت', 'راي', 'رات', 'راوا', 'ختم', 'ختمت', 'لفت', 'لفتت', 'تابع', 'تابعت'].flatMap((w) => [
    w,
    `و${w}`,
    `ف${w}`,
  ]),
);
ARABIC.set('بين', 'say');
ARABIC.set('بينت', 'say');

/** "according to": introduces the source, never a clause of its own when a verb is present. */
const ARABIC_ACCORDING_TO = new Set(['وفق', 'وفقا', 'بحسب', 'حسب', 'نقلا']);

/** Looks a normalised Arabic word up, with or without a leading و / ف; `prefix` is how many letters were stripped. */
export function arabicCue(word: string): { meaning: CueMeaning; prefix: number } | undefined {
  if (ARABIC_ACCORDING_TO.has(word)) return { meaning: 'according_to', prefix: 0 };
  const direct = ARABIC.get(word);
  if (direct) return { meaning: direct, prefix: 0 };
  if ((word.startsWith('و') || word.startsWith('ف')) && word.length > 3) {
    const rest = word.slice(1);
    if (ARABIC_ACCORDING_TO.has(rest)) return { meaning: 'according_to', prefix: 1 };
    const meaning = ARABIC.get(rest);
    if (meaning) return { meaning, prefix: 1 };
  }
  return undefined;
}

/** Words that may stand before a clause-initial Arabic verb without being its subject. */
export const ARABIC_LEADS = new Set([
  'و',
  'ثم',
  'قد',
  'وقد',
  'فقد',
  'كما',
  'وكما',
  'لكنه',
  'لكنها',
  'لكنهم',
  'ولكنه',
  'ولكنها',
  'ولكنهم',
  'بدوره',
  'بدورها',
  'وبدوره',
  'وبدورها',
  'من',
  'جهته',
  'جهتها',
  'جهتهم',
  'بينما',
  'فيما',
  'وفيما',
  'حيث',
  'وحيث',
  'بدورها',
  'اليوم',
  'امس',
  'كذلك',
  'وكذلك',
  'ايضا',
]);

/** كان / كانت (…قد): "وكانت السلطات قد دعت" puts the subject before the verb. */
export const ARABIC_KANA = new Set(['كان', 'كانت', 'وكان', 'وكانت', 'كانوا', 'وكانوا']);

/** Words after a cue that end the speaker's noun phrase. */
export const ARABIC_MENTION_STOPS = new Set([
  'ان',
  'بان',
  'انه',
  'انها',
  'انهم',
  'الي',
  'علي',
  'في',
  'خلال',
  'عبر',
  'امس',
  'اليوم',
  'مساء',
  'صباح',
]);

const ENGLISH_SINGLE: Record<string, CueMeaning> = {
  said: 'say',
  says: 'say',
  told: 'say',
  tells: 'say',
  stated: 'say',
  added: 'say',
  adds: 'say',
  announced: 'say',
  warned: 'say',
  insisted: 'say',
  stressed: 'say',
  noted: 'say',
  claimed: 'say',
  declared: 'say',
  denied: 'say',
  accused: 'say',
  rejected: 'say',
  asserted: 'say',
  condemned: 'condemn',
  condemns: 'condemn',
  denounced: 'condemn',
  welcomed: 'support',
  reiterated: 'say',
  reiterates: 'say',
  underscored: 'say',
  underlined: 'say',
  emphasised: 'say',
  emphasized: 'say',
  explained: 'say',
  argued: 'say',
  confirmed: 'say',
  acknowledged: 'say',
  admitted: 'say',
  alleged: 'say',
  recalled: 'say',
  observed: 'say',
  commented: 'say',
  remarked: 'say',
  predicted: 'say',
  vowed: 'say',
  pledged: 'say',
  promised: 'say',
  threatened: 'say',
  assured: 'say',
  reaffirmed: 'say',
  maintained: 'say',
  contended: 'say',
  countered: 'say',
  wrote: 'say',
  tweeted: 'say',
  posted: 'say',
  warns: 'say',
  insists: 'say',
  stresses: 'say',
  notes: 'say',
  claims: 'say',
  denies: 'say',
  accuses: 'say',
  rejects: 'say',
  announces: 'say',
  appealed: 'call_for',
  urged: 'call_for',
  urges: 'call_for',
  demanded: 'call_for',
};

/** Looks up an English cue at word `i` of `words` (lower case); `length` is how many words it spans. */
export function englishCue(words: string[], i: number): { meaning: CueMeaning; length: number } | undefined {
  const w = words[i];
  const next = words[i + 1];
  if ((w === 'called' || w === 'calls' || w === 'call') && (next === 'for' || next === 'on')) return { meaning: 'call_for', length: 2 };
  if (w === 'according' && next === 'to') return { meaning: 'according_to', length: 2 };
  const meaning = ENGLISH_SINGLE[w];
  return meaning ? { meaning, length: 1 } : undefined;
}

const ENGLISH_PARTICIPLES: Record<string, CueMeaning> = {
  adding: 'say',
  noting: 'say',
  saying: 'say',
  warning: 'say',
  stating: 'say',
  stressing: 'say',
  insisting: 'say',
  claiming: 'say',
  explaining: 'say',
  arguing: 'say',
  emphasising: 'say',
  emphasizing: 'say',
  underlining: 'say',
  underscoring: 'say',
  reiterating: 'say',
  recalling: 'say',
  asserting: 'say',
  acknowledging: 'say',
  accusing: 'say',
  denying: 'say',
  describing: 'say',
  telling: 'say',
  condemning: 'condemn',
  welcoming: 'support',
  urging: 'call_for',
};

/** "adding that", "noting", "calling for": a participle that reports, at word `i`. */
export function englishParticiple(words: string[], i: number): { meaning: CueMeaning; length: number } | undefined {
  const w = words[i];
  if ((w === 'calling' && (words[i + 1] === 'for' || words[i + 1] === 'on')) || (w === 'pointing' && words[i + 1] === 'out'))
    return { meaning: w === 'calling' ? 'call_for' : 'say', length: 2 };
  const meaning = ENGLISH_PARTICIPLES[w];
  return meaning ? { meaning, length: 1 } : undefined;
}

/** Words after which a new clause, with its own subject, begins: "… said X, while Y said Z". */
export const ENGLISH_CONNECTORS = new Set(['while', 'whereas', 'but', 'and', 'after', 'although', 'though', 'as']);

export const ENGLISH_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we']);
export const ENGLISH_LEADS = new Set(['and', 'but', 'also', 'however', 'meanwhile', 'later', 'then', 'has', 'have', 'had', 'also,']);

/** Wording that shows support in the clause itself ("نحن ندعم", "we support"), unless negated. */
export const ARABIC_SUPPORT = /(^|[^\p{L}])(?:[وف]?(?:ن|ي|ت)?دعم|[وف]?تاييد|[وف]?يويد|[وف]?نويد)(?=$|[^\p{L}])/u;
export const ARABIC_NEGATION = /(^|[^\p{L}])(?:لا|لن|لم|ليس)\s+\S*$/u;
export const ENGLISH_SUPPORT = /\b(?:support|supports|supported|backs|backed|endorse[sd]?)\b/i;
export const ENGLISH_NEGATION = /\b(?:not|never|no|n't)\s*$/i;

/** Participles after a comma that continue the same speaker's statement: "، مبديةً استعدادها …". */
export const ARABIC_PARTICIPLES = new Set(
  [
    'مبدي',
    'مطالب',
    'مشدد',
    'موكد',
    'معتبر',
    'داعي',
    'محذر',
    'مضيف',
    'مكرر',
    'معرب',
    'مشير',
    'لافت',
    'موضح',
    'قايل',
    'مبين',
    'منوه',
    'واصف',
    'متابع',
    'مردف',
    'مجدد',
    'مستدرك',
    'متهم',
    'نافي',
    'مرحب',
    'مندد',
    'مستنكر',
    'متوعد',
    'مهدد',
    'معلن',
  ].flatMap((s) => [`${s}ه`, `${s}ا`, `و${s}ه`, `و${s}ا`]),
);

/** Verbal nouns that report a statement when the speaker's name follows: "اعتبار وزارة الخارجية التركية أن". */
export const ARABIC_MASDARS = new Set(['اعتبار', 'تاكيد', 'اعلان', 'تحذير', 'اشاره', 'مطالبه']);

/**
 * Words of titles and offices, not names: "Foreign Minister", "spokesman", "رئيس لجنة الأمن القومي".
 * A speaker mention's name is what is left once these (and known actors' names) are set aside.
 */
export const ENGLISH_TITLE_WORDS = new Set(
  (
    'president vice prime minister ministry foreign defence defense interior deputy secretary general spokesman spokeswoman ' +
    'spokesperson press official officials head chief leader adviser advisor envoy special ambassador representative permanent ' +
    'chairman chairwoman chair speaker commander senior top former acting mr mrs ms dr sheikh emir king crown prince sir gen ' +
    'general lt col colonel major brigadier admiral senator sen rep representative governor mayor director council committee ' +
    'parliament parliamentary member state department office national security affairs the of for and to a an his her its their ' +
    'european high commissioner coordinator undersecretary under assistant executive supreme lord first lady'
  ).split(/\s+/),
);

/** Arabic office nouns in construct state and title words: "وزير", "المتحدث باسم", "الأمين العام". */
export const ARABIC_TITLE_WORDS = new Set(
  (
    'رئيس رئيسه الرئيس وزير وزيره الوزير نائب مساعد مستشار المستشار سفير السفير مندوب المندوب ممثل الممثل قائد القائد زعيم الزعيم ' +
    'متحدث المتحدث المتحدثه الناطق الناطقه ناطق باسم الرسمي الرسميه الامين امين العام العامه المبعوث مبعوث الخاص عضو مدير المدير ' +
    'لجنه اللجنه الامن القومي السياسه والسياسه الخارجيه الدفاع الداخليه وزاره الوزاره الوزراء البرلمان مجلس المجلس النواب الشوري ' +
    'الحكومه حكومه الجيش جيش قوات القوات البيان بيان المكتب مكتب الاعلامي السياسي السيد الدكتور الشيخ الامير الملك ولي العهد ' +
    'المرشد الاعلي الجنرال اللواء العميد العقيد الفريق المشير رئاسه الرئاسه هيئه الاركان العسكري المسؤول مسؤول المسؤولين دوله الدوله ' +
    'في من عن مع'
  )
    .split(/\s+/)
    .map((w) => normalize(w)),
);

/** Outlets and agencies: a channel or an addressee, never the speaker ("Reuters reported", "نقلت وكالة … عن"). */
export const ENGLISH_OUTLETS =
  /\b(?:Reuters|AP|Associated Press|AFP|Agence France-Presse|TASS|Interfax|RIA(?: Novosti)?|Sputnik|Anadolu|AA|Xinhua|IRNA|Mehr|Tasnim|ISNA|Fars|KUNA|WAM|SPA|QNA|MENA|APA|Trend|Report|Armenpress|news agency|agency|newspaper|broadcaster|BBC|CNN|Al Jazeera|state media|state television|television|TV|radio|daily|outlet)\b/;
export const ARABIC_OUTLETS = new Set(
  (
    'وكاله الوكاله رويترز فرانس برس اسوشيتد بريس تاس انترفاكس نوفوستي سبوتنيك الاناضول شينخوا ارنا مهر تسنيم فارس ايسنا كونا وام واس قنا ' +
    'صحيفه الصحيفه قناه القناه موقع التلفزيون تلفزيون الاذاعه اذاعه'
  )
    .split(/\s+/)
    .map((w) => normalize(w)),
);

/** Complementizers and the prepositions reporting verbs govern: "أن", "إنه", "بأن", "إلى", "على", "عن". */
export const ARABIC_COMPLEMENTS = new Set(['ان', 'انه', 'انها', 'انهم', 'اننا', 'بان', 'بانه', 'بانها', 'الي', 'علي', 'عن', 'قايلا']);

/** Auxiliaries of the passive: "was announced by" reports no one's statement. */
export const ENGLISH_PASSIVE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be']);
/** Documents that speak for their author: "a statement saying …". */
export const ENGLISH_DOCUMENTS = new Set(['statement', 'letter', 'post', 'message', 'communique', 'note', 'release', 'tweet', 'video']);
