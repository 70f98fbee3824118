// The invented world the reader is trained on: name parts, entity kinds and relations, each with
// several ways to state a fact and to ask about it, in English and Chinese. Data only; the
// sampling is in examples.ts. Nothing here comes from the demo packs (make-data.mjs checks that
// no generated name occurs in them).

export type Lang = 'en' | 'zh';

/** Syllables for invented English names: places, organisations, people. */
export const enSyllables = ['val', 'dor', 'mek', 'sul', 'tar', 'quin', 'bre', 'zan', 'ol', 'vek', 'ris', 'mon', 'tal', 'kor', 'fen', 'lu', 'gar', 'pim', 'sto', 'nar', 'wex', 'hal', 'jor', 'cam', 'ith', 'ub', 'dra', 'sel', 'mi', 'pon', 'raf', 'tev'];
export const enPlaceEnds = ['ford', 'ton', 'by', 'mere', 'wick', 'holt', 'stead', 'ley'];

/** Characters for invented Chinese names. */
export const zhSurnames = '林陈黄周吴郑孙钱冯蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹喻柏窦章苏潘葛范彭鲁韦马苗凤方俞任袁柳鲍史唐薛雷贺倪汤滕殷罗毕郝安常乐于傅齐康伍余顾孟平黄穆萧尹姚邵汪祁毛狄米贝明臧计成戴宋庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄江童颜郭梅盛刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯管卢莫'.split('');
export const zhGiven = '明华建国伟芳秀英敏静丽强磊军洋勇艳杰涛超娟霞平刚桂兰玉萍红鹏飞斌宇浩凯晨欣悦婷雪琳瑶晓阳辉波宁璐然佳文博思远航俊峰翔昊颖慧蕾岚'.split('');
export const zhPlaceChars = '青石白河东西南北安宁长乐平山水云松梅竹泉溪岭湾桥川源丰泰和康永兴荣华阳清明'.split('');

/** Organisation and structure kinds: an invented stem plus one of these. */
export const kinds: Record<Lang, string[]> = {
  en: ['Institute', 'Museum', 'Library', 'Company', 'Observatory', 'Orchestra', 'Theatre', 'Academy', 'Foundry', 'Clinic', 'Bakery', 'Gallery'],
  zh: ['研究所', '博物馆', '图书馆', '公司', '天文台', '乐团', '剧院', '学院', '工厂', '诊所', '面包店', '画廊'],
};

export const products: Record<Lang, string[]> = {
  en: ['glass lanterns', 'paper kites', 'copper bells', 'clay pipes', 'silver spoons', 'wooden clocks', 'leather maps', 'brass compasses', 'oak chairs', 'linen sails', 'tin whistles', 'stone tiles'],
  zh: ['玻璃灯笼', '纸风筝', '铜铃', '陶笛', '银勺', '木钟', '皮地图', '黄铜罗盘', '橡木椅子', '亚麻帆', '锡哨', '石砖'],
};
export const colors: Record<Lang, string[]> = {
  en: ['teal', 'crimson', 'amber', 'violet', 'ochre', 'silver', 'indigo', 'olive', 'coral', 'ivory'],
  zh: ['青绿色', '深红色', '琥珀色', '紫罗兰色', '赭色', '银色', '靛蓝色', '橄榄色', '珊瑚色', '象牙色'],
};
export const months: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  zh: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
};

export type ValueKind = 'year' | 'person' | 'town' | 'count' | 'product' | 'color' | 'month';

/**
 * A relation: how a fact is stated (`say`, the first forms share the most words with `ask`'s
 * first forms; later ones are passives and rewordings) and how it is asked. {E} is the entity,
 * {V} the value. The curriculum starts with the first form of each and adds the rest.
 */
export interface Relation {
  id: string;
  value: ValueKind;
  say: Record<Lang, string[]>;
  ask: Record<Lang, string[]>;
}

export const relations: Relation[] = [
  {
    id: 'founded', value: 'year',
    say: {
      en: ['{E} was founded in {V}.', 'In {V}, {E} was founded.', '{E} opened its doors in {V}.', 'The founding year of {E} is {V}.'],
      zh: ['{E}成立于{V}。', '{V}，{E}成立了。', '{E}在{V}开始营业。', '{E}的创立年份是{V}。'],
    },
    ask: {
      en: ['When was {E} founded?', 'In what year was {E} founded?', 'What year did {E} open?', 'In which year was {E} established?', 'When did {E} begin?'],
      zh: ['{E}成立于哪一年？', '{E}是哪一年成立的？', '{E}哪年开始营业？', '{E}创立于什么时候？', '{E}是什么时候建立的？'],
    },
  },
  {
    id: 'founder', value: 'person',
    say: {
      en: ['{V} founded {E}.', '{E} was founded by {V}.', 'The founder of {E} was {V}.', '{E} was started by {V}.'],
      zh: ['{V}创办了{E}。', '{E}由{V}创办。', '{E}的创始人是{V}。', '{E}是{V}创立的。'],
    },
    ask: {
      en: ['Who founded {E}?', 'Who was the founder of {E}?', 'By whom was {E} founded?', 'Who started {E}?', 'Which person established {E}?'],
      zh: ['谁创办了{E}？', '{E}的创始人是谁？', '{E}是谁创立的？', '{E}由谁创办？', '哪个人建立了{E}？'],
    },
  },
  {
    id: 'town', value: 'town',
    say: {
      en: ['{E} is located in {V}.', '{E} stands in the town of {V}.', 'The home of {E} is {V}.', '{E} can be found in {V}.'],
      zh: ['{E}位于{V}。', '{E}坐落在{V}。', '{E}的所在地是{V}。', '在{V}可以找到{E}。'],
    },
    ask: {
      en: ['Where is {E} located?', 'In which town is {E}?', 'Where can {E} be found?', 'What town is home to {E}?', 'Where is {E}?'],
      zh: ['{E}位于哪里？', '{E}在哪个镇？', '{E}坐落在什么地方？', '在哪里可以找到{E}？', '{E}的所在地是哪里？'],
    },
  },
  {
    id: 'staff', value: 'count',
    say: {
      en: ['{E} has {V} employees.', '{V} people work at {E}.', 'The staff of {E} numbers {V}.', '{E} employs {V} people.'],
      zh: ['{E}有{V}名员工。', '{V}人在{E}工作。', '{E}的员工人数是{V}。', '{E}雇用了{V}人。'],
    },
    ask: {
      en: ['How many employees does {E} have?', 'How many people work at {E}?', 'What is the size of the staff of {E}?', 'How many people does {E} employ?', 'How large is the staff of {E}?'],
      zh: ['{E}有多少名员工？', '有多少人在{E}工作？', '{E}的员工人数是多少？', '{E}雇用了多少人？', '{E}的员工有多少？'],
    },
  },
  {
    id: 'director', value: 'person',
    say: {
      en: ['The director of {E} is {V}.', '{E} is led by {V}.', '{V} leads {E}.', '{V} is in charge of {E}.'],
      zh: ['{E}的主任是{V}。', '{E}由{V}领导。', '{V}领导着{E}。', '{V}负责管理{E}。'],
    },
    ask: {
      en: ['Who is the director of {E}?', 'Who leads {E}?', 'Who is in charge of {E}?', 'By whom is {E} led?', 'Who runs {E} today?'],
      zh: ['{E}的主任是谁？', '谁领导{E}？', '谁负责管理{E}？', '{E}由谁领导？', '现在谁在管理{E}？'],
    },
  },
  {
    id: 'product', value: 'product',
    say: {
      en: ['{E} makes {V}.', '{V} are made by {E}.', '{E} is known for its {V}.', 'The main product of {E} is {V}.'],
      zh: ['{E}生产{V}。', '{V}是由{E}制作的。', '{E}以{V}闻名。', '{E}的主要产品是{V}。'],
    },
    ask: {
      en: ['What does {E} make?', 'What is made by {E}?', 'What is {E} known for?', 'What is the main product of {E}?', 'What does {E} produce?'],
      zh: ['{E}生产什么？', '什么是由{E}制作的？', '{E}以什么闻名？', '{E}的主要产品是什么？', '{E}制作什么东西？'],
    },
  },
  {
    id: 'color', value: 'color',
    say: {
      en: ['The building of {E} is painted {V}.', '{E} has a building painted {V}.', 'The walls of {E} are {V}.', '{V} is the colour of the building of {E}.'],
      zh: ['{E}的大楼漆成了{V}。', '{E}有一座{V}的大楼。', '{E}的墙是{V}的。', '{E}大楼的颜色是{V}。'],
    },
    ask: {
      en: ['What color is the building of {E}?', 'What colour are the walls of {E}?', 'How is the building of {E} painted?', 'Which colour was used for the building of {E}?', 'What is the colour of the building of {E}?'],
      zh: ['{E}的大楼是什么颜色？', '{E}的墙是什么颜色的？', '{E}的大楼漆成了什么颜色？', '{E}大楼用的是哪种颜色？', '{E}大楼的颜色是什么？'],
    },
  },
  {
    id: 'festival', value: 'month',
    say: {
      en: ['{E} holds its open day in {V}.', 'Every {V}, {E} holds an open day.', 'The open day of {E} takes place in {V}.', 'Visitors are welcomed by {E} each {V} for its open day.'],
      zh: ['{E}在{V}举办开放日。', '每年{V}，{E}都会举办开放日。', '{E}的开放日在{V}举行。', '每年{V}，{E}欢迎访客参加开放日。'],
    },
    ask: {
      en: ['When does {E} hold its open day?', 'In which month is the open day of {E}?', 'When is the open day of {E}?', 'In what month does {E} welcome visitors for its open day?', 'What month is the open day of {E} held?'],
      zh: ['{E}什么时候举办开放日？', '{E}的开放日在哪个月？', '{E}的开放日是什么时候？', '{E}在哪个月欢迎访客参加开放日？', '{E}的开放日在几月举行？'],
    },
  },
];

/** Headings a source chunk may sit under, and document name shapes. */
export const headings: Record<Lang, string[]> = {
  en: ['About', 'History', 'Overview', 'Facts', 'Profile', 'Notes', 'Background'],
  zh: ['简介', '历史', '概况', '资料', '档案', '说明', '背景'],
};
export const docShapes: Record<Lang, string[]> = {
  en: ['{s}-guide.md', '{s}-notes.txt', '{s} handbook.pdf', 'about-{s}.html', '{s}-report.md', 'records-{s}.txt'],
  zh: ['{s}指南.md', '{s}笔记.txt', '{s}手册.pdf', '关于{s}.html', '{s}报告.md', '{s}档案.txt'],
};
