// Word lists for the deterministic extractor (data). English function words and
// frequent verbs: a mention is a run of words that are none of these.

export const functionWords = new Set((
  'the a an this that these those its their his her our your my each every all any some no other such ' +
  'of in on at to from by for with into onto over under behind beside above below near between through after before ' +
  'during since until about against along across around per than as like within without towards toward outside inside off up down out via ' +
  'and or but nor so yet if when while because although though unless whether which who whom whose where what how why then ' +
  'it they he she we you i them him us one anyone anybody everyone everybody nobody none someone something nothing ' +
  'is are was were be been being am has have had do does did may might must can could shall should will would ' +
  'not never only also just still again ever already even always often usually now here there once twice very too most least more less ' +
  'itself themselves herself himself myself yourself ourselves first-come either neither both few many much several same instead whatever whichever ' +
  'whenever wherever whoever however whereas today nowadays currently formerly yesterday tomorrow tonight'
).split(' '));

/** Frequent verbs in every form: they end a mention, and they name the relation between two. */
export const verbWords = new Set((
  'belong belongs belonged own owns owned buy buys bought sell sells sold come comes came go goes went ' +
  'make makes made keep keeps kept hold holds held give gives gave take takes took get gets got receive receives received ' +
  'pay pays paid send sends sent post posts posted sail sails sailed run runs ran lead leads led write writes wrote ' +
  'grow grows grew sow sows sown cut cuts bring brings brought use uses used need needs grind grinds ground ' +
  'contain contains stored lie lies lay stand stands stood live lives lived hang hangs hung ' +
  'power powers powered produce produces produced remember remembers become becomes became mean means ' +
  'cost costs weigh weighs last lasts lasted leave leaves left reach reaches reached say says said ' +
  'borrow borrows lend lends lent booked stay stays check checks checked read reads ' +
  'decide decides decided vote votes voted choose chooses chose chosen elect elects found founds ' +
  'draw draws drew drawn carry carries carried welcome welcomes welcomed protect protects tolerate tolerates ' +
  'ripen ripens eat eats graze grazes spread spreads sets set dries dry regrow breaks broke broken ' +
  'gave rose rise rises fall falls fell begin begins began open opens close closes build builds built ' +
  'given taken done known shown seen written grown chosen driven forbidden cast casts'
).split(' '));

/** Pronouns that start a sentence about the previous sentence's subject. */
export const subjectPronouns = new Set(['it', 'they', 'he', 'she', 'this', 'we', 'i']);

/**
 * Pronouns, personal and indefinite: never an entity ("Maggie keeps me", "everything starts at four"). A pronoun the
 * extractor resolves is replaced before it gets here; one left is no one in particular (on dev 0 right of 10).
 */
export const pronounWords = new Set((
  'i me my myself you your yours yourself he him his himself she her hers herself it its itself we us our ours ' +
  'ourselves they them their theirs themselves everything something anything nothing everyone someone anyone no-one ' +
  'everybody somebody anybody nobody'
).split(' '));

/**
 * English irregular verbs, each past and participle to its base form ("gave", "given" → give): the lexical planner
 * compares a question's "Who gave …" with a label read from "was given by" (given_by). Standard English morphology, not
 * picked from any document set; the regular "-ed" forms need no table (plan.ts stems).
 */
export const irregularVerbs: Record<string, string> = Object.fromEntries((
  'gave:give given:give took:take taken:take built:build made:make sold:sell bought:buy wrote:write written:write ' +
  'grew:grow grown:grow ran:run led:lead held:hold kept:keep sent:send paid:pay brought:bring taught:teach ' +
  'began:begin begun:begin chose:choose chosen:choose drew:draw drawn:draw drove:drive driven:drive rode:ride ' +
  'ridden:ride stood:stand understood:understand lost:lose won:win left:leave met:meet sang:sing sung:sing ' +
  'spoke:speak spoken:speak broke:break broken:break fell:fall fallen:fall found:find got:get gotten:get ' +
  'knew:know known:know saw:see seen:see came:come became:become went:go gone:go told:tell thought:think ' +
  'caught:catch fought:fight swam:swim rang:ring rung:ring hung:hang lent:lend spent:spend dug:dig shot:shoot ' +
  'froze:freeze frozen:freeze wove:weave woven:weave bore:bear born:bear cast:cast laid:lay lay:lie sewn:sew'
).split(' ').map((pair) => pair.split(':') as [string, string]));
