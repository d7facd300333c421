"""Who a command is said to, and for whom (pure, no models).

Where the robot shares a room, people talk to each other and to it in one breath:
- A name for the robot ("Robot, ...", "Anyway, robot: ...", "..., robot.") is dropped. Before
  a sentence said to the robot by name, a sentence said to someone else by name ("Priya, the
  coffee machine is broken."), a question to the room ("..., right?") and a remark ("That LED
  is so distracting.") ask nothing of the robot and are dropped too; a remark that names one
  thing names the "it" the robot is then asked about ("That lamp is blinding. Robot, switch it
  off"). A remark that says how a thing is ("The drawer is open. Robot, ...") stays, for the
  planner to read as a note; so does anything unsafe.
- A request passed on is the request itself: "Maria says: close the drawer", "Lena asked me
  to tell you: ...", "Nina asked you to ...", "the boss wants the lamp off" (as "I want the
  lamp off"), "..., Jonas says."; so is one an audience sends through whoever types
  ("somebody in chat wants the lamp on") and a line of a chat or a log under its writer's
  label ("@blockfan99: push the red block left", "Mod: ..."; a capitalised word alone is not
  read as a writer: "Forbidden: ..." is a header that changes the request). Quoted or past
  speech ("she said 'open the drawer'", "Maria said to ...") is not passed on: the checks
  refuse it.
- A request said to someone else by name, with no sentence said to the robot ("Maria, can
  you close the drawer?", "Sam, turn off the lamp when you leave."), is refused.
- What a request is for (`for_what`): an occasion said first or last ("for the demo, ...",
  "... for the photo"), a purpose ("... so the visitors can see the gripper") and a reason said
  as a statement ("we're filming this, so ...", "..., it's sticking into the frame") ask for
  nothing and are dropped, but only where they name nothing that could change what is done: no
  thing on the desk (a reason naming one thing names the "it" after it), no way, state, count,
  time, negation, condition or harm ("so the LED goes off", "if it's raining outside", "so it
  falls off the edge" all stay).
"""

from functools import lru_cache

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.constraints import blocks_named
from lam_ros.language.formal import NOUNS
from lam_ros.language.intents import Refusal
from lam_ros.language.references import name_it
from lam_ros.language.small_talk import CONTROL, DIRECTIONS, OPENERS, ORDER, RISKY
from lam_ros.language.vocab import action_verbs, any_of, lexicon_phrases, OBJECT_WORDS

ROBOT = r'(?:robot|agent|arm)'
# "Robot, ...", "OK robot: ...", "Anyway, robot, ..."; "..., robot."
_ROBOT_FIRST = rx.compile(r'^\W*((?:(?:ok(?:ay)?|hey|hi|anyway|now|so|right|alright|and|well|'
                          r'oi|please)\W+)*)%s\s*[,:!]\s*' % ROBOT, rx.IGNORECASE)
_ROBOT_LAST = rx.compile(r'\s*,\s*(?:please,?\s*)?%s\s*([.!?]*)\s*$' % ROBOT, rx.IGNORECASE)
# who passes a request on: a name, or a role ("the boss", "our team lead")
_ROLE = (r'(?:the|our|my) (?:boss|manager|team lead|lead|supervisor|colleague|coworker|'
         r'co-worker|teacher|professor|client|customer|intern|tutor|flatmate|roommate)')
# an audience that asks through whoever types: "somebody in chat wants ...", "chat says ..."
_AUDIENCE = (r'(?:(?:some(?:one|body)|a viewer|one of (?:the|our) viewers)(?: (?:in|from) '
             r'(?:the )?chat)?|(?:the )?chat)')
RELAYER = (r'(?:(?i:%s|%s)|(?!(?:I|It|This|That|There|These|Those|Everyone|Everybody|Nobody|'
           r'Someone|Somebody|Who|What|Which|Robot|Agent)\b)[A-Z][a-z]+)' % (_ROLE, _AUDIENCE))
_CLAUSE_START = r'(?:^\s*(?:(?:so|ok|okay|alright|and|now)\b,?\s*)?|[,;]\s*(?:but|so|and)\s+|:\s*)'
# the request after who passes it on; the part of it that is only the passing on
_PASSED = (
    (r'(?:says|asks)(?: that)?\s*[:,]?\s*(?:please,?\s+)?', ''),
    (r'(?:asked|asks|wants|would like|needs)(?: me)? to (?:tell|ask) you(?: to| that)?\s*[:,]?\s*',
     ''),
    (r'(?:asked|asks|wants|would like|needs)(?: me)? to pass (?:this|it|that) on\s*[:,]?\s*', ''),
    (r'(?:asked|asks|wants|would like|needs) you to\s+', ''),
    (r'(?:is |\'s )?(?:asking|asks) for\s+(?=(?:the|both|all)\b)', 'I want '),
    (r'(?:asked|asks|wants|would like) me to have you\s+', ''),
    (r'asked\s*:\s*', ''),
    (r'(?:wants|would like|needs)\s+(?=(?:the|both|all|each|every)\b)', 'I want '),
)
_RELAYED = [(rx.compile(r'(%s)%s %s(?![\'"\u2018\u201c])' % (_CLAUSE_START, RELAYER, said)),
             instead) for said, instead in _PASSED]
# "..., Jonas says." and "Jonas asked for that."
_RELAYED_LAST = rx.compile(r'\s*,\s*%s (?:says|asked|asks|insists)\s*([.!?]*)\s*$' % RELAYER)
_RELAYED_ALONE = rx.compile(r'^\s*%s (?:asked for|wants|wanted|needs) (?:that|this|it)(?: done)?'
                            r'\s*[.!]*\s*$' % RELAYER)
# people in the room: "Priya, ...", "Hey Mia, ...", "Guys, ..."
_GROUPS = ('guys', 'folks', 'everyone', 'everybody', 'team', 'all', 'people', 'you guys', 'yall')
_CALLED = rx.compile(r'^\W*(?:(?i:hey|hi|oh|ok|okay|so|look|listen)\W+)?([A-Z][a-z]+|(?i:%s))'
                     r'\s*[,!]\s*(?=\S)' % any_of(_GROUPS))
# "Close the drawer, Priya.": a name said last (a word for the robot or a form of address
# is not a name)
_CALLED_LAST = rx.compile(r'\s*,\s*([A-Z][a-z]+)\s*[.!?]*\s*$')
_ADDRESS = ('sir', 'madam', 'maam', 'mate', 'buddy', 'pal', 'dude', 'friend', 'chief', 'captain',
            'lad', 'love', 'dear', 'champ', 'bot', 'machine', 'computer', 'arm', 'thanks',
            'soldier', 'recruit', 'matey', 'bestie')
# a remark that says how a thing is stays a note for the planner: "the drawer is open"
_STATE = rx.compile(r'\b(?:open|opened|closed|shut|on|off|lit|dark|in|inside|into|on top|'
                    r'stacked|already|empty|full|glued|broken|burnt|burned|out|left|right|'
                    r'moved|missing|gone|not)\b', rx.IGNORECASE)
_REQUEST = rx.compile(r'^\W*(?:(?:please|kindly|now|then|first|next|and|so|also|just)\W+)*'
                      r'(?:(?:can|could|would|will) you|i(?:\'d| would) like|i want|i need|'
                      r'let\'s|go ahead)\b', rx.IGNORECASE)
_NAMED = rx.compile(r'\b(?:the|that|this) ((?:(?:red|blue|pink|yellow|green|little|big|small) )*'
                    r'(?:block|cube|stack|tower|led|lamp|bulb|light bulb|light|drawer|'
                    r'cabinet door|cupboard door|sliding door|cabinet|cupboard|door|slider|'
                    r'button|switch))\b', rx.IGNORECASE)


# radio and log framing: "[14:02] open drawer [14:03] ...", "Arm, this is Lead.", "Lead to
# arm:", "Station 4 to arm,", "..., break, ...", "Over.", "Over and out.", "Copy, Lead.",
# "WO-1173:"
_STAMP = rx.compile(r'\s*(?:[/|]\s*)?\[\s*\d{1,2}:\d\d(?::\d\d)?\s*\]\s*')
_CALLER = (r'(?:lead|(?:station|bench|line|cell|bay|desk|unit|post|pad|rig) \d+|base|control|ops|'
           r'tech \d*|[A-Z][a-z]+)')
_CALL_SIGN = rx.compile(
    r'^\s*(?:(?i:arm|robot)\s*,\s*(?:this is\s+)?(?i:%s)\s*[.,:]|(?i:%s) to (?i:arm|robot)\s*'
    r'[,:.]|(?i:copy|roger|wilco|affirmative)(?: that| your last)?(?:\s*,\s*(?i:%s))?\s*'
    r'[.,:!])\s*' % (_CALLER, _CALLER, _CALLER))
_SIGN_OFF = rx.compile(r'\s*[,.;]\s*(?:over and out|over|out)\s*[.!]*\s*$', rx.IGNORECASE)
_WORK_ORDER = rx.compile(r'^\s*(?:wo|work order|job|ticket)[ #-]*\d+(?:\s*\([a-z ]{1,20}\))?\s*'
                         r'(?::|//|-+|\u2013|\u2014|(?=step\b))\s*', rx.IGNORECASE)
# a test procedure's labels and form fields: "TC-07 step 1:", "FAT-ROT-04:", "Checklist item 4
# -", "Teardown:", "Procedure P-12, step 1, reads:", "Pass/fail: ____", "Initials: AB",
# "Tester: LS, 14:05", "(see fig. 2)"
_PROCEDURE = rx.compile(
    r'^\s*(?:(?:tc|fat|sat|test case|test|case)[ #-]*[a-z0-9-]*\d[a-z0-9-]*|checklist item '
    r'\d+|procedure [a-z0-9-]+|(?:setup|set-up|teardown|tear-down|cleanup)(?: steps?)?(?: '
    r'[a-z]?\d+(?:\s*-\s*[a-z]?\d+)?)?)(?:\s*[,/]?\s*steps? \d+(?:\.\d+)?(?:\s*(?:-|to|and)\s*'
    r'\d+)?)?(?:,? reads)?\s*(?::|-+|/|,|\u2013|\u2014)\s*(?=\S)',
    rx.IGNORECASE)
_FORM_FIELD = rx.compile(
    r'\s*[.;,]?\s*\b(?:pass/fail|p/f|initials|tester initials|tester|time|result|signature|date|'
    r'record time|comments?|sign-off)\s*:\s*(?:_+|n/a|[a-z]{1,3}\b(?:\s*,\s*\d{1,2}:\d\d)?|'
    r'\d{1,2}:\d\d)?\s*[.;]?(?=\s|$)|\s*\((?:see )?(?:fig|figure|page|p)\.? ?\d+\)',
    rx.IGNORECASE)
# "Open the drawer. I say again, open the drawer.": the same words said twice on the radio
_SAY_AGAIN = rx.compile(r'(?:^|(?<=[.!;]))\s*(?:i say again|say again)\s*[,:]?\s*([^.!;]+)'
                        r'[.!;]?', rx.IGNORECASE)


def radio(text: str) -> str:
    """Drop radio and log framing around a command (pure); "negative" says "no".

    "Lead to arm: push red blk L. Over." is "push red blk L."; "[14:02] open drawer [14:03]
    close drawer" is two sentences; "left, negative, right" corrects as "left, no, right" does.
    """
    said = _STAMP.sub('. ', text).strip(' .')
    said = _WORK_ORDER.sub('', said)
    said = _PROCEDURE.sub('', _FORM_FIELD.sub('', said)).strip() or said
    while True:
        sign = _CALL_SIGN.match(said)
        if sign is None or not said[sign.end():].strip():
            break
        said = said[sign.end():]
    signed_off = _SIGN_OFF.sub('', said)
    if rx.search(r'[a-z]', signed_off, rx.IGNORECASE):
        said = signed_off
    said = rx.sub(r'\s*[,.;]\s*break(?:\s*,?\s*break)?\s*[,.;]\s*', '. ', rx.sub(
        r'^\s*break(?:\s*,?\s*break)?\s*[,.;]\s*', '', said, flags=rx.IGNORECASE),
        flags=rx.IGNORECASE)
    again = _SAY_AGAIN.search(said)
    if again:
        before = [s.strip().lower() for s in rx.split(r'[.!;]', said[:again.start()])]
        if again.group(1).strip().lower() not in before:
            raise Refusal('"%s" says again what was not said before; say the command once'
                          % again.group(0).strip())
        said = said[:again.start()] + said[again.end():]
    if rx.search(r'[,.;]\s*(?:no|negative)\s*[.!]*\s*$|(?<!\bor)(?<!\bsay)(?<!\bsaid)\s+(?:no|'
                 r'negative)\s*[.!]*\s*$', said, rx.IGNORECASE):
        # "Arm, push the red block right, negative.": taken back, and nothing said instead
        raise Refusal('the command takes itself back at the end; say it again as you want it')
    said = rx.sub(r'\bnegative\b', 'no', said, flags=rx.IGNORECASE)
    return said if said != text.strip(' .') else text


def to_me(text: str) -> str:
    """Return the command said to the robot (see the module's doc); refuse one said to others."""
    text = radio(text)
    sentences = [s for s in rx.split(r'(?<=[.!?])\s+', text.strip()) if s]
    if not sentences:
        return text
    writers = {w.group(0).strip(' :').lower() for w in map(_WRITER.match, sentences) if w}
    if len(writers) > 1:
        # "@blockfan99: push it left. Mod: no, push it right.": whose request?
        raise Refusal('the command holds requests from %s; send one request at a time'
                      % ' and '.join(sorted(writers)))
    to_robot = []
    for i, sentence in enumerate(sentences):
        first = _ROBOT_FIRST.match(sentence)
        last = _ROBOT_LAST.search(sentence)
        if first:
            sentence = sentence[first.end():]
        elif last and sentence[:last.start()].strip():
            sentence = sentence[:last.start()] + last.group(1)
        to_robot.append(bool(first or last))
        sentences[i] = _passed_on(sentence)
    if len(sentences) > 1:
        alone = [bool(_RELAYED_ALONE.match(s)) for s in sentences]
        if not all(alone):
            sentences = [s for s, a in zip(sentences, alone) if not a]
            to_robot = [t for t, a in zip(to_robot, alone) if not a]
    if True in to_robot:
        first = to_robot.index(True)
        kept, remarks = [], []
        for sentence in sentences[:first]:
            if _said_to_others(sentence):
                continue
            if _remark(sentence):
                remarks.append(sentence)
                continue
            kept.append(sentence)
        rest = ' '.join(sentences[first:])
        named = {m.group(1).lower() for s in remarks for m in _NAMED.finditer(s)}
        if remarks and _it_first(rest):
            if len(named) != 1:
                # "the ceiling light is so dim. robot, turn it on": left for the checks
                return ' '.join(kept + remarks + [rest])
            rest = name_it(rest, 'the ' + named.pop(), r'\b(?:it|them)\b')
        return ' '.join(kept + [rest])
    for sentence in sentences:
        called = _CALLED.match(sentence)
        last = _CALLED_LAST.search(sentence)
        if not (called and _person(called.group(1))) and last and \
                last.group(1).lower() not in _ADDRESS and _person(last.group(1)) and \
                _asks(sentence[:last.start()]):
            called = last
        asked = sentence if called is last else sentence[called.end():] if called else ''
        if called and _person(called.group(1)) and _asks(asked):
            raise Refusal('"%s" is said to %s, not to me; tell me what to do' % (
                sentence.strip(), called.group(1)))
    return ' '.join(sentences)


# what a request is for, said around it, asks for nothing: "for the demo, ...", "... so the
# visitors can see the gripper", "we're filming this, so ...", "..., it's in the way of the
# camera". Kept (for the checks) where it says anything that could change what is done.
_FOR = (r'(?:the|my|our|this|a|an|his|her|their|today\'s|tomorrow\'s|tonight\'s)')
_OCCASION_FIRST = rx.compile(r'^(\W*(?:(?:and|so|now|ok(?:ay)?|just)\W+)?)(?:for|before) %s '
                             r'([a-z\'’ -]{1,40}?)\s*[,:]\s*(?=\S)' % _FOR, rx.IGNORECASE)
# what "before the ..." must name to be an occasion ("before the demo"), not a thing ("before
# the kettle")
_EVENTS = (r'(?:demo|demonstration|meeting|call|class|lecture|lesson|visit|visitors|presentation|'
           r'lunch|break|session|talk|photo|picture|video|shoot|recording|review|inspection|tour|'
           r'show|exhibition|party|deadline|weekend|holiday|day|standup|stand-up|audit|interview|'
           r'pitch|event|guests|customers?|clients?|launch|trial|exam|open day)')
_OCCASION_LAST = rx.compile(r'\s*,?\s*\b(?:for %s|before %s (?=[a-z\'’ -]*?\b%s\b))'
                            r'([a-z\'’ -]{1,40}?)\s*([.!?]*)\s*$' % (_FOR, _FOR, _EVENTS),
                            rx.IGNORECASE)
_SO_THAT = rx.compile(r'(?:,\s*|\s+)(?<!\bjust)(?<!\bjust,)so (?:that )?(?!you know\b)'
                      r'((?:the|my|our|a|an|it|it\'s|its|they|we|he|she|there\'s|there is|'
                      r'i|you|everyone|everybody|people)\b[^,.;!?()]*)', rx.IGNORECASE)
# a purpose says what someone can do or how something will be: "so the visitors can see"
_PURPOSE = rx.compile(r'\b(?:can|could|will|would|may|might|won\'t|doesn\'t|don\'t|isn\'t|aren\'t|'
                      r'gets?|sees?|looks?|has|have|is|are|\'s|knows?|understands?)\b',
                      rx.IGNORECASE)
_SO_THAT_FIRST = rx.compile(r'^(\W*)so (?:that )?((?:the|my|our|a|an|they|we|he|she|i|you|'
                            r'everyone|everybody|people|grandma|grandpa|mum|mom|dad)\b[^,.;!?]*?)'
                            r'\s*,\s*(?=\S)', rx.IGNORECASE)
_REASON_FIRST = rx.compile(r'^(\W*)([^,.;:!?]{3,80}?)(?:,?\s+so\s+|\s*[,:;]\s+|\s+-+\s+)'
                           r'(?=(?:please\s+)?([a-z]+))', rx.IGNORECASE)
# a reason said as a statement: "the customers want to see it", "since we're filming, ..."
_STATED = rx.compile(r'^\W*(?:since|because|as)\b(?! soon as (?!you\b|possible\b)| long as| far '
                     r'as| much as)|\b(?:is|are|was|were|s|wants?|needs?|asked|says|'
                     r'loves?|likes?|hates?|re)\b', rx.IGNORECASE)
_REASON_LAST = rx.compile(r'\s*(?:[,;]|\s-+|\u2014)\s*((?:it\'s|it is|we\'re|we are|we need|'
                          r'we want|this is|the [a-z ]{2,30}? (?:is|are|wants?|needs?|asked)|'
                          r'(?:my|our) [a-z ]{2,30}? (?:needs?|is|are|wants?))\b[^,.;!?]*)\s*'
                          r'([.!?]*)\s*$',
                          rx.IGNORECASE)
# what a dropped part may not say: harm, a count, a time or wait, a negation, handing over
_KEEP_FOR = rx.compile(r'\b(?:%s)\b|\b(?:left|right|leftwards?|rightwards?|(?:counter|anti)?-? ?'
                       r'clockwise|counter|anti|if|unless|whenever|case|were|colou?r|colou?red|'
                       r'like|shade|hue|'
                       r'further|up|down|open|close|closed|shut|on|off|in|into|inside|out|lit|'
                       r'dark|goes|moves|slides|glides|turns|comes)\b|'
                       r'\b(?:not|no|never|nobody|nothing|stop|wait|until|till|when|'
                       r'once|twice|thrice|times|again|repeat|repeatedly|keep|keeps|seconds?|'
                       r'minutes?|hours?|tomorrow|tonight|fall|falls|fell|drop|drops|floor|edge|'
                       r'hand|hands|give|pass|blink|blinks|blinking|only|half|halfway|day|days|'
                       r'night|week|weekend|rest|while|whole|entire|duration|long|morning|'
                       r'afternoon|evening)\b|n\'t\b|\d'
                       % any_of(lx.UNSAFE + lx.UNSAFE_FORCE + lx.OTHER_COLOURS), rx.IGNORECASE)
# ... nor a note on how a thing is ("- it's already shut")
_NOTE = rx.compile(r'\b(?:open|opened|closed|shut|already|empty|full|glued|stuck|broken|burnt|'
                   r'burned|missing|gone|lit|dark|still)\b|\b(?:is|are|s) (?:on|off|in|inside|out)'
                   r'\b', rx.IGNORECASE)
_NUMBERS = rx.compile(r'\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|'
                      r'sixty|ninety|hundred)\b', rx.IGNORECASE)


_LEAVE_REST = rx.compile(r'\s*,?\s*(?:and )?(?:just )?leave (?:the rest|the others|the other '
                         r'(?:two|ones|blocks)|everything else)(?: (?:alone|in there|in it|where '
                         r'(?:they|it) (?:are|is)|on the table|as (?:they|it) (?:are|is)|'
                         r'untouched))?\b',
                         rx.IGNORECASE)


# a purpose that is only to see: "so the visitors can see inside", "so the camera can see the
# cabinet"; what is seen may name the desk's things, but not harm, a count or a time
_TO_SEE = rx.compile(r'^(?:the |our |my |all the )?(?:visitors?|people|audience|guests?|'
                     r'customers?|clients?|everyone|everybody|camera|cameras|class|students?|kids|'
                     r'children|viewers?|we|they|i|you|he|she|team|investors?|boss)\s+(?:can|'
                     r'could|will|may|might)\s+(?:(?:all|clearly|easily|better|actually) )?(?:see|'
                     r'watch|film|view|photograph|record|get a (?:better |good |clear )?(?:look|'
                     r'view|shot))\b(.*)$', rx.IGNORECASE)
_SEEN_KEEPS = rx.compile(r'\b(?:%s)\b|\b(?:if|unless|when|whenever|until|till|not|no|never|'
                         r'twice|times|again|fall|falls|fell|drop|drops|floor|edge|hand|give|'
                         r'blink|half|halfway|seconds?|minutes?|hours?)\b|n\'t\b|\d'
                         % any_of(lx.UNSAFE + lx.UNSAFE_FORCE), rx.IGNORECASE)
# "to keep the desk tidy", "because it's getting dark" (with the lamp turned on)
_TIDY = rx.compile(r'^\W*(?:(?:just|so)\W+)?(?:to|so as to|in order to) keep (?:the|my|our) '
                   r'(?:desk|table|workspace|bench|area|place|workbench)(?: nice and)? (?:tidy|'
                   r'neat|clean|clear|organi[sz]ed)\s*,\s*', rx.IGNORECASE)
# "..., just to tidy up", "..., to make room", "..., to keep the desk tidy": why, said after
_TIDY_LAST = rx.compile(r'\s*,?\s*(?:(?:just|only|all|simply) )?(?:to|so as to|in order to) '
                        r'(?:keep (?:the|my|our) (?:desk|table|workspace|bench|area|place|'
                        r'workbench)(?: nice and)? (?:tidy|neat|clean|clear|organi[sz]ed)|'
                        r'tidy up|tidy things up|make (?:some )?(?:room|space)|free up '
                        r'(?:some )?space)(?=\s*(?:$|[,.;!]))', rx.IGNORECASE)
# what was agreed, said before the request: "we agreed on red, so get the red one out"
_AGREED = rx.compile(r'^\W*(?:(?:ok|okay|right|so),?\s+)*(?:we|they|you and i|[a-z]+ and i|'
                     r'i and [a-z]+) (?:have |had |just )?(?:agreed|decided|settled|chose|voted)'
                     r'(?: on| that| for)? ([^,;:.]{2,60}?)\s*[,;:.]\s*(?:so\s+|then\s+)?'
                     r'(?=[a-z])', rx.IGNORECASE)
# "no need to hurry, ...", "..., take your time": how fast, not what
_UNHURRIED = rx.compile(r'(?:^\W*|\s*[,;.]\s*)(?:there\'?s |there is )?(?:no (?:need|reason) '
                        r'to (?:hurry|rush)|no (?:hurry|rush)|(?:you )?(?:don\'?t|do not) '
                        r'(?:need to |have to )?(?:hurry|rush)|take your time)'
                        r'(?:\s*[,:;.!-]+\s*|\s*$)', rx.IGNORECASE)
_DARK = rx.compile(r'(\b(?:turn|switch|put)\s+(?:on\s+)?the\s+(?:lamp|light bulb|bulb|yellow '
                   r'light)(?:\s+on)?)\s*,?\s*(?:because|since|as) it(?:\'s| is) (?:getting |too |'
                   r'so |very |a bit )?(?:dark|dim|gloomy|late)\b', rx.IGNORECASE)


def _asks_nothing(part, things=False):
    """Whether `part` (what a request is for) says nothing that could change what is done."""
    seen = _TO_SEE.match(part.strip())
    if seen:
        return not _SEEN_KEEPS.search(seen.group(1)) and not _NUMBERS.search(seen.group(1))
    if _KEEP_FOR.search(part) or _NOTE.search(part) or _NUMBERS.search(part):
        return False
    return things or not rx.search(r'\b%s\b' % any_of(OBJECT_WORDS), part.lower())


def for_what(text: str) -> str:
    """Return the command without what it is for (see `_OCCASION_FIRST` and the rest).

    "..., and leave the rest in there" after a step on one block asks nothing either.
    """
    text = _DARK.sub(r'\1', _TIDY_LAST.sub('', _TIDY.sub('', text)))
    agreed = _AGREED.match(text)
    if agreed:
        rest, named = text[agreed.end():], blocks_named(agreed.group(1))
        if len(named) == 1 and _it_first(rest):
            rest = name_it(rest, 'the %s block' % named.pop(), r'\b(?:it|them)\b')
        text = rest
    text = _UNHURRIED.sub(lambda m: ', ' if m.start() and m.end() < len(text) else '', text)
    rest = _LEAVE_REST.search(text)
    if rest and len(blocks_named(text[:rest.start()])) == 1 and not text[rest.end():].strip(
            ' .!'):
        text = text[:rest.start()] + text[rest.end():]
    said = _OCCASION_FIRST.match(text)
    if said and _asks_nothing(said.group(2)):
        text = said.group(1) + text[said.end():]
    said = _SO_THAT_FIRST.match(text)
    if said and _PURPOSE.search(said.group(2)) and _asks_nothing(said.group(2)):
        text = said.group(1) + text[said.end():]
    said = _REASON_FIRST.match(text)
    lead = said and said.group(2).lower()
    if said and said.group(3).lower() in action_verbs() | {'please'} and _STATED.search(lead) \
            and _asks_nothing(rx.sub(r'\bin the way\b', '', lead), things=True) and not \
            _REQUEST.match(lead) and rx.findall(r'[a-z]+', lead)[0] not in action_verbs():
        named = {m.group(1).lower() for m in _NAMED.finditer(said.group(2))}
        rest = text[said.end():]
        pronoun = rx.search(r'\b(?:it|them)\b', rest, rx.IGNORECASE)
        things = rx.search(r'\b%s\b' % any_of(OBJECT_WORDS), lead)
        placed = rx.search(r'\b(?:in|inside|into|on|onto|from|out of|under|beside|next to|by|'
                           r'off)\b', rx.sub(r'\bin the way\b', '', lead))
        if not things and not _it_first(rest):
            # ("the laptop is in the way, push it left": "it" is the laptop, left to refuse)
            text = said.group(1) + rest
        elif len(named) == 1 and pronoun and not placed:
            # "the tower is blocking the lens, take it off": "it" is what the reason names
            text = said.group(1) + name_it(rest, 'the ' + named.pop(), r'\b(?:it|them)\b')
    for pattern in (_SO_THAT, _OCCASION_LAST, _REASON_LAST):
        said = pattern.search(text)
        if said and pattern is _SO_THAT and not _PURPOSE.search(said.group(1)):
            said = None     # "okay so the red block, ...": no purpose
        seen = said and pattern is _SO_THAT and _TO_SEE.match(said.group(1).strip())
        if seen and rx.search(r'\b%s\b' % any_of(OBJECT_WORDS), seen.group(1).lower()) and \
                rx.search(r'\b(?:it|them|there)\b', text[said.end():], rx.IGNORECASE):
            said = None     # "... so you can see into the drawer, then take ... out of it"
        if said and text[:said.start()].strip() and _asks_nothing(
                rx.sub(r'\bin the way\b', '', said.group(1))):
            end = said.group(2) if said.re.groups > 1 else ''
            text = text[:said.start()] + (end or '') + text[said.end():]
    return text


def _it_first(rest):
    """Whether `rest` says "it" or "them" before it names any desk thing (its verb aside).

    "switch it off" (the first word is the verb), "push it to the left": "it" must be named by
    what was said before.
    """
    pronoun = rx.search(r'\b(?:it|them)\b', rest, rx.IGNORECASE)
    return bool(pronoun) and not rx.search(r'\b%s\b' % any_of(OBJECT_WORDS), rx.sub(
        r'^\W*\w+', '', rest[:pronoun.start()].lower()))


# "Message from Maria: ...", "Note from the boss - ..."
_MESSAGE_FROM = rx.compile(r'^\W*(?i:(?:(?:a|one|new|quick) )?(?:message|note|request|memo|msg|'
                           r'word|text) from )%s\s*(?::|-+|\u2014)\s*' % RELAYER)


# who wrote a line of a chat or a log, said first: "@blockfan99: ...", "Mod: ...", "Operator: ..."
# (a capitalised word alone may be a header that changes the request: "Forbidden: ...")
_WRITERS = ('mod', 'moderator', 'streamer', 'host', 'viewer', 'chat', 'admin', 'operator',
            'user', 'teacher', 'student', 'tech', 'technician', 'engineer', 'supervisor',
            'manager', 'boss', 'intern', 'customer', 'client', 'guest', 'visitor', 'caller')
_WRITER = rx.compile(r'^\s*(?:@[A-Za-z0-9_.]*[A-Za-z0-9_]|(?i:%s))\s*:\s+(?=\S)'
                     % any_of(_WRITERS))


def _passed_on(sentence):
    """Return the sentence without who passed its request on ("Maria says: ...")."""
    sentence = _WRITER.sub('', _MESSAGE_FROM.sub('', sentence))
    for pattern, instead in _RELAYED:
        passed = pattern.search(sentence)
        if passed:
            # "... to tell you that she needs the drawer open": what she needs is wanted
            rest = rx.sub(r'^(?:he|she|they) (?:needs?|wants?|would like)\s+(?=(?:the|both|'
                          r'all)\b)', 'I want ', sentence[passed.end():])
            sentence = sentence[:passed.start()] + passed.group(1) + instead + rest
    return _RELAYED_LAST.sub(r'\1', sentence)


def _said_to_others(sentence):
    """Whether the sentence is said to someone in the room by name, or asks the room."""
    called = _CALLED.match(sentence)
    if _unsafe(sentence):
        return False
    return bool(called and _person(called.group(1))) or sentence.rstrip().endswith('?')


def _remark(sentence):
    """Whether the sentence only remarks on things, neither asking nor saying how they are."""
    low = sentence.lower()
    words = rx.findall(r"[a-z]+(?:'[a-z]+)?", low)
    if not words or _unsafe(sentence) or _STATE.search(low) or _REQUEST.match(low):
        return False
    start = [w for w in words if w not in ('please', 'kindly', 'now', 'then', 'just')]
    return not (start and start[0] in action_verbs())


def _unsafe(sentence):
    return rx.search(r'\b%s\b' % any_of(lx.UNSAFE + lx.UNSAFE_FORCE), sentence.lower())


def _asks(rest):
    """Whether what is said after a name asks for something done ("can you press ...")."""
    words = rx.findall(r'[a-z]+', rest.lower())
    return bool(set(words) & (action_verbs() | set(NOUNS))) or bool(_REQUEST.match(rest))


def _person(word):
    """Whether a capitalised word said first is a name for someone in the room."""
    return word.lower() in _GROUPS or word.lower() not in _known()


@lru_cache(maxsize=None)
def _known():
    words = set(lx.FUNCTION_WORDS + OPENERS + ORDER + CONTROL + RISKY + DIRECTIONS + OBJECT_WORDS)
    words |= set(action_verbs())
    words.update(w for phrase in lexicon_phrases() if isinstance(phrase, str)
                 for w in rx.findall(r'[a-z]+', phrase.lower()))
    return frozenset(words | {'robot', 'agent', 'yes', 'yeah', 'yep', 'no', 'nope', 'ok', 'okay',
                              'um', 'uh', 'hmm', 'erm', 'er', 'step', 'note', 'status', 'goal',
                              'task', 'done', 'next', 'finally', 'lastly', 'also', 'actually',
                              'correction', 'oops', 'sorry', 'wait', 'okay', 'right', 'checklist',
                              'item', 'items', 'list', 'procedure', 'reminder', 'todo'})
