// The relation vocabulary (data): canonical labels and the phrases that map to
// them. A phrase is the text between two mentions, lower-cased, with auxiliaries
// ("is", "was", "may be") and adverbs already removed by the extractor.

export interface RelationRule {
  label: string;
  /** Matched against the whole connecting phrase. */
  pattern: RegExp;
  /** "X owns Y" is stored as (Y, owned_by, X). */
  inverse?: boolean;
}

/** Order matters: the first rule whose pattern matches wins. */
export const verbRules: RelationRule[] = [
  { label: 'owned_by', pattern: /^(belongs?|belonged) to$|^owned by$/ },
  // "made by Morris & Co. to designs by Edward Burne-Jones": who designed it.
  { label: 'designed_by', pattern: /^to (?:a |the )?designs? by$/ },
  // "trained under the engineer William Tierney Clark", "studied under Henry Moore": a master and the one taught.
  { label: 'apprenticed_to', pattern: /^(?:and )?(trained|studied|worked|served|learned|learnt) under$|^(?:and )?(apprenticed|articled) to$/ },
  { label: 'owned_by', pattern: /^(owns?|owned|bought|buys?)$/, inverse: true },
  { label: 'comes_from', pattern: /^(comes?|came|is supplied|supplied|drawn|draws?|bought|imported) from$/ },
  { label: 'paid_into', pattern: /^(goes?|went|paid|put) into$|^paid to$/ },
  { label: 'sent_to', pattern: /^(sent|posted|shipped|delivered|taken|given|reported|carried) to$/ },
  { label: 'travels_to', pattern: /^(sails?|sailed|runs?|travels?|flies|goes?) (?:from \S+ )?to$/ },
  { label: 'located_in', pattern: /^(kept|stored|held|located|situated|based|found|hangs?|stands?|opened|raised|grown|sown) (in|at|on|behind|beside|above|below|near|inside)$/ },
  { label: 'produces', pattern: /^(makes?|produces?|grinds?|brews?|made|produced|gives?)$/ },
  { label: 'made_from', pattern: /^(made|produced) (from|of|with)$/ },
  // Only making: "founded by", "run by", "built by" keep their own verb (founded_by, run_by, built_by), which is what a
  // question asks ("Who runs the library that X started?" names two relations, not one made_by twice).
  { label: 'made_by', pattern: /^(made|produced) by$/ },
  { label: 'keeps', pattern: /^(keeps?|holds?|stores?|contains?|has|have)$/ },
  { label: 'sold_at', pattern: /^(sold|offered|bought) (in|at)$/ },
  { label: 'used_as', pattern: /^(sold|used|opened|serves?|served|acts?|works?) as$|^used for$/ },
  { label: 'uses', pattern: /^(turned|worked|ploughed|cut|done|made|pulled|run|driven) with$|^uses?$/ },
  { label: 'damaged', pattern: /^(broke|breaks|damaged|damages|destroyed|destroys|flooded|floods)$/ },
  { label: 'reads', pattern: /^reads?$/ },
  { label: 'created_after', pattern: /^(created|founded|started|set up|introduced) after$/ },
  { label: 'commemorates', pattern: /^(carried|held)? ?(in memory of|to remember|in honour of)$|^remembers?$/ },
  { label: 'receives', pattern: /^(receives?|gets?|takes?)$/ },
  { label: 'powers', pattern: /^powers?$/ },
  { label: 'is_a', pattern: /^(is|are|was|were) (a|an)$/ },
];

/** A lone preposition between two mentions ("the dairy at Tolsey"). */
export const prepositionRules: Record<string, string> = {
  at: 'located_in', in: 'located_in', on: 'located_in', behind: 'located_in', beside: 'located_in',
  above: 'located_in', below: 'located_in', near: 'located_in', inside: 'located_in',
  of: 'part_of', from: 'comes_from', for: 'serves',
};

/**
 * Chinese kin nouns as the English kin words: (陈海生, holds_role, 陈有福的儿子) states (陈海生, son_of, 陈有福), as
 * "Henry's son" does in English; a 长子 is a son, a 外孙女 a granddaughter (on the mother's side, which the English word
 * leaves out too).
 */
export const chineseKin: Record<string, string> = {
  儿子: 'son', 长子: 'son', 次子: 'son', 三子: 'son', 四子: 'son', 幼子: 'son', 独子: 'son',
  女儿: 'daughter', 长女: 'daughter', 次女: 'daughter', 三女: 'daughter', 四女: 'daughter', 幼女: 'daughter', 独女: 'daughter',
  孙子: 'grandson', 外孙: 'grandson', 孙女: 'granddaughter', 外孙女: 'granddaughter', 曾孙: 'great_grandson', 曾孙女: 'great_granddaughter',
  父亲: 'father', 母亲: 'mother', 哥哥: 'brother', 弟弟: 'brother', 姐姐: 'sister', 妹妹: 'sister',
  祖父: 'grandfather', 外祖父: 'grandfather', 爷爷: 'grandfather', 外公: 'grandfather',
  祖母: 'grandmother', 外祖母: 'grandmother', 奶奶: 'grandmother', 外婆: 'grandmother',
  侄子: 'nephew', 外甥: 'nephew', 侄女: 'niece', 外甥女: 'niece', 叔叔: 'uncle', 伯父: 'uncle', 舅舅: 'uncle', 姑姑: 'aunt', 姨妈: 'aunt',
};

/** Synonyms of free-form labels (keys of key: value lines, table headers, "the Y of"). */
export const labelSynonyms: Record<string, string> = {
  ...Object.fromEntries(Object.entries(chineseKin).map(([zh, en]) => [`${zh}_of`, `${en}_of`])),
  chairwoman_of: 'chair_of', chairman_of: 'chair_of', chairperson_of: 'chair_of', head_of: 'chair_of', leader_of: 'chair_of',
  located_at: 'located_in', lies_in: 'located_in', situated_in: 'located_in', location: 'located_in', place: 'located_in',
  belongs_to: 'owned_by', owner: 'owned_by', owner_of: 'owns',
  cost: 'price', costs: 'price', fee: 'price', 'price_per_unit': 'price',
  role: 'holds_role', title: 'holds_role', position: 'holds_role',
  alias: 'same_as', also_called: 'same_as', also_known_as: 'same_as',
  // A "Year" column or key dates its row.
  year: 'in_year', built_in: 'in_year', founded_in: 'in_year',
  // An infobox's keys ("Founder | Josiah Penhale", "Type | Granite quarry") state what the prose's verbs do.
  founder: 'founded_by', founders: 'founded_by', type: 'is_a', '创办人': 'founded_by', '创始人': 'founded_by', '类型': 'is_a',
  // Chinese: the same canonical labels.
  '位于': 'located_in', '属于': 'owned_by', '主席': 'chair_of', '董事长': 'chair_of', '价格': 'price', '职务': 'holds_role',
  '年份': 'in_year', '年代': 'in_year', '产地': 'comes_from', '地点': 'located_in', '位置': 'located_in', '所在地': 'located_in',
  '地址': 'located_in', '负责人': 'person_in_charge', '联系人': 'contact_person',
  origin: 'comes_from', place_of_origin: 'comes_from', source: 'comes_from',
  // A spouse is named by these nouns ("his wife", 他的妻子): a question about one asks for a married_to edge.
  // "X married Y" states what "X is married to Y" does (the extractor's open label for the active verb is its root).
  marry: 'married_to', wed: 'married_to',
  wife: 'married_to', husband: 'married_to', spouse: 'married_to', '妻子': 'married_to', '丈夫': 'married_to', '夫人': 'married_to', '太太': 'married_to',
  // … and a spouse's role is the marriage: (X, wife_of, Y), (何志明, 丈夫_of, 罗秀英).
  wife_of: 'married_to', husband_of: 'married_to', '妻子_of': 'married_to', '丈夫_of': 'married_to',
};

/**
 * Kinship read from the other end: (Sam Oakes, son_of, Brenda Oakes) answers "Who is Sam's mother?", so a kin label
 * is cued by the words for the other side too ("mother", "father", "parent" for son_of).
 */
export const kinInverse: Record<string, string[]> = {
  son: ['mother', 'father', 'parent', 'parents'], daughter: ['mother', 'father', 'parent', 'parents'],
  father: ['son', 'daughter', 'child', 'children'], mother: ['son', 'daughter', 'child', 'children'],
  brother: ['sister', 'brother', 'sibling'], sister: ['brother', 'sister', 'sibling'],
  grandson: ['grandmother', 'grandfather', 'grandparent'], granddaughter: ['grandmother', 'grandfather', 'grandparent'],
  grandfather: ['grandson', 'granddaughter', 'grandchild'], grandmother: ['grandson', 'granddaughter', 'grandchild'],
  nephew: ['uncle', 'aunt'], niece: ['uncle', 'aunt'], uncle: ['nephew', 'niece'], aunt: ['nephew', 'niece'],
};

/** The kinship nouns ("her son", "Her younger brother", (X, son_of, Y)): those above, and spouses and cousins. */
export const kinNouns = [...Object.keys(kinInverse), 'wife', 'husband', 'cousin'];

/** Relations that show their head is a person: born, married, living, working or holding a role somewhere. */
export const personRelations = /^(?:born_in|married_to|holds_role|lives?_in|works?_at|died_in|apprenticed_to|grow_up_in|(?:teach|trained|study|educated)_at)$/;

/** Relations a path ranks lower: they say two things are connected, not how. */
export const weakRelations = new Set(['mentioned_with', 'named']);

/** Relations that read the same either way round: (Ellen, married_to, Tom Varley) states (Tom Varley, married_to, Ellen). */
export const symmetricRelations = new Set(['married_to', 'cousin_of', 'sibling_of', 'partner_of']);
