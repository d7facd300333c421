"""Reasons and background around a request: what the robot need not do (pure, no models).

"The camera angle is off for the demo, so turn the red block clockwise." asks for the
rotation only; "..., so the students have room for their worksheets", "..., we're heading out
for lunch", "Since the instructor is filming, ..." and "For today's lesson, ..." say why, or
what people do, and ask the robot for nothing. Such a piece (a sentence, or a part of one set
off by a comma or "so", "because" or "since" after the request, or by a comma, "so" or "and"
before it) is dropped where it begins with a subject that is not the robot (I, we, she,
someone, the instructor, a student, yesterday's group, ...) and has a verb, or with "for" and
a thing that is not a time, or with "to <verb> the ...", and it names nothing on the desk, no
colour, way or pointer ("it", "them"), no correction, hedge, repeat, condition, permission,
harm or state of the lights, and asks nobody for the robot's help ("she wants you to").
People's own work on the desk is dropped too ("I'll restock the cabinet myself", "the
cabinet is being cleaned this afternoon"), and so are the operator's checks after the steps
of a test procedure ("Expected: drawer open.", "Verify pink block in drawer."). Each piece is
first run through the checks alone (beside a stand-in request), which no longer see it once
it is dropped. A word in it the planner does not know ("camera", "worksheets") then refuses
nothing.

What happened before, said of a desk thing by who did it, is what the robot finds now:
"Someone put the blue block in the drawer by mistake; take it out." reads "the blue block is
in the drawer; take it out." (`what_they_left`), which the parser keeps as a note.

The planner drops reasons after small talk (`small_talk.drop_small_talk`). Where only
reasons are said, the text stays, for the checks to refuse.
"""

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.checks import check_command, harmless_names
from lam_ros.language.intents import Refusal
from lam_ros.language.small_talk import RISKY, THINGS
from lam_ros.language.vocab import any_of, STEP_VERBS

# who the piece is about, first: a person, a group, a thing that is not on the desk
_PEOPLE = ('i', 'we', 'he', 'she', 'they', 'someone', 'somebody', 'everyone', 'everybody',
           'nobody', 'no one', 'visitors', 'students', 'kids', 'children', 'people', 'folks',
           'staff', 'guests', 'the class', 'the kids', 'the students', 'the visitors')
_OWNER = (r'(?:the|a|an|our|my|his|her|their|this|that|these|those|one of (?:the|our|my)|'
          r'(?!(?:it|that|there|what|he|she|who|where|here|this|let)\'s)[a-z]+\'s)')
_SUBJECT = (r'(?:%s|there|that|%s (?:[a-z]+ ){0,2}?[a-z]+)(?=[\s\'])' % (
    any_of(_PEOPLE + tuple(p + suffix for p in ('i', 'we', 'he', 'she', 'they')
                           for suffix in ("'m", "'re", "'s", "'ll", "'ve", "'d"))),
    _OWNER))
# a verb said of the subject: "we're heading out", "the camera angle is off", "visitors stacked"
# ("the other two as well", "a full half turn" and "the second one first" are no reason)
_VERB = rx.compile(r'\b(?:is|are|was|were|am|be|been|being|has|have|had|will|would|can|could|'
                   r'should|must|might|may|shall|do|does|did|don\'t|didn\'t|doesn\'t|won\'t|'
                   r'can\'t|isn\'t|aren\'t|wasn\'t|keeps?|needs?|wants?|got|gets|starts?|looks?|'
                   r'seems?|goes|went|came|comes|made|makes|said|says|told|tells|knows?|likes?|'
                   r'loves?|hates?|begins?|began|ends?|takes?|took|uses?|runs?|ran|shows?|'
                   r'teach(?:es)?|taught|brings?|brought|[a-z]{3,}ed)\b|\b(?:it|that|he|she|there|'
                   r'what|who|here)\'s\b|\'(?:re|m|ll|ve|d)\b')
# what joins a reason to the request
_JOIN = (r'(?:and|but|so|so that|because|cause|cos|since|as|now that|given that|seeing as|'
         r'seeing that)')
_START = rx.compile(r'^(?:%s\s+)?%s(?:\'s|\'re|\'ll)?\s+[a-z]' % (_JOIN, _SUBJECT))
# "for the photo", "for today's lesson on orientation" (not "for a minute", "for 10 seconds")
_FOR = rx.compile(r'^for %s (?!(?:[a-z]+ )?(?:seconds?|minutes?|hours?|moments?|while|bit|days?|'
                  r'weeks?|times?|few|couple|long|little|good|now|ever|later)\b)[a-z]' % _OWNER)
# a step said after the reason, in the same piece: "I'm restocking the cabinet, so take ..."
_ORDER_AFTER = rx.compile(r'(?:,|\bso|\band|\bthen|\bnow)\s+(?:please\s+)?(?:just\s+)?%s\b'
                          % any_of(STEP_VERBS))
# what keeps a piece in the command whatever it is about: the robot, a repeat, a condition, a
# correction, a hedge, a permission, harm
_UNSAID = tuple(w for w in lx.UNSAFE + lx.UNSAFE_FORCE + RISKY if w not in (
    'someone', 'somebody', 'anyone', 'anybody', 'everyone', 'person', 'people', 'shoot',
    'shooting'))
_ALWAYS_HELD = rx.compile(
    r'\byou\b|\brobot\b|\b(?:repeat|repeatedly|twice|thrice|again|times|keep|forever|loop|if|'
    r'unless|until|till|instead|rather|actually|sorry|oops|wait|mean|correction|cancel|forget|'
    r'ignore|stop|undo|sure|certain|unsure|maybe|perhaps|guess|probably|possibly|think|wonder|'
    r'authori[sz]ed?|allowed|permitted|unsafe|dark|darker|unlit|bright|brighter)\b|\b%s\b'
    % any_of(_UNSAID))
# ... and what keeps it where it is not people's own work: a desk thing, a way, a colour, a
# pointer ("it", "them")
_HELD = rx.compile(
    r'\b%s\b|\b(?:it|them|there|that one|this one)\b(?!\'s| is| was| has| would| will| looks| '
    r'seems)' % any_of(THINGS + lx.LEFT + lx.RIGHT + tuple(lx.COLOURS) + lx.OTHER_COLOURS))
# people's own work on the desk, which the robot does not do
_WORK = ('restock', 'label', 'sort', 'audit', 'oil', 'grease', 'lubricate', 'clean', 'wipe',
         'dust', 'inspect', 'check', 'photograph', 'film', 'record', 'watch', 'look', 'measure',
         'calibrate', 'repair', 'service', 'test', 'examine', 'photograph', 'sketch', 'teach',
         'explain', 'demonstrate', 'capture', 'scan', 'tighten', 'vacuum', 'paint', 'refill',
         'empty', 'organise', 'organize', 'reorganise', 'reorganize', 'tidy', 'verify', 'log',
         'tick', 'note', 'time', 'sign')
_THEIR_WORK = rx.compile(
    r'^(?:(?:and|but|then|so|because|since|as|while)\s+)?(?:i|we|he|she|they|someone|somebody|'
    r'(?:the )?(?:[a-z]+ )?(?:technician|tech|instructor|teacher|photographer|students?|'
    r'cleaners?|engineer|class|team|staff|visitors?|tester|operator|inspector))(?:\'ll| will|'
    r'\'m| am| is|\'s| are|\'re| was| were|'
    r' needs? to| has to| have to| is going to| are going to|\'m going to| am going to|'
    r' (?:is|am|are|\'m|\'s|\'re) about to)?(?: be)? (?:%s)(?:s|es|ed|d|ing)?\b' % '|'.join(
        sorted(set(w[:-1] if w.endswith('e') else w for w in _WORK))))
# work done to the desk by people, said in the passive: "the cabinet is being cleaned this
# afternoon", "the drawer is getting repaired tomorrow"
_WORKED_ON = rx.compile(
    r'^(?:(?:and|but|since|because|as)\s+)?the (?:[a-z]+ )?(?:drawer|cabinet|door|slider|lamp|'
    r'bulb|led|switch|button|table|desk)(?: [a-z]+)? (?:is|are|s|will be|was|were) (?:being |'
    r'getting |going to be |to be |due to be )?(?:%s)(?:ed|d)\b' % '|'.join(
        sorted(set(w[:-1] if w.endswith('e') else w for w in _WORK + ('replace', 'repair')))))
# a purpose said first: "to start the lesson, ..." (its own words decide: no desk thing)
_TO = rx.compile(r'^(?:in order )?to [a-z]+ (?:the|a|an|our|my|this|today\'s)\b')
_SHOOT = rx.compile(r'\b(?:shoot|shooting)\b(?! (?:a |the )?(?:photos?|pictures?|video|film|'
                    r'footage|scene))')


def reason(piece: str) -> bool:
    """Whether `piece` only says why, or what people do (see the module's doc)."""
    low = ' '.join(piece.lower().replace('’', "'").split()).strip(' ,;:.!-')
    if not rx.search('[a-z]', low) or rx.search(r'[\d`$<>{}\[\]=/\\|@#*_~^%&+()?]', low):
        return False
    low = ' '.join(harmless_names(low).split())
    if _SHOOT.search(low) or _ORDER_AFTER.search(low):
        return False
    if _THEIR_WORK.match(low) or _WORKED_ON.match(low):
        # what a person does to the desk: "I'll restock the cabinet myself", "the technician
        # needs to oil the drawer rails"
        return not _ALWAYS_HELD.search(low) and _checked(low)
    if not (_START.match(low) and _VERB.search(low) or _FOR.match(low) or _TO.match(low)) or \
            _HELD.search(low) or _ALWAYS_HELD.search(low):
        return False
    # a request for the robot's help: "she wants you to", "they asked for the lamp"
    asks = rx.search(r'\b(?:want|wants|wanted|need|needs|needed|asks?|asked|would like|\'d like|'
                     r'requests?|requested)(?: (?:you|the robot|the arm|it|for))?\b', low)
    theirs = rx.search(r'\b(?:want|wants|need|needs|needed|wanted) to [a-z]+', low)
    return _checked(low) and (not asks or bool(theirs))


def _checked(low):
    """Whether the checks, which no longer see a piece dropped, would let it pass alone."""
    try:
        # (when people do their part is theirs: "the drawer is being repaired tomorrow"; and
        # someone who did something is no one the robot acts on: "someone mixed up ...")
        low = rx.sub(r'\b(?:tomorrow|today|tonight|yesterday|later|afterwards|overnight|(?:this|'
                     r'tomorrow|yesterday) (?:morning|afternoon|evening)|(?:next|last) (?:night|'
                     r'week|month|term|semester|year))\b', ' ', low)
        low = rx.sub(r'^(?:(?:and|but|since|because|as)\s+)?(?:someone|somebody)\b', 'they', low)
        # (said beside a request: alone, what happened is refused for asking nothing)
        check_command('%s. open the drawer.' % low)
    except Refusal:
        return False
    return True


_SENTENCE = rx.compile(r'(?<=[.!;:])\s+')
_LEAD = rx.compile(r'^\s*([^,;:.!?]+?)\s*(?:,\s*(?:so\s+)?|\s+so\s+|\s+and\s+(?=(?:the|a|an|it|'
                   r'they|there|someone|somebody|i|we|he|she)\s))(?=[a-z])', rx.IGNORECASE)
_TAIL = rx.compile(r'(?:\s*(?:,|\s-+|\u2014)\s*|\s+(?=(?:so that|so|because|cause|since)\s))'
                   r'([^,;:.!?\u2014]+?)\s*([.!]*)\s*$', rx.IGNORECASE)


# who did something to the desk before: "someone", "a student", "yesterday's group"
_AGENT = (r'(?:someone|somebody|(?:a|one of the|one of our|the) (?:[a-z]+ )?(?:students?|'
          r'visitors?|'
          r'kids?|child|children|colleagues?|cleaners?|techs?|technicians?|interns?|instructor|'
          r'group|class|shift|team|tour)|visitors|students|kids|[a-z]+\'s (?:group|class|shift|'
          r'session|team|students|visitors)|i|we|you)')
_PUT = (r'(?:had |has |have )?(?:left|put|placed|hid|hidden|dropped|stuck|stored|shoved|tossed|'
        r'moved|set|stashed|parked|stacked)')
_BLOCK = r'the (?:red|blue|pink) (?:block|cube|one)'
_UNTIL_END = r'(?P<rest>[^,;:.!?]*)'
_LEFT_IN = rx.compile(r'(?:^|(?<=[.;:!]\s))%s %s (?P<block>%s) (?:sitting |lying |standing )?'
                      r'(?:in|inside|into) (?:the )?(?P<place>drawer|cabinet|slider|sliding '
                      r'cabinet|cupboard)\b%s' % (_AGENT, _PUT, _BLOCK, _UNTIL_END),
                      rx.IGNORECASE)
_LEFT_ON = rx.compile(r'(?:^|(?<=[.;:!]\s))%s %s (?P<block>%s) (?:sitting |lying |standing )?'
                      r'on (?:top of )?(?P<under>%s)%s' % (_AGENT, _PUT, _BLOCK, _BLOCK,
                                                           _UNTIL_END), rx.IGNORECASE)
_FIXTURE = (r'the (?:drawer|cabinet(?: door)?|sliding door|door|slider|lamp|yellow lamp|light|'
            r'light bulb|bulb|led|green led)')
_LEFT_SO = rx.compile(r'(?:^|(?<=[.;:!]\s))%s (?:had |has |have )?left (?P<one>%s) (?P<was>open|'
                      r'closed|shut|on|off)(?: and (?P<two>%s)(?: (?P<too>open|closed|shut|on|'
                      r'off))?)?%s' % (_AGENT, _FIXTURE, _FIXTURE, _UNTIL_END), rx.IGNORECASE)
_STACKED = rx.compile(r'(?:^|(?<=[.;:!]\s))%s (?:had |has |have )?(?:stacked (?:up )?(?:the|two) '
                      r'blocks|piled (?:up )?(?:the|two) blocks|built (?:a|the) (?:tower|stack)|'
                      r'left (?:the|two) blocks stacked)%s' % (_AGENT, _UNTIL_END), rx.IGNORECASE)


def what_they_left(text: str) -> str:
    """Read what someone did to the desk before as what the robot finds now.

    "Someone put the blue block in the drawer by mistake" -> "the blue block is in the
    drawer"; "yesterday's group left the cabinet open and the lamp on" -> "the cabinet is
    open and the lamp is on"; "visitors stacked the blocks" -> "two blocks are stacked". What
    follows in the sentence stays unless it is only when or why ("by mistake", "during the
    tour") and names nothing on the desk.
    """
    def rest(found):
        tail = found.group('rest')
        return '' if not _DESK.search(tail.lower()) else tail

    text = _LEFT_IN.sub(lambda m: '%s is in the %s%s' % (
        m.group('block'), m.group('place'), rest(m)), text)
    text = _LEFT_ON.sub(lambda m: '%s is on %s%s' % (m.group('block'), m.group('under'),
                                                     rest(m)), text)
    text = _LEFT_SO.sub(lambda m: '%s is %s%s%s' % (
        m.group('one'), m.group('was'), ' and %s is %s' % (
            m.group('two'), m.group('too') or m.group('was')) if m.group('two') else '',
        rest(m)), text)
    return _STACKED.sub(lambda m: 'two blocks are stacked%s' % rest(m), text)


_DESK = rx.compile(r'\b%s\b' % any_of(THINGS + tuple(lx.COLOURS)))


# what the operator checks, said after the steps of a test procedure: "Verify pink block in
# drawer.", "Expected: drawer fully open.", "Check: LED off, lamp on." (the robot only acts;
# one with a condition stays, for the checks to refuse: "verify it is lit; if not, ...")
_CHECKED = rx.compile(r'(?:(?<=[.!;])\s+)(?:check|verify|confirm|expected(?: results?)?|expect|'
                      r'observe|pass criteria|pass if|precondition|acceptance(?: criteria)?)\b'
                      r'(?!\s*\d)(?:\s*[:\-]\s*|\s+'
                      r'(?:that\s+)?)(?P<what>[^.!;]*)(?:[.!;]|$)', rx.IGNORECASE)


def _operators_check(found):
    """Drop a check said after the steps unless it holds a condition or a step."""
    if rx.search(r'\b(?:if|unless|otherwise|else|when|then|until|and then|you|press|push|turn|'
                 r'switch|open|close|lift|put|place|move|slide|rotate|stack|unstack|sweep|pick|'
                 r'take|grab|twist|spin|shove|nudge|flip|set|drop)\b', found.group('what'),
                 rx.IGNORECASE):
        return found.group(0)
    return ''


def drop_reasons(text: str) -> str:
    """Return the command without the reasons around it, or unchanged where all is reason."""
    text = _CHECKED.sub(_operators_check, what_they_left(text))
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    kept = [_trimmed(s) for s in sentences if not reason(s)]
    kept = [s for s in kept if s]
    if not kept or not any(_asks(s) for s in kept):
        return text
    return ' '.join(kept)


_THING = rx.compile(r'\b%s\b' % any_of(THINGS))


def _asks(sentence):
    """Whether a sentence kept still says something on the desk."""
    return bool(_THING.search(sentence.lower()))


def _trimmed(sentence):
    """Return a sentence without a reason set off before or after the request."""
    while True:
        lead = _LEAD.match(sentence)
        if lead is None or not reason(lead.group(1)) or reason(sentence[lead.end():]):
            break
        sentence = sentence[lead.end():]
    while True:
        tail = _TAIL.search(sentence)
        if tail is None or not reason(tail.group(1)) or reason(sentence[:tail.start()]):
            break
        sentence = sentence[:tail.start()] + tail.group(2)
    return sentence.strip()
