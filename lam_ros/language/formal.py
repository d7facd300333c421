"""Formal wording said the plain way (pure, no models): actions said as nouns, the passive.

Procedures, test protocols and instructions made to sound formal say a step as a noun or in
the passive: "Perform a clockwise rotation of the red block.", "Drawer closure, please.",
"Lamp deactivation shall be performed.", "Extraction of the blue block from the cabinet is
required.", "The red block shall be placed within the cabinet.", "It is requested that the
lamp be extinguished.", "Drawer opening shall be preceded by LED activation." `plain` says
each as the command a person would type ("rotate the red block clockwise", "close the
drawer", "turn off the lamp", ...) so that the rest of the parser reads it. Only these frames
are rewritten: a noun for an action after "perform", "execute", ...; before "of the ..."; or
after the thing it acts on ("drawer opening"); a participle after "shall be", "is to be",
"is required to be" or a bare "be" ("that the lamp be extinguished"), at the start of a
clause; never after a plain "is" ("the drawer is closed" is a state) nor "must be" or "has to
be" (a note: "The drawer has to be completely shut."). A question is left alone, for the
checks. A noun it does not know stays as it is, for the planner to refuse.
"""

from lam_ros.language import rx
from lam_ros.language.vocab import any_of

# an action said as a noun, and the verb a person says for it
NOUNS = {
    'opening': 'open', 'closure': 'close', 'closing': 'close', 'shutting': 'shut',
    'activation': 'turn on', 'deactivation': 'turn off', 'illumination': 'turn on',
    'extinction': 'turn off', 'extinguishing': 'turn off', 'extinguishment': 'turn off',
    'energization': 'turn on', 'energisation': 'turn on', 'de-energization': 'turn off',
    'de-energisation': 'turn off', 'switching on': 'switch on', 'switching off': 'switch off',
    'extraction': 'take', 'retrieval': 'take', 'removal': 'remove', 'acquisition': 'pick up',
    'elevation': 'lift', 'lifting': 'lift', 'raising': 'raise', 'grasping': 'grasp',
    'deposition': 'put', 'depositing': 'put', 'placement': 'place', 'placing': 'place',
    'insertion': 'insert', 'stowage': 'stow', 'stacking': 'stack', 'unstacking': 'unstack',
    'destacking': 'unstack', 'rotation': 'rotate', 'reorientation': 'rotate',
    'displacement': 'move', 'translation': 'move', 'movement': 'move', 'relocation': 'move',
    'sliding': 'slide', 'sweeping': 'sweep', 'pushing': 'push', 'actuation': 'move',
    'pressing': 'press', 'depression': 'press', 'twisting': 'twist', 'turning': 'turn',
}
# short nouns that are also verbs: only "a leftward push of the pink block", "a turn of ..."
SHORT_NOUNS = {'push': 'push', 'turn': 'turn', 'twist': 'twist', 'slide': 'slide',
               'lift': 'lift', 'press': 'press', 'sweep': 'sweep', 'shove': 'shove',
               'nudge': 'nudge', 'spin': 'spin'}
# the way a noun for an action is said to go: "a clockwise rotation", "leftward displacement"
_WAY = (r'clockwise|counter-? ?clockwise|anti-? ?clockwise|leftwards?|rightwards?|left|right|'
        r'left-hand|right-hand')
_NOUN = any_of(tuple(NOUNS))
_ANY_NOUN = any_of(tuple(NOUNS) + tuple(SHORT_NOUNS))
# "lateral displacement", "a quarter-turn rotation"
_ADJ = (r'(?:(?:subsequent|lateral|linear|angular|horizontal|manual|careful|controlled|single|'
        r'complete|full|gentle|quarter-turn|quarter turn|90-degree|90 degree)\s+)?')
# the things on the desk as formal text names them
_THING = (r'(?:the )?(?:(?:cabinet|cupboard)\'s )?(?:(?:red|blue|pink|held|grasped|gripped|upper|'
          r'uppermost|top|green|yellow|sliding|cabinet|light) )?(?:block|cube|drawer|lamp|led|'
          r'bulb|light bulb|light|button|switch|light switch|slider|door|sliding door|'
          r'cabinet door|panel)')
_LIGHT_VERB = (r'(?:perform|execute|carry out|conduct|effect|undertake|complete|initiate|'
               r'commence|begin|start|proceed with|do|make|apply|implement|(?:execution|'
               r'performance|initiation|completion|implementation) of)')
# "..., is requested", "... shall be performed": says only that the step is wanted
_WANTED = rx.compile(r'\s*,?\s*\b(?:is|are|shall be|is to be|are to be|must be|should be|will be|'
                     r'has to be|have to be|needs to be)\s+(?:hereby\s+)?(?:requested|required|'
                     r'performed|executed|carried out|effected|initiated|undertaken|needed|'
                     r'necessary|desired|conducted|completed)\b')
_PREAMBLE = rx.compile(
    r'(?:^|(?<=[.;!?:,] ))\s*(?:(?:it is|it\'s) (?:hereby )?(?:requested|required|necessary|'
    r'desired|expected) '
    r'that |(?:operation(?: sequence)?|procedure(?: [\d.]+)?|sequence(?: [\d.]+)?)\s*:\s*|'
    r'(?:execution|performance) of the following(?: operations| steps| actions)? (?:is|are) '
    r'(?:requested|required)\s*:\s*|%s\s+(?:a|an|the)\s+%s(?:\s+(?:operation|procedure))?'
    r'\s*:\s*)' % (_LIGHT_VERB, _ANY_NOUN), rx.IGNORECASE)
_LINKS = (
    (r'\s*,?\s*\b(?:is|are|shall be|is to be|are to be|will be)? ?followed by\b', ', then'),
    (r'\s*,?\s*\bwhereupon\b', ', then'),
    (r'\b(?:and )?thereafter\b', 'then'),
    (r'\bupon completion(?: of (?:this|that|the above))?\s*,?', 'then'),
    (r'\bsubsequent(?:ly)? to\b', 'after'),
    (r'\bsubsequently\b', 'then'),
    (r'\btherefrom\b', 'from it'),
    (r'\b(?:confirmation|verification|determination|ascertainment|a check) of (whether|if)\b',
     r'confirm \1'),
    (r'\bit be (?:confirmed|verified|checked|determined|ascertained) (whether|if)\b',
     r'confirm \1'),
    (r'\btherein\b', 'in it'),
    (r'\s*,?\s*\bafter which\b', ', then'),
    (r'(^|[.;]\s*)following\b', r'\1after'),
    (r'\b(?:sequentially|in sequence)\b', 'in that order'),
    (r'\b(%s) (shall|must|is to|are to) (then|also|next) be\b' % _THING, r'\3 \1 \2 be'),
    (r'\breturned to the (open|closed|on|off) (?:position|state)\b', r'\1'),
    (r'\s*,?\s*\b(?:in|toward|towards) the (%s) (?:sense|direction|manner)\b' % _WAY, r' \1'),
    (r'\s*,\s*(%s) direction\b' % _WAY, r' \1'),
    (r'\bprior to\b', 'before'),
    (r'\s*,?\s*\b(?:in )?(?:the )?(?:direction|way|sense) opposite (?:to|of|from) (?:the )?'
     r'(?:clockwise|the clock)(?: direction| way| sense)?', ' counterclockwise'),
    (r'\s*,?\s*\b(?:in )?(?:the )?(?:direction|way|sense) opposite (?:to|of|from) (?:the )?'
     r'(?:counter-? ?clockwise|anti-? ?clockwise)(?: direction| way| sense)?', ' clockwise'),
    (r'\b(?:rendered|made) (?:non-? ?illuminated|unilluminated|unlit|dark|inactive)\b',
     'deactivated'),
    (r'\b(?:rendered|made) (?:illuminated|lit|active)\b', 'activated'),
    (r'\bnon-? ?illuminated\b', 'unlit'),
    (r'\b(is|are|be) in the (on|off|open|closed) (?:state|position|condition|mode|setting)\b',
     r'\1 \2'),
    (r'\b(?:the )?(?:upper|uppermost|topmost) block\b', 'the top block'),
)
_LINKS = tuple((rx.compile(a, rx.IGNORECASE), b) for a, b in _LINKS)
# "Drawer opening shall be preceded by LED activation."
_PRECEDED = rx.compile(r'^(.+?)\s+(?:shall|is to|are to|must|will|should)?\s*be preceded by\s+'
                       r'(.+?)([.!]*)$', rx.IGNORECASE)
# a participle, and the verb a person says for it
_PARTICIPLES = {
    'opened': 'open', 'closed': 'close', 'shut': 'shut', 'extinguished': 'turn off',
    'activated': 'turn on', 'deactivated': 'turn off', 'illuminated': 'turn on',
    'switched on': 'switch on', 'switched off': 'switch off', 'turned on': 'turn on',
    'turned off': 'turn off', 'rotated': 'rotate', 'turned': 'turn', 'twisted': 'twist',
    'pushed': 'push', 'slid': 'slide', 'swept': 'sweep', 'moved': 'move', 'displaced': 'move',
    'translated': 'move', 'shifted': 'shift', 'placed': 'place', 'put': 'put',
    'deposited': 'put', 'inserted': 'insert', 'stowed': 'stow', 'positioned': 'put',
    'lifted': 'lift', 'raised': 'raise', 'elevated': 'lift', 'picked up': 'pick up',
    'retrieved': 'take', 'extracted': 'take', 'removed': 'remove', 'taken': 'take',
    'stacked': 'stack', 'unstacked': 'unstack', 'pressed': 'press', 'actuated': 'move',
    'pulled': 'pull', 'grasped': 'grasp', 'gripped': 'grip', 'grabbed': 'grab',
}
_PARTICIPLE = any_of(tuple(_PARTICIPLES))
_MODAL = r'(?:(?:shall|is to|are to|is required to|are required to|ought to)\s+)?be'
_PASSIVE = rx.compile(r'(?:(?<=^)|(?<=[,;:.]\s)|(?<=\band\s)|(?<=\bthen\s)|(?<=\bthat\s))(%s|it)'
                      r'\s+(?:%s)\s+((?:\w+ly\s+)?)(%s)\b' % (_THING, _MODAL, _PARTICIPLE),
                      rx.IGNORECASE)
# "..., and thereafter pushed to the right": the same thing again
_AND_THEN = rx.compile(r'\b(and|then|and then|,)\s+(?:(?:subsequently|afterwards|after that|'
                       r'then)\s+)?(%s)\b(?!\s+(?:the|a|an|it)\b)' % _PARTICIPLE, rx.IGNORECASE)
# "perform a clockwise rotation of the red block", "initiate deactivation of the LED"
_DONE = rx.compile(r'\b%s\s+(?:(?:a|an|the)\s+)?(?:(%s)\s+)?%s(%s)(?:\s+(?:operation|procedure|'
                   r'action|manoeuvre|maneuver))?\s+(?:of|on)\s+(%s|it|(?:the )?same|said block)'
                   r'\b' % (_LIGHT_VERB, _WAY, _ADJ, _ANY_NOUN, _THING), rx.IGNORECASE)
_START = (r'(^(?:please\s+|kindly\s+)?(?:do not\s+)?|[,;:]\s*(?:do not\s+)?|'
          r'\b(?:and|then|before|after)\s+|\bstep \d+\s*:\s*|'
          r'\(\w+\)\s*)(?:%s\s+)?' % _LIGHT_VERB)
# "clockwise rotation of the red block", "its deposition in the drawer", "stacking thereof"
_NOUN_OF = rx.compile(r'%s((?:a|an|the)\s+)?%s(?:(%s)\s+)?%s(%s)\s+(?:of\s+(%s|(?:the )?same(?: '
                      r'block| cube| door| one)?|said (?:block|cube|door))|thereof)\b' % (
                          _START, _ADJ, _WAY, _ADJ, _ANY_NOUN, _THING),
                      rx.IGNORECASE)
_ITS = rx.compile(r'\b(?:its|their)\s+(?:subsequent\s+)?(%s)\b' % _NOUN, rx.IGNORECASE)
# "drawer opening", "lamp deactivation", "leftward slider actuation", "red block extraction"
_THING_NOUN = rx.compile(r'%s(?:(?:a|an|the)\s+)?(?:(%s)\s+)?(%s)\s+(%s)\b' % (
    _START, _WAY, _THING.replace('(?:the )?', '', 1), _NOUN), rx.IGNORECASE)
# "deposition within the cupboard", "stacking upon the red block": the block held
_NOUN_WHERE = rx.compile(r'%s(?:(?:a|an|the)\s+)?(%s)\s+(?=(?:in|into|within|inside|on|onto|atop|'
                         r'upon|on top of)\b)' % (_START, _NOUN), rx.IGNORECASE)
# "before the blue block is rotated clockwise", "after the held block has been deposited"
_WHEN_DONE = rx.compile(r'\b(before|after|once|when)\s+(%s)\s+(?:is|are|has been|have been|gets|'
                        r'get)\s+((?:\w+ly\s+)?)(%s)\b' % (_THING, _PARTICIPLE), rx.IGNORECASE)
# "Pink block: clockwise rotation, please."
_THING_COLON = rx.compile(r'^\s*(%s)\s*:\s*(?:(?:a|an|the)\s+)?(?:(%s)\s+)?%s(%s)\b' % (
    _THING, _WAY, _ADJ, _ANY_NOUN), rx.IGNORECASE)
# "the red block be subjected to a leftward rotation", "the blue block undergoes a rotation"
_UNDERGOES = rx.compile(r'\b(%s)\s+(?:(?:%s)\s+subjected to|undergoes|undergo|(?:%s)\s+given)\s+'
                        r'(?:(?:a|an|the)\s+)?(?:(%s)\s+)?%s(%s)\b' % (
                            _THING, _MODAL, _MODAL, _WAY, _ADJ, _ANY_NOUN), rx.IGNORECASE)


# "that the lamp be not activated but deactivated": the second is wanted
_NOT_BUT = rx.compile(r'\b(?:be\s+not|not\s+be)\s+(?:\w+ly\s+)?(?:%s)\s+but\s+(?:be\s+)?'
                      r'((?:\w+ly\s+)?%s)\b' % (_PARTICIPLE, _PARTICIPLE), rx.IGNORECASE)
# "shall not be placed in the drawer but in the cabinet": the second place is wanted
_NOT_THERE_BUT = rx.compile(r'\b(?:(?:shall|should|must|is to|are to|will)\s+)?(?:be\s+not|'
                            r'not\s+be)\s+((?:\w+ly\s+)?%s)\s+(?:in|into|inside|on|onto|within) '
                            r'the [a-z]+\s+but\s+((?:in|into|inside|on|onto|within) the [a-z]+)\b'
                            % _PARTICIPLE, rx.IGNORECASE)
# "that the drawer not be left open": the other state is wanted
_NOT_LEFT = rx.compile(r'\b(?:(?:shall|should|must|is to|are to|will)\s+)?(?:not|never)\s+be\s+'
                       r'left\s+(open|closed|shut|on|off)\b', rx.IGNORECASE)
_OTHER_STATE = {'open': 'closed', 'closed': 'opened', 'shut': 'opened', 'on': 'switched off',
                'off': 'switched on'}
# "the drawer shall not be opened", "that the lamp not be touched": what not to do
_NOT_PASSIVE = rx.compile(r'(?:(?<=^)|(?<=[,;:.]\s)|(?<=\band\s)|(?<=\bthen\s)|(?<=\bthat\s))'
                          r'(%s|it)\s+(?:(?:shall|should|must|is to|are to|will|is required to|'
                          r'are required to)\s+)?(?:not\s+be|be\s+not|never\s+be)\s+(?:\w+ly\s+)?'
                          r'(%s|touched|disturbed|changed)\b' % (_THING, _PARTICIPLE),
                          rx.IGNORECASE)
# "Lamp deactivation shall not be performed."
_UNWANTED = rx.compile(r'\s*,?\s*\b(?:is|are|shall|is to|are to|must|should|will|needs to)\s+'
                       r'(?:not|never)\s+be\s+(?:performed|executed|carried out|done|effected|'
                       r'initiated|undertaken|conducted|completed)\b', rx.IGNORECASE)


def _negated(text):
    """Say a formal "not" the plain way: the state wanted, or "do not ..." for the checks."""
    text = _NOT_BUT.sub(r'be \1', text)
    text = _NOT_THERE_BUT.sub(r'be \1 \2', text)
    text = _NOT_LEFT.sub(lambda m: 'be ' + _OTHER_STATE[m.group(1).lower()], text)
    text = _NOT_PASSIVE.sub(lambda m: 'do not %s %s' % (
        _PARTICIPLES.get(m.group(2).lower(), m.group(2)[:-1].lower()), _thing(m.group(1))), text)
    while True:
        said = _UNWANTED.search(text)
        if said is None:
            return text
        start = max(text.rfind(c, 0, said.start()) for c in '.;:,') + 1
        text = '%s%sdo not %s%s' % (text[:start], ' ' if start else '',
                                    text[start:said.start()].strip(), text[said.end():])


def _verb(noun, thing):
    verb = NOUNS.get(noun.lower()) or SHORT_NOUNS[noun.lower()]
    if noun.lower() == 'actuation' and rx.search(r'\bbutton\b', thing or '', rx.IGNORECASE):
        return 'press'
    return verb


def _noun_of(m):
    # a short noun said bare is the verb it also is: "turn of the led" is "turn off the led"
    if m.group(4).lower() in SHORT_NOUNS and not (m.group(2) or m.group(3)):
        return m.group(0)
    return _said(_verb(m.group(4), m.group(5)), _thing(m.group(5)), m.group(3), m.group(1))


def _thing(words):
    words = (words or 'it').strip()
    if rx.fullmatch(r'(?:the )?same(?: block| cube| door| one)?|said (?:block|cube|door)|it',
                    words, rx.IGNORECASE):
        return 'it'
    return words if rx.match(r'the\b', words, rx.IGNORECASE) else 'the ' + words


def _said(verb, thing, way, start=''):
    if start.strip().lower() in ('before', 'after'):
        verb = 'you ' + verb            # "prior to drawer opening": before you open the drawer
    return start + ' '.join(w for w in (verb, thing, way) if w)


_STATE = (r'(?:is|are)\s+(?:still\s+)?(?:on|off|open|opened|closed|shut|lit|slid|moved|pushed|'
          r'turned|switched|rotated)\b')
# "make sure the lamp is on and the LED is off": both are wanted, not a note after a goal
_WHERE = r'(?:is|are)\s+(?:still\s+)?(?:in|inside|within|on top of|on|back in)\b'
_EACH_GOAL = rx.compile(r'\b(make sure|ensure|see to it)( that)? ([^.;:!?]*?\b(?:%s|%s)'
                        r'(?: to the (?:left|right)| (?:left|right))?)'
                        r'(\s*,?\s*and\s+)(?:that\s+)?(?!(?:make sure|ensure|see to it)\b)'
                        r'(?=(?:the\s+)?[a-z -]{1,30}?\s+(?:%s|%s))'
                        % (_STATE, _WHERE, _STATE, _WHERE), rx.IGNORECASE)


def each_goal(text: str) -> str:
    """Say "make sure" again for each state said after it ("... and the LED is off")."""
    said = None
    while said != text:
        said, text = text, _EACH_GOAL.sub(r'\1\2 \3\4\1 that ', text, count=1)
    return text


def plain(text: str) -> str:
    """Say actions said as nouns or in the passive as plain commands (see the module)."""
    if rx.match(r'\s*(?:shall|should|has|have|had|is|are|was|were|does|did|do|must|will|can|'
                r'could|would|may)\b', text, rx.IGNORECASE) or text.rstrip().endswith('?'):
        return text     # a question is left for the checks: "Shall the drawer be closed?"
    if not rx.search(r'(?:tion|ment|al|ure|ing|ed|shut|put|slid|swept|taken)\b', text):
        return each_goal(text)
    out = _negated(_PREAMBLE.sub('', text))
    out = _WANTED.sub('', out)
    for pattern, said in _LINKS:
        if said != ', then' or not rx.search(r'\bpreceded by\b', out, rx.IGNORECASE):
            out = pattern.sub(said, out)
    out = each_goal(out)
    before = _PRECEDED.match(out)
    if before:
        out = '%s, then %s%s' % (before.group(2), before.group(1)[0].lower() +
                                 before.group(1)[1:], before.group(3))
    out = _DONE.sub(lambda m: _said(_verb(m.group(2), m.group(3)), _thing(m.group(3)),
                                    m.group(1)), out)
    out = _THING_COLON.sub(lambda m: _said(_verb(m.group(3), m.group(1)), _thing(m.group(1)),
                                           m.group(2)), out)
    out = _UNDERGOES.sub(lambda m: _said(_verb(m.group(3), m.group(1)), _thing(m.group(1)),
                                         m.group(2)), out)
    out = _NOUN_OF.sub(_noun_of, out)
    out = _NOUN_WHERE.sub(lambda m: _said(_verb(m.group(2), None), 'it ', None, m.group(1)),
                          out)
    out = _WHEN_DONE.sub(lambda m: '%s you %s%s %s' % (m.group(1), m.group(3), _PARTICIPLES[
        m.group(4).lower()], _thing(m.group(2))), out)
    out = _ITS.sub(lambda m: '%s it' % _verb(m.group(1), None), out)
    out = _THING_NOUN.sub(lambda m: _said(_verb(m.group(4), m.group(3)), _thing(m.group(3)),
                                          m.group(2), m.group(1)), out)
    out = _PASSIVE.sub(lambda m: '%s%s %s' % (m.group(2), _PARTICIPLES[m.group(3).lower()],
                                              _thing(m.group(1))), out)
    if out != text:
        out = _AND_THEN.sub(lambda m: '%s %s it' % (m.group(1), _PARTICIPLES[
            m.group(2).lower()]), out)
    return rx.sub(r'\s+', ' ', out).strip()
