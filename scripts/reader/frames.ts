// The reader's broad-reading world (curriculum level 3): more kinds of places and organisations, 24 relations with
// times, weekdays, prices, durations, distances, materials, roles and people described by apposition, and sources of
// three to five sentences in which later sentences say "It"/"Its" (该…/它) instead of the name, as documents do. The
// app's extractive compression (src/rag/compress.ts) then picks each source's two sentences closest to the question,
// exactly as it does for the shipped reader. Level 0–2's eight relations (facts.ts) taught the form of an answer; these
// teach finding the sentence that answers among many shapes. Data only; examples.ts samples it. Nothing here comes from
// the demo packs (make-data.mjs drops any example with a name that occurs in them).
import type { Lang } from './facts';

export type FrameValue = 'year' | 'person' | 'town' | 'count' | 'time' | 'weekday' | 'price' | 'duration' | 'distance' | 'material' | 'item' | 'month' | 'color';

/**
 * A relation of level 3. {E} is the entity's name, {I} what a later sentence says instead ("It", "Its" in English by
 * the `its` form; 该馆 etc. in Chinese), {V} the value, {R} a role and {N} a counted noun, both drawn per fact.
 * `say` forms that start with {E} may be said with {I} instead; `ask` always names the entity.
 */
export interface Frame {
  id: string;
  value: FrameValue;
  say: Record<Lang, string[]>;
  ask: Record<Lang, string[]>;
  /** A role ({R}) or a counted noun ({N}) the fact is about. */
  slot?: 'role' | 'noun';
}

export const kinds3: Record<Lang, string[]> = {
  en: ['Ferry', 'Market', 'Mill', 'School', 'Bridge', 'Choir', 'Lodge', 'Garden', 'Brewery', 'Farm', 'Council', 'Club', 'Workshop', 'Harbour', 'Hospital', 'Society', 'Trust', 'Station', 'Dairy', 'Quarry', 'Inn', 'Chapel', 'Press', 'Guild'],
  zh: ['渡轮', '市场', '磨坊', '学校', '大桥', '合唱团', '客栈', '花园', '酿酒厂', '农场', '委员会', '俱乐部', '工坊', '港口', '医院', '协会', '基金会', '车站', '奶场', '采石场', '旅馆', '礼拜堂', '印刷社', '行会'],
};

/** What a later sentence calls the entity instead of its name, by the name's last characters (zh) or always (en). */
export const zhPronoun = (name: string) => `该${name.slice(-(/(委员会|合唱团|酿酒厂|采石场|基金会|礼拜堂|印刷社)$/.test(name) ? 3 : 2))}`;

export const roles: Record<Lang, string[]> = {
  en: ['chairwoman', 'chairman', 'treasurer', 'secretary', 'director', 'head gardener', 'captain', 'warden', 'keeper', 'manager', 'headmistress', 'conductor'],
  zh: ['女主席', '主席', '财务主管', '秘书', '主任', '园艺主管', '船长', '看守人', '管理员', '经理', '女校长', '指挥'],
};
export const nouns: Record<Lang, string[]> = {
  en: ['boats', 'members', 'rooms', 'beds', 'hives', 'looms', 'stalls', 'bells', 'windows', 'pupils', 'cows', 'benches'],
  zh: ['艘船', '名会员', '个房间', '张床', '个蜂箱', '台织机', '个摊位', '口钟', '扇窗', '名学生', '头牛', '张长椅'],
};
export const materials: Record<Lang, string[]> = {
  en: ['granite', 'red brick', 'oak timber', 'cast iron', 'limestone', 'slate', 'pine logs', 'sandstone'],
  zh: ['花岗岩', '红砖', '橡木', '铸铁', '石灰石', '板岩', '松木', '砂岩'],
};
export const items: Record<Lang, string[]> = {
  en: ['smoked fish', 'wool blankets', 'rye bread', 'goat cheese', 'honey cakes', 'rope', 'candles', 'pottery', 'apple cider', 'seed potatoes'],
  zh: ['熏鱼', '羊毛毯', '黑麦面包', '山羊奶酪', '蜂蜜蛋糕', '绳子', '蜡烛', '陶器', '苹果酒', '种薯'],
};
export const weekdays: Record<Lang, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  zh: ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'],
};
export const occupations: Record<Lang, string[]> = {
  en: ['a fisherman', 'a weaver', 'a retired teacher', 'a carpenter', 'a beekeeper', 'a shepherd', 'a baker', 'a nurse'],
  zh: ['渔民', '织工', '退休教师', '木匠', '养蜂人', '牧羊人', '面包师', '护士'],
};

export const frames: Frame[] = [
  { id: 'first-role', value: 'person', slot: 'role',
    say: { en: ['The first {R} of {E} was {V}.', 'Its first {R} was {V}.', '{V} was the first {R} of {E}.'], zh: ['{E}的第一任{R}是{V}。', '{V}是{E}的第一任{R}。', '{I}的首任{R}是{V}。'] },
    ask: { en: ['Who was the first {R} of {E}?', 'Who served as the first {R} of {E}?', 'Name the first {R} of {E}.'], zh: ['{E}的第一任{R}是谁？', '谁是{E}的首任{R}？', '{E}首任{R}叫什么名字？'] } },
  { id: 'current-role', value: 'person', slot: 'role',
    say: { en: ['The current {R} of {E} is {V}.', '{E} is run by {V}, its {R}.', '{V} is now the {R} of {E}.'], zh: ['{E}现任{R}是{V}。', '{V}现在是{E}的{R}。', '{I}目前由{R}{V}负责。'] },
    ask: { en: ['Who is the {R} of {E}?', 'Who is the current {R} of {E}?', 'Who runs {E} as its {R}?'], zh: ['{E}的{R}是谁？', '谁是{E}现任的{R}？', '{E}现在由哪位{R}负责？'] } },
  { id: 'departs', value: 'time',
    say: { en: ['{E} leaves at {V} every morning.', 'Every morning {E} departs at {V}.', 'The first departure of {E} is at {V}.'], zh: ['{E}每天早上{V}出发。', '{I}的首班在{V}出发。', '每天早上{V}，{E}出发。'] },
    ask: { en: ['When does {E} leave in the morning?', 'What time does {E} depart?', 'At what time is the first departure of {E}?'], zh: ['{E}早上几点出发？', '{E}的首班几点出发？', '{E}每天什么时候出发？'] } },
  { id: 'opens-day', value: 'weekday',
    say: { en: ['{E} is open only on {V}.', 'Visitors can come to {E} on {V}.', 'The only open day of {E} is {V}.'], zh: ['{E}只在{V}开放。', '游客可以在{V}参观{E}。', '{I}每周只有{V}开放。'] },
    ask: { en: ['On which day is {E} open?', 'When can visitors come to {E}?', 'What day of the week does {E} open?'], zh: ['{E}在星期几开放？', '游客什么时候可以参观{E}？', '{E}每周哪天开放？'] } },
  { id: 'price', value: 'price',
    say: { en: ['A ticket for {E} costs {V}.', 'Entry to {E} is {V}.', 'Tickets for {E} are sold for {V}.'], zh: ['{E}的门票是{V}。', '进入{E}需要{V}。', '{I}的票价为{V}。'] },
    ask: { en: ['How much does a ticket for {E} cost?', 'What is the price of entry to {E}?', 'How much is a ticket for {E}?'], zh: ['{E}的门票多少钱？', '进入{E}要花多少钱？', '{E}的票价是多少？'] } },
  { id: 'duration', value: 'duration',
    say: { en: ['The crossing with {E} takes {V}.', 'A trip on {E} lasts {V}.', 'It takes {V} to cross with {E}.'], zh: ['乘坐{E}过海需要{V}。', '{I}的航程为{V}。', '坐{E}一趟要{V}。'] },
    ask: { en: ['How long does the crossing with {E} take?', 'How long is a trip on {E}?', 'How much time does it take to cross with {E}?'], zh: ['乘坐{E}过海需要多长时间？', '{E}的航程有多长？', '坐{E}一趟要多久？'] } },
  { id: 'distance', value: 'distance',
    say: { en: ['{E} lies {V} north of the harbour.', 'The harbour is {V} from {E}.', '{E} stands {V} from the harbour.'], zh: ['{E}位于港口以北{V}处。', '港口距离{E}有{V}。', '{I}离港口{V}。'] },
    ask: { en: ['How far is {E} from the harbour?', 'What is the distance between {E} and the harbour?', 'How far north of the harbour does {E} lie?'], zh: ['{E}离港口多远？', '{E}和港口之间的距离是多少？', '{E}在港口以北多远？'] } },
  { id: 'built-of', value: 'material',
    say: { en: ['{E} was built of {V}.', 'The walls of {E} are made of {V}.', '{V} was used to build {E}.'], zh: ['{E}是用{V}建造的。', '{E}的墙是{V}砌成的。', '建造{I}用的是{V}。'] },
    ask: { en: ['What was {E} built of?', 'What are the walls of {E} made of?', 'Which material was used to build {E}?'], zh: ['{E}是用什么建造的？', '{E}的墙是用什么做的？', '建造{E}用了什么材料？'] } },
  { id: 'sells', value: 'item',
    say: { en: ['{E} is known for its {V}.', 'The best seller at {E} is {V}.', 'People come to {E} to buy {V}.'], zh: ['{E}以{V}闻名。', '{E}卖得最好的是{V}。', '人们到{I}来买{V}。'] },
    ask: { en: ['What is {E} known for?', 'What sells best at {E}?', 'What do people buy at {E}?'], zh: ['{E}以什么闻名？', '{E}什么卖得最好？', '人们到{E}买什么？'] } },
  { id: 'has-count', value: 'count', slot: 'noun',
    say: { en: ['{E} has {V} {N}.', 'There are {V} {N} at {E}.', '{E} now counts {V} {N}.'], zh: ['{E}有{V}{N}。', '{I}共有{V}{N}。', '{E}目前有{V}{N}。'] },
    ask: { en: ['How many {N} does {E} have?', 'How many {N} are there at {E}?', 'What is the number of {N} at {E}?'], zh: ['{E}有多少{N}？', '{E}一共有几{N}？', '{E}目前有多少{N}？'] } },
  { id: 'founded-by', value: 'person',
    say: { en: ['{E} was started by {V}.', '{V} started {E}.', '{E} owes its start to {V}.'], zh: ['{E}由{V}创办。', '{V}创办了{E}。', '{I}的创办人是{V}。'] },
    ask: { en: ['Who started {E}?', 'By whom was {E} started?', 'Who is the person who started {E}?'], zh: ['{E}是谁创办的？', '谁创办了{E}？', '{E}的创办人是谁？'] } },
  { id: 'opened-year', value: 'year',
    say: { en: ['{E} opened in {V}.', 'The doors of {E} first opened in {V}.', 'In {V} {E} opened.'], zh: ['{E}于{V}开业。', '{V}，{E}首次开门。', '{I}在{V}开业。'] },
    ask: { en: ['When did {E} open?', 'In what year did {E} first open?', 'Which year did the doors of {E} open?'], zh: ['{E}是哪一年开业的？', '{E}首次开门是在哪一年？', '{E}何时开业？'] } },
  { id: 'rebuilt', value: 'year',
    say: { en: ['{E} was rebuilt in {V} after a fire.', 'After a fire, {E} was rebuilt in {V}.', 'A fire destroyed {E}, which was rebuilt in {V}.'], zh: ['{E}在火灾后于{V}重建。', '火灾之后，{E}于{V}重建。', '{I}毁于火灾，{V}重建。'] },
    ask: { en: ['When was {E} rebuilt?', 'In what year was {E} rebuilt after the fire?', 'After the fire, when was {E} rebuilt?'], zh: ['{E}是哪一年重建的？', '火灾后{E}何时重建？', '{E}在哪一年重建？'] } },
  { id: 'located', value: 'town',
    say: { en: ['{E} is in {V}.', '{E} stands in the village of {V}.', 'You will find {E} in {V}.'], zh: ['{E}位于{V}。', '{E}坐落在{V}。', '{I}在{V}。'] },
    ask: { en: ['Where is {E}?', 'In which village does {E} stand?', 'Where can you find {E}?'], zh: ['{E}在哪里？', '{E}坐落在哪个镇？', '{E}位于什么地方？'] } },
  { id: 'closes', value: 'time',
    say: { en: ['{E} closes at {V}.', 'The gates of {E} shut at {V}.', 'Every evening {E} closes at {V}.'], zh: ['{E}在{V}关门。', '{E}的大门{V}关闭。', '{I}每天晚上{V}关门。'] },
    ask: { en: ['What time does {E} close?', 'When do the gates of {E} shut?', 'When does {E} close in the evening?'], zh: ['{E}几点关门？', '{E}的大门什么时候关闭？', '{E}晚上何时关门？'] } },
  { id: 'meets', value: 'weekday',
    say: { en: ['The members of {E} meet every {V}.', '{E} holds its meeting on {V}.', 'Every {V} the members of {E} meet.'], zh: ['{E}的成员每个{V}聚会。', '{E}在{V}开会。', '{I}每个{V}开会。'] },
    ask: { en: ['When do the members of {E} meet?', 'On which day does {E} hold its meeting?', 'Which day do members of {E} meet?'], zh: ['{E}的成员什么时候聚会？', '{E}在星期几开会？', '{E}哪天开会？'] } },
  { id: 'fee', value: 'price',
    say: { en: ['Membership of {E} costs {V} a year.', 'The yearly fee for {E} is {V}.', 'A year of membership at {E} is {V}.'], zh: ['{E}的会费是每年{V}。', '{I}的年费为{V}。', '加入{E}一年需要{V}。'] },
    ask: { en: ['How much does membership of {E} cost?', 'What is the yearly fee for {E}?', 'How much is a year of membership at {E}?'], zh: ['{E}的会费是多少？', '{E}的年费是多少？', '加入{E}一年要多少钱？'] } },
  { id: 'season', value: 'month',
    say: { en: ['The season at {E} starts in {V}.', '{E} starts its season in {V}.', 'In {V} the season at {E} begins.'], zh: ['{E}的季节从{V}开始。', '{I}在{V}开始它的季节。', '{V}，{E}的季节开始。'] },
    ask: { en: ['When does the season at {E} start?', 'In which month does {E} start its season?', 'What month does the season at {E} begin?'], zh: ['{E}的季节什么时候开始？', '{E}在几月开始它的季节？', '{E}的季节从哪个月开始？'] } },
  { id: 'painted', value: 'color',
    say: { en: ['The door of {E} is painted {V}.', '{E} has a {V} door.', 'Its door is painted {V}.'], zh: ['{E}的门漆成{V}。', '{E}有一扇{V}的门。', '{I}的门是{V}的。'] },
    ask: { en: ['What colour is the door of {E}?', 'What colour is the door of {E} painted?', 'Which colour does the door of {E} have?'], zh: ['{E}的门是什么颜色？', '{E}的门漆成了什么颜色？', '{E}的门是哪种颜色？'] } },
  { id: 'named-after', value: 'person',
    say: { en: ['{E} is named after {V}.', '{E} takes its name from {V}.', 'The name of {E} honours {V}.'], zh: ['{E}以{V}的名字命名。', '{E}的名字来自{V}。', '{I}的名称纪念{V}。'] },
    ask: { en: ['Who is {E} named after?', 'After whom is {E} named?', 'Whose name does {E} take?'], zh: ['{E}以谁的名字命名？', '{E}的名字来自谁？', '{E}的名称纪念的是谁？'] } },
  { id: 'capacity', value: 'count',
    say: { en: ['{E} can hold {V} people.', 'Up to {V} people fit in {E}.', 'The capacity of {E} is {V} people.'], zh: ['{E}可以容纳{V}人。', '{E}最多能坐{V}人。', '{I}的容量为{V}人。'] },
    ask: { en: ['How many people can {E} hold?', 'How many people fit in {E}?', 'What is the capacity of {E}?'], zh: ['{E}可以容纳多少人？', '{E}最多能坐多少人？', '{E}的容量是多少？'] } },
  { id: 'supplies', value: 'town',
    say: { en: ['{E} supplies the town of {V}.', 'The town of {V} is supplied by {E}.', '{E} sends its goods to {V}.'], zh: ['{E}为{V}供货。', '{V}由{E}供货。', '{I}把货物送到{V}。'] },
    ask: { en: ['Which town does {E} supply?', 'Where does {E} send its goods?', 'Which town is supplied by {E}?'], zh: ['{E}为哪个镇供货？', '{E}把货物送到哪里？', '哪个镇由{E}供货？'] } },
  { id: 'closed-year', value: 'year',
    say: { en: ['{E} closed for repairs in {V}.', 'In {V}, {E} was closed for repairs.', 'Repairs closed {E} in {V}.'], zh: ['{E}在{V}因维修关闭。', '{V}，{E}因维修而关闭。', '{I}于{V}闭馆维修。'] },
    ask: { en: ['When did {E} close for repairs?', 'In what year was {E} closed for repairs?', 'Which year was {E} closed for repairs?'], zh: ['{E}何时因维修关闭？', '{E}在哪一年关闭维修？', '{E}哪年闭馆维修？'] } },
  { id: 'tide', value: 'duration',
    say: { en: ['Loading at {E} takes {V}.', 'It takes {V} to load a cart at {E}.', 'A cart is loaded at {E} in {V}.'], zh: ['在{E}装货需要{V}。', '在{I}装一车货要{V}。', '{E}装满一车需要{V}。'] },
    ask: { en: ['How long does loading at {E} take?', 'How long does it take to load a cart at {E}?', 'How much time does loading a cart at {E} need?'], zh: ['在{E}装货需要多长时间？', '在{E}装一车货要多久？', '{E}装满一车需要多少时间？'] } },
];
