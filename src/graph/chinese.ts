// Triples from one Chinese sentence. Chinese marks its relations with function words and fixed verbs (出生在,
// 位于, 由…修建, 是…的, 担任), so the clauses between commas are read against those markers, and the spans they leave
// are the entities. A clause without a subject continues the sentence's; 他/她/它 stand for the previous subject.
// ICU's word segmenter (Intl.Segmenter) is not needed for this and would split unknown names (docs/decisions.md).
import type { Found } from './clauses';
import { roleOfLabel } from './normalize';
import { chineseKin, kinInverse, labelSynonyms } from './relations';

const han = '[\\p{Script=Han}A-Za-z0-9·・\\-]';
/** An entity span: 1–16 Han characters, letters or digits (lazy, so the marker after it wins). */
const N = `(${han}{1,16}?)`;
const subject = `^(?:${N})??`;

/** A body's seat: "总部设在…", "社址设于…" (nouns, not the words that state where: no planner cues). */
const seatNouns = '(?:总部|社址|厂址|校址|会址|(?:\\p{Script=Han}{1,6}的)?办公地点|驻地)';
const seatOpening = new RegExp(`^${seatNouns}`, 'u');

/** Markers after a subject, and the label of (subject, label, object). */
const forward: [RegExp, string][] = [
  // (Not a date: "生于清光绪二十八年" says when.)
  [new RegExp(`${subject}(?:出生在|出生于|生于)(?!(?:清|民国|公元)?\\S{0,6}年$)(${han}{1,16})`, 'u'), 'born_in'],
  // ("总部设在青岭县", "社址设于龙王庙旧址": where a body has its seat.)
  [new RegExp(`${subject}${seatNouns}?(?:位于|坐落在|坐落于|地处|设在|设于)(${han}{1,16})`, 'u'), 'located_in'],
  // "2015年从省城搬回了翠岙镇": a year and where from may come between.
  [new RegExp(`${subject}(?:\\d{2,4}年)?(?:从${han}{1,8}?)?(?:搬到了|搬到|搬回了|搬回|迁回|搬去了|迁居到|迁居|移居到|移居|迁到|来到)(${han}{1,16})`, 'u'), 'moved_to'],
  // (A family record's 世居 (has lived for generations), 定居 (settled).)
  [new RegExp(`${subject}(?:住在|居住在|居住于|生活在|世居|定居在|定居于|定居)(${han}{1,16})`, 'u'), 'lives_in'],
  // "在铜岭中学教语文", "在这里教了二十五年书": teaches there.
  [new RegExp(`${subject}(?:在|到)(${han}{1,16}?)(?:任教|教书|教(?!育|授|练|堂))`, 'u'), 'teach_at'],
  // "在翠岙卫生院当医生" (works there as a doctor) too.
  [new RegExp(`${subject}(?:在|到|进入|进了)(${han}{1,16}?)(?:工作|任职|上班|当${han}{1,4}$|做${han}{1,4}$)`, 'u'), 'works_at'],
  // ("入县农机厂任技术员": joined the works as its technician; the role is read below.)
  [new RegExp(`^(${han}{2,4}?)??(?:调入|考入|入|进)(${han}{2,16}?)(?:任|当|做)${han}{2,8}$`, 'u'), 'works_at'],
  // "1995年，周庆山在石埠镇病逝".
  [new RegExp(`${subject}(?:\\d{2,4}年)?在(${han}{1,16}?)(?:病逝|去世|逝世|过世|病故)`, 'u'), 'died_in'],
  [new RegExp(`${subject}(?:与|和|同)(${han}{1,8}?)(?:是${han}{0,8}?)?(?:结婚|结的婚)`, 'u'), 'married_to'],
  // ("娶李秀英为妻"; a family record's "配王氏", married to.)
  [new RegExp(`${subject}(?:嫁给了|嫁给|娶了|娶|配)(${han}{1,16}?)(?:为妻|为夫)?$`, 'u'), 'married_to'],
  [new RegExp(`${subject}(?:担任|出任|现任|接任|升任|历任|改任|曾任)(${han}{1,16})`, 'u'), 'holds_role'],
  // ("后来成为县造船厂的总工程师": to become a role is to hold it; a thing that 成为 a sight holds no role.)
  [new RegExp(`${subject}成为了?(${han}{1,16}?(?:师|长|员|家|主任|经理|书记|主席|总监|会计|老板))$`, 'u'), 'holds_role'],
  // ("曾任石桥中学校长": 曾 goes with the adverbs, and 任 with no subject before it is to hold.)
  [/^()任(?![期务何意])(\p{Script=Han}{2,16})$/u, 'holds_role'],
  [new RegExp(`${subject}(?:属于)(${han}{1,16})`, 'u'), 'owned_by'],
  // "连接南屏镇和对岸的北岸村": what a crossing, a road or a bridge joins.
  [new RegExp(`${subject}(?:连接着|连接|连通|通往)(${han}{1,16})`, 'u'), 'connects'],
  // "何俊2010年从中国美术学院毕业", "毕业于…".
  // "师从老船匠吴德顺" (apprenticed to him): no 从 of a school.
  [new RegExp(`${subject}(?:师从|拜)(${han}{2,16}?)(?:为师|学艺|学手艺)?$`, 'u'), 'apprenticed_to'],
  // ("从县粮食局调来": moved from a post, no school.)
  [new RegExp(`${subject}(?:\\d{2,4}年)?(?<!师)(?:从|毕业于)(?!${han}{0,16}?(?:调来|调入|调到|来|回来|出发|开始)的?$)(${han}{2,16}?)(?:毕业|$)`, 'u'), 'graduate_from'],
  // "1979年获全国酒类评比银奖": what it won.
  [new RegExp(`${subject}(?:在)?(?:\\d{2,4}年)?(?:荣获|获得|获|赢得)了?(${han}{2,16})`, 'u'), 'win'],
  // "2003年改制后归乌川县兴农投资公司所有".
  [new RegExp(`${subject}(?:\\d{2,4}年${han}{0,6}?后)?归(${han}{1,16}?)所有`, 'u'), 'owned_by'],
  [new RegExp(`${subject}(?:都|也)?是(${han}{1,16}?)的${han}{0,4}?(?:成员|会员|社员|队员|一员)(?:之一)?$`, 'u'), 'member_of'],
  // "米行后来公私合营并入了河口镇粮站": what it became part of.
  [new RegExp(`${subject}(?:公私合营|合并|改制)?(?:后)?并入了?(${han}{2,16})`, 'u'), 'merged_into'],
  // "《春江》现藏于福建省美术馆": where a work is kept.
  [new RegExp(`${subject}(?:现)?(?:收藏于|珍藏于|藏于|陈列于|保存于|存放于)(${han}{2,16})`, 'u'), 'located_in'],
  // "酿酒用的糯米都产自沙洲村": where it comes from.
  [new RegExp(`${subject}(?:都|也|多|大多)?(?:产自|产于|出产于|来自)(${han}{1,16})`, 'u'), 'comes_from'],
  // "学校现在有520名学生": a count the subject has.
  [new RegExp(`${subject}(?:现在|目前|如今|共|一共|总共)?(?:有|拥有)([\\d一二三四五六七八九十百千两]+(?:多)?(?:名|位|个|艘|座|家|间|头|只)${han}{1,8})$`, 'u'), 'have'],
  // "船厂现有职工320人": the count after the noun.
  [new RegExp(`${subject}(?:现|现在|目前|如今)?有(${han}{1,4}?\\d+(?:名|人|位))$`, 'u'), 'have'],
];

/** The Chinese words that state each label, for the planner's cues (relation-cues.ts). */
export function chineseWords(label: string): string[] {
  const seats = new Set(seatNouns.match(/\p{Script=Han}+/gu));
  const words = forward.filter(([, l]) => l === label).flatMap(([re]) => re.source.match(/[\p{Script=Han}]{2,}/gu) ?? []).filter((w) => !seats.has(w));
  for (const [w, l] of Object.entries(agentVerbs)) if (l === label) words.push(w);
  for (const [w, l] of Object.entries(labelSynonyms)) if (l === label && /^\p{Script=Han}+$/u.test(w)) words.push(w);
  // "陈有福的儿子" asks for son_of; "理事长的父亲" asks for it too, read from the other end (relations.ts kinInverse).
  const kin = /^([a-z]+)_of$/u.exec(label)?.[1];
  for (const [w, l] of Object.entries(chineseKin)) if (l === kin || (kin && kinInverse[kin]?.includes(l))) words.push(w);
  // A verb with its coverb (出生在, 出生于) is asked without it: "周文涛出生的村子" (the village where he was born).
  for (const w of [...words]) if (w.length >= 3 && /[在于到自]$/u.test(w)) words.push(w.slice(0, -1));
  if (label === 'in_year') words.push('哪一年', '哪年', '年份', '何时', '什么时候');
  if (label === 'is_a') words.push('什么样', '哪种');
  // Where a thing comes from is asked with the producer as subject: "石门村出产什么茶" (what tea does the village produce).
  if (label === 'comes_from') words.push('出产', '产自', '来自', '出自');
  // "同泰酒坊所在的镇" (the town it is in); "顾秀兰参加的那个会" (the society she joined).
  if (label === 'located_in') words.push('所在');
  if (label === 'member_of') words.push('参加', '加入');
  // "陈玉兰的老师是谁": whom one was apprenticed to is one's teacher.
  if (label === 'apprenticed_to') words.push('老师', '师父', '师傅');
  return [...new Set(words)];
}

/** "X由Y修建": the agent's verb and the label (X, label, Y). */
const agentVerbs: Record<string, string> = {
  修建: 'built_by', 建造: 'built_by', 兴建: 'built_by', 接管: 'taken_over_by', 接手: 'taken_over_by', 建成: 'built_by', 修筑: 'built_by', 捐资建造: 'built_by',
  创立: 'founded_by', 创办: 'founded_by', 创建: 'founded_by', 成立: 'founded_by', 发起: 'started_by',
  设计: 'designed_by', 雕刻: 'carved_by', 经营: 'run_by', 管理: 'managed_by', 负责: 'headed_by', 拥有: 'owned_by',
  赞助: 'sponsored_by', 指挥: 'conducted_by', 主持: 'led_by', 资助: 'funded_by', 研制: 'developed_by', 研发: 'developed_by', 打理: 'managed_by',
  酿造: 'brewed_by', 酿制: 'brewed_by', 作词: 'written_by', 作曲: 'composed_by', 编写: 'written_by', 撰写: 'written_by',
  打造: 'built_by', 制造: 'made_by', 制作: 'made_by', 主办: 'organised_by', 承办: 'organised_by', 组建: 'founded_by', 筹建: 'founded_by', 兴办: 'founded_by', 创设: 'founded_by', 指导: 'coached_by', 购置: 'bought_by', 购买: 'bought_by', 驾驶: 'driven_by', 捐赠: 'donated_by', 捐献: 'donated_by', 捐建: 'built_by', 重修: 'rebuilt_by', 重建: 'rebuilt_by', 铸造: 'cast_by', 修复: 'restored_by', 修缮: 'restored_by',
};
const agentVerb = Object.keys(agentVerbs).sort((a, b) => b.length - a.length).join('|');
const byAgent = new RegExp(`${subject}(?:是)?(?:(?:于|在)?\\d{3,4}年)?(?:一直|一向|向来|现在|目前|如今|现|也|都|就)?(?:是|均|都)?由(${han}{1,16}?)(?:(?:于|在)(\\d{3,4})年)?(?:在(${han}{2,12}?))?(?:共同|主持|负责|亲自|捐资|出资)?(${agentVerb})(?!中心|公司|院|厂|所|站|社|队|组)`, 'u');
/** "由X主办、Y承办的Z在W举行": who made or held Z, and where Z is held. */
const agentModifier = new RegExp(`^(?:\\p{Script=Han}{1,6}是)?由(${han}{2,16}?)(?:捐资|出资)?(${agentVerb})(?:、(?:由)?(${han}{2,16}?)(${agentVerb}))?的(${han}{2,16}?)(?:(?:于|在)(${han}{2,16}?)(?:隆重)?(?:举行|举办|召开|开幕|进行))?$`, 'u');
/** "营造社修建了白石灯塔、望潮桥和…": the active voice of the same verbs, one triple per object. */
const activeAgent = new RegExp(`${subject}(?:主持|负责|亲自|参与|出资|捐资)?(${agentVerb})了?((?:${han}{1,16}[、和与及]?)+)$`, 'u');
/** The cleft "石湾号是老船匠吴德顺在2005年打造的": who made it, and when. */
const cleftMaker = new RegExp(`^(${han}{2,16}?)是(?!由)(${han}{2,12}?)(?:在|于)?(?:(\\d{3,4})年)?(${agentVerb})的$`, 'u');
/** "建于1862年", "于1898年建造", "成立于1953年". */
const dated = new RegExp(`${subject}(?:是|于)?(?:(?:创建|建|建成|始建|成立|创立|创办|建立|落成)于(\\d{3,4})年|(?:于|在)(\\d{3,4})年(?:${agentVerb}|建|落成))`, 'u');
/** "X是Y的Z": X holds the role "Y的Z"; "X是(一座)Z": a kind. */
const roleOf = new RegExp(`${subject}是(${han}{1,16}?的${han}{1,8})$`, 'u');
const kindOf = new RegExp(`${subject}是(?:一个|一座|一位|一名|一家|一条|一艘|一所|一间|一种|一只)(${han}{1,16})$`, 'u');
// (叫, 名叫: "望江楼茶馆的老板叫周大福", the owner is called 周大福.)
// (A name opens with no numeral or demonstrative: "…做的红烧溪鱼是一绝" (is a marvel) names no one.)
const roleIsName = /^([^是]{1,16}的[^是的叫]{1,8}?)(?:名叫|叫做|名为|是|叫)(?![一二三四五六七八九十几这那很最都也])([\p{Script=Han}]{2,4})$/u;
/** An appositive clause: "一位退休的船长". */
const apposedKind = /^(?:一位|一名|一个|一座|一家|一艘|一所)([^在是由于]{1,16})$/u;
/** A role ending in one of these, then a 2–3 character name: "澜屿灯塔看守人林默". */
const roleEnd = '(?:女儿|儿子|长子|次子|三子|幼子|独子|长女|次女|幼女|独女|学生|妻子|丈夫|父亲|母亲|哥哥|姐姐|弟弟|妹妹|孙子|孙女|徒弟|弟子|学徒|人|长|员|师|傅|绅|手|匠|官|者|工|家|主任|老板|掌柜|经理|馆长|校长|船长|社长|会长|教练|医生|护士|总监|书记|支书|会计|秘书|主席|顾问|编辑|记者|律师|老大|曾孙|外孙|玄孙|女婿|儿媳|乡亲|华侨|侨胞|教授|讲师|院士|渔民|农民|船民|村民|居民)';
// (A name ends in no body's suffix: "石湾人民公社" is no role 石湾人 and name 民公社.)
const personTail = '(?<![社厂院校学馆司店站所局村镇县市楼桥坊庙寺场队团部府处室厅委])';
/**
 * The commonest Chinese surnames (about nine in ten people bear one): a two- or three-character name that starts with
 * one may be a person's; one that does not ("百鸟砚", an inkstone; "一绝") is no one 他 or 她 can be.
 */
const surnames = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'].map((c) => c));
/** Whether a name may be a person's: two or three characters, a common surname first. */
export const maybePerson = (n: string) => /^\p{Script=Han}{2,3}$/u.test(n) && surnames.has(n[0]!) && !placeOrBody.test(n);
/** A name that ends as places and bodies do: "石湾渡口", "青川酒厂" (no person). */
export const placeOrBody = /\p{Script=Han}{2,}(?:渡口|码头|港口|镇|村|县|市|乡|厂|社|院|校|学|馆|司|店|站|所|局|楼|桥|寺|庙|场|队|团|会)$/u;
/** A kin noun alone: "曾孙女", "父亲". */
const kinNounZh = '(?:曾|外|玄)?(?:孙女|孙子|女儿|儿子|父亲|母亲|妻子|丈夫|哥哥|姐姐|弟弟|妹妹|祖父|祖母|爷爷|奶奶|外公|外婆|侄子|侄女|外甥女|外甥)';
/** A head role 为/是 a name, maybe after a kin phrase: "首任厂长为李德顺", "现任校长是他的曾孙女陈敏". */
const headIsName = new RegExp(`^((?:首任|第一任|现任|前任)?\\p{Script=Han}{0,4}?(?:厂长|校长|院长|馆长|社长|会长|站长|所长|矿长|经理|主任|董事长))(?:为|是)(?:(他|她|\\p{Script=Han}{2,4}?)的(${kinNounZh}))?(\\p{Script=Han}{2,3})$`, 'u');
/** A body's name and its head, run together: "龙溪龙舟协会会长", "县农机厂厂长", "云溪茶业有限公司总经理". */
const bodyThenHead = /^(\p{Script=Han}{2,12}(?:协会|商会|公司|合作社|社|厂|场|学校|中学|小学|学院|医院|卫生院|馆|站|所|矿|队|团))(会长|副会长|社长|副社长|理事长|厂长|副厂长|场长|校长|副校长|院长|馆长|站长|所长|矿长|经理|总经理|董事长|队长|团长|主任)$/u;
/** A role with no 的 is a name: "合作社理事长是刘志强". */
const bareRoleIsName = new RegExp(`^(\\p{Script=Han}{1,10}(?:理事长|会长|社长|厂长|校长|院长|馆长|站长|所长|矿长|场长|经理|主任|书记|支书|董事长|村长|镇长|队长))(?:是|为)(\\p{Script=Han}{2,3})$`, 'u');
/** Two roles and a name: "龙溪龙舟协会会长、现年68岁的老船工吴福生" (告诉记者, 说 … after it). */
const rolesThenName = new RegExp(`^([^、，的]{2,16}?${roleEnd})、(?:现年[\\d一二三四五六七八九十]+岁的)?([^、，]{1,10}?${roleEnd})(\\p{Script=Han}{2,3}?)(?:告诉记者|对记者说|说|表示|介绍说|介绍|认为)?$`, 'u');
export const roleThenName = new RegExp(`^([^的]{0,14}${roleEnd})([\\p{Script=Han}]{2,3})${personTail}$`, 'u');
/** A bare role of the one a sentence is about: "周海生，青川县石湾镇人，著名造船师傅". */
const bareRoleOf = new RegExp(`^(?:著名|有名|一位|一名)?(\\p{Script=Han}{1,6}${roleEnd})$`, 'u');
/** Where someone is from: "青川县石湾镇人". */
// (… or a province's name and a place in it, with no unit: "福建莆田人".)
const nativeOf = /^(\p{Script=Han}{2,12}(?:省|市|县|镇|村|乡|州|岛)|(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)\p{Script=Han}{2,6})人$/u;

/** The same with the role's owner before 的: "球队的教练陶建华". */
const ownedRoleThenName = new RegExp(`^([^的]{1,10}的[^的]{0,8}${roleEnd})([\\p{Script=Han}]{2,3})${personTail}$`, 'u');

/** An honorific after a given name, before 的 or alone: "永福公" (Mr Yongfu, in a family record). */
const honorific = /^(\p{Script=Han}{2})公(?=的|$)/u;
/** A news story's dateline: "本报讯（记者 陈晓）", "新华社北京5月20日电", then a day ("5月20日，"). */
const dateline = /^\s*(?:(?:本报讯|本台讯|本刊讯|\p{Script=Han}{2,6}(?:日报|晚报|时报|网)讯|新华社\p{Script=Han}{0,6}(?:\d{1,2}月\d{1,2}日)?电)\s*(?:[（(][^）)]{0,24}[）)])?\s*)?(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下]午|晚|晚间)?[，,]?)?/u;
/** The items of a coordination: "卢明远和顾承德", "白石灯塔、望潮桥和…". */
const conjuncts = (s: string) => s.split(/[和与、及]/u).filter(Boolean);

const pronoun = /^(?:他们|她们|它们|他|她|它)/u;
const leading = /^(?:(?:清|明|元|宋|唐|汉|民国)\p{Script=Han}{0,3}?(?:年间|初年|末年|时期)|听[^，说]{0,4}说|据说|听说|现在的|如今的|目前的|当年的|当时的|如今|现在|现(?=由|在|有)|后来|当时|目前|今天|平时|平日|同年|随后|此后|此外|另外|并且|而且|晚年|早年|少年|幼年|青年|中年|年轻时|小时候|随[父母]亲?|后(?=入|进|定居|迁|移居|任|升任|改任|调|考|返|回)|那时候?|当年|去年|今年|一百多年来|多年来|[一二三四五六七八九十百\d]+年来|[^，]{1,6}?(?:岁时|岁那年|年时|的时候|以后|之后|以前)|(?:退休|离休|毕业|结婚|出嫁|参军|复员|出师)[前后]|每年[^，]{0,6}|并|也|还|都|已|曾|又|就|便)+/u;
// "陆文娟2003年搬到…": a date after the subject is no part of its name.
// An adverb left at a subject's end ("酒厂一直赞助…") and an honorific after a name ("周庆山先生的女儿") are no part of it.
// (No name opens with an aspect particle: "担任了石湾小学的校长" holds 石湾小学.)
// ("镇上的石湾小学": where it stands, said before the name, is no part of it.)
// ("龙舟赛所用的龙舟大多": what is used, without the adverb after it.)
const clean = (s: string | undefined) => (s ?? '').replace(/(?<=\p{Script=Han}{2})(?:大多|大都|多半|全部|基本上|去年|今年|前年|当年|现在|目前|如今)$/u, '').replace(/(?<=^\p{Script=Han}{2,3})(?:也|还|都|曾经|曾)+$/u, '').replace(/^\p{Script=Han}{2,8}所用的(?=\p{Script=Han}{2})/u, '').replace(/^(?:这次|此次|本次|那次|这回)\p{Script=Han}{1,6}?的(?=\p{Script=Han}{2})/u, '').replace(/^(?:\p{Script=Han}{1,2}(?:旁边|后面|前面|对面|附近|后|前|旁|边)的(?=\p{Script=Han}{2})|该|这座|这家|这位|那座|这个|那个|这所|这间|这条|这艘|这对|这件|那件|这幅|这块|这批|位于|了|(?:镇上|镇中|村里|村中|村上|县里|城里|岛上|山上|街上|乡里|对岸|附近|旁边)的)/u, '').replace(/(?<=\p{Script=Han}{2})(?:之一|至今)$/u, '').replace(/(?:的|了)$/u, '').replace(/(?<=\p{Script=Han})(?:\d{2,4}|[一二三四五六七八九〇零]{4})年$/u, '')
  .replace(/(?<=\p{Script=Han}{2})(?:一直|一向|向来|仍然|依然|还|也|都|全部|均|曾经|曾|共|年轻时|小时候|早年|晚年|当年|后来|现在|目前|如今)$/u, '').replace(/(?<=\p{Script=Han}{2})(?:先生|女士)(?=的|$)/u, '');

const markers = new RegExp(`出生|生于|位于|坐落|地处|搬|迁|移居|来到|住在|居住|生活在|工作|任职|结婚|嫁|娶|担任|出任|属于|产自|产于|来自|是|由|于|在|${agentVerb}`, 'u');
/** A clause with no marker: a name or a noun phrase. */
const isBare = (c: string) => !!c && c.length <= 20 && !markers.test(c.replace(/的/gu, ''));
const nameIsRole = new RegExp(`^([\\p{Script=Han}]{2,4}?)(?:现在|目前|如今|现|也|曾|曾经|一直|还|都)*是(\\p{Script=Han}{2,14}${roleEnd})$`, 'u');
const isName = (c: string) => /^[\p{Script=Han}A-Za-z·]{2,4}$/u.test(c) && !c.includes('的');

/** Kin of an older generation or elder, whom one may learn a craft from: "跟外公何宝山学的". */
const elderKin = '外公|外祖父|爷爷|祖父|父亲|母亲|外婆|奶奶|叔叔|舅舅|姑姑|哥哥|姐姐';
/** A kin noun then a name: "外公何宝山", "丈夫林建华". */
const kinThenName = new RegExp(`^(${elderKin}|丈夫|妻子|儿子|女儿)(\\p{Script=Han}{2,3})$`, 'u');

/** A place written with the units that hold it: "福建省龙溪县后坂村" is 后坂村 in 龙溪县 in 福建省. */
const adminChain = /^(\p{Script=Han}{2,6}?(?:省|自治区))?(\p{Script=Han}{2,6}?(?:市|州|地区))?(\p{Script=Han}{2,6}?(?:县|区))?(\p{Script=Han}{2,6}?(?:镇|乡))?(\p{Script=Han}{2,6}?村)?$/u;
const placeRelation = /^(?:born_in|lives_in|located_in|comes_from|moved_to|died_in)$/u;

/** A place (a province, city, county, prefecture, town or village) then a craft or trade: "徽州木匠", "景德镇瓷匠". */
const placeCraft = /^(\p{Script=Han}{1,6}?(?:省|市|县|州|镇|村|乡))(\p{Script=Han}{0,3}(?:匠|师傅|工|商|艺人))$/u;

export interface ChineseResult {
  found: Found[];
  subject: string | null;
  /** Whom a 她 or a 他 was read as: a woman, a man. */
  pronouns: [string, 'f' | 'm'][];
}

/**
 * What the document so far says of its people, for 他 and 她: whom a kin noun makes female or male ("罗广田之女罗秀英":
 * 罗秀英 is a woman, 罗广田 a man), and the latest of each.
 */
export interface Referents {
  gender(name: string): 'f' | 'm' | null;
  latest(gender: 'f' | 'm'): string | null;
}

/** Triples in one Chinese sentence; `previous` is the subject of the sentence before (for 他/她/它). */
export function chineseSentence(sentence: string, previous: string | null, referents?: Referents): ChineseResult {
  const found: Found[] = [];
  const add = (head: string, relation: string, tail: string, extractor: Found['extractor'] = 'pattern') => {
    // (A family record's "永福公" is 永福, whose surname the record's names share: 周永福.)
    head = clean(head).replace(honorific, '$1');
    tail = clean(tail).replace(honorific, '$1');
    // ("由陈有福等十二户渔民创办": the one named, and others.)
    const others = /^(\p{Script=Han}{2,3})等(?:[\d一二三四五六七八九十百几]+(?:户|人|位|名|家)?)?\p{Script=Han}{0,4}$/u.exec(tail);
    if (others && maybePerson(others[1]!)) tail = others[1]!;
    // (No one is their own kin or holds a role of their own: "韦春燕 holds 韦春燕的妻子" is a pronoun read wrong.)
    if (head && tail && head !== tail && head.length <= 16 && tail.length <= 24 && !tail.startsWith(`${head}的`)) found.push({ head, relation, tail, extractor });
    // ("生于福建省龙溪县后坂村": the village, in its county, in its province.)
    const chain = placeRelation.test(relation) ? adminChain.exec(tail) : null;
    const units = chain ? chain.slice(1).filter((u): u is string => !!u) : [];
    if (units.length >= 2) {
      found[found.length - 1]!.tail = units[units.length - 1]!;
      for (let k = units.length - 1; k > 0; k--) found.push({ head: units[k]!, relation: 'located_in', tail: units[k - 1]!, extractor });
    }
    // ("公司创始人徐建国": the founder of the body the text is about, which extract.ts finds by its generic noun.)
    const founderOf = relation === 'holds_role' ? /^(公司|工厂|学校|协会|合作社|医院|茶厂|酒厂|学会|研究会|研究所)(?:的)?(?:创始人|创办人)$/u.exec(tail) : null;
    if (founderOf) found.push({ head: founderOf[1]!, relation: 'founded_by', tail: head, extractor });
    // ("徽州木匠汪守仁": a craft after a place says where the craftsman is from.)
    const from = relation === 'holds_role' ? placeCraft.exec(tail) : null;
    if (from && head !== from[1]) found.push({ head, relation: 'comes_from', tail: from[1]!, extractor });
  };
  /** Where someone is a native of: "乌川县石埠镇" is 石埠镇, which is in 乌川县, as the text names the town elsewhere. */
  const nativeTo = (person: string, place: string): void => {
    const within = /^(\p{Script=Han}{2,8}?(?:省|市|县|州))(\p{Script=Han}{2,8}(?:镇|村|乡|岛))$/u.exec(place);
    add(person, 'comes_from', within ? within[2]! : place);
    if (within) add(within[2]!, 'located_in', within[1]!);
  };
  /** (X, holds_role, 董事会的主席), and (X, chair_of, 董事会) so that the body stays one hop away. */
  const roleWithOf = (person: string, role: string): void => {
    // ("寺里现在的住持": now is no part of the role.)
    role = role.replace(/(?<=\p{Script=Han})(?:现在|如今|目前)的/u, '的');
    // "公司董事长兼总经理": two roles.
    const both = /^(\p{Script=Han}{2,16})兼(?:任)?(\p{Script=Han}{2,8})$/u.exec(role);
    if (both) return [both[1]!, both[2]!].forEach((r) => roleWithOf(person, r));
    add(person, 'holds_role', role);
    // "龙溪龙舟协会会长" is the association's 会长: the body one hop away, as "X的会长" gives it.
    const bodyRole = bodyThenHead.exec(role);
    if (bodyRole) add(person, roleOfLabel(bodyRole[2]!), bodyRole[1]!);
    // ("厦门大学美术学院教授": a teacher of a school teaches there.)
    // (Not a kind: "一名中学教师" names no school.)
    const teaches = /^(?![一这那])(\p{Script=Han}{2,14}(?:大学|学院|中学|小学|学校))(?:副)?(?:教授|讲师|教师|老师)$/u.exec(role);
    if (teaches) add(person, 'teach_at', teaches[1]!);
    const of = /^(.{2,16})的(.{1,5})$/u.exec(role);
    if (of) add(person, roleOfLabel(of[2]!), of[1]!);
  };
  let sentenceSubject: string | null = null;
  /** The subject a later clause named, after the sentence's first. */
  let clauseSubject: string | null = null;
  let lastObject: string | null = null;
  const said: [string, 'f' | 'm'][] = [];
  let unknown = false;
  // A work's title marks (《摇船歌》) are no part of its name.
  // What someone says (他说：“…”) is theirs, not the document's statement: it goes. A quoted name that opens a clause
  // otherwise ("“石埠高粱酒”就是由他主持研制的") is a name.
  // Written Chinese: "罗广田之女罗秀英" is 罗广田的女儿罗秀英; "何志明系罗秀英之夫", 何志明是罗秀英的丈夫.
  const kinOf: Record<string, string> = { 女: '女儿', 子: '儿子', 妻: '妻子', 夫: '丈夫' };
  // "周海生（1932—2015），…": life dates in brackets are no part of the sentence (but say that a name opens it).
  const lifeDates = /[（(]\s*(?:生于)?\d{4}/u.test(sentence);
  // A news story's dateline and byline ("本报讯（记者 陈晓）5月20日，") say who wrote it and when: no part of it.
  // ("陈晓林现为厦门大学教授": 现为, 现在是 say 是 now; "住持是释慧明法师": the honorific after a name goes.)
  const split = sentence.replace(dateline, '').replace(/(?<=\p{Script=Han})(?:现为|现在是|如今是|目前是)(?=\p{Script=Han})/gu, '是').replace(/(?<=是\p{Script=Han}{2,4})(?:法师|先生|女士)(?=[，,。]|$)/gu, '').replace(/[（(]\s*(?:生于)?\d{4}(?:年)?(?:\s*[—–-]\s*\d{4}(?:年)?)?\s*[）)]/gu, '').replace(/(?<=\p{Script=Han}{2})系(?=\p{Script=Han}{2,4}之[女子妻夫])/gu, '是').replace(/之([女子妻夫])(?=\p{Script=Han}|$|[，。])/gu, (_, k: string) => `的${kinOf[k]}`)
    // ("其子林国栋于1950年回国": 其 is the one the sentence before was about; 子 a son.)
    .replace(/(?<=^|[，,])其([子女妻夫])(?=\p{Script=Han}{2,3})/gu, (_, k: string) => kinOf[k]!)
    // ("周树林，永福公长子，…": 永福公的长子.)
    .replace(/(?<=^|[，,])(\p{Script=Han}{2}公)((?:长|次|三|四|幼)[子女])(?=[，,。；]|$)/gu, '$1的$2')
    .replace(/^\s*(?:[-*•]|\d+[.)、])\s*/u, '').replace(/[《》「」]/gu, '').split(/[，,；;：:]/u).map((c) => c.trim());
  // A forum reply's "补充一下：", "想请教各位：" opens what follows; it is nobody.
  const clauses = split.filter((c, k) => c && !/说$/u.test(c) && !/^(?:补充一下|补充|请问|想请教各位|请教各位|顺便说一下|说实话|对了|听说|据说)$/u.test(c) && !(/^[“"]/u.test(c) && (k === 0 || /(?:说|道|表示|称|讲|问)$/u.test(split[k - 1] ?? '') || !/^“[^”]{2,12}”/u.test(c))));
  // A list's entry "- 石埠高粱酒：以本地糯高粱为原料，…" is about its term.
  const term = /^\s*(?:[-*•]\s*)?(\p{Script=Han}{2,12})[：:]\s*\S/u.exec(sentence)?.[1] ?? null;
  if (term && clauses[0] === term) {
    sentenceSubject = term;
    clauses[0] = '';
  }
  let quoted: string | null = null;
  /** "开过一家米行" before "叫“振兴米行”": the kind opened, by whom and where, for the name the next clause gives. */
  let openedKind: { kind: string; founder: string | null; place: string | null } | null = null;
  /** A clause that is only a year ("1956年，…") dates the clause after it. */
  let year: string | null = null;
  clauses.forEach((raw, i) => {
    const alone = /^((?:1[0-9]|20)\d\d)年$/u.exec(raw);
    if (alone) {
      year = alone[1]!;
      return;
    }
    if (i > 0 && !/^((?:1[0-9]|20)\d\d)年$/u.test(clauses[i - 1] ?? '')) year = null;
    // Adverbs after the subject ("黎秀英后来嫁给了…") say when, not who: they go, so the subject ends at the verb.
    // "石湾渡口的渡船“青川号”由…建造": the quoted name is the subject, of the kind the description ends with.
    // (What is said of someone is no kind: "山里人都叫他“叶先生”".)
    // ("茶厂生产的“东山云雾”曾获…": who made the quoted name.)
    // (… "她设计的“闽东一号”": a designer, 她 the one the sentence is about.)
    // ("他主持研制的“古法晒油”": who led the work made it.)
    const madeName = /^(他|她|\p{Script=Han}{2,10}?)(?:主持|负责|亲自|参与)?(生产|出品|酿造|制作|烧制|研制|研发|设计)的“([^”]{2,12})”/u.exec(raw);
    const maker = madeName && /^[他她]$/u.test(madeName[1]!) ? sentenceSubject ?? previous : madeName?.[1];
    if (madeName && maker) {
      const product = madeName[3]!;
      add(product, madeName[2] === '设计' ? 'designed_by' : 'made_by', maker);
      // (The product is what the sentence goes on about: "…获省科技进步奖，研发负责人是…".)
      if (!sentenceSubject) sentenceSubject = product;
    }
    // ("渡口旁的茶馆叫“望江楼”": the quoted name is called so, of the kind before 叫.)
    const calledKind = /^(?:[^“”，]{1,16}?的)?(?!名叫)([^“”的，叫称说是都也他她们]{1,8})(?:叫|名叫|叫做)“([^”]{2,12})”$/u.exec(raw);
    if (calledKind) {
      add(calledKind[2]!, 'is_a', calledKind[1]!, 'apposition');
      if (!sentenceSubject) sentenceSubject = calledKind[2]!;
      return;
    }
    const namedKind = /^([^“”，]{1,16}?的)?([^“”的，叫称说是都也他她们]{1,8})“([^”]{2,12})”(?=由|是|在|于|位于|建|产|获|来自|$)/u.exec(raw);
    if (namedKind) add(namedKind[3]!, 'is_a', namedKind[2]!, 'apposition');
    // ("陈德海把船厂搬到了三都澳": what 把 moves is what moved.)
    let clause = (namedKind ? namedKind[3]! + raw.slice(namedKind[0].length) : raw).replace(/^\p{Script=Han}{2,4}?把(?=\p{Script=Han}{2,8}?(?:搬|迁|移)(?:到|至|往))/u, '').replace(/^“([^”]{2,12})”/u, '$1').replace(leading, '').replace(/(?<=\p{Script=Han})(?:自|从)\d{2,4}年(?:起|开始)?/u, '').replace(/(?<=\p{Script=Han})(?:后来|已经|曾经|一直|早已|刚刚|刚|也|还|又)(?=嫁|娶|搬|迁|移居|来到|担任|出任|住在|出生|在|从)/u, '');
    // "陈阿水去世后，船厂由他的长子陈德海接管": a clause that only tells when (someone's death, retirement) names whom
    // the 他 after it stands for.
    const lifeEvent = /^(\p{Script=Han}{2,3}?)(?:去世|病逝|逝世|过世|退休|离休|辞职|卸任|离职)了?(?:后|以后|之后)?$/u.exec(clause);
    if (lifeEvent && maybePerson(lifeEvent[1]!)) {
      if (!sentenceSubject) sentenceSubject = lifeEvent[1]!;
      else clauseSubject = lifeEvent[1]!;
      return;
    }
    // "父亲周福来是…", "女儿周晓梅后来接任…": a kinship noun before a name, with no owner, is the previous subject's kin.
    const kin = /^(父亲|母亲|儿子|女儿|长子|次子|三子|四子|幼子|长女|次女|三女|四女|幼女|妻子|丈夫|哥哥|姐姐|弟弟|妹妹|祖父|祖母|爷爷|奶奶|外公|外婆|孙子|孙女)(\p{Script=Han}{2,3}?)(?=是|后来|在|于|也|曾|接任|担任|出生|嫁|娶|和|与|，|$)/u.exec(clause);
    // ("赵国强退休，其女赵丽华接任董事长": the person who opens the clause before is the nearer owner.)
    const openedBefore = kin && i > 0 ? /^(\p{Script=Han}{2,3}?)(?:退休|去世|病逝|逝世|辞职|卸任|离职|回国|回乡|出生|是|任|担任)/u.exec(clauses[i - 1]!)?.[1] : undefined;
    const kinOwner = openedBefore && maybePerson(openedBefore) ? openedBefore : sentenceSubject ?? previous;
    if (kin && kinOwner) {
      add(kin[2]!, 'holds_role', `${kinOwner}的${kin[1]}`, 'apposition');
      clause = clause.slice(kin[1]!.length);
      // (The kin is who the sentence goes on about: "其子林国栋于1950年回国，后任…".)
      if (!sentenceSubject && i === 0) sentenceSubject = kin[2]!;
    }
    // "那方“百鸟砚”你一定要看，它是由沈宗福雕刻的": 它 is the work the sentence named in quotes before it.
    // (After a 她 no one known could be, the clauses that go on without a subject are hers too: no one's.)
    const it = /^它(?!们)/u.test(clause);
    // (A clause with no subject goes on about the last clause that named one: "…，鱼苗场建于2018年，位于湖西村" is the
    // fish farm's, not the sentence's first subject's.)
    const before = (it ? quoted : null) ?? clauseSubject ?? sentenceSubject ?? (unknown ? null : previous);
    // (它 is no person: "它的作者是…" after a sentence about 周敏 is a thing's.)
    const base = it && before && maybePerson(before) ? null : before;
    // "她的父亲罗广田…。如今，合作社由她的儿子何俊打理": 她 is not the father the sentence before was about, but the
    // latest woman, when the document says who is a woman and who a man.
    const referent = (text: string): string | null => {
      const p = /^(她|他)(?!们)/u.exec(text)?.[1];
      const g = p === '她' ? 'f' : p === '他' ? 'm' : null;
      if (!g || !referents) return base;
      const other = g === 'f' ? 'm' : 'f';
      const baseGender = base ? referents.gender(base) : null;
      // The subject before, when it may be this person: of this sex, or a person's name of no known sex.
      if (base && (baseGender === g || (baseGender === null && maybePerson(base)))) {
        said.push([base, g]);
        return base;
      }
      // Else (a man for 她, a thing for 他: "石湾小学由乡绅陈守仁…创办，现任校长是他的曾孙女"; "那方“百鸟砚”…。她是…"): the
      // latest person of the sentence who may be, then the document's latest of this sex.
      const inSentence = found.flatMap((f) => [f.tail, f.head]).reverse().find((n) => maybePerson(n) && referents.gender(n) !== other);
      const who = inSentence ?? referents.latest(g);
      if (who) {
        said.push([who, g]);
        return who;
      }
      // (A subject that is no person's name and of no known sex stays, as before; a man for 她 is no one.)
      if (base && baseGender === null) return base;
      unknown = true;
      return null;
    };
    const fallback = referent(clause);
    const replaced = pronoun.test(clause) && fallback ? fallback : null;
    if (replaced) clause = replaced + clause.replace(pronoun, '').replace(leading, '');
    // "杨德明将公司交给女儿杨秀兰管理": a kin noun after handing over, with no owner, is the giver's kin.
    const handed = /^(\p{Script=Han}{2,8}?)?(?:将|把)\p{Script=Han}{1,10}?(?:交给|传给|留给|托付给)了?((?:长|次|幼)?(?:女儿|儿子|子|女)|孙子|孙女|侄子|侄女|妻子)(\p{Script=Han}{2,3}?)(?=管理|经营|打理|负责|继承|接手|$)/u.exec(clause);
    // ("创始人杨德明将…": the name after a role.)
    const giver = handed ? (handed[1] ? roleThenName.exec(handed[1])?.[2] ?? handed[1] : sentenceSubject ?? previous) : null;
    if (handed && giver && maybePerson(handed[3]!)) add(handed[3]!, 'holds_role', `${giver}的${handed[2]!.length === 1 ? kinOf[handed[2]!]! : handed[2]}`, 'apposition');
    // "她的代表作《春江》现藏于福建省美术馆": a work named as someone's is theirs; the clause goes on about the work.
    const work = /^(\p{Script=Han}{2,8}?)的(?:代表作|成名作|作品|遗作)(?:是|为|有)?“?([^“”，]{2,10}?)”?(?=现|藏|收藏|珍藏|陈列|保存|存放|曾|获|$)/u.exec(clause);
    if (work && work[2]) {
      add(work[2]!, 'made_by', work[1]!);
      clause = work[2]! + clause.slice(work[0].length);
    }
    // "她的竹编手艺是跟外公何宝山学的": whom one learned from (a kin noun before the name is the learner's kin).
    const learned = /^(\p{Script=Han}{2,4}?)?(?:的\p{Script=Han}{0,6}?(?:手艺|技艺|本领|功夫|技术))?(?:是)?(?:跟着|跟随|跟|向)(\p{Script=Han}{2,8}?)(?:学的|学来的|学习的|学艺|学)$/u.exec(clause);
    const learner = learned ? (learned[1] ? clean(learned[1]) : sentenceSubject ?? previous) : null;
    if (learned && learner) {
      const master = roleThenName.exec(learned[2]!) ?? kinThenName.exec(learned[2]!);
      const name = master ? master[2]! : learned[2]!;
      add(learner, 'apprenticed_to', name);
      if (master && elderKin.split('|').includes(master[1]!)) add(name, 'holds_role', `${learner}的${master[1]}`, 'apposition');
      return;
    }
    // "茶馆是她丈夫林建华开的，名叫“竹韵茶舍”": who opened it; the name may follow.
    const openedBy = /^(\p{Script=Han}{2,10}?)是(\p{Script=Han}{2,10}?)开(?:办|设)?的$/u.exec(clause);
    if (openedBy) {
      const kin = kinThenName.exec(openedBy[2]!.replace(/^[他她]/u, ''));
      const founder = kin ? kin[2]! : clean(openedBy[2]);
      add(openedBy[1]!, 'founded_by', founder);
      // ("是她丈夫林建华开的": her husband, she being the one the text is about.)
      const spouseOf = (openedBy[2]!.startsWith('她') ? referents?.latest('f') : openedBy[2]!.startsWith('他') ? referents?.latest('m') : null) ?? sentenceSubject ?? previous;
      if (kin && /^(?:丈夫|妻子)$/u.test(kin[1]!) && spouseOf && maybePerson(spouseOf)) add(founder, 'married_to', spouseOf);
      openedKind = { kind: clean(openedBy[1]), founder, place: null };
      return;
    }
    // "米行是1932年开的": the year it was opened or built.
    const openedIn = /^(\p{Script=Han}{2,12}?)是(\d{3,4})年(?:开|开办|开设|建|建成|修建|创办|创建|成立)的$/u.exec(clause);
    if (openedIn) {
      add(openedIn[1]!, 'in_year', openedIn[2]!);
      if (!sentenceSubject) sentenceSubject = clean(openedIn[1]) || null;
      return;
    }
    // "王德顺在河口镇开过一家米行，叫“振兴米行”": who opened it and where; the name may follow (below).
    const opened = /^(?:(?!在)(\p{Script=Han}{2,8}?))?(?:年轻时|早年|当年)?(?:在(\p{Script=Han}{2,10}?))?(?:开过|开了|开办了|开设了|开)一(?:家|个|间|座)(\p{Script=Han}{1,8})$/u.exec(clause);
    if (opened) {
      const founder = opened[1] ? clean(opened[1]) : sentenceSubject ?? previous;
      openedKind = { kind: opened[3]!, founder, place: opened[2] ?? null };
      if (founder) add(opened[3]!, 'founded_by', founder);
      if (opened[2]) add(opened[3]!, 'located_in', opened[2]);
      return;
    }
    const namedOpened = openedKind ? /^(?:名叫|叫做|叫|名为)“?([^“”，]{2,12}?)”?$/u.exec(raw) : null;
    if (namedOpened && openedKind) {
      const { kind, founder, place } = openedKind;
      add(namedOpened[1]!, 'is_a', kind, 'apposition');
      if (founder) add(namedOpened[1]!, 'founded_by', founder);
      if (place) add(namedOpened[1]!, 'located_in', place);
      openedKind = null;
      return;
    }
    // "我爷爷叫王德顺": the name of someone the writer calls by kin (the document's own word for them).
    const myKin = /^(我(?:的)?\p{Script=Han}{1,3})(?:叫|名叫|叫做)(\p{Script=Han}{2,3})$/u.exec(clause);
    if (myKin && maybePerson(myKin[2]!)) {
      add(myKin[2]!, 'same_as', myKin[1]!, 'apposition');
      sentenceSubject = myKin[2]!;
      return;
    }
    // "黄家后人黄秀英将花窗捐赠给县文化馆": the thing given is the giver's gift and goes to the receiver.
    const donated = /^(\p{Script=Han}{2,8}?)?(?:将|把)(\p{Script=Han}{1,10}?)(?:捐赠给|捐献给|捐给|赠送给|赠给)了?(\p{Script=Han}{2,16})$/u.exec(clause);
    if (donated) {
      const donor = donated[1] ? roleThenName.exec(donated[1])?.[2] ?? donated[1] : sentenceSubject ?? previous;
      // ("祖传的花窗": the noun after its modifier.)
      const gift = clean(donated[2]!.replace(/^.*的/u, ''));
      if (donor) add(gift, 'donated_by', donor);
      add(gift, 'donated_to', clean(donated[3]));
      return;
    }
    // "主持修复的是木雕专家陈立平": who did it, named after 的是 with a role (a later 他 is them), and what was done is
    // the sentence subject's.
    const cleftDoer = /^(?:主持|负责|亲自)?(\p{Script=Han}{1,6}?)的是(\p{Script=Han}{3,16})$/u.exec(clause);
    const doer = cleftDoer ? roleThenName.exec(cleftDoer[2]!) : null;
    if (cleftDoer && doer && maybePerson(doer[2]!)) {
      add(doer[2]!, 'holds_role', doer[1]!, 'apposition');
      const done = agentVerbs[cleftDoer[1]!];
      if (done && (sentenceSubject ?? previous)) add(sentenceSubject ?? previous!, done, doer[2]!);
      return;
    }
    quoted = /“([^”]{2,8})”/u.exec(raw)?.[1] ?? quoted;
    // "主持建造了渡船“青川号”": the quoted name ends the clause as the object, of the kind just before it.
    const namedObject = /([^“”，了的是由在]{1,3})“([^”]{2,12})”$/u.exec(clause);
    // (Not a name given or an event held: "都叫他“叶先生”", "在沈家祠堂举办“砚溪砚雕展”".)
    if (namedObject && namedObject.index > 0 && !/[叫称他她办行开]/u.test(namedObject[1]!)) {
      add(namedObject[2]!, 'is_a', namedObject[1]!, 'apposition');
      clause = clause.slice(0, namedObject.index) + namedObject[2]!;
    }
    // "周海生，青川县石湾镇人，著名造船师傅": a native of a place, and a bare role, of the one the sentence is about.
    // ("他是浙江温州人", read with its referent: "释广明是浙江温州人".)
    const nativeIs = /^(\p{Script=Han}{2,4}?)是(\p{Script=Han}{3,16}人)$/u.exec(clause);
    const nativeNamed = nativeIs && (maybePerson(nativeIs[1]!) || isName(nativeIs[1]!)) ? nativeOf.exec(nativeIs[2]!) : null;
    if (nativeIs && nativeNamed) {
      // (… and the sentence goes on about the native: "李春生是石桥村人，退休前在县第一中学教语文".)
      if (i === 0 && !sentenceSubject) sentenceSubject = nativeIs[1]!;
      return nativeTo(nativeIs[1]!, nativeNamed[1]!);
    }
    const native = i > 0 && base ? nativeOf.exec(clause) : null;
    if (native) return nativeTo(base!, native[1]!);
    const bareRole = i > 0 && base && isName(base) ? bareRoleOf.exec(clause) : null;
    // (Not a clause that tells something: "三年后出师" ends as roles do.)
    // ("鸥屿许家湾人": where someone is from, not a role.)
    if (bareRole && !markers.test(bareRole[1]!) && !/[\d后前时了出入回去来过到]/u.test(bareRole[1]!) && !bareRole[1]!.endsWith('人') && !bareRole[1]!.startsWith('任')) {
      add(base!, 'is_a', bareRole[1]!);
      return;
    }
    // "陈阿福，海安营造社的总匠，…" and "听潮茶馆的老板，苏晴，…": a bare name beside a role phrase.
    const next = clauses[i + 1];
    if (i === 0 && next && isBare(clause) && isBare(next)) {
      const [name, role] = isName(clause) && next.includes('的') ? [clause, next] : isName(next) && clause.includes('的') ? [next, clause] : [null, null];
      if (name && role) {
        add(name, 'holds_role', role, 'apposition');
        sentenceSubject = name;
        clauses[1] = '';
        return;
      }
    }
    // The first clause may be a role and a name ("澜屿灯塔看守人林默") that the next clauses are about.
    const rn = i === 0 ? roleThenName.exec(clause) : null;
    if (rn && clauses.length > 1) {
      add(rn[2]!, 'holds_role', rn[1]!, 'apposition');
      sentenceSubject = rn[2]!;
      return;
    }
    // … or open a clause that goes on ("现任校长蒙丽华是蒙德全的女儿"): the name is the subject, the role its own.
    // (位于 ends the name before it: "沈家祠堂位于…" is no role 沈家 and name 祠堂位.)
    // (… a later clause too, when the role has its owner: "…，两人的儿子陈晓林现为厦门大学教授".)
    const lead = i === 0 || /^[^的，]{1,10}的/u.test(clause) ? /^(?:现在的|如今的|目前的|当时的|当年的|的)?(.{3,16}?)(位于|坐落|地处|是|出生|生于|在|于|曾|也|还|和|与|后来|担任|出任|接任|现任|毕业)/u.exec(clause) : null;
    // (The role may have its owner: "球队的教练陶建华是…".)
    // (What 位于 somewhere is a place, no person: "沈家祠堂" is no role 沈家 and name 祠堂.)
    // ("竹编社由周广田之女周秀英担任社长": 由 gives the agent, read below.)
    const rnLead = lead && !/^(?:位于|坐落|地处)$/u.test(lead[2]!) && !lead[1]!.includes('由') ? (i === 0 ? roleThenName.exec(lead[1]!) : null) ?? ownedRoleThenName.exec(lead[1]!) : null;
    if (rnLead) {
      add(rnLead[2]!, 'holds_role', rnLead[1]!, 'apposition');
      clause = rnLead[2]! + clause.slice(lead![0]!.length - lead![2]!.length);
    }
    // ("周海生（1932—2015），青川县石湾镇人，…": a name alone opens a sentence about them.)
    if (i === 0 && next && isName(clause) && (lifeDates || clauses.slice(1).some((c) => nativeOf.test(c) || /^(?:字|号|生于|卒于)/u.test(c)))) {
      sentenceSubject = clause;
      return;
    }
    // "《摇船歌》，由陆秉文作词": a bare name, then a clause without a subject about it.
    if (i === 0 && next && isBare(clause) && /^(?:由|是由)/u.test(next) && clause.length <= 16) {
      sentenceSubject = clean(clause);
      return;
    }
    // "林默出生在渔溪村，一个以补网为生的渔村": the kind describes the clause's object before it, else the subject.
    const described = lastObject ?? sentenceSubject;
    const ap = i > 0 && described ? apposedKind.exec(clause) : null;
    if (ap) {
      add(described!, 'is_a', ap[1]!.split('的').pop()!, 'apposition');
      return;
    }
    lastObject = null;
    const subjects = (s: string | undefined): string[] => {
      // ("狮头，全部由竹坪竹编合作社制作": a quantifier is no subject, and what it counts is not known here.)
      if (s && /^(?:全部|都|均|也|还|大多|大部分)$/u.test(s)) return [];
      // ("1962年升任厂长": a year opening the clause is when, not who.)
      const who = s && !/^(?:1[0-9]|20)\d\d年$/u.test(s) ? s.replace(pronoun, referent(s) ?? '') : fallback;
      // "他的女儿周玉兰现在是…", "渡工林海生在…": the name is the subject, and holds the role or kin before it.
      return who ? conjuncts(who).map((c) => {
        // (A role with its owner only: a bare one may be half a name, "沈家祠堂".)
        const rn = ownedRoleThenName.exec(clean(c));
        if (!rn) return c;
        add(rn[2]!, 'holds_role', rn[1]!, 'apposition');
        return rn[2]!;
      }) : [];
    };
    const resolve = (s: string) => (pronoun.test(s) ? s.replace(pronoun, referent(s) ?? '') : s);
    let matched = false;
    const note = (s: string | undefined) => {
      matched = true;
      if (!sentenceSubject && s) sentenceSubject = clean(subjects(s)[0]) || null;
      if (s && i > 0) clauseSubject = clean(subjects(s)[0]) || clauseSubject;
    };
    // "龙溪龙舟协会会长、现年68岁的老船工吴福生告诉记者": two roles, 、 between them, before a name (an age between).
    const twoRoles = i === 0 ? rolesThenName.exec(clause) : null;
    if (twoRoles && maybePerson(twoRoles[3]!)) {
      roleWithOf(twoRoles[3]!, twoRoles[1]!);
      add(twoRoles[3]!, 'holds_role', twoRoles[2]!, 'apposition');
      sentenceSubject = twoRoles[3]!;
      return;
    }
    // "它的作者是许振邦的女儿许秋云": the name after a kin phrase holds the role before 是, and the kin.
    // (… or a bare head role of the thing the sentence is about: "茶馆叫“望江楼”，老板是赵志远的妻子孙丽".)
    const roleIsKinName = /^([^是]{1,16}的[^是的]{1,8}|老板|老板娘|主人|店主|掌柜|经理|主任|负责人)是([^是的]{1,10}的[^的]{0,8}?)(\p{Script=Han}{2,3})$/u.exec(clause);
    const kinName = roleIsKinName ? ownedRoleThenName.exec(roleIsKinName[2]! + roleIsKinName[3]!) : null;
    if (roleIsKinName && kinName && maybePerson(kinName[2]!)) {
      const bareHead = !roleIsKinName[1]!.includes('的');
      const role = bareHead ? (sentenceSubject ? `${sentenceSubject}的${roleIsKinName[1]}` : roleIsKinName[1]!) : resolve(roleIsKinName[1]!);
      if (!pronoun.test(role) && !role.startsWith('的')) roleWithOf(kinName[2]!, role);
      roleWithOf(kinName[2]!, resolve(kinName[1]!));
      if (!sentenceSubject) sentenceSubject = kinName[2]!;
      return;
    }
    // "合作社的仓库管理员是托马斯": the role is the subject, the name holds it.
    // ("村东的石拱桥名叫永安桥": a thing's kind, not a person's role; "合作社理事长是刘志强": a role with no 的.)
    // ("工坊的主人是竹编艺人苏秀梅": the name after 是 may come with a role of its own.)
    const heldRn = /^([^是]{1,16}的[^是的叫]{1,8}?)是(\p{Script=Han}{4,12})$/u.exec(clause);
    const heldRole = heldRn ? roleThenName.exec(heldRn[2]!) : null;
    if (heldRn && heldRole && maybePerson(heldRole[2]!)) {
      add(heldRole[2]!, 'holds_role', heldRole[1]!, 'apposition');
      clause = `${heldRn[1]}是${heldRole[2]}`;
    }
    const held = roleIsName.exec(clause) ?? bareRoleIsName.exec(clause);
    if (held) {
      const kind = held[1]!.split('的').pop()!;
      if (placeOrBody.test(held[2]!) || /(?:桥|塔|楼|亭|寺|庙|阁|井|碑|船|号)$/u.test(held[2]!)) add(held[2]!, 'is_a', kind);
      else roleWithOf(held[2]!, held[1]!);
      if (!sentenceSubject) sentenceSubject = held[2]!;
      return;
    }
    // "青川酒厂在镇北建成，首任厂长为李德顺": a bare head role "为" (is) a name after a clause about a body is the body's.
    // ("现任校长是他的曾孙女陈敏": the name after a kin phrase, and the kin is the pronoun's.)
    const headIs = headIsName.exec(clause);
    if (headIs) {
      const body = sentenceSubject && !isName(sentenceSubject) ? sentenceSubject : null;
      const name = headIs[4]!;
      const owner = headIs[2] ? resolve(headIs[2]) : null;
      roleWithOf(name, body ? `${body}的${headIs[1]}` : headIs[1]!);
      if (owner && owner !== name && headIs[3]) add(name, 'holds_role', `${owner}的${headIs[3]}`, 'apposition');
      return;
    }
    // "研发负责人是总工程师郭建平": a lead with no owner is the sentence subject's; the holder may be named with a role.
    const leadIs = /^(\p{Script=Han}{0,6}(?:负责人|主持人|带头人|组长|队长|领队|船长))(?:是|为)(\p{Script=Han}{2,12})$/u.exec(clause);
    const leadHolder = leadIs ? roleThenName.exec(leadIs[2]!) ?? (maybePerson(leadIs[2]!) ? [leadIs[2]!, '', leadIs[2]!] : null) : null;
    // ("今年的冠军是上湾村龙舟队，队长是渔民黄永福": the body the clause before named.)
    const leadOwner = leadHolder ? (i > 0 ? /是(\p{Script=Han}{2,12}(?:队|会|社|厂|站|团|所|组))$/u.exec(clauses[i - 1] ?? '')?.[1] : undefined) ?? sentenceSubject ?? previous : null;
    if (leadIs && leadHolder && leadOwner) {
      roleWithOf(leadHolder[2]!, `${leadOwner}的${leadIs[1]}`);
      if (leadHolder[1]) add(leadHolder[2]!, 'holds_role', leadHolder[1]);
      return;
    }
    // "分厂厂长由孙志明担任": the role held by the name.
    const heldBy = /^(\p{Script=Han}{2,12}?)由(\p{Script=Han}{2,3})(?:担任|出任|兼任)$/u.exec(clause);
    if (heldBy && maybePerson(heldBy[2]!)) {
      roleWithOf(heldBy[2]!, heldBy[1]!);
      return;
    }
    // "公司在安平县设立分厂": the new branch is there, and the founder's.
    const setUp = /^(\p{Script=Han}{2,16}?)在(\p{Script=Han}{2,12}?)(?:设立|开设|设|建立|开办|兴建)了?(\p{Script=Han}{2,12})$/u.exec(clause);
    if (setUp) {
      add(setUp[3]!, 'located_in', setUp[2]!);
      add(setUp[3]!, 'owned_by', setUp[1]!);
      if (year) add(setUp[3]!, 'in_year', year);
      return;
    }
    // "1985年，青川酒厂在镇北建成": where it was built, and the year clause before dates it.
    const builtAt = /^(\p{Script=Han}{2,16}?)在(\p{Script=Han}{1,12}?)(?:建成|落成|成立|开业|建立|开办)$/u.exec(clause);
    if (builtAt) {
      add(builtAt[1]!, 'located_in', builtAt[2]!);
      if (year) add(builtAt[1]!, 'in_year', year);
      if (!sentenceSubject) sentenceSubject = clean(builtAt[1]) || null;
      return;
    }
    // "许文清是泓阳县文化馆馆长": a name is a role (one that ends as roles do).
    const isRole = nameIsRole.exec(clause);
    // ("黄永强是湖东村人": where one is from, not a role.)
    const nativeRole = isRole ? nativeOf.exec(isRole[2]!) : null;
    if (isRole && nativeRole) {
      const who = resolve(isRole[1]!);
      add(who, 'comes_from', nativeRole[1]!);
      if (!sentenceSubject) sentenceSubject = who;
      return;
    }
    if (isRole && !/的/u.test(isRole[2]!)) {
      const who = resolve(isRole[1]!);
      roleWithOf(who, isRole[2]!);
      if (!sentenceSubject) sentenceSubject = who;
      return;
    }
    // "今年五月在沈家祠堂举办“砚溪砚雕展”": the event is held there.
    const event = /在(\p{Script=Han}{2,16}?)(?:举办|举行|召开)了?“?(\p{Script=Han}{2,16})”?$/u.exec(clause);
    if (event) add(event[2]!, 'held_in', event[1]!);
    // "由罗广田的女儿罗秀英担任社长": who serves as it holds the role (and a kin before the name is hers).
    // ("竹编社由…担任社长": the role is the body's.)
    const serves = /^(\p{Script=Han}{0,12}?)由(\p{Script=Han}{2,16}?)(?:担任|出任)(\p{Script=Han}{2,16})$/u.exec(clause);
    if (serves) {
      // ("由女婿陈志明担任厂长": the name after a bare kin noun too.)
      const kin = ownedRoleThenName.exec(serves[2]!) ?? roleThenName.exec(serves[2]!);
      if (kin) add(kin[2]!, 'holds_role', kin[1]!, 'apposition');
      const body = clean(serves[1]) || null;
      roleWithOf(kin ? kin[2]! : serves[2]!, body && !serves[3]!.includes('的') ? `${body}的${serves[3]}` : serves[3]!);
      return;
    }
    // "会议选举林志远为协会副会长": whom a body elects or appoints holds the role.
    const elected = /(?:选举|推选|推举|任命|聘请|聘任)了?(\p{Script=Han}{2,4}?)为(\p{Script=Han}{2,16})$/u.exec(clause);
    if (elected) {
      roleWithOf(elected[1]!, elected[2]!);
      return;
    }
    // "陈建华娶周氏，生女陈敏" (a family record): the child of the one the sentence is about.
    const child = base ? /^(?:生|育有?)(子|女|一子|一女)(\p{Script=Han}{2,3})$/u.exec(clause) : null;
    if (child) {
      add(child[2]!, child[1]!.endsWith('子') ? 'son_of' : 'daughter_of', base!);
      return;
    }
    // "石湾号是老船匠吴德顺在2005年打造的": the cleft names who made it, and when.
    // (Not "是1972年由县航运公司购置的": 由 names the agent, read below.)
    const cleft = clause.includes('由') ? null : cleftMaker.exec(clause);
    if (cleft) {
      const maker = roleThenName.exec(cleft[2]!);
      // ("是她哥哥何建国…创办的": her brother, the pronoun's.)
      const kinOfPronoun = maker ? /^(他|她)(.+)$/u.exec(maker[1]!) : null;
      // (Only someone the document shows to be of the pronoun's sex.)
      const owner = kinOfPronoun ? referent(kinOfPronoun[1]!) : null;
      const ownerFits = !!owner && !!referents && referents.gender(owner) === (kinOfPronoun![1] === '她' ? 'f' : 'm');
      if (maker && (!kinOfPronoun || ownerFits)) add(maker[2]!, 'holds_role', ownerFits ? `${owner}的${kinOfPronoun![2]}` : maker[1]!, 'apposition');
      add(cleft[1]!, agentVerbs[cleft[4]!]!, maker ? maker[2]! : cleft[2]!);
      if (cleft[3]) add(cleft[1]!, 'in_year', cleft[3]);
      if (!sentenceSubject) sentenceSubject = clean(cleft[1]) || null;
      return;
    }
    // "由龙溪镇人民政府主办、龙溪龙舟协会承办的首届龙溪龙舟赛在龙溪河举行": the 由 clause describes the event, which is
    // held where 在 says.
    const modified = agentModifier.exec(clause);
    if (modified) {
      const event = modified[5]!;
      // ("由乡绅何文远捐资兴办的河口义学": the name after the role.)
      const agentRole = roleThenName.exec(modified[1]!);
      if (agentRole && maybePerson(agentRole[2]!)) add(agentRole[2]!, 'holds_role', agentRole[1]!, 'apposition');
      add(event, agentVerbs[modified[2]!]!, agentRole && maybePerson(agentRole[2]!) ? agentRole[2]! : modified[1]!);
      if (modified[3]) add(event, agentVerbs[modified[4]!]!, modified[3]);
      if (modified[6]) add(event, 'held_in', modified[6]);
      if (!sentenceSubject) sentenceSubject = clean(event) || null;
      return;
    }
    const agent = byAgent.exec(clause);
    const leadYear = agent ? /^[^\d由]{0,16}?(\d{3,4})年(?:是|均|都)?由/u.exec(clause)?.[1] : undefined;
    if (agent && agent[1] && leadYear) agent[1] = agent[1].replace(/(?:于|在)$/u, '');
    if (agent) {
      for (const s of subjects(agent[1])) {
        // "由卢明远和顾承德共同创办": one triple per agent.
        // ("会议由协会会长郭德明主持": the agent is the name, and holds the role before it.)
        for (const who of conjuncts(agent[2]!)) {
          // ("由她的儿子何俊打理": the name, who is her son.)
          const rn = roleThenName.exec(who) ?? ownedRoleThenName.exec(resolve(who));
          if (rn) add(rn[2]!, 'holds_role', rn[1]!, 'apposition');
          add(s, agentVerbs[agent[5]!]!, rn ? rn[2]! : resolve(who));
        }
        // (A year before 由 dates it too: "1893年由沈氏族人修建".)
        if (agent[3] ?? leadYear) add(s, 'in_year', agent[3] ?? leadYear!);
        // ("由陈阿水于1923年在福安县白沙村创办": where it was done, which is where the thing is.)
        if (agent[4]) add(s, 'located_in', agent[4]);
      }
      note(agent[1]);
    }
    const date = dated.exec(clause);
    if (date && !(agent && (agent[3] ?? leadYear))) {
      for (const s of subjects(date[1])) add(s, 'in_year', date[2] ?? date[3]!);
      note(date[1]);
    }
    for (const [re, label] of forward) {
      const m = re.exec(clause);
      if (!m) continue;
      // (An object with 了 is a clause, not a name: "来自全县的12支队伍参加了比赛" says who took part.)
      if (/.了/u.test(m[2] ?? '')) continue;
      // (A name put for 他 ends where the name ends: "周福来" + "到县城…" holds no 来到.)
      if (replaced && m[1] && m[1] !== replaced && replaced.startsWith(m[1])) continue;
      // "嫁给了矿上的工程师覃志远": the person is the name after the description, and holds its role.
      // (… and "师从漆艺大师李芝卿": whoever a person relation reaches is the name after a role.)
      const rn = label === 'married_to' || label === 'apprenticed_to' ? roleThenName.exec(m[2]!.split('的').pop()!) : null;
      const described = rn && maybePerson(rn[2]!) ? rn : null;
      if (described) {
        m[2] = described[2]!;
        add(described[2]!, 'holds_role', described[1]!, 'apposition');
      }
      // "有520名学生和38名老师": one count each.
      // "位于鹤洲县东南", "位于老街中段": a direction or part after a place (方位词) locates within it; the place is the
      // entity. (One character only after a place's own suffix: 托尔西 is a name.)
      if (label === 'located_in') m[2] = m[2]!.replace(/(?<=\p{Script=Han}{2})(?:(?:东南|东北|西南|西北)部?|中段|一带|附近|旁边|对面|东部|南部|西部|北部|中部|(?<=[县镇村市区省乡街路山湖河港岛])[东南西北])$/u, '');
      // ("职工320人" is counted as "320名职工", as "有320名职工" says it.)
      const objects = label === 'have' || label === 'connects' ? conjuncts(m[2]!).map((o) => o.replace(/^(\p{Script=Han}{1,4}?)(\d+)(?:名|人|位)$/u, '$2名$1')) : [m[2]!];
      // ("创办竹坪竹编社，社址设于龙王庙旧址": a seat is the body's the sentence named last, not its founder's.)
      const seat = label === 'located_in' && !m[1] && seatOpening.test(clause) ? found.flatMap((f) => [f.tail, f.head]).reverse().find((n) => placeOrBody.test(n)) : undefined;
      if (seat) {
        add(seat, label, m[2]!);
        note(seat);
        break;
      }
      for (const s of subjects(m[1])) for (const o of objects) (label === 'holds_role' ? roleWithOf : (h: string, t: string) => add(h, label, t))(s, resolve(o));
      if (label !== 'holds_role') lastObject = clean(resolve(m[2]!));
      note(m[1]);
      break;
    }
    if (!matched) {
      const active = activeAgent.exec(clause);
      // ("林振华，字少卿，…，创办振华橡胶公司": a clause with no subject is the sentence's.)
      if (active && !active[1] && base && i > 0 && maybePerson(base) && (base.length === 3 || !!referents?.gender(base))) active[1] = base;
      if (active && active[1] && !/[是的]/u.test(active[1]) && !/是|的.*的/u.test(active[3]!)) {
        // "周庆山与五位老酒工一起创办了石埠酒厂": the subject, not those who joined in.
        let who = active[1].replace(/(?:与|和|同)[^，]{1,10}?(?:一起|一道|共同)$/u, '');
        // "陈守仁在石湾创办了石湾小学": where is no part of who; it is where what was made stands.
        const where = /^(\p{Script=Han}{2,4}?)在(\p{Script=Han}{2,10})$/u.exec(who);
        if (where) who = where[1]!;
        // ("乡人罗广田创办竹坪竹编社": the founder is the name; the role before it is his.)
        const rn = roleThenName.exec(who);
        if (rn) {
          add(rn[2]!, 'holds_role', rn[1]!, 'apposition');
          who = rn[2]!;
        }
        for (const o of conjuncts(active[3]!)) {
          add(o, agentVerbs[active[2]!]!, who);
          if (where) add(o, 'located_in', where[2]!);
          // "1956年，周庆山…创办了石埠酒厂": a year clause before dates what was made.
          if (year) add(o, 'in_year', year);
        }
        note(who);
      }
    }
    if (!matched) {
      // "是一座有三百年历史的渔港小镇" is a kind (the noun after the last 的); "是白石灯塔的守塔人" a role.
      const kind = kindOf.exec(clause);
      const role = kind ? null : roleOf.exec(clause);
      if (kind) {
        for (const s of subjects(kind[1])) add(s, 'is_a', kind[2]!.split('的').pop()!);
        note(kind[1]);
      } else if (role && role[2]!.split('的').pop()!.length <= 5) {
        // ("石湾渡口是青川县最老的渡口": a place or a body is of a kind; a person holds a role.)
        for (const s of subjects(role[1])) (placeOrBody.test(s) ? (h: string, r: string) => add(h, 'is_a', r.split('的').pop()!) : roleWithOf)(s, resolve(role[2]!));
        note(role[1]);
      }
    }
  });
  return { found, subject: sentenceSubject ?? previous, pronouns: said };
}

/**
 * Short names for a document's longer ones: "桥" (from "这座桥") is 望潮桥 when that is the document's only longer CJK
 * name that ends with it. Chinese refers back by the head noun where English says "the bridge".
 */
export function resolveShortNames(names: Iterable<string>): Map<string, string> {
  // (In the document's order: of several, the one named before the short name first stands is what it refers back to:
  // "陈氏船厂由陈阿水创办。…船厂由他的长子接管。…船厂并入福安县造船厂".)
  const all = [...new Set(names)].filter((n) => /\p{Script=Han}/u.test(n));
  const out = new Map<string, string>();
  for (const [at, short] of all.entries()) {
    const longer = all.filter((n) => n.length > short.length && n.endsWith(short) && !n.includes('的'));
    const before = longer.filter((n) => all.indexOf(n) < at);
    if (longer.length === 1) out.set(short, longer[0]!);
    else if (before.length === 1) out.set(short, before[0]!);
  }
  return out;
}
