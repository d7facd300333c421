"""Which thing a command means where its words do not say it plainly (pure, no models).

Part of stage 1 (`normalise`): "it" named by a state said first ("the red block is in the
cabinet. take it out"), a place said once for a later pick ("from the drawer"), the lights
said by what is beside them or as "the other light", blocks said by colour and place ("the
blue block, the one at the front"), sentences that only set the scene, and things said by the
order the command named them ("the first one"), by the way of the step before ("the same
direction") or by where another block was taken from ("where the red one was").
"""

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.constraints import blocks_named, drawer_is_it
from lam_ros.language.intents import Refusal
from lam_ros.language.vocab import (action_verbs, any_of, COPULA, has, LED_NAME, MODAL, OF_LIST,
                                    OBJECT_WORDS, PICK_VERBS, SEEN, STATE_WORDS, STATEMENT,
                                    verb_words)


THING_KINDS = (('block', 'cube', 'brick', 'stack', 'tower'),
               ('drawer', 'door', 'slider', 'cabinet'),
               ('bulb', 'lamp', 'light', 'led', 'switch', 'button'))


def it_is(said, rest):
    """Return `rest` with its first "it" the one thing `said` names (pure).

    "as the bulb has been on all morning, turn it off": the bulb; not where a thing of the
    same kind is named before that "it" ("as the light bulb is already on, we only need the
    LED: turn it on": the LED).
    """
    rest = opened_place(said, rest)
    things = rx.findall(r'\bthe (?:[a-z-]+ ){0,2}?(%s)\b' % '|'.join(
        w for kind in THING_KINDS for w in kind), said)
    first = rx.search(r'\bit\b', rest)
    blocks = {t for t in things if t in THING_KINDS[0]}
    if len(blocks) == 1:
        things = list(blocks)       # "to get the pink block into the cabinet: lift it ..."
    if len(set(things)) != 1 or first is None:
        return rest
    kind = next(k for k in THING_KINDS if things[0] in k)
    if rx.search(r'\b(?:%s)\b' % '|'.join(kind), rest[:first.start()]):
        return rest
    subject = rx.search(r'\bthe (?:[a-z-]+ ){0,2}?%s\b' % things[0], said)
    return name_it(rest, subject.group(0))


# a block said by what was just done to it: "push the one you just moved to the left"
_DONE_TO = rx.compile(r'\bthe (?:block|one|cube) (?:that |which )?(?:you|we|i) (?:just |have '
                      r'just |\'ve just |have |\'ve )?(?:moved|pushed|rotated|turned|twisted|spun|'
                      r'slid|lifted|picked up|took out|taken out|stacked|put (?:there|in|away|'
                      r'down)|placed|set down|dropped|touched)\b')
# a block said first, then the step on "it": "the red one, push it the other way"
_TOPIC_IT = rx.compile(r'(^|[.;!?]\s+)(the (?:red|blue|pink) (?:one|block|cube|brick))\s*,\s*'
                       r'(?:please\s+)?([a-z]+) (?:it|her|him)\b')
_LEFT_OVER = rx.compile(r'\bthe (?:remaining|last remaining|leftover|third) (?:one|block|cube)\b')
_A_COLOUR = rx.compile(r'\b%s\b' % any_of(lx.COLOUR_WORDS))


def _earlier_step(before):
    """Whether a step is said, whole, before the clause that `before` leads into."""
    return rx.search(r'\b(?:%s)\b.*?(?:[,;.:]|\bthen\b|\band\b)' % verb_words(),
                     before) is not None


# a thing said by the order the command named it in: "the first one", "the last block"
_ORDINAL = rx.compile(r'(?<!\bundo )(?<!\breverse )(?<!\brevert )(?<!\bredo )(?<!\brepeat )'
                      r'(?<!\bskip )(?<!\bof )(?<!\bis )(?<!\bwas )(?<!\bs )\bthe (first|second|'
                      r'third|last|latter|former) (one|block|cube|light|lamp)\b(?! (?:to (?!the '
                      r'|left\b|right\b)[a-z]+|left (?:over|standing|on)|remaining|that|which|'
                      r'who|of|in line)\b)')
_PLACE = {'first': 0, 'former': 0, 'second': 1, 'third': 2, 'last': -1, 'latter': -1}
_LAMP_WORDS = ('lamp', 'light bulb', 'lightbulb', 'bulb', 'yellow light', 'light switch')
_LED_WORDS = ('led', 'diode', 'button', 'green light')
_MENTION = rx.compile(r'\b(?:%s)\b' % any_of(lx.COLOUR_WORDS + _LAMP_WORDS + _LED_WORDS))
_WAYS = (r'(?:to the )?(?:left|right)(?:wards?)?|(?:counter|anti)-? ?clockwise|clockwise|'
         r'leftwards?|rightwards?')
_OPPOSITE = {'left': 'right', 'right': 'left', 'clockwise': 'counter-clockwise',
             'counter-clockwise': 'clockwise'}
# "push the red one in the same direction", "..., then the pink one, same direction each time"
_SAME_WAY = rx.compile(r'(?:,\s*|\s+-+\s+)?\b(?:(?:all|each|both) )?(?:in )?(?:the )?same '
                       r'(?:way|direction)(?: each time| every time| too| as well)?\b(?! as\b| '
                       r'(?:the |a )?clock)|\bthe same turn\b')
# "give it a quarter turn back", "then a quarter turn the opposite way"
_TURN_BACK = rx.compile(r'\ba quarter[- ]turn (?:back|the (?:opposite|other) (?:way|direction))\b')


def _thing(word):
    """Return the block colour or the light ('led', 'lamp') a word names."""
    for colour, words in lx.COLOURS.items():
        if word in words:
            return colour
    return 'led' if word in _LED_WORDS else 'lamp'


def in_order(text):
    """Name a thing said by the order it was named in; refuse where that does not say which.

    "rotate the red block left and the blue block right, then turn the first one right": the
    red block; "turn on the lamp and the LED, then switch off the last one": the LED. Refused
    where fewer than two things of its kind are named before it ("stack the blue block on the
    first block"), or blocks and lights both are and "one" does not say which kind; left as
    said where nothing is named before it ("move above the second block").
    """
    lead = OF_LIST.match(text)
    if lead and _ORDINAL.search(text, lead.end()):
        # "of the red block and the blue block, rotate the first one": the list says which,
        # and where from ("of the blue and the pink block in the cabinet, lift the first one")
        text = in_order(lead.group(1) + text[lead.end():])[len(lead.group(1)):]
        return _first_step_from(text, lead.group(2)) if lead.group(2) else text
    start = 0
    while True:
        said = _ORDINAL.search(text, start)
        if said is None:
            return text
        named = []
        for mention in _MENTION.finditer(text[:said.start()]):
            thing = _thing(mention.group(0))
            if thing not in named:
                named.append(thing)
        if not named:
            start = said.end()      # "move above the second block" (said of no list)
            continue
        blocks = [t for t in named if t in lx.COLOURS]
        lights = [t for t in named if t not in lx.COLOURS]
        noun = said.group(2)
        if noun in ('light', 'lamp'):
            things = lights
        elif noun != 'one' or not lights:
            things = blocks
        elif not blocks or rx.search(r'\b(?:switch|turn)\b[^,;.]*$', text[:said.start()]) and \
                rx.match(r'[^,;.]*\b(?:on|off)\b', text[said.end():]) or rx.search(
                    r'\b(?:on|off)\s*$', text[:said.start()]):
            things = lights
        else:
            raise Refusal('"%s": which one? say which block or light' % said.group(0))
        if len(things) < 2 or _PLACE[said.group(1)] >= len(things):
            raise Refusal('"%s": which one? say its name' % said.group(0))
        thing = things[_PLACE[said.group(1)]]
        name = 'the %s block' % thing if thing in lx.COLOURS else 'the ' + thing
        text = text[:said.start()] + name + text[said.end():]


def _ways_before(text, end):
    """Return the ways said before `end`: of the block the clause at `end` names, if it names one.

    "rotate the red block left and the pink block right, then turn the red block a quarter
    turn back": the red block's way (left), not the pink one's.
    """
    clauses = rx.split(r'[,;.]|\bthen\b|\band\b', text[:end])
    colour = blocks_named(clauses[-1]) if clauses else []
    if len(colour) == 1:
        for clause in reversed(clauses[:-1]):
            ways = rx.findall(r'\b(?:%s)\b' % _WAYS, clause)
            if ways and blocks_named(clause) == colour:
                return ways
    return rx.findall(r'\b(?:%s)\b' % _WAYS, text[:end])


def same_way(text):
    """Say the way a step goes "the same way" as, or "a quarter turn back" from, the step before.

    "push the pink block right, then push the red one in the same direction": to the right;
    "rotate the blue block left, then give it a quarter turn back": clockwise. Where no way is
    said before, the text stays as it is (the parser asks which way).
    """
    for pattern, flip in ((_SAME_WAY, False), (_TURN_BACK, True)):
        start = 0
        while True:
            said = pattern.search(text, start)
            if said is None:
                break
            ways = _ways_before(text, said.start())
            if not ways:
                start = said.end()
                continue
            way = rx.sub(r'^(?:to the )|wards?$', '', ways[-1])
            way = 'counter-clockwise' if rx.match(r'(?:counter|anti)', way) else way
            if flip:
                way = _OPPOSITE[way]
            if said.group(0).endswith('turn'):
                way = 'a quarter turn ' + way
            elif flip:
                way = 'a quarter turn ' + way
                if rx.search(r'(?:\bthen|\band|,)\s*$', text[:said.start()]):
                    way = 'rotate it ' + way        # "..., then a quarter turn back"
            before = text[:said.start()].rstrip()
            text = before + ' ' + way + text[said.end():]
            start = len(before) + len(way) + 1
    return text


# "put it where the red one was": where the command took the red block from
_WHERE_WAS = rx.compile(r'\bwhere the (%s) (?:one|block|cube) (?:was|used to be|had been|sat|'
                        r'came from)(?: before)?\b' % any_of(lx.COLOUR_WORDS))
_PLACES = {'drawer': 'the drawer', 'cabinet': 'the cabinet', 'cupboard': 'the cabinet',
           'shelf': 'the cabinet', 'slider': 'the cabinet'}


def where_it_was(text):
    """Say the place a block was taken from where a later step puts another there.

    "take the red block out of the drawer and put it in the cabinet, then put the blue block
    where the red one was": in the drawer. Refused where the command took that block from
    nowhere it says or from the table (a block is put back on the table by no skill).
    """
    said = _WHERE_WAS.search(text)
    if said is None:
        return text
    words = lx.COLOURS[_thing(said.group(1))]
    taken = rx.search(r'\b(?:take|took|pick|picked|lift|lifted|grab|grabbed|get|got|remove|'
                      r'removed|fetch|pull|pulled)\b[^,.;]*?\bthe (?:%s) (?:block|one|cube)\b'
                      r'[^,.;]*?\b(?:out of|from|from inside|off) the (drawer|cabinet|cupboard|'
                      r'shelf|slider)\b' % '|'.join(words), text[:said.start()])
    if taken is None:
        raise Refusal('"%s": where was that? say the drawer or the cabinet' % said.group(0))
    return text[:said.start()] + 'in ' + _PLACES[taken.group(1)] + text[said.end():]


_COLOUR_ONE = r'(?:the )?(?:%s)(?: block| one| cube)?' % any_of(lx.COLOUR_WORDS)
# "the other two, the red and then the pink,": the blocks the apposition names
_OTHER_TWO_SAID = rx.compile(r'\b(?:of )?the other two(?: blocks| ones| cubes)?\s*,\s*(%s,?(?: '
                             r'and)?(?: then)? %s)\s*,?' % (_COLOUR_ONE, _COLOUR_ONE))
# "of the other two, rotate the blue one ...": which two is said by each step
_OF_OTHER_TWO = rx.compile(r'(^|[.;:!?]\s*)of the other two(?: blocks| ones| cubes)?\s*,\s*')
# "the pink one, the one left over, ...": the colour says which
_APPOSED = rx.compile(r'\b((?:the )?(?:%s) (?:block|one|cube)),\s*(?:the|that) (?:one|block) '
                      r'(?:left over|that\'s left|that is left|left|(?:you|we) (?:haven\'t|have '
                      r'not|didn\'t|did not) (?:touched|touch|moved|move)(?: yet)?|(?:nobody|no '
                      r'one) (?:has )?touched)\s*,' % any_of(lx.COLOUR_WORDS))


_THAT_BLOCK = rx.compile(r'\b(?:that|this) (?:block|cube)\b(?! (?:on|in|at|by|near|next|beside|'
                         r'which|that|over|from|with|to)\b)|,\s*(?:just|only) (?:that|this) one\b')


# "..., then the other two, the blue and the pink, to the right": each that way
_OTHER_TWO_WAY = rx.compile(r'\b(?:of )?the other two(?: blocks| ones| cubes)?\s*,\s*(?:the )?(%s)'
                            r'(?: block| one| cube)?,?(?: and)?(?: then)? (?:the )?(%s)(?: block| '
                            r'one| cube)?\s*,?\s*(%s)\b'
                            % (any_of(lx.COLOUR_WORDS), any_of(lx.COLOUR_WORDS), _WAYS))


def said_with_colour(text):
    """Drop what only repeats which blocks: "the other two, the red and the pink," says both.

    "that block" (and ", just that one") after one block is that block: "push the blue block
    right, then give that block a quarter turn"; after two it is left for `unclear`.
    """
    text = _OTHER_TWO_WAY.sub(r'the \1 block \3, then the \2 block \3', text)
    text = _OTHER_TWO_SAID.sub(r'\1', text)
    text = _OF_OTHER_TWO.sub(r'\1', text)
    text = _APPOSED.sub(r'\1', text)
    that = _THAT_BLOCK.search(text)
    named = blocks_named(text[:that.start()]) if that else []
    if len(named) == 1:
        text = text[:that.start()] + ('' if that.group(0).startswith(',') else 'the %s block' %
                                      named[0]) + text[that.end():]
    return text


_C = any_of(lx.COLOUR_WORDS)
# a group said with which goes first: "push the pink and red blocks right, the pink one first"
_GROUP_FIRST = rx.compile(r'\b(?:both )?(the )?(%s) and (?:the )?(%s) (blocks|cubes|ones|block|'
                          r'cube)\b([^,;.]*?),\s*'
                          r'(?:the )?(%s)(?: one| block)? (?:first|goes first|before the (?:%s)'
                          r'(?: one| block)?)\b' % (_C, _C, _C, _C))
# ... and the lights: "..., the LED before the lamp", "..., the LED first and the lamp second"
_LIGHT = r'(?:led|lamp|bulb|light bulb|green one|yellow one)'
_LIGHT_ORDER = rx.compile(r'(\bboth lights\b[^,;.]*?),\s*(?:the )?(%s)\s*(?:before the %s|'
                          r'first(?:,? (?:and |then )?the (?:%s|yellow|green)(?: one)?'
                          r'(?: second| after| last)?)?)\b' % (_LIGHT[3:-1], _LIGHT, _LIGHT))
# "of the blocks in the cabinet, take out the red one": the group says where from
_OF_GROUP = rx.compile(r'^\s*(?:of|out of|from among|among) (?:the |all |all the |both )?'
                       r'(?:two |three |both )?(?:of )?(?:the )?(?:blocks|cubes|lights|ones|'
                       r'of them)'
                       r'(?: (?:in|inside) the (drawer|cabinet|cupboard|shelf|slider))?'
                       r'(?: on the table)?\s*,\s*')
# "i want the lamp and then the led both off": one light, then the other
_LIGHTS_BOTH = rx.compile(r'\b(?:i want |i need |i\'d like )?(?:the )?(lamp|led|bulb|light bulb) '
                          r'and (?:then )?(?:the )?(lamp|led|bulb|light bulb),? both (on|off)\b')


_ITEM = (r'(?:the )?((?:red|blue|pink) (?:block|one|cube)|led|lamp|bulb|light bulb|drawer|'
         r'(?:cabinet |sliding )?door|slider)')
# "turn the led off and the lamp on, but do the lamp before the led"; "switch on the lamp and
# close the drawer, but do the drawer first"
_DO_FIRST = rx.compile(r'^(\s*(?:please )?([a-z]+)(?: [a-z]+)?? .+?) and (?:then )?(.+?),?\s*'
                       r'(?:but |and )?(?:do|switch|turn|handle) %s (?:(?:before|ahead of|prior '
                       r'to) %s|first)\s*[.!]*\s*$' % (_ITEM, _ITEM))


def _done_first(text):
    """Say two steps in the order said after them ("..., but do the lamp before the led")."""
    m = _DO_FIRST.match(text)
    if not m:
        return text
    one, verb, other, first, then = m.groups()
    if then is None:
        # "... first": the other thing the two steps name goes after it
        then = next((w for w in rx.findall(r'\b(?:led|lamp|bulb|drawer|door|slider|red|blue|'
                                           r'pink)\b', one + ' ' + other) if w not in first),
                    None)
        if then is None:
            return text
    if not (rx.search(r'\b%s\b' % rx.escape(then), one) and
            rx.search(r'\b%s\b' % rx.escape(first), other)):
        return text if not (rx.search(r'\b%s\b' % rx.escape(first), one) and rx.search(
            r'\b%s\b' % rx.escape(then), other)) else '%s and %s' % (one, other)
    if other.split()[0] not in action_verbs():
        other = '%s %s' % (verb, other)     # the verb said once: "turn the led off and the lamp"
    return '%s, then %s' % (other, one.strip())


def which_first(text):
    """Say a group's steps in the order the command gives ("..., the pink one first")."""
    text = _done_first(text)

    def ordered(m):
        first, other = (m.group(6), m.group(2) if m.group(6) == m.group(3) else m.group(3))
        if m.group(6) not in (m.group(2), m.group(3)):
            return m.group(0)
        return '%s%s and the %s %s%s' % (m.group(1) or '', first, other, m.group(4), m.group(5))
    text = _GROUP_FIRST.sub(ordered, text)
    text = _LIGHT_ORDER.sub(lambda m: '%s, %s first' % (m.group(1), 'led' if m.group(2) in (
        'led', 'green one') else 'lamp'), text)
    text = _LIGHTS_BOTH.sub(r'turn \3 the \1, then turn \3 the \2', text)
    # "i want the drawer open and the red block inside it": open it, then put the block in
    text = rx.sub(r'\b(?:i want|i need|i\'d like|we want|we need) the drawer (?:open|opened|'
                  r'pulled out) and (the (?:[a-z-]+ ){0,2}?(?:block|cube)) (?:in|inside|into) '
                  r'(?:it|there|the drawer)\b', r'open the drawer and put \1 into the drawer',
                  text)
    # "i want the drawer closed and both lights on: close the drawer, then ...": the steps
    # after the colon say how; the wish before it says the same
    wish = rx.match(r'^\s*(?:i want|i need|i\'d like|we want|we need|the goal is|goal)\b'
                    r'([^:;.!?]{3,80}):\s*(?=(?:please )?(?:%s)\b)' % verb_words(), text)
    if wish:
        text = text[wish.end():]
        where = rx.search(r'\b(?:in|inside|into) the (drawer|cabinet|cupboard|shelf|slider)\b',
                          wish.group(1))
        if where:
            # "I want the pink block in the cabinet: pick it up and put it there"
            text = rx.sub(r'\b((?:put|place|set|drop|leave|stow) (?:it|them)) (?:in )?there\b',
                          r'\1 into the %s' % where.group(1), text)
        blocks = set(rx.findall(r'\bthe (%s) (?:block|cube)\b' % _C, wish.group(1)))
        if len(blocks) == 1 and rx.match(r'(?:please )?[a-z]+ it\b', text):
            text = name_it(text, 'the %s block' % blocks.pop())
    # "the blue one, not the red or the pink: shove it right": the colour said says which
    # (said first: "..., wait, the pink block, not the blue, and ..." is a correction)
    text = rx.sub(r'(^\s*|[.;!?]\s+)(the (?:%s) (?:one|block|cube)),? not the (?:%s)(?: one|'
                  r' block)?'
                  r'(?:,? (?:or|nor) the (?:%s)(?: one| block)?)?\s*[:,]\s*' % (_C, _C, _C),
                  r'\1\2: ', text)
    group = _OF_GROUP.match(text)
    if group:
        text = text[group.end():]
        if group.group(1):
            text = _first_step_from(text, group.group(1))
    return text


def _first_step_from(text, place):
    """Say `place` as where the first step's block comes from.

    "Of the blocks in the cabinet, take the red one and put it in the drawer": the red block
    comes from the cabinet the lead-in names.
    """
    cut = rx.search(r'\s*(?:[,;]|\band\b|\bthen\b)', text)
    cut = cut.start() if cut else len(text)
    return from_place(text[:cut], place) + text[cut:]


def one_said_before(text):
    """Name a block said by what was done to it or by which is left (see `unclear`).

    "the red one, push it the other way": the red block; "push the red block right, then push
    the one you just moved left": "it" (the red block); "rotate the red block and the blue one,
    then the remaining one": the pink block; "the first one", "the same way" (`in_order`,
    `same_way`).
    """
    text = where_it_was(same_way(in_order(said_with_colour(which_first(text)))))
    text = _TOPIC_IT.sub(lambda m: '%s%s %s' % (m.group(1), m.group(3), m.group(2)) if m.group(
        3) in action_verbs() else m.group(0), text)
    # (not "the block i just put down is the pink one": that says which)
    text = _DONE_TO.sub(lambda m: m.group(0) if rx.match(
        r'\s+(?:is|was|s) the (?:red|blue|pink)\b', m.string[m.end():]) else 'it', text)
    left = _LEFT_OVER.search(text)
    named = set(blocks_named(text[:left.start()])) if left else set()
    if len(named) == 2:
        third = (set(lx.COLOURS) - named).pop()
        text = text[:left.start()] + 'the %s block' % third + text[left.end():]
    return text


def unclear(command):
    """Refuse a block said by reference where the command does not say which (pure).

    Refused: a block said by what was done to it where no step, or steps on two blocks, come
    before ("put the block you took out back in the drawer"; "put the block you just picked
    up ..." is the block held); "the remaining one" unless two blocks are named before it;
    "the other one" to lift, turn or push after one block or none (two others are left);
    "that one" after a step on two blocks; "put the red block on top of it" with nothing
    before; "it" after two blocks said together ("push the red and blue blocks left, then
    rotate it").
    """
    text = command.lower()
    for done in _DONE_TO.finditer(text):
        before = text[:done.start()]
        if rx.match(r'\s+(?:is|was|s) the (?:red|blue|pink)\b', text[done.end():]):
            continue        # "the block i just moved is the red one": it says which
        if rx.match(r'\s*(?:earlier|before|yesterday|last time|this morning|previously|the '
                    r'other day)\b', text[done.end():]):
            raise Refusal('"%s": I do not remember earlier commands; say its colour'
                          % done.group(0))
        held = rx.search(r'\b(?:picked up|lifted)$', done.group(0))
        if len(blocks_named(before)) > 1 or not (held or _earlier_step(before)):
            raise Refusal('"%s": which block? say its colour' % done.group(0))
    left = _LEFT_OVER.search(text)
    if left and len(blocks_named(text[:left.start()])) != 2:
        raise Refusal('"%s": which block? say its colour' % left.group(0))
    # (a block stacked on, or taken off, "the other block" needs no colour)
    other = rx.search(r'\b(?:lift|pick up|pick|grab|take|get|rotate|turn|twist|spin|push|slide|'
                      r'shove|nudge|move) (?:up )?the other (?:one|block|cube)\b(?! (?:on|off|'
                      r'onto|into|in)\b)', text)
    if other and not rx.search(r'\b(?:lamp|led|light|bulb|lightbulb|switch|button)\b',
                               text[:other.start()]) and len(
                                   blocks_named(text[:other.start()])) < 2:
        raise Refusal('"%s": which block? say its colour' % other.group(0))
    put = rx.search(r'\b(?:put|place|drop|set|store|pop) them\b', text)
    if put and len(blocks_named(text[:put.start()])) < 2 and not rx.search(
            r'\b(?:blocks|cubes|bricks|both|all)\b|\bthe [a-z]+s\b', text[:put.start()]):
        raise Refusal('"%s": which blocks? say their colours' % put.group(0))
    onto = rx.match(r'\s*(?:please )?(?:put|place|set|stack|drop|pop) the (?:%s) (?:block|cube|'
                    r'one) (?:on|onto|on top of) it\b' % '|'.join(lx.COLOUR_WORDS), text)
    if onto:
        raise Refusal('"%s": on top of which block? say its colour' % onto.group(0).strip())
    that = rx.search(r'\b(?:that|this) one\b', text)
    clauses = [c for c in rx.split(r'[.;,]|\bthen\b|\band\b', text[:that.start()])
               if c.strip()] if that else []
    if that and len(blocks_named(' '.join(clauses[-2:]))) > 1:
        raise Refusal('"%s": which block? say its colour' % that.group(0))
    joint = rx.search(r'\bthe (%s) and (?:the )?(%s) (?:blocks|cubes|ones)\b' % (
        any_of(lx.COLOUR_WORDS), any_of(lx.COLOUR_WORDS)), text)
    if joint:
        after = text[joint.end():]
        it = rx.search(r'\bit\b', after)
        if it and not _A_COLOUR.search(after[:it.start()]):
            raise Refusal('"it": the %s or the %s block? say its colour' % joint.groups())


def name_it(text, subject, pronoun=r'\bit\b'):
    """Return the text with its first "it" (or `pronoun`) replaced by `subject`."""
    return rx.sub(pronoun, subject, text, count=1)


def said_first(match, text, pronoun=r'\bit\b'):
    """Return the text after a state said first, its first "it" that state's subject; or None.

    match: the state ("the blue block is on your right. "), its subject as group 1; None
    where there is no such state, or no "it" after it to name.
    """
    rest = text[match.end():] if match else ''
    first = rx.search(pronoun, rest)
    if first is None:
        return None
    if has(' %s ' % rest[:first.start()], lx.BLOCK_NOUNS) and not has(
            ' %s ' % match.group(1), lx.BLOCK_NOUNS) and not rx.search(
                r'\b(?:out of|from|in|into|inside)\s*$', rest[:first.start()]):
        return None     # "with the drawer open, take the pink block out and stack it": the block
    return name_it(rest, match.group(1), pronoun)


def past_state(match, text):
    """Return the text after a state said first, which only sets the scene (no match: text).

    Its first "it", if any, names the state's subject (`said_first`).
    """
    if match is None:
        return text
    return opened_place(match.group(0), said_first(match, text) or text[match.end():])


def opened_place(said, rest):
    """Take a block "out" (or "from inside") of the place a state said first opened.

    "with the drawer open, take the pink block out", "since the cabinet door is already slid
    over, grab the red block from inside".
    """
    place = 'drawer' if has(said, lx.DRAWER) else 'cabinet' if has(
        said, lx.SLIDER_PLACE + lx.SLIDER_DOOR) else None
    if place and rx.search(r'\b(?:open|opened|pulled out|slid|moved)\b', said):
        rest = rx.sub(r'\b((?:take|pull|get|lift|fish|grab|pick)\b(?: \w+){0,3}? out)\b(?! of)',
                      r'\1 of the ' + place, rest, count=1)
        rest = rx.sub(r'\bfrom inside\b(?! (?:the|it|of|there)\b)', 'from inside the ' + place,
                      rest, count=1)
    return rest


def from_place(text, place):
    """Say where from in `text` (unless it names a place): after its block, else at its end.

    "in order to retrieve it from the slider, clasp the red block and raise it", "so that it
    no longer rests on the shelf, pick the pink block up": the place said in the lead-in.
    """
    if has(' %s ' % text, lx.DRAWER + lx.SLIDER_PLACE + ('table', 'desk')):
        return text
    block = rx.search(r'\b(?:the|a) (?:[a-z-]+ ){0,2}?%s\b' % any_of(lx.BLOCK_NOUNS), text)
    if block is None:
        return '%s from the %s' % (text, place)
    return '%s from the %s%s' % (text[:block.end()], place, text[block.end():])


_ONE_LIGHT = (r'(?:(?:green )?(?:led|diode)|green light|green lamp|lamp|(?:yellow )?(?:bulb|light '
              r'bulb|lightbulb)|yellow light|yellow lamp)')
BOTH_LIGHTS_FIRST = rx.compile(
    r'\b(?:(?P<verb>turn|switch|shut|put) (?:(?P<state>on|off) )?)?(?:both|all|the)(?: of)?'
    r'(?: the)? (?:lights|lamps)(?: (?P<after>on|off))?(?: please)?\s*[,:;-]\s*(?P<start>(?:'
    r'starting|beginning|start|begin) with |first,? )?(?:the )?(?P<one>%s)(?P<first> first)?'
    r'(?:\s*,?\s*(?:and then|then|and) (?:the )?(?P<then>%s))?(?:\s*(?:please|too))?\s*'
    r'(?=$|[.;!,])' % (_ONE_LIGHT, _ONE_LIGHT))


def both_lights_first(both):
    """Say "both lights off, led first" as one light, then the other."""
    state = both.group('state') or both.group('after')
    if state is None or not (both.group('start') or both.group('first') or both.group('then')):
        return both.group(0)
    led = [LED_NAME.search(both.group(g)) is not None for g in ('one', 'then')
           if both.group(g)]
    if len(led) == 2 and led[0] == led[1]:
        return both.group(0)        # "..., the led first, then the led"
    first, other = ('the led', 'the lamp') if led[0] else ('the lamp', 'the led')
    verb = both.group('verb') or 'turn'
    return '%s %s %s, then %s %s %s' % (verb, state, first, verb, state, other)


# a block named by its colour and then by where it is: "the blue block, the one at the front,",
# "the red block beside the cabinet to the left" (the colour says which; the place is a
# description where a way follows it, or where it is set off by commas)
_NAMED = r'(the %s (?:block|cube|brick|one))' % any_of(lx.COLOUR_WORDS)
_NEAR = (r'(?:on|at|in|near|by|next to|beside|behind|in front of|closest to|nearest to|nearest|'
         r'closest|sitting|lying|resting|standing)\b')
_APPOSITIVE = rx.compile(
    r'\b%s\s*,\s*(?:the|that) (?:(?:leftmost|rightmost|left-most|right-most|front|back|nearest|'
    r'closest|farthest|furthest) (?:one|block|cube)(?: %s[^,;.]*)?|(?:one|block|cube) %s'
    r'[^,;.]*?)\s*(?=,|$|[.;!])' % (_NAMED, _NEAR, _NEAR))
_WAY_AFTER = (r'(?=\s+(?:to the |towards the |over to the )?(?:left|right|clockwise|'
              r'counter[- ]?clockwise|anti[- ]?clockwise)\b)')
_PLACED_BESIDE = rx.compile(
    r'\b%s (?:that is |which is |sitting |lying )?(?:(?:beside|next to|near|by|behind|in front '
    r'of|closest to|nearest to|nearest) (?:the (?:\w+ )?(?:lamp|led|button|switch|cabinet|'
    r'cupboard|drawer|slider|door|bulb|light|wall|edge|table)|me|you)|on the (?:far )?(?:left|'
    r'right)(?: side)?)%s' % (_NAMED, _WAY_AFTER))


def blocks_described(text):
    def appositive(m):
        if has(' %s ' % m.group(0), lx.DRAWER + lx.SLIDER_PLACE):
            return m.group(0)       # "the blue one, the one in the drawer": where it is taken from
        return m.group(1)
    return _PLACED_BESIDE.sub(r'\1', _APPOSITIVE.sub(appositive, text))


# a light said by what is next to it or what works it: "the light by the button" is the LED,
# "the one the switch controls" the lamp; "the other light" is the one not named before it
_LIGHT_BY = rx.compile(r'\bthe (?:(?:little|small|tiny|big) )?(?:light|lamp|bulb|one) (?:(?:that|'
                       r'which) (?:is|s) |that\'s |right )?(?:by|next to|near|beside|above|below|'
                       r'under|over|behind|in front of|close to|closest to|nearest(?: to)?) '
                       r'the (switch|button|lever)\b|\bthe (?:light|lamp|bulb|one) (?:that |'
                       r'which )?(?:the )?(switch|button|lever) (?:controls|operates|works|turns '
                       r'on|switches on|is for|runs|lights)\b')
_A_LIGHT = rx.compile(r'\b(?:led|diode|green (?:light|lamp)|button|lamp|light ?bulb|bulb|yellow '
                      r'(?:light|lamp)|the (?:light |wall )?(?:switch|lever))\b')
_OTHER_LIGHT = rx.compile(r'\bthe other (?:light|one)\b')


def lights_described(text):
    text = _LIGHT_BY.sub(lambda m: 'the led' if 'button' in (m.group(1), m.group(2)) else
                         'the lamp', text)
    while True:
        other = _OTHER_LIGHT.search(text)
        if other is None:
            return text
        named = list(_A_LIGHT.finditer(text, 0, other.start()))
        if not named or (other.group(0).endswith('one') and rx.search(
                r'\b(?:block|cube|brick|red|blue|pink|drawer|cabinet|cupboard|door|slider)\b',
                text[named[-1].end():other.start()])):
            if other.group(0).endswith('light'):
                raise Refusal('"the other light": which one? say the lamp or the LED')
            return text
        led = LED_NAME.search(named[-1].group(0))
        text = text[:other.start()] + ('the lamp' if led else 'the led') + text[other.end():]


def statement_subject(clause, captions=True):
    """Return the subject of a clause that only says how things are, or None.

    A caption is not a statement: "the drawer is opened", "the red block is picked up from
    the table" say the task done (an action verb or a participle after "is"), unless
    `captions` is False (a sentence said before the order) or a hedge says it is seen.
    """
    clause = rx.sub(r'\b(?:where|how) (?:it|they) (?:should be|belongs?|ought to be)\b', '',
                    rx.sub(r'^(?:earlier|yesterday|before|previously|this morning|last night|at '
                           r'first),? ', '', rx.sub(r'\b(there|it|that)\'s\b|\'s(?= (?:still|'
                                                    r'already|not|now|open|closed|shut|on|off|'
                                                    r'in|inside|at|lit|dark|been|sitting|lying|'
                                                    r'too|a bit)\b)', r'\1 is', clause)))
    if rx.match(SEEN + r'\b', clause):
        # "i see the drawer's pulled out", "i see the led's on -" (a dash before the next step)
        clause = rx.sub(r"'s\b", ' is', rx.sub(r'(?:\s+-+)+$', '', clause))
    said = STATEMENT.fullmatch(clause)
    if said is None or MODAL.search(clause) or set(clause.split()) & {'and', 'then'}:
        return None
    verb = rx.search(r'\b' + COPULA + r' (.*)$', clause)
    seen = rx.match(SEEN + r'\b', clause)
    # (a place is no step: "it's close to the edge", "in place")
    predicate = rx.sub(r'\b(?:out of|in) place\b|\bclose (?=to|by)\b', '', verb.group(1)) if \
        verb else ''
    acted = set(predicate.split()) & (set(action_verbs()) - STATE_WORDS) or rx.match(
        r'(?:already |now |just )?\w+ed\b', predicate)
    if captions and not seen and acted:
        return None
    hedge = r'(?:' + SEEN + r'(?: that)? )?'
    subject = rx.match(hedge + r'there (?:is|are|s) ((?:a |an |the |two )?(?:[a-z-]+ ){0,3}?'
                       r'%s)\b' % any_of(OBJECT_WORDS), clause) or rx.match(
        hedge + r'((?:a |an |the |two )?[a-z -]+?) (?:s|is|are|was|were|has|have|had|got|gets?|'
        r'sits|lies|'
        r'stands|looks|seems|remains|stays|used|in|on)\b', clause)
    return subject.group(1) if subject else 'it'


def scene_first(text):
    """Drop the sentences said first that only say how things are (see `statements`).

    "the red block is in the cabinet. before you take it out of the cabinet, slide the door
    left": the first "it" after them names what they named, and a block they place is
    picked up from there.
    """
    subject, places, stacked = None, {}, False
    while True:
        first = rx.match(r'^\s*([^.;:!?]+?)\s*[.;:!]\s+(?=\S)', text)
        if first is None:
            break
        parts = rx.split(r'\s*,?\s+and\s+|\s*,\s*', rx.sub(r'\'s\b', ' is', first.group(1)))
        things = []
        for part in parts:
            thing = statement_subject(part, captions=False)
            if thing is None and things and things[-1] and not (
                    set(part.split()) & (set(action_verbs()) - STATE_WORDS)):
                # "the red block sits too far left and the pink block too far right"
                noun = rx.match(r'(?:the|a) (?:[a-z-]+ ){0,2}?%s\b' % any_of(OBJECT_WORDS), part)
                thing = noun.group(0) if noun else None
            same = rx.match(r'(?:the|a) (?:[a-z]+ ){0,3}?(?:block|cube|one)\b[a-z ]{0,30}? '
                            r'(?:is|s) the [a-z ]{1,40}?(?:block|cube|one)$', part)
            colours = set(rx.findall(r'\b%s\b' % any_of(lx.COLOUR_WORDS), part))
            if thing and same and len(colours) == 1:
                # "the leftmost block is the pink one", "the red block is the leftmost one"
                thing = 'the %s block' % colours.pop()
            things.append(thing)
        if not all(things):
            break
        named = [rx.sub(r'^(?:a|an|that|this) ', 'the ', t) for t in things
                 if t not in ('it', 'they')]
        subject = named[0] if len(named) == 1 else None
        colour = fixture = None
        for part in parts:
            place = rx.search(r'\b(?:in|inside|into) the (drawer|cabinet|slider|shelf|sliding '
                              r'cabinet)\b|\bon the (shelf)\b', part)
            where = place and (place.group(1) or place.group(2))
            if not where and fixture and rx.search(r'\b(?:is|are) (?:in|inside) it$', part):
                where = fixture     # "the drawer is open and the pink block is in it"
            named = rx.match(r'the (drawer|cabinet)\b', part)
            fixture = named.group(1) if named else None
            said = rx.search(r'\b%s\b' % any_of(lx.COLOUR_WORDS), part)
            colour = said.group(0) if said else colour if rx.match(r'it\b', part) else None
            if where and colour and not rx.search(r'\b(?:not (?:in|inside)|isn\'?t|is not|no '
                                                  r'longer|never)\b', part):
                places[colour] = where
        if any(rx.search(r'\b(?:stacked|piled|on top of)\b', part) for part in parts):
            stacked = True
        text = text[first.end():]
    if stacked:
        # "the red block is stacked on the blue one; take the red block off": off the stack
        text = rx.sub(r'\b((?:take|lift|pull|get) (?:the [a-z ]+?(?:block|one)|it)) off\b'
                      r'(?! (?:the|of)\b)', r'\1 off the stack', text)
    if subject is None and len(places) == 1 and rx.match(
            r'\s*(?:please )?(?:%s) (?:it|them)\b' % any_of(PICK_VERBS), text):
        # "the drawer is open and the pink block is in it. take it out": the one block whose
        # place was said is the one picked up
        subject = 'the %s block' % next(iter(places))
    if subject and subject.startswith('the '):
        fixture = not has(' %s ' % subject, lx.BLOCK_NOUNS + lx.COLOUR_WORDS)
        inside = r'\b(?:out of|from|into|in|inside) (?:it|them)\b'
        pick = rx.search(r'\b(?:%s) (?:it|them)\b' % any_of(PICK_VERBS), text)
        picked_bare = r'\b(%s) (?:the|that|this) (?:block|cube|brick|one)\b' % any_of(PICK_VERBS)
        before = set(rx.split(r'\b(?:it|them)\b', text)[0].split()) - (
            {'switch'} if rx.search(r'\bswitch (?:it|them)\b', text) else set())  # a verb
        if fixture and rx.search(inside, text):
            # "the drawer is open; slide the red block off the table and into it"
            text = rx.sub(inside, lambda m: m.group(0).rsplit(' ', 1)[0] + ' ' + subject, text,
                          count=1)
        elif not fixture and rx.match(r'\s*(?:please )?(?:open|close|shut|pull out|pull open) '
                                      r'(?:it|them)\b', text):
            if len(set(places.values())) == 1:
                # "the blue block is in the drawer. open it, ...": a block is not opened
                text = name_it(text, 'the ' + next(iter(places.values())),
                               r'\b(?:it|them)\b')
        elif not fixture and pick and pick.end() == rx.search(r'\b(?:it|them)\b', text).end():
            # "the cobalt block is in the drawer; pull the drawer out, grab it, ...": the first
            # "it" is the one picked up
            text = '%s%s %s%s' % (text[:pick.start()], pick.group(0).rsplit(' ', 1)[0], subject,
                                  text[pick.end():])
        elif not fixture and rx.search(picked_bare, text):
            # "the blue block is in the cabinet. slide the door left and take the block out"
            text = rx.sub(picked_bare, lambda m: '%s %s' % (m.group(1), subject), text, count=1)
        elif not before & (set(OBJECT_WORDS) - {'handle', 'knob'} - set(subject.split())):
            text = name_it(text, subject, r'\b(?:it|them)\b')
    if places:
        pieces = rx.split(r'(\s*(?:,|;|\bthen\b|\band\b)\s*)', text)
        for i, piece in enumerate(pieces):
            if not rx.search(r'\b(?:take|taken|taking|grab|pick|lift|get|got|grasp|fetch|raise|'
                             r'remove|removing|getting)(?:s|ed|ped|bed|ing|ping|bing)?\b', piece):
                continue
            colour = rx.search(r'\b%s\b' % any_of(lx.COLOUR_WORDS), piece)
            place = places.get(colour.group(0)) if colour else (
                list(places.values())[0] if len(places) == 1 and rx.search(
                    r'\b(?:it|them)\b', piece) else None)
            if place:
                pieces[i] = from_place(piece, place)
        text = ''.join(pieces)
    return text


def drawer_it(text):
    """Name the drawer where "it" can only be the drawer (pure).

    Only the drawer opens and closes: "push the pink block into the drawer after opening
    it" (constraints.split_constraints reads "without opening it" by the same test).
    """
    if drawer_is_it(text):
        text = rx.sub(r'\b(open(?:ing|ed|s)?|clos(?:e|ing|ed|es)|shut(?:ting|s)?) it\b(?! (?:off|'
                      r'down|out|up|on)\b)', r'\1 the drawer', text, flags=rx.IGNORECASE)
    return text
