"""Small talk around a command: what asks for nothing (pure, no models).

"Sorry to bother you again! Could you slide the cupboard door to the right, then put the pink
block inside? Lovely." asks for the middle sentence only. A sentence, or a part of one set off
by a comma before or after the request ("Hiya love, ...", "..., if it's no trouble."), is small
talk where it begins as small talk does (a greeting, thanks, praise, an apology, a name for
the listener, a remark about the speaker, the listener or the day: `OPENERS`) or is only a
polite idiom (or praise for what was done, an opinion of the request: `REMARKS`), and names
nothing on the desk and nothing the checks refuse: no object, colour,
way, action verb, number, order or time word, condition, and no "not", "stop" or "sorry" that
could correct a step. An order for something else ("reboot, then ...", "calibrate your
camera, ...") and a condition ("if it's raining outside, ...") are not small talk. Where only
small talk is said, it stays, for the checks to refuse ("Thanks, that's all for now!").

The planner drops small talk (after `addressed.to_me`) before anything else reads the command,
so a word in it the planner does not know ("Cheers, you're a legend") refuses nothing.
"""

from functools import lru_cache

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.references import name_it
from lam_ros.language.vocab import action_verbs, any_of, OBJECT_WORDS, PICK_VERBS, PUT_VERBS

# polite idioms whose "it", "not" or "again" says nothing about the desk
IDIOMS = rx.compile(
    '|'.join((
        r'\bno worries if you(?:\'re| are) busy\b',
        r'\bif (?:it|that)(?:\'s| is| isn\'t| is not| wouldn\'t be| would not be| won\'t be)? ?'
        r'(?:not |no |any )?(?:too much |a |any |an )?(?:trouble|bother|problem|hassle|'
        r'imposition)(?: at all)?(?: for you)?',
        r'\bif (?:it|that)(?:\'s| is) not too much to ask',
        r'\b(?:if you|i (?:do )?hope you|hope you|if you do)(?: really)? (?:don\'t|do not|dont) '
        r'mind',
        r'\bno (?:rush|hurry|pressure|worries|problem|trouble|bother|stress)(?: at all)?',
        r'\b(?:don\'t|do not|dont) worry(?: about it)?',
        r'\b(?:sorry|apologies) (?:to|for|if|about|that)\b[^,]*',
        r'\bi hate to (?:bother|trouble|disturb|ask)[^,]*',
        r'\b(?:hello|hi|hey|thanks|thank you|(?:nice|lovely|good|great) to (?:see|meet) you|'
        r'welcome back) again\b',
        r'\b(?:my|our) first (?:day|time|week|visit|go)\b',
        r'\bbefore i forget\b',
        r'\bafter all\b',
        r'\b(?:go on|right|come on|well) then\b',
        r'\b(?:you\'ve|you have|you) got it\b',
        r'\b(?:isn\'t|is) it\b(?=\s*[?!.]*$)',
        r'\bmy hands are (?:full|busy|tied)\b',
        r'\b(?:all|right) over the place\b',
        r'\bi know i keep asking\b',
        r'\bthat\'s (?:it|all)(?: for now)?\b',
        r'\bone (?:more|last) (?:thing|time|request)\b',
        r'\b(?:i )?hope (?:i\'m|i am) not (?:interrupting|disturbing|bothering)(?: you| '
        r'anything)?\b',
        r'\bmany thanks\b', r'\b(?:please )?do the needful\b', r'\bwith all due respect\b',
        r'\b(?:out|over|in|up|down) (?:there|here)\b',
        r'\bin advance\b',
        r'\bif you(?:\'d| would) be (?:so |ever so |very )?(?:kind|good)\b',
    )))
# praise for what was done and opinions of the request, which ask for nothing: "nice work with
# the drawer just now", "good, you closed it", "that was a clean grab", "I think it's a weird
# order", "not my idea"
_GOOD = (r'(?:nice|good|great|excellent|brilliant|lovely|perfect|fine|neat|solid|impressive|'
         r'smooth|clean|quick|fast|gentle|careful)')
_SO = r'(?:(?:really|very|so|super|pretty|a bit|bit|kind of|kinda|totally|little) )*'
_ODD = (r'(?:weird|odd|strange|silly|pointless|daft|funny|overkill|unusual|random|unnecessary|'
        r'useless|excessive|bold|interesting)')
_BAD = (r'(?:clumsy|sloppy|rough|shaky|slow|messy|wobbly|jerky|awkward|bumpy|clunky|'
        r'lazy)')
_WHAT = (r'(?: (?:with|on) (?:the |that |those |these |this )?(?:[a-z]+ )?[a-z]+(?:,? (?:and|'
         r'plus) (?:with |on )?(?:the |that )?(?:[a-z]+ )?[a-z]+ (?:too|as well))?)?')
_WHEN = r'(?: (?:just now|earlier|today|before|there|again|this morning))?'
REMARKS = rx.compile('|'.join((
    r'\b%s%s (?:work|job|catch|going|stuff|effort|move|moves|push|grab|pick|shot|one|try|'
    r'landing|placement|stack|tower|pile)(?: [a-z]+ing (?:the |that )?(?:[a-z]+ )?[a-z]+)?%s%s'
    r'\b' % (_SO, _GOOD, _WHAT, _WHEN),
    r'\bwell done%s%s\b' % (_WHAT, _WHEN),
    r'\bthat was (?:a |an )?%s%s(?: (?:grab|push|move|one|turn|job|pick|lift|try))?\b' % (
        _SO, _GOOD),
    r'^\W*(?:good|great|nice|ok|okay|right|wow|perfect)\W+you (?:just )?(?:[a-z]+ed|put|set|'
    r'did|shut|got|made|took) (?:it|that|them|this)\b',
    r'\byou (?:just )?(?:put|set|placed|moved|pushed|lifted|stacked|closed|opened|did) '
    r'(?:that|the|it|them)(?: [a-z]+){0,2}? %s(?:beautifully|nicely|perfectly|well|neatly|'
    r'smoothly|carefully|gently)\b' % _SO,
    r'\bi (?:think|know|guess|feel|find)(?: that)? (?:it|this|that)(?:\'s| is| sounds| seems| '
    r'looks)(?: like)? (?:a |an )?%s%s(?: (?:order|request|choice|idea|plan|thing|one|'
    r'sequence))?(?: to me)?' % (_SO, _ODD),
    r'\b(?:(?:it|this|that)(?:\'s| is| seems| sounds| looks) (?:a |an )?)?%s%s (?:choice|order|'
    r'request|idea|plan|sequence)(?: to [a-z]+(?: [a-z]+){0,3}(?=\s*(?:[,:;.!]|$)))?' % (
        _SO, _ODD),
    r'\b(?:this|that|it) (?:seems|sounds|looks|is) %s%s(?: to me)?\b' % (_SO, _ODD),
    r'\bnot my (?:idea|call|choice|plan)\b',
    r'\bi(?:\'d| would) (?:do it|have done it|do this|do that) differently\b',
    r'\bi (?:don\'t|do not) (?:love|like|get|understand) (?:this|the|that) (?:plan|idea|'
    r'order|request|choice)\b',
    r'\bit(?:\'s| is) a bit much\b', r'\bin my (?:view|opinion)\b', r'\bfor the idea\b',
    r'\bnot (?:what|how) i(?:\'d| would)(?: have)? (?:done|do)(?: it| this| that)?\b',
    r'\bbut (?:fine|sure|ok(?:ay)?|go ahead|whatever)\b',
    # "love how you stacked those", "that was a clumsy push on the red block, honestly", "bit
    # slow on that last one", "I always liked the red block best", "the blue block is the
    # ugliest one", "strange way to open a drawer", "weird choice to leave it there"
    r'\b(?:i )?(?:love|loved|like|liked) (?:how|the way) you [a-z]+(?: up)? (?:those|that|them|'
    r'it|this|these)\b',
    r'\b(?:that was |a )?%s(?:a |an )?%s(?: (?:push|grab|move|one|turn|job|pick|lift|try|'
    r'stack|close|open|landing))?(?: (?:on|with) (?:the |that )?(?:[a-z]+ )?[a-z]+)?(?:,? '
    r'honestly)?\b' % (_SO, _BAD),
    r'\bi (?:always |really |kind of )?(?:liked|like|love|loved|prefer|preferred) the [a-z]+ '
    r'(?:block|one|cube) (?:best|most|the most)\b',
    r'\b(?:honestly,? )?the [a-z]+ (?:block|one|cube) is (?:the |my )?(?:[a-z]+est|favou?rite|'
    r'best|worst)(?: one| block| of them)?\b',
    r'\b%s%s way to [a-z]+ (?:a|the|it) ?[a-z]*\b' % (_SO, _ODD),
)))
# a polite idiom set off by commas inside the request: "Could you, if it's no bother, ..."
_IDIOM_SET_OFF = rx.compile(r',\s*(?:%s)\s*,' % IDIOMS.pattern, rx.IGNORECASE)
# politeness inside the request: "would you be ever so kind and push ...", "I'd be grateful if
# you'd pick ...", "would you mind terribly turning ...", "pretty please"
POLITE = rx.compile(
    r'(?i)\bbe (?:a dear|a love|an angel|a star|a darling|(?:ever so |so very |so |very )?(?:kind|'
    r'good|sweet)(?: enough)?)(?: as to| and| to)?(?= [a-z])|\bi(?:\'d| would) (?:be|feel) (?:so '
    r'|very |really |ever so |most |truly )?(?:grateful|thankful|chuffed|pleased|happy|delighted|'
    r'obliged|glad) if you(?:\'d| would| could)?(?= [a-z])|(?<=\bmind) (?:terribly|awfully|very '
    r'much)\b|\bpretty (?=please\b)')
# words that make a sentence part of the command: what it acts on, how, when, how often, or
# what it takes back
ORDER = ('first', 'second', 'third', 'then', 'next', 'after', 'afterwards', 'before',
         'finally', 'last', 'lastly', 'later', 'until', 'till', 'while', 'when', 'once', 'twice',
         'thrice', 'again', 'times', 'wait', 'seconds', 'second', 'minutes', 'minute', 'hours',
         'hour', 'oclock', "o'clock", 'tomorrow', 'tonight', 'soon', 'meanwhile',
         'instead', 'rather', 'actually', 'also', 'every', 'noon', 'midnight', 'if', 'unless',
         'whether', 'provided', 'assuming', 'nobody', 'yesterday', 'status', 'note', 'goal')
CONTROL = ('not', 'no', 'never', "don't", 'dont', "doesn't", "can't", "won't", "shouldn't",
           'nothing', 'none', 'neither', 'nor', 'without', 'stop', 'cancel', 'forget', 'ignore',
           'scratch', 'undo', 'abort', 'halt', 'pause', 'hold', 'wrong', 'oops', 'mean', 'wait',
           'careful', 'slowly', 'gently', 'fast', 'quickly', 'hurry', 'maybe', 'perhaps',
           'possibly', 'probably', 'think', 'guess', 'unsure', 'sure', 'loop', 'looped',
           'looping', 'repeat', 'repeatedly', 'forever', 'continuously', 'constantly', 'always',
           'endlessly', 'indefinitely', 'permanently', 'together', 'simultaneously', 'same',
           'opposite', 'other', 'others', 'remaining', 'rest')
# words of what the checks refuse whatever else is said: a part to play, new rules, code
RISKY = ('system', 'admin', 'root', 'developer', 'mode', 'jailbreak', 'rule', 'rules',
         'instruction', 'instructions', 'safety', 'override', 'bypass', 'disable', 'limit',
         'limits', 'pretend', 'imagine', 'hypothetically', 'play', 'game', 'role', 'act', 'sudo',
         'exec', 'eval', 'script', 'code', 'command', 'commands', 'someone', 'somebody',
         'person', 'people', 'anyone', 'anybody', 'everyone')
OTHER_VERBS = ('give', 'hand', 'bring', 'carry', 'keep', 'leave', 'move', 'turn', 'switch',
               'press', 'flip', 'put', 'pop', 'shut', 'slide', 'spin', 'knock', 'tidy', 'clean',
               'reset', 'fix', 'make', 'build')
DIRECTIONS = lx.LEFT + lx.RIGHT + ('up', 'down', 'in', 'inside', 'out', 'into', 'onto', 'back',
                                   'forward', 'away', 'across', 'over', 'under', 'on', 'off')
# how small talk begins: a greeting, thanks, praise, an apology, a name for the listener, or a
# remark about the speaker, the listener or the day (an order begins with its verb: "reboot",
# "calibrate your camera", and a condition with "if": neither is small talk)
OPENERS = ('oh', 'ooh', 'oooh', 'ah', 'aw', 'aww', 'wow', 'hi', 'hiya', 'hello', 'hey', 'howdy',
           "g'day", 'gday', 'morning', 'afternoon', 'evening', 'good', 'namaste', 'greetings',
           'cheers', 'thanks', 'thank', 'thanking', 'ta', 'bless', 'sorry', 'apologies',
           'pardon', 'excuse', 'lovely', 'brilliant', 'great', 'perfect', 'super', 'excellent',
           'wonderful', 'marvellous', 'marvelous', 'fantastic', 'awesome', 'nice', 'yay',
           'hooray', 'bravo', 'well', 'legend', 'star', 'gem', 'treasure', 'mate', 'love',
           'dear', 'sir', 'madam', 'much', 'many', 'pretty', 'have', 'i', "i'm", "i've", "i'd",
           "i'll", 'me', 'my', 'we', "we're", 'our', 'you', "you're", "you've", 'your', "it's",
           'it', 'that', "that's", 'this', 'what', 'how', 'such', 'mum', 'mom', 'dad', 'grandma',
           'grandpa', 'right', 'right then', 'bye', 'goodbye', 'see', 'take care', 'anyway',
           'whew', 'phew', 'gosh', 'golly', 'very', 'please', 'kindly', 'happy', 'hope',
           'honestly', 'cool', 'ha', 'haha', 'lol', 'ok', 'okay', 'alright', 'hmm', 'hm', 'um',
           'uh', 'erm', 'er', 'fine', 'sure')
# what the desk has ("one" and "thing" only after a word that points: "that one")
THINGS = tuple(w for w in OBJECT_WORDS if w not in ('one', 'ones', 'thing', 'things'))
_SORRY = rx.compile(r'\b(?:sorry|no|oops|wait|correction|i mean)\b')


# a word or pointer that keeps a piece in the command
_KEEPS = rx.compile(r'\b%s\b|\b(?:the|that|this|other|which|each|every|a|red|blue|pink) ones?\b'
                    % any_of(THINGS + lx.OTHER_COLOURS + DIRECTIONS + ORDER + CONTROL + RISKY +
                             lx.UNSAFE + lx.UNSAFE_FORCE + lx.UNKNOWN_OBJECTS + lx.ABSENT_PLACES +
                             ('table', 'desk', 'hand', 'hands', 'finger', 'fingers', 'them',
                              'those', 'these')))
_OBJECT = rx.compile(r'\b%s\b' % any_of(OBJECT_WORDS))


@lru_cache(maxsize=None)
def _verbs():
    return action_verbs() | set(PICK_VERBS + PUT_VERBS + OTHER_VERBS)


def _verb(word):
    """Whether `word` is a verb of a skill or of handling things, inflected or not."""
    stems = {word, lx.IRREGULAR.get(word, ''), lx.GERUNDS.get(word, '')}
    for ending, cut in (('s', 1), ('es', 2), ('ed', 1), ('ed', 2), ('ing', 3)):
        if word.endswith(ending):
            stem = word[:-cut]
            stems |= {stem, stem + 'e' if ending == 'ing' else stem}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.add(stem[:-1])      # "grabbing", "dropped"
    return bool(stems & _verbs())


def idle(piece, said_before=''):
    """Whether `piece` is small talk (see the module's doc); `said_before`: the text before it."""
    low = piece.lower().replace('’', "'")
    if not rx.search('[a-z]', low) or rx.search(r'[\d`$<>{}\[\]=/\\|@#*_~^%&+()]', low):
        return False
    first = rx.match(r"\W*(?:(?:please|kindly)\W+)*([a-z]+(?:'[a-z]+)?)", low)
    low = REMARKS.sub(' ', IDIOMS.sub(' ', low))
    if rx.search('[a-z]', low) and (first is None or first.group(1) not in OPENERS):
        return False        # not all idiom, and not begun as small talk is
    # "right, ..." (said first, with more), "all right" and "that's right" are no way; "I left
    # it" is no way either
    low = rx.sub(r'^\W*right\b(?=\W+[a-z])|\ball right\b|\bthat\'s right\b|\b(?:i|you|we|they|'
                 r'someone|who) left\b', ' ', low)
    if _KEEPS.search(low):
        return False
    # "it" said of a thing ("leave it"), not "it's getting gloomy"
    if rx.search(r'\bit\b(?!\'s| is| was| would| will| has| looks| seems)', low):
        return False
    if any(_verb(w) for w in rx.findall(r'[a-z]+', low)):
        return False
    # "sorry" or "no" after a step may correct it: "open the drawer. sorry, the cabinet"
    if _SORRY.search(low) and _OBJECT.search(said_before.lower()):
        return False
    return True


_PRAISED = rx.compile(r'\b(?:the|that|this|a) ((?:(?:red|blue|pink|yellow|green|sliding|'
                      r'cabinet) )*'
                      r'(?:block|cube|stack|tower|led|lamp|bulb|light bulb|drawer|door|slider|'
                      r'cabinet door|button|switch))\b', rx.IGNORECASE)


# a care that forbids only harm, said after the request: "..., and don't knock anything over",
# "..., careful not to pinch anything", "..., but don't yank it off its rails", "..., hold on
# tight", "..., no more than that"; no skill does what it forbids
_CARES = rx.compile(
    r'(?<!\byou)(?:\s*,\s*|\s+)(?:and |but )?(?:whatever you do,?\s*)?(?:please )?(?:(?:don\'?t|'
    r'do not|never|try not to|careful not to|be careful not to|taking care not to|making sure '
    r'not to|without) (?:knock(?:ing)? (?:anything|something|it|them) (?:over|down)|hit(?:ting)? '
    r'anything|bump(?:ing)? (?:into )?anything|pinch(?:ing)? (?:anything|your fingers)|'
    r'break(?:ing)? (?:anything|it|the (?:switch|button|handle|door|drawer))|yank(?:ing)? it off '
    r'its (?:rails|runners)|let(?:ting)? (?:it|the block) (?:fall|slip|drop)(?: off the edge|'
    r' off)?|'
    r'drop(?:ping)? (?:it|the block|anything))|hold on tight|no more than that)'
    r'(?=\s*(?:$|[,;.!]))', rx.IGNORECASE)


def drop_small_talk(text: str) -> str:
    """Return the command without its small talk, or unchanged where it is all small talk."""
    text = _CARES.sub('', text)
    sentences = [s for s in rx.split(r'(?<=[.!?])\s+', text.strip()) if s]
    kept, before = [], ''
    for sentence in sentences:
        if not idle(sentence, before):
            kept.append(_trimmed(sentence, before))
        before += ' ' + sentence
    if not kept:
        return text
    if kept[0] != sentences[0] and rx.match(r'\W*(?:(?:now|so|then|ok(?:ay)?|and)\W+)*[a-z]+ '
                                            r'(?:it|them)\b', kept[0], rx.IGNORECASE):
        # "Wow, smooth move with the cabinet door! Slide it back to the left.": "it" is the
        # one thing the praise names
        said = text[:text.index(kept[0])] if kept[0] in text else ''
        named = {m.group(1).lower() for m in _PRAISED.finditer(said)}
        if len(named) == 1:
            kept[0] = name_it(kept[0], 'the ' + named.pop(), r'\b(?:it|them)\b')
    return rx.sub(r'\s{2,}', ' ', POLITE.sub('', _IDIOM_SET_OFF.sub(',', ' '.join(kept))))


def _trimmed(sentence, before):
    """Return the sentence without small talk set off by a comma before or after the request."""
    while True:
        lead = rx.match(r'\s*([^,:;\u2014]+?)\s*(?:[,:]|\s-+|\u2014)\s+(?=\S)', sentence)
        rest = sentence[lead.end():] if lead else ''
        if lead is None or not idle(lead.group(1), before) or idle(rest, before):
            break
        sentence = rx.sub(r'^(?:but|so|anyway|and)\b,?\s*(?:(?:ok(?:ay)?|fine|go ahead|sure|'
                          r'alright)\b\s*[:,]?\s*)?', '', rest, flags=rx.IGNORECASE)
    while True:
        tail = rx.search(r'\s*(?:,|\s-+|\u2014)\s*([^,:;\u2014]+?)\s*([.!?]*)\s*$', sentence)
        if tail is None or not idle(tail.group(1), before + sentence[:tail.start()]) or idle(
                sentence[:tail.start()], before):
            break
        sentence = sentence[:tail.start()] + tail.group(2)
    return sentence
