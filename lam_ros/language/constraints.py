"""What a command says not to do: "..., but leave the drawer as it is", "don't touch the switch".

Such a clause adds no step; it is a promise the plan must keep. `split_constraints` takes
the clauses it can read out of the command (the rest is planned as usual) and
`violation` checks a finished plan against each one, so a plan that would break the
promise is refused instead of run. A "what not to do" clause whose object is not one of
the desk's things ("don't touch my coffee") stays in the command, and the parser refuses
it as before. Pure text logic, no ROS, no models.

Three kinds:
- state ("leave the drawer as it is", "don't open the drawer", "keep the LED on"): no
  step may change that thing; a block is not moved at all;
- hands off ("don't touch the pink block", "without bumping the switch", "leave the
  drawer alone"): no step may act on or inside that thing, nor name it as a place;
- end state, a wish said after the steps ("the drawer should stay open afterwards", "the
  bulb must be off at the end", "the red block should stay on the table"): the last step
  on that thing must leave it so, and a block said to stay on the table is not lifted,
  stacked or put away. A fixture's end state that no step changes is the step that reaches
  it, said last ("take the pink block out of the drawer; the drawer should end up closed").
  Other wishes for how things end up ("it should end up held in your gripper") are not
  steps: `drop_wishes` drops them.
"""

from dataclasses import dataclass

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.vocab import RUN_ON_VERBS
from lam_ros.world.tasks import TASKS

NOT = (r'(?:do not|don\'t|dont|never|try not to|be careful not to|take care not to|'
       r'make sure (?:that )?(?:you )?(?:do not|don\'t|dont|never)|make sure not to|'
       r'(?<!being )careful not to|'
       r'avoid)')
TOUCH = (r'(?:touch|bump|knock|hit|disturb|mess with|play with|interfere with|'
         r'bother|hit|brush|get near)')
TOUCHING = (r'(?:touching|bumping|knocking|hitting|disturbing|brushing|knocking over|'
            r'knocking into|bumping into)')
CHANGE = (r'(?:open|close|shut|move|push|shift|nudge|rotate|turn|switch|flip|press|'
          r'toggle|change|slide|operate|use)')
CHANGING = (r'(?:opening|closing|shutting|moving|pushing|shifting|rotating|turning|switching|'
            r'flipping|pressing|toggling|changing|sliding|operating|using)')
AS_IT_IS = (r'(?:as it is|as is|where it is|the way it is|in place|unchanged|as it was|'
            r'where they are|as they are|the way they are|in their places|'
            r'(?:open|closed|shut|on|off)(?: as it is)?|be|in its (?:current )?(?:state|place|'
            r'position))')
ALONE = r'(?:alone|untouched|well alone)'
OBJECT = r'((?:the |that |this |your )?[a-z][a-z\' -]{0,40}?)'
TAIL = (r'(?:\s+(?:at all|either|in the process|this time|though|while you are at it|'
        r'while you\'re at it|please|for now|for the moment|for the time being|for later))?\s*')
START = r'(^|[,;.:!?]\s*|\s+)(?:(?:but|and|while|though|however|also),?\s+)*(?:please\s+)?'
END = r'(?=[,;.!?:]|\s+-+\s|\s+(?:and|then)\s+[a-z]|$)'
SKIP = (r'(?:ignore|forget(?: about)?|never mind|(?:do not|don\'t|dont) (?:bother|worry) (?:with|'
        r'about)|leave|skip)')
CAN_WAIT = (r'(?:can wait|can stay(?: where it is| as it is| put| open| closed| shut| on| off)?|'
            r'stays?(?: where it is| put| '
            r'as it is)|is fine(?: as it is| where it is)?|can be left(?: alone| as it is)?)')
FORMS = (
    (START + NOT + r'\s+' + TOUCH + r'(?:\s+(?:into|against|with|on))?\s+' + OBJECT + TAIL + END,
     True),
    (START + r'(?:without|with no)\s+' + TOUCHING + r'\s+' + OBJECT + TAIL + END, True),
    # "turn on the LED without pressing the button": that thing stays as it is
    (START + r'(?:without|with no)\s+' + CHANGING + r'\s+' + OBJECT + TAIL + END, False),
    (START + r'leave\s+' + OBJECT + r'\s+' + ALONE + TAIL + END, True),
    (START + NOT + r'\s+' + CHANGE + r'\s+(?:(?:on|off|over|around)\s+)?' + OBJECT +
     r'(?:\s+(?:on|off|up|down|open|closed|(?:to the |towards? the )?(?:left|right)|'
     r'around))?' + TAIL + END, False),
    (START + r'(?:leave|keep)\s+' + OBJECT + r'\s+' + AS_IT_IS + TAIL + END, False),
    # "ignore the slider", "forget the pink block for now", "leave the pink block, ..."
    (START + SKIP + r'\s+' + OBJECT + TAIL + END, True),
    # "rotate the blue block right, but not the pink one, and ...": hands off the pink one
    (r'(,\s*)but not\s+' + OBJECT + r'\s*' + END, True),
    # "the drawer can wait", "the red one can stay where it is"
    (START + OBJECT + r'\s+' + CAN_WAIT + TAIL + END, False),
)
FORMS = tuple((rx.compile(form, rx.IGNORECASE), hands_off) for form, hands_off in FORMS)
# End states said as a wish: "the drawer should stay open afterwards"
FULLY = r'(?: all the way| completely| fully)?'
FURTHER = (r'(?:(?:a (?:bit|little|touch|tad) |slightly |somewhat )?(?:further|more|farther) '
           r'(?:to the )?)')
THAN_NOW = r'(?: than (?:it is now|it was|before|now|it is))?'
END_STATES = (('open', r'(?:fully |completely |all the way )?open(?:ed)?' + FULLY),
              ('closed', r'(?:fully |completely |all the way )?(?:closed|shut)' + FULLY),
              ('on', r'(?:switched |turned )?on|lit(?: up)?|glowing|shining'),
              ('off', r'(?:switched |turned )?off|dark|unlit'),
              ('left', r'(?:on |to |at )?the left(?: side| end)?|' + FURTHER + r'?left' +
               THAN_NOW),
              ('right', r'(?:on |to |at )?the right(?: side| end)?|' + FURTHER + r'?right' +
               THAN_NOW),
              ('table', r'(?:still |back )?(?:(?:lying|sitting|resting|standing|flat) )*on the '
               r'(?:table|desk|tabletop)'),
              ('put', r'(?:exactly |right |just )?(?:where it is(?: now)?|where it was|in (?:the '
               r'same|its) (?:spot|place|position)|in place)(?: on the (?:table|desk))?'),
              ('drawer', r'(?:in|inside) the (?:closed |open )?drawer'),
              ('slider', r'(?:in|inside) the (?:sliding )?(?:cabinet|slider|cupboard)'))
# where a block may be wished to end up
BLOCK_ENDS = ('table', 'put', 'drawer', 'slider')
END_THINGS = {'drawer': ('open', 'closed'), 'slider': ('left', 'right'),
              'lightbulb': ('on', 'off'), 'led': ('on', 'off')}
WISH = (r'(?:should|must|has to|have to|needs? to|ought to|is to|will)(?: both| all)?(?: then| '
        r'also| now)?\s+((?:still )?(?:stay|remain|be left|be)|end up|finish)')
# a wish that a thing stays as it is ("should still be glowing"): a promise wherever it is said
KEEP = ('stay', 'remain', 'be left', 'still be', 'still stay', 'still remain', 'still be left')
# several blocks: "both should stay on the table", "they should both still be on the table"
PLURAL = rx.compile(r'both(?: blocks| of them)?|they|all three(?: blocks)?|all of them|the two '
                    r'(?:blocks|of them)')
# both lights: "both the LED and the lamp should end up on", "both lights must be off"
_LIGHT = r'(?:the )?(?:green |yellow )?(?:%s)' % '|'.join(lx.LIGHT_NOUNS)
LIGHTS = rx.compile(r'(?:both )?(?:the |of the )?lights|both ' + _LIGHT + r' and ' + _LIGHT)
WHEN = (r'(?:\s+(?:afterwards|after that|at the end|in the end|when you(?:\'re| are) (?:done|'
        r'finished)|the whole time|throughout|at all times|while you do (?:that|this|it)))?')
STATE_SAID = r'(%s)' % '|'.join(pattern for _, pattern in END_STATES)
END_FORM = rx.compile(START + r'(?:(?:when|once) you(?:\'re| are) (?:done|finished),?\s+)?' +
                      r'(' + LIGHTS.pattern + r'|(?:the|that|this|your) (?:[a-z]+ ){0,3}?[a-z]+|'
                      r'it|' + PLURAL.pattern + r')\s+' + WISH + r'\s+' +
                      STATE_SAID + WHEN + TAIL + END, rx.IGNORECASE)
# Any other wish for how things end up ("it should end up held in your gripper", "the lamp
# should come on"): said besides steps, it is dropped, never read as a step. Not a need said
# as a wish ("the drawer needs to be closed too"): that is a step, left to the parser.
_SUBJECT = (r'(?:the (?:[a-z-]+ ){0,3}?(?:block|cube|brick|one|drawer|door|slider|cabinet|bulb|'
            r'lamp|light|led|switch|button|stack|tower)|it|they|everything|both)')
_MODAL = (r'(?:should|must|has to|have to|needs? to|ought to|will)(?: still| then| now| also| '
          r'both| all)?')
WISH_SAID = rx.compile(
    r'(?:(?:and|but|so|then),? )?(?:(?:when|once|after) you(?:\'re| are|\'ve| have)? (?:done|'
    r'finished),? )?' + _SUBJECT + r' ' + _MODAL + r' (?:stay|remain|end up|finish|look|still '
    r'be|slide|come|not be)\b[^.;!?]*')
# Who else may do a step: "I'll close the drawer myself", "someone else will put it away"
OTHERS = (r'(?:i\'ll|i will|i am going to|i\'m going to|i\'m gonna|(?:someone|somebody)(?: else)? '
          r'will|(?:my|a|our) (?:colleague|coworker|co-worker|teammate|labmate|lab mate) will)')
# A step someone else will do, said after the steps: "... Afterwards someone else will put it
# in the drawer" (not "I'll handle it": a promise that the operator does nothing more)
OTHERS_STEP = rx.compile(r'(?:(?:and|then|after that|afterwards|later|later on|after which),? )*' +
                         OTHERS + r'\b(?! (?:handle|do|take care of|deal with|see to|sort out) '
                         r'(?:it|that|this)\b)')
# ... except a block said to stay where a push or a rotation leaves it (the parser drops it)
STAYS_PUT = rx.compile(r'(?:and |but )?(?:the (?:[a-z]+ )?(?:block|cube|brick|one)|it) (?:should|'
                       r'must|will|needs? to|has to|ought to) (?:stay|remain)(?: (?:flat|upright|'
                       r'down))?(?: (?:on the (?:table|desk|tabletop|surface)|where it is|in '
                       r'place|put))?(?: (?:the whole time|throughout|at all times|afterwards|'
                       r'after that))?')
DETERMINER = rx.compile(r'^(?:the|that|this|your)\s+')
THINGS = (('drawer', ('drawer', 'drawer handle', 'desk drawer')),
          ('slider', lx.SLIDER_PLACE + lx.SLIDER_DOOR + ('cabinet door', 'sliding panel',
                                                         'slider door')),
          ('lightbulb', lx.LIGHTBULB + ('yellow bulb', 'light', 'yellow switch')),
          ('led', lx.LED + ('green bulb',)))


@dataclass
class Constraint:
    """A promise about one thing: a block colour, 'drawer', 'slider', 'lightbulb' or 'led'."""

    thing: str
    hands_off: bool          # True: do not act on it at all; False: do not change it
    text: str                # the clause as said
    end: str = None          # an end state ('open', 'on', 'left', 'table', ...): only that
    way: str = None          # a way ruled out ('left', 'right', 'on', 'off'): only that


def thing_of(phrase: str):
    """Return the thing a noun phrase names ('red', 'drawer', ...), or None."""
    words = DETERMINER.sub('', phrase.strip().lower())
    for colour, names in lx.COLOURS.items():
        match = rx.fullmatch(r'(?:%s)(?:[ -]coloured| colored)?(?: (?:%s))?' % (
            '|'.join(names), '|'.join(lx.BLOCK_NOUNS)), words)
        if match:
            return colour
    for thing, names in THINGS:
        if words in names:
            return thing
    return None


ALL_BLOCKS = rx.compile(r'(?:the |all (?:of )?the |any (?:of the )?)?(?:blocks|cubes|bricks)'
                        r'(?: (?:inside|in) (?:it|there))?')
OTHER_BLOCKS = rx.compile(r'the (?:others|other (?:two |2 )?(?:blocks|cubes|ones)|other two|two '
                          r'other (?:blocks|cubes|ones)|rest|remaining (?:blocks|cubes|ones))')
# "the red and pink blocks", "the red and the pink block", "both the red and pink ones"
SOME_BLOCKS = rx.compile(r'(?:both )?(?:the )?(\w+)(?: (?:block|cube|one))?,? (?:and|&|or) '
                         r'(?:the )?(\w+) (?:blocks|cubes|ones|block|cube|one)')


def things_of(phrase: str, text: str):
    """Return the things a noun phrase names: one, all blocks, or the blocks `text` omits."""
    words = phrase.strip().lower()
    if ALL_BLOCKS.fullmatch(words):
        return list(lx.COLOURS)
    if OTHER_BLOCKS.fullmatch(words):
        return [c for c, names in lx.COLOURS.items()
                if not rx.search(r'\b(?:%s)\b' % '|'.join(names), text.lower())]
    if rx.fullmatch(r'(?:the |both |all (?:the )?)?(?:lights|lamps)', words):
        return ['lightbulb', 'led']
    some = SOME_BLOCKS.fullmatch(words)
    if some:
        named = [thing_of(colour) for colour in some.groups()]
        if all(c in lx.COLOURS for c in named) and len(set(named)) == 2:
            return named
    thing = thing_of(phrase)
    return [thing] if thing else []


def drawer_is_it(text: str) -> bool:
    """Whether "it" opened or closed in `text` can only be the drawer (the cabinet unnamed).

    Only the drawer opens and closes; the parser reads "after opening it" by this too.
    """
    def named(names):
        return rx.search(r'\b(?:%s)\b' % '|'.join(map(rx.escape, names)), text.lower())
    return bool(named(lx.DRAWER)) and not named(lx.SLIDER_PLACE + lx.SLIDER_DOOR)


def _drawer_it(match, text):
    """Return ['drawer'] where "it" can only be the drawer: "... without opening it"."""
    if match.group(2).strip().lower() == 'it' and rx.search(
            r'\b(?:without|with no) (?:opening|closing|shutting)\b', match.group(0),
            rx.IGNORECASE) and drawer_is_it(text):
        return ['drawer']
    return []


# "it" said first in the step after a promise: "the LED not be switched on; switch it off"
_IT_NEXT = rx.compile(r'\s*(?:[,;.:!]+|\s-+)?\s*(?:(?:and|then|but|so|just|instead|rather),?\s+)*'
                      r'([a-z]+)(?: (?:on|off|up|down|out))? (it)\b', rx.IGNORECASE)


# the verbs that can act on a fixture said as "it"
_IT_VERBS = {'led': ('switch', 'turn', 'press', 'flip'), 'lightbulb': ('switch', 'turn', 'flip'),
             'drawer': ('open', 'close', 'shut'), 'slider': ('slide', 'move', 'shift')}


def _it_after(text):
    """Say the fixture a promise names for the "it" the next step says first."""
    for form, _ in FORMS:
        said = form.search(text)
        things = said and things_of(said.group(2), text)
        it = things and len(things) == 1 and _IT_NEXT.match(text, said.end())
        if it and it.group(1).lower() in _IT_VERBS.get(things[0], ()):
            thing = rx.sub(r'^(?:that|this|your) ', 'the ', said.group(2).strip())
            return text[:it.start(2)] + thing + text[it.end(2):]
    return text


# "don't push the red block to the right", "don't turn off the lamp": only that way is ruled out
_WAY_OUT = rx.compile(r'^%s\s+%s\s+(?:(?P<on>on|off)\s+)?[a-z\' -]+?(?:\s+(?:to the |towards? '
                      r'the )?(?P<way>left|right|(?:counter-? ?|anti-? ?)?clockwise|on|off)'
                      r'(?:wards?)?)?$'
                      % (NOT, CHANGE), rx.IGNORECASE)


def _way_ruled_out(said):
    way = _WAY_OUT.match(said)
    way = way and (way.group('on') or way.group('way'))
    if way and way.lower().endswith('clockwise'):
        return 'right' if way.lower() == 'clockwise' else 'left'
    return way and way.lower()


def split_constraints(text: str):
    """Return (the command without its readable constraints, [Constraint, ...])."""
    found, text = [], _it_after(text.replace('\u2019', "'"))
    whole = text
    for form, hands_off in FORMS:
        def keep(match):
            things = things_of(match.group(2), whole) or _drawer_it(match, whole)
            if not things and match.group(2).strip().lower() == 'it' and _way_ruled_out(
                    match.group(0).strip(' ,;.:!-')):
                # "push the blue block left; don't push it to the right": the thing said last
                things = _last_named(whole[:match.start()])
            left_so = rx.search(r'\bleave it (open|closed|shut|on|off)$',
                                match.group(0).strip(' ,;.:!-'), rx.IGNORECASE)
            fixture = left_so and [t for t in _last_named(whole[:match.start()])
                                   if t in END_THINGS]
            if not things and fixture:
                # "open the drawer and leave it open, then close it": how it ends up
                state = left_so.group(1).lower().replace('shut', 'closed')
                if state in END_THINGS[fixture[0]]:
                    said = rx.sub(r'^(?:(?:but|and|then),?\s+)*', '', match.group(0).strip(
                        ' ,;.:!-'), flags=rx.IGNORECASE)
                    found.append(Constraint(fixture[0], False, said, end=state))
                    return match.group(1) if match.group(1).strip() else ' '
            if not things:
                return match.group(0)        # not ours: the parser refuses it as said
            said = rx.sub(r'^(?:(?:but|and|while|though|however|also),?\s+)*(?:please\s+)?', '',
                          match.group(0).strip(' ,;.:!-'), flags=rx.IGNORECASE)
            found.extend(Constraint(thing, hands_off, said, way=_way_ruled_out(said))
                         for thing in things)
            return match.group(1) if match.group(1).strip() else ' '
        text = form.sub(keep, text)

    def end(match):
        before = whole[:match.start(2)]
        state = next(name for name, pattern in END_STATES
                     if rx.fullmatch(pattern, match.group(4).lower()))
        # "it should end up in the drawer": the block named last, not the drawer
        # ("the block": the block named last)
        things = (_last_named(before, blocks=state in BLOCK_ENDS)
                  if match.group(2).lower() == 'it' else _last_named(before, blocks=True)
                  if rx.fullmatch(r'the (?:block|cube|brick)', match.group(2).lower()) else
                  things_of(match.group(2), whole))
        if LIGHTS.fullmatch(match.group(2).lower()) and state in ('on', 'off'):
            # (in a sentence of its own, after the steps: "press the button and flip the switch
            # up. both the LED and the lamp should end up on.")
            if not rx.search(r'[.;!?]', match.group(1)):
                return match.group(0)
            said = match.group(0).strip(' ,;.:!-')
            found.extend(Constraint(light, False, said, end=state)
                         for light in ('lightbulb', 'led'))
            return match.group(1) if match.group(1).strip() else ' '
        if PLURAL.fullmatch(match.group(2).lower()) and state == 'table':
            # "both should stay on the table": every block named before
            things = blocks_named(before)
            if len(things) < 2:
                return match.group(0)
            said = match.group(0).strip(' ,;.:!-')
            found.extend(Constraint(thing, False, said, end=state) for thing in things)
            return match.group(1) if match.group(1).strip() else ' '
        if len(things) != 1 or state not in END_THINGS.get(things[0], BLOCK_ENDS + (
                'left', 'right')):
            return match.group(0)        # not ours: see `drop_wishes`
        # a goal ("..., the LED needs to be switched off") is a wish only in a sentence of its
        # own after one that names that thing, or after a step that changes it; else it may be
        # the step (the parser's)
        # (for a light, only once the steps said on or off: "press the button; the LED should
        # be off" says which press, "turn the LED off, it should end up dark" is a promise)
        light = things[0] in ('lightbulb', 'led')
        if match.group(3).lower() not in KEEP and state in END_THINGS.get(things[0], ()) and \
                rx.search(_A_STEP, before.lower()) and not _changed(before, things[0]):
            # "take the pink block out of the drawer; the drawer should end up closed": no
            # step changes it, so the wish is the step that does, said last
            return '%s, and make sure %s is %s' % (
                match.group(1).rstrip(' ,;.'), match.group(2), _SAID_STATE[state])
        if match.group(3).lower() not in KEEP and not (
                (rx.search(r'[.;!?]', match.group(1)) or _changed(before, things[0])) and
                _last_named(before, things[0]) and not light) and not (
                    light and _switched(before, things[0])):
            return match.group(0)
        said = match.group(0).strip(' ,;.:!-')
        found.append(Constraint(things[0], False, said, end=state))
        return match.group(1) if match.group(1).strip() else ' '
    text = END_FORM.sub(end, text)
    text = rx.sub(r'\s+', ' ', text)
    text = rx.sub(r'\s*[,;]\s*(?=[.!?]|$)', '', text).strip(' ,;')
    return text, found


_SAID_STATE = {'open': 'open', 'closed': 'closed', 'on': 'on', 'off': 'off',
               'left': 'on the left', 'right': 'on the right'}
_CHANGES = {'drawer': r'\b(?:open|opens|opened|close|closes|closed|shut|shuts)\b',
            'slider': r'\b(?:slide|slides|move|moves|shift|push|pull)\b[^,;.]*\b(?:door|slider)\b|'
                      r'\b(?:door|slider)\b[^,;.]*\b(?:left|right)\b'}


# a step said: what a wish after it may be about
_A_STEP = r'\b(?:%s)\b' % '|'.join(RUN_ON_VERBS + ('sweep', 'get'))


def _changed(text, thing):
    """Whether `text` says a step that changes a fixture (a light: said on or off)."""
    if thing in ('lightbulb', 'led'):
        return _switched(text, thing)
    return thing in _CHANGES and bool(rx.search(_CHANGES[thing], text.lower()))


def _switched(text, light):
    """Whether the last clause of `text` that names the light says on or off."""
    names = dict(THINGS)[light]
    for clause in reversed(rx.split(r'[.;!?,]|\b(?:and|then)\b', text.lower())):
        if rx.search(r'\b(?:%s)\b' % '|'.join(map(rx.escape, names)), clause):
            return bool(rx.search(r'\b(?:on|off|up|down)\b', clause))
    return False


def _last_named(text, thing=None, blocks=False):
    """Return [the thing named last in `text`] (or [thing] where `text` names it), or [].

    blocks: the block named last.
    """
    names = [(colour, words) for colour, words in lx.COLOURS.items()] + (
        [] if blocks else list(THINGS))
    at = {}
    for name, words in names:
        found = [m.end() for m in rx.finditer(r'\b(?:%s)\b' % '|'.join(
            rx.escape(w) for w in words), text.lower())]
        if found and (thing is None or name == thing):
            at[name] = found[-1]
    return [max(at, key=at.get)] if at else []


def drop_wishes(text: str):
    """Return (the command without its wishes and others' steps, [dropped], [doubtful]).

    A wish that names a need ("too", "as well", "also") stays: it may be a step. A wish that
    names a state, a side or a place ("it should end up further left") could contradict the
    steps, and is returned as doubtful (the planner refuses it). Steps someone else will do
    ("I'll close the drawer myself") are dropped too.
    """
    # (not after a colon: "goal: the drawer should end up open" is the goal)
    parts = rx.split(r'([.;!?]+\s*|\s+-+\s+|,\s*(?=(?:and |but |so )?(?:the|it|they)\b))', text)
    kept, dropped, doubtful = [], [], []
    for i, part in enumerate(parts):
        said = part.strip(' ,').lower()
        # said first, a wish is the goal (the parser reads it): "the drawer should end up open"
        wish = i > 0 and WISH_SAID.fullmatch(said) and not STAYS_PUT.fullmatch(said) and not \
            rx.search(r'\b(?:too|as well|also)\b', said)
        if i % 2 == 0 and (wish or (i > 0 and OTHERS_STEP.match(said))):
            if wish and rx.search(r'\b(?:open|closed|shut|on|off|lit|dark|left|right|clockwise|'
                                  r'counter|anti|drawer|cabinet|slider|shelf|top|bottom|under)',
                                  said):
                doubtful.append(said)
            dropped.append(said)
            if kept and i + 1 < len(parts):
                parts[i + 1] = ''
            continue
        kept.append(part)
    return (''.join(kept).strip(' ,;-') if dropped else text), dropped, doubtful


def _walk(steps):
    """Yield (step, task, args, held) per step; held: the block in the gripper before it."""
    held = None
    for step in steps:
        task = TASKS[step['task']]
        args = dict(task.args, **step.get('args', {}))
        yield step, task, args, held
        held = args['block'] if task.primitive == 'lift' else (
            None if task.primitive in ('place', 'stack') else held)


def _acts_on(family, args, held):
    """Return (things a step changes, things it acts in or on) as sets."""
    if family in ('rotate', 'push', 'lift'):
        return {args['block']}, {args.get('surface')} & {'drawer', 'slider'}
    if family == 'drawer':
        return {'drawer'}, set()
    if family == 'slider':
        return {'slider'}, set()
    if family == 'toggle':
        return {args['light']}, set()
    if family == 'place':
        return ({held} if held else set()), {args.get('target')}
    if family == 'push_into_drawer':
        return ({args['block']} if args.get('block') else set()), {'drawer'}
    return ({held} if held else set()), set()


# The state each task leaves a fixture in; a step done in the drawer leaves it open
LEAVES = {'open_drawer': ('drawer', 'open'), 'close_drawer': ('drawer', 'closed'),
          'move_slider_left': ('slider', 'left'), 'move_slider_right': ('slider', 'right'),
          'turn_on_lightbulb': ('lightbulb', 'on'), 'turn_off_lightbulb': ('lightbulb', 'off'),
          'turn_on_led': ('led', 'on'), 'turn_off_led': ('led', 'off'),
          'place_in_drawer': ('drawer', 'open'), 'push_into_drawer': ('drawer', 'open'),
          'lift_red_block_drawer': ('drawer', 'open'),
          'lift_blue_block_drawer': ('drawer', 'open'),
          'lift_pink_block_drawer': ('drawer', 'open')}


def blocks_named(text):
    """Return the block colours `text` names, in the order of lx.COLOURS."""
    return [c for c, words in lx.COLOURS.items()
            if rx.search(r'\b(?:%s)\b' % '|'.join(words), text.lower())]


def _only_block(text):
    """Return the one block colour `text` names, or None.

    Without a scene a push into the drawer names no block in its arguments: it is the one
    the command names (of two, the one said before where it goes).
    """
    named = blocks_named(text)
    if len(named) > 1:
        # "stack the red block on the blue one": the block said before where it goes
        named = blocks_named(rx.split(r'\b(?:on|onto|atop)\b', text)[0])
    return named[0] if len(named) == 1 else None


def _block_end(constraint, steps, text):
    """Return why a plan does not leave a block in the drawer or the cabinet as wished, or None.

    The block must be put there by the plan.
    """
    where = None
    for _, task, args, held in _walk(steps):
        if task.primitive == 'lift':
            where = 'gripper' if args['block'] == constraint.thing else where
        elif task.primitive in ('place', 'stack'):
            # (without a lift, the block the command names: "place the pink block in the drawer")
            if (held or _only_block(text)) == constraint.thing:
                where = args.get('target', 'stack')
        elif task.primitive == 'push_into_drawer' and (
                args.get('block') or _only_block(text)) == constraint.thing:
            where = 'drawer'
    if where != constraint.end:
        return 'I cannot keep to "%s": the plan does not put the %s block there' % (
            constraint.text, constraint.thing)
    return None


def _block_side(constraint, steps):
    """Return why a plan does not leave a block further left or right as wished, or None.

    The last step that moves the block must push it that way ("slide the red block right;
    it should end up further right than it is now").
    """
    last = None
    for step, task, args, _ in _walk(steps):
        if args.get('block') == constraint.thing and task.primitive != 'rotate':
            last = step
    if last is None or last['task'] != 'push_%s_block_%s' % (constraint.thing, constraint.end):
        return 'I cannot keep to "%s": the plan does not push the %s block that way' % (
            constraint.text, constraint.thing)
    return None


def _end_violation(constraint, steps, text=''):
    """Return why a plan does not end as `constraint` wishes, or None."""
    if constraint.end in ('drawer', 'slider'):
        return _block_end(constraint, steps, text)
    if constraint.thing in lx.COLOURS and constraint.end in ('left', 'right'):
        return _block_side(constraint, steps)
    last = None
    for step, task, args, held in _walk(steps):
        if constraint.end in ('table', 'put'):
            # ("put": where it is; a rotation leaves it there, a push does not)
            moved = (args.get('block') or _only_block(text)) if task.primitive in (
                'lift', 'push_into_drawer') or (
                constraint.end == 'put' and task.primitive == 'push') else (
                (held or _only_block(text)) if task.primitive in ('place', 'stack') else None)
            if moved == constraint.thing:
                return 'I cannot keep to "%s": the plan must %s' % (
                    constraint.text, step['task'].replace('_', ' '))
        if LEAVES.get(step['task'], (None,))[0] == constraint.thing:
            last = step
    if last is not None and LEAVES[last['task']][1] != constraint.end:
        return 'I cannot keep to "%s": the plan ends with %s' % (
            constraint.text, last['task'].replace('_', ' '))
    return None


# A note that a thing is in a state already: "FYI it's already pulled out all the way", "the
# LED is already off", "the red block is already inside the drawer"
FAR = r'as far (?:left|right) as it (?:goes|can go|will go)'
ALREADY = rx.compile(r'\b((?:the|that|this) (?:[a-z]+ ){0,3}?[a-z]+|it)(?: is|\'s| s) (?:now |'
                     r'still )?already (?:been )?(?:(?:all the way|completely|fully|pulled|pushed|'
                     r'switched|turned|slid|sitting|lying) )*(open(?:ed)?|out|closed|shut|on|off|'
                     r'lit|dark|up|down|(?:to|on|at) the (?:left|right)|' + FAR + r')\b',
                     rx.IGNORECASE)
ALREADY_STATES = (('open', r'open(?:ed)?|out'), ('closed', r'closed|shut'), ('on', r'on|lit|up'),
                  ('off', r'off|dark|down'),
                  ('left', r'(?:to|on|at) the left|as far left as it (?:goes|can go|will go)'),
                  ('right', r'(?:to|on|at) the right|as far right as it (?:goes|can go|will go)'))
# ... said as done by the operator: "I already opened it myself", "I've already switched it off"
DONE_ALREADY = rx.compile(r'\bi(?:\'ve| have)? already (opened|pulled out|closed|shut|pushed in|'
                          r'(?:turned|switched) on|(?:turned|switched) off)( it\b| (?:the|that) '
                          r'(?:[a-z]+ ){0,2}?[a-z]+)', rx.IGNORECASE)
DONE_STATES = (('open', r'opened|pulled out'), ('closed', r'closed|shut|pushed in'),
               ('on', r'(?:turned|switched) on'), ('off', r'(?:turned|switched) off'))
# ... that a thing cannot be used: "it's glued to the table", "the bulb is burnt out", "the
# drawer is empty" (nothing to take out), "the cabinet is full" (no room)
UNUSED = ('glued', 'stuck', 'jammed', 'bolted', 'screwed', 'taped', 'broken', 'burnt out',
          'burned out', 'blown', 'dead', 'locked', 'missing', 'gone', 'empty', 'full')
UNUSABLE = rx.compile(r'\b((?:the|that|this) (?:[a-z]+ ){0,3}?[a-z]+|it)(?: is|\'s| s) '
                      r'(?:completely |totally |still |currently |really |now )?(%s)\b(?! (?:in|'
                      r'inside|between|under|behind|at)\b)' % '|'.join(UNUSED), rx.IGNORECASE)
# ... that a block is not on the desk: "there's no pink block today"
NO_BLOCK = rx.compile(r'\bthere(?:\'s| is) no (\w+) (?:block|cube|brick)', rx.IGNORECASE)
# ... and where a block is: "FYI the pink block is in the drawer, not in the cabinet"
_BLOCK_IS = (r'\b((?:the|that|this) (?:[a-z]+ ){0,2}?(?:block|cube|brick|one)|it)(?: is|\'s| s) '
             r'(?:already |currently |actually |really |still )?')
BLOCK_AT = rx.compile(_BLOCK_IS + r'(?:sitting |lying |resting |stored |kept |held )?(?:in|inside|'
                      r'on) (?:the|your) (?:open |closed )?(drawer|(?:sliding )?(?:cabinet|slider|'
                      r'cupboard|shelf)|table|desk|gripper|hand)\b(?! now\b)', rx.IGNORECASE)
# ... or under a stack, which is on the table: "the pink block is at the bottom of the stack"
BLOCK_UNDER = rx.compile(_BLOCK_IS + r'(?:at the bottom of|under|underneath|beneath) (?:the|a) '
                         r'(?:stack|tower|pile|other block)\b', rx.IGNORECASE)
# the fixture's own steps (a step done in the drawer leaves it open, but wants it open first)
OWN_STEP = {task: leaves for task, leaves in LEAVES.items()
            if TASKS[task].primitive in ('drawer', 'slider', 'toggle')}


def _purpose(text, match):
    """Whether a note is a purpose or a condition ("so that it's in your gripper")."""
    return bool(rx.search(r'\b(?:so(?: that)?|until|till|once|when|after|before|if)\s*$',
                          text[:match.start()].lower()))


def notes_of(text: str):
    """Return [(thing, state, said)]: what the command says is so before its steps.

    A fixture or a light in a state already ('drawer', 'open'), a thing that cannot be used
    ('lightbulb', 'burnt out'; 'pink', 'missing'), and where a block is ('red', 'drawer' |
    'slider' | 'table' | 'gripper'). Not a purpose or a condition ("so that it's in your
    gripper").
    """
    def said(pattern, phrase=1, blocks=False):
        """Yield (match, [things its phrase names]) for the notes `pattern` finds."""
        for match in pattern.finditer(text):
            if not _purpose(text, match):
                name = match.group(phrase).strip().lower()
                yield match, (_last_named(text[:match.start()], blocks=blocks) if name == 'it'
                              else things_of(name, text))

    def state(states, word):
        return next(name for name, pattern in states if rx.fullmatch(pattern, word.lower()))

    found = []
    for match, things in said(ALREADY):
        now = state(ALREADY_STATES, match.group(2))
        if len(things) == 1 and now in END_THINGS.get(things[0], ()) and not (
                match.group(2).lower() in ('up', 'down') and things[0] != 'lightbulb'):
            found.append((things[0], now, match.group(0)))
    for match, things in said(DONE_ALREADY, phrase=2):
        now = state(DONE_STATES, match.group(1))
        if len(things) == 1 and now in END_THINGS.get(things[0], ()):
            found.append((things[0], now, match.group(0)))
    for match, things in said(UNUSABLE):
        if len(things) == 1:
            found.append((things[0], match.group(2).lower(), match.group(0)))
    for match, things in said(NO_BLOCK):
        if things and things[0] in lx.COLOURS:
            found.append((things[0], 'missing', match.group(0)))
    for match, things in said(BLOCK_UNDER, blocks=True):
        if len(things) == 1 and things[0] in lx.COLOURS:
            found.append((things[0], 'table', match.group(0)))
    for match, things in said(BLOCK_AT, blocks=True):
        place = match.group(2).lower().split()[-1]
        place = {'cabinet': 'slider', 'cupboard': 'slider', 'shelf': 'slider', 'desk': 'table',
                 'hand': 'gripper'}.get(place, place)
        if len(things) == 1 and things[0] in lx.COLOURS:
            found.append((things[0], place, match.group(0)))
    return found


def contradicted(notes, steps, text):
    """Return why the steps do not fit what the notes say is so, or None.

    "Turn off the LED; just so you know, the LED is already off": the first step on the LED
    would do nothing; so would pushing into the drawer a block said to be in it. "Pick up
    the pink block from the cabinet. FYI the pink block is in the drawer": the first step
    on the block must find it where the note says.
    """
    for thing, state, said in notes:
        if state == 'missing' and thing in blocks_named(NO_BLOCK.sub('', text)):
            return '"%s", but the command names it; say which block' % said
        if state in UNUSED:
            # not to be used at all; or nothing in it to take ("empty"), no room ("full")
            for step, task, args, held in _walk(steps):
                changes, inside = _acts_on(task.primitive, args, held)
                used = changes | inside if state not in ('empty', 'full') else inside if (
                    task.primitive == 'lift') == (state == 'empty') else set()
                if thing in used:
                    return '"%s": then I cannot %s' % (said, step['task'].replace('_', ' '))
            continue
        for step, task, args, _ in _walk(steps):
            if thing in lx.COLOURS:
                block = args.get('block') or (_only_block(text) if task.primitive in (
                    'push_into_drawer', 'place', 'stack') else None)
                if block != thing:
                    continue
                if (task.primitive, state) in (('push_into_drawer', 'drawer'),
                                               ('lift', 'gripper')) or (
                        task.primitive == 'place' and args['target'] == state):
                    return '"%s": then "%s" has nothing to do; say what to do' % (
                        said, step['task'].replace('_', ' '))
                if task.primitive in ('place', 'stack'):
                    break       # (a block put somewhere is held first)
                where = args.get('surface') or 'table'
                if where != state and state != 'gripper':
                    return '"%s", but the plan must %s; say which is so' % (
                        said, step['task'].replace('_', ' '))
                break
            if OWN_STEP.get(step['task'], (None,))[0] == thing:
                if OWN_STEP[step['task']][1] == state:
                    return '"%s": then "%s" has nothing to do; say what to do' % (
                        said, step['task'].replace('_', ' '))
                break
    return None


def violation(constraint: Constraint, steps: list, said: str):
    """Return why a plan breaks a constraint, or None. said: the command without it."""
    if constraint.end:
        return _end_violation(constraint, steps, said)
    for step, task, args, held in _walk(steps):
        changes, inside = _acts_on(task.primitive, args, held)
        if constraint.way:
            # only a step on that thing that way breaks it
            ways = (args.get('direction'), args.get('target'))
            if constraint.thing in changes and constraint.way in ways:
                return 'I cannot keep to "%s": the plan must %s' % (
                    constraint.text, step['task'].replace('_', ' '))
            continue
        touched = changes | (inside if constraint.hands_off else set())
        if constraint.thing in touched:
            return 'I cannot keep to "%s": the plan must %s%s' % (
                constraint.text, step['task'].replace('_', ' '),
                ' first' if step.get('auto') else '')
    if constraint.thing in blocks_named(said) and not constraint.way:
        return ('I cannot keep to "%s": the command also names the %s block'
                % (constraint.text, constraint.thing))
    return None
