"""Reporting verbs and the words around them that mark an attribution."""

from __future__ import annotations

import re

__all__ = ["REPORTING", "DIRECTIVE", "NOMINAL", "NOMINAL_PREPS", "OBJECT_PREPS", "PARENTHETICAL", "STANCE_NOUNS", "PREP_VERBS", "PREP_CONTENT", "NOUN_CUES", "INTENT_NOUNS", "STANCE", "PRONOUNS", "PERSON_PRONOUNS", "GROUP_PRONOUNS", "is_reporting", "may_attribute", "CUE_WORDS"]

# Inflected forms, so that no lemmatizer has to run.
_BASES = {
    "say": "say says said saying", "tell": "tell tells told telling", "warn": "warn warns warned warning",
    "add": "add adds added adding", "claim": "claim claims claimed claiming",
    "announce": "announce announces announced announcing", "state": "state states stated stating",
    "report": "report reports reported reporting", "explain": "explain explains explained explaining",
    "note": "note notes noted noting", "insist": "insist insists insisted insisting",
    "argue": "argue argues argued arguing", "believe": "believe believes believed believing",
    "think": "think thinks thought thinking", "suggest": "suggest suggests suggested suggesting",
    "write": "write writes wrote written writing", "confirm": "confirm confirms confirmed confirming",
    "deny": "deny denies denied denying", "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "admit": "admit admits admitted admitting", "predict": "predict predicts predicted predicting",
    "estimate": "estimate estimates estimated estimating", "allege": "allege alleges alleged alleging",
    "promise": "promise promises promised promising", "vow": "vow vows vowed vowing",
    "ask": "ask asks asked asking", "agree": "agree agrees agreed agreeing",
    "reveal": "reveal reveals revealed revealing", "indicate": "indicate indicates indicated indicating",
    "conclude": "conclude concludes concluded concluding", "declare": "declare declares declared declaring",
    "stress": "stress stresses stressed stressing", "emphasize": "emphasize emphasizes emphasized emphasizing emphasise emphasised",
    "maintain": "maintain maintains maintained maintaining", "contend": "contend contends contended contending",
    "complain": "complain complains complained complaining", "recall": "recall recalls recalled recalling",
    "testify": "testify testifies testified testifying", "tweet": "tweet tweets tweeted tweeting",
    "post": "posted", "hope": "hope hopes hoped hoping", "fear": "fear fears feared fearing",
    "expect": "expect expects expected expecting", "know": "know knows knew known knowing",
    "learn": "learn learns learned learnt learning", "reply": "reply replies replied replying",
    "respond": "respond responds responded responding", "continue": "continued", "charge": "charged",
    "assert": "assert asserts asserted asserting", "observe": "observe observes observed",
    "point": "pointed", "caution": "caution cautions cautioned cautioning",
    "boast": "boast boasts boasted boasting", "joke": "joke jokes joked joking",
    "quip": "quipped", "tout": "touted", "signal": "signaled signalled", "show": "show shows showed shown",
    "find": "find finds found", "feel": "feel feels felt", "worry": "worry worries worried",
    "propose": "propose proposes proposed", "demand": "demand demands demanded",
    "urge": "urge urges urged urging", "accuse": "accuse accuses accused",
    "suspect": "suspect suspects suspected", "guess": "guess guessed", "wonder": "wonder wondered",
    "acknowledged": "acknowledged", "concede": "concede concedes conceded", "mention": "mention mentions mentioned",
    "describe": "described", "call": "called", "consider": "considered", "hint": "hinted",
    "pledge": "pledge pledges pledged", "threaten": "threaten threatens threatened",
    "imply": "implied implies", "calculate": "calculated", "project": "projected",
    "assume": "assume assumes assumed", "doubt": "doubt doubts doubted", "understand": "understand understands understood",
    "remember": "remember remembers remembered", "realize": "realize realized realise realised",
    "see": "see sees saw", "hear": "heard", "read": "reads",
    # verbs that report only a clause ('ruled that …', 'retorted that …')
    "rule": "rule rules ruled ruling", "determine": "determine determines determined determining",
    "speculate": "speculate speculates speculated speculating", "reckon": "reckon reckons reckoned reckoning",
    "swear": "swear swears swore sworn swearing", "concur": "concur concurs concurred concurring",
    "counter": "counter counters countered countering", "retort": "retort retorts retorted retorting",
    "recount": "recount recounts recounted recounting", "muse": "muse muses mused musing",
    "insinuate": "insinuate insinuates insinuated insinuating", "posit": "posit posits posited positing",
    "theorize": "theorize theorizes theorized theorizing", "opine": "opine opines opined opining",
}
REPORTING = {form for forms in _BASES.values() for form in forms.split()}
# Verbs reporting a demand, promise or intention as 'urged X to Y' / 'vowed to Y'.
DIRECTIVE = {f for b in ("urge", "ask", "tell", "promise", "vow", "pledge", "threaten", "demand", "call", "hope", "expect")
             for f in _BASES[b].split()}
def _inflect(base: str) -> list[str]:
    """Regular forms of an English verb: base, -s, -ed, -ing (no consonant doubling)."""
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    past = base + ("d" if base.endswith("e") else "ed")
    ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    return [base, third, past, ing]


# Verbs whose reported content is a noun phrase or infinitive ('criticized the plan', 'called it a disaster',
# 'wants to stay'); PolNeAR counts these stances and intentions as attributions.
_NOMINAL = (
    "call calls called calling criticize criticizes criticized criticizing describe describes described describing "
    "praise praises praised praising endorse endorses endorsed endorsing support supports supported supporting "
    "back backs backed backing thank thanks thanked thanking mock mocks mocked mocking dismiss dismisses dismissed "
    "discuss discusses discussed discussing express expresses expressed announce announces announced announcing "
    "mention mentions mentioned want wants wanted wanting refuse refuses refused plan plans planned planning "
    "promise promises promised defend defends defended defending blame blames blamed blaming accuse accuses accused "
    "slam slams slammed attack attacks attacked condemn condemns condemned denounce denounces denounced reject "
    "rejects rejected oppose opposes opposed opposing tout touts touted question questions questioned demand "
    "demands demanded propose proposes proposed predict predicts predicted admit admits admitted acknowledge "
    "acknowledges acknowledged claim claims claimed deny denies denied cite cites cited highlight highlights "
    "highlighted warn warns warned urge urges urged favor favors favored prefer prefers preferred vow vows vowed "
    "pledge pledges pledged threaten threatens threatened decline declines declined seek seeks sought intend "
    "intends intended hope hopes hoped label labels labeled labelled dub dubs dubbed vote votes voted talk talks talked talking"
)
# Further verbs of judgment, communication and intention (after Levin's classes) whose object is what
# PolNeAR annotates: 'cited [the report]', 'likened [the rules to ...]', 'decided [not to ...]'. Verbs of
# acting on a document ('released', 'issued', 'published') or of trying are left out: their objects are things.
_STANCE = (
    "cite echo comment reference recite chant shout yell proclaim specify outline detail articulate "
    "underscore reiterate clarify concede retweet brag lament bemoan plead implore exhort "
    "encourage invoke protest dispute disagree challenge decry deride lambaste chastise scold grill blast "
    "slam:slammed,slamming rip:ripped,ripping hail laud extol compliment herald applaud commend liken "
    "portray paint brand characterize judge deem view regard decide aim wish desire envision recognize "
    "fathom downplay question document chronicle rail:railed,railing "
    "admire love hate despise resent enjoy appreciate respect distrust dislike embrace regret agree offer show:show,shows,showed,shown,showing "
    "stress emphasize report note reveal confirm estimate signal"
)
STANCE = set()
for _item in _STANCE.split():
    _base, _, _forms = _item.partition(":")
    STANCE.update(_forms.split(",") if _forms else _inflect(_base))
_ING = (
    "accusing acknowledging admitting attacking claiming condemning declining demanding denouncing denying dismissing "
    "dubbing expressing favoring highlighting hoping intending labeling mentioning pledging predicting preferring "
    "promising proposing refusing rejecting seeking threatening touting urging voting vowing warning"
)  # the -ing forms the list above lacks
NOMINAL = set(_NOMINAL.split()) | set(_ING.split()) | STANCE
NOMINAL_PREPS = {"for", "about", "to", "on", "against"}
# Prepositions that complete a judged object: 'blamed [X for Y]', 'accused [X of Y]', 'dismissed [X as Y]'.
OBJECT_PREPS = {"for", "of", "as"}
# Cues that can sit inside what they report ('This campaign, he says, is different').
PARENTHETICAL = {f for b in ("say", "tell", "add", "write", "note", "explain", "argue", "insist", "believe", "think", "claim")
                 for f in _BASES[b].split()}
# Nouns whose 'that'-clause (or, for intentions, 'to'-clause) is reported content: 'his claim [that ...]'.
_NOUNS = (
    "claim allegation assertion belief view argument promise pledge warning statement suggestion accusation "
    "notion theory contention insistence conclusion assessment finding prediction hope fear concern worry "
    "message emphasis admission acknowledgment acknowledgement demand proposal report rumor speculation "
    "impression expectation confidence doubt charge vow threat insinuation implication complaint "
    "recommendation estimate"
)
NOUN_CUES = {f for w in _NOUNS.split() for f in (w, w + ("es" if w.endswith(("s", "sh", "ch")) else "s"))}
_INTENT = (
    "plan decision determination intention refusal commitment call offer desire wish "
    "promise pledge vow threat proposal agreement attempt effort bid push request demand willingness reluctance eagerness"
)  # nouns of intention (the nominals of the intention and directive verbs) whose 'to' clause is reported
INTENT_NOUNS = {f for w in _INTENT.split() for f in (w, w + ("es" if w.endswith(("s", "sh", "ch")) else "s"))}
# Verbs whose content follows a preposition: 'spoke [of X]', 'complained [about X]', 'warned [against X]'.
_PREP_VERBS = "speak:speak,speaks,spoke,spoken,speaking complain warn ask comment rail boast joke write:write,writes,wrote,written,writing testify inquire worry argue talk"
PREP_VERBS = set()
for _item in _PREP_VERBS.split():
    _base, _, _forms = _item.partition(":")
    PREP_VERBS.update(_forms.split(",") if _forms else _inflect(_base))
PREP_CONTENT = {"of", "about", "on", "against", "over"}
# Nouns of stance whose object follows a preposition: 'criticism [of X]', 'disdain [for X]', 'support [for X]'.
_STANCE_NOUNS = (
    "criticism:of,for disdain:for contempt:for support:for opposition:to praise:for allegation:of,against "
    "accusation:of,against complaint:about,over concern:about,over,for fear:of,about question:about,over "
    "warning:about,of,against demand:for call:for attack:on,against condemnation:of endorsement:of "
    "rejection:of defense:of defence:of skepticism:of,about doubt:about,over"
)
STANCE_NOUNS: dict[str, set[str]] = {}
for _item in _STANCE_NOUNS.split():
    _noun, _, _preps = _item.partition(":")
    for _form in (_noun, _noun + "s"):
        STANCE_NOUNS[_form] = set(_preps.split(","))
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "we"}
GROUP_PRONOUNS = {"they", "it", "them"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS


def is_reporting(word: str) -> bool:
    """True for an inflected reporting verb ('said', 'warns', 'told')."""
    return word.lower() in REPORTING


# Everything `quotes` can start an attribution from: a quotation mark (straight or curly, double,
# doubled apostrophe, or an opening single quote), a colon (transcript and headline labels), a dash before a
# name ('― Jane Doe'), or a cue word.
_MARK = r"[\"“”„«»‘:―]|''|(?<![\w’'])'(?=\w)|^\s*[—–-]\s*[A-Z]"
CUE_WORDS = REPORTING | NOMINAL | PREP_VERBS | NOUN_CUES | INTENT_NOUNS | set(STANCE_NOUNS) | {"according", "reportedly", "that"}
_MAY = re.compile(_MARK + r"|\b(?:" + "|".join(sorted(map(re.escape, CUE_WORDS), key=len, reverse=True)) + r")\b", re.IGNORECASE)


def may_attribute(text: str) -> bool:
    """False only for a sentence from which `quotes` cannot produce an attribution (no mark, no cue word)."""
    return _MAY.search(text) is not None
