"""What a command says not to do: "..., but leave the drawer as it is", "don't touch the switch".

Such a clause adds no step; it is a promise the plan must keep. `split_constraints` takes
the clauses it can read out of the command (the rest is planned as usual) and
`violation` checks a finished plan against each one, so a plan that would break the
promise is refused instead of run. A "what not to do" clause whose object is not one of
the desk's things ("don't touch my coffee") stays in the command, and the parser refuses
it as before. Pure text logic, no ROS, no models.

Two kinds:
- state ("leave the drawer as it is", "don't open the drawer", "keep the LED on"): no
  step may change that thing; a block is not moved at all;
- hands off ("don't touch the pink block", "without bumping the switch", "leave the
  drawer alone"): no step may act on or inside that thing, nor name it as a place.
"""

from dataclasses import dataclass

from lam_ros.language import lexicon as lx, rx
from lam_ros.world.tasks import TASKS

NOT = (r'(?:do not|don\'t|dont|never|try not to|be careful not to|take care not to|'
       r'make sure (?:that )?(?:you )?(?:do not|don\'t|dont|never)|make sure not to|'
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
START = r'(^|[,;.:!]\s*|\s+)(?:(?:but|and|while|though|however|also),?\s+)*(?:please\s+)?'
END = r'(?=[,;.!?:]|\s+-+\s|\s+(?:and|then)\s+[a-z]|$)'
SKIP = (r'(?:ignore|forget(?: about)?|never mind|(?:do not|don\'t|dont) (?:bother|worry) (?:with|'
        r'about)|leave|skip)')
CAN_WAIT = (r'(?:can wait|can stay(?: where it is| as it is| put)?|stays?(?: where it is| put| '
            r'as it is)|is fine(?: as it is| where it is)?|can be left(?: alone| as it is)?)')
FORMS = (
    (START + NOT + r'\s+' + TOUCH + r'(?:\s+(?:into|against|with|on))?\s+' + OBJECT + TAIL + END,
     True),
    (START + r'(?:without|with no)\s+' + TOUCHING + r'\s+' + OBJECT + TAIL + END, True),
    # "turn on the LED without pressing the button": that thing stays as it is
    (START + r'(?:without|with no)\s+' + CHANGING + r'\s+' + OBJECT + TAIL + END, False),
    (START + r'leave\s+' + OBJECT + r'\s+' + ALONE + TAIL + END, True),
    (START + NOT + r'\s+' + CHANGE + r'\s+' + OBJECT + r'(?:\s+(?:on|off|up|down|open|closed|'
     r'left|right|around))?' + TAIL + END, False),
    (START + r'(?:leave|keep)\s+' + OBJECT + r'\s+' + AS_IT_IS + TAIL + END, False),
    # "ignore the slider", "forget the pink block for now", "leave the pink block, ..."
    (START + SKIP + r'\s+' + OBJECT + TAIL + END, True),
    # "the drawer can wait", "the red one can stay where it is"
    (START + OBJECT + r'\s+' + CAN_WAIT + TAIL + END, False),
)
FORMS = tuple((rx.compile(form, rx.IGNORECASE), hands_off) for form, hands_off in FORMS)
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
SOME_BLOCKS = rx.compile(r'(?:both )?(?:the )?(\w+)(?: (?:block|cube|one))?,? (?:and|&) (?:the )?'
                         r'(\w+) (?:blocks|cubes|ones|block|cube|one)')


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


def split_constraints(text: str):
    """Return (the command without its readable constraints, [Constraint, ...])."""
    found, text = [], text.replace('\u2019', "'")
    whole = text
    for form, hands_off in FORMS:
        def keep(match):
            things = things_of(match.group(2), whole) or _drawer_it(match, whole)
            if not things:
                return match.group(0)        # not ours: the parser refuses it as said
            said = rx.sub(r'^(?:(?:but|and|while|though|however|also),?\s+)*(?:please\s+)?', '',
                          match.group(0).strip(' ,;.:!-'), flags=rx.IGNORECASE)
            found.extend(Constraint(thing, hands_off, said) for thing in things)
            return match.group(1) if match.group(1).strip() else ' '
        text = form.sub(keep, text)
    text = rx.sub(r'\s+', ' ', text)
    text = rx.sub(r'\s*[,;]\s*(?=[.!?]|$)', '', text).strip(' ,;')
    return text, found


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


def violation(constraint: Constraint, steps: list, said: str):
    """Return why a plan breaks a constraint, or None. said: the command without it."""
    held = None
    for step in steps:
        task = TASKS[step['task']]
        args = dict(task.args, **step.get('args', {}))
        changes, inside = _acts_on(task.primitive, args, held)
        if task.primitive == 'lift':
            held = args['block']
        elif task.primitive in ('place', 'stack'):
            held = None
        touched = changes | (inside if constraint.hands_off else set())
        if constraint.thing in touched:
            return 'I cannot keep to "%s": the plan must %s%s' % (
                constraint.text, step['task'].replace('_', ' '),
                ' first' if step.get('auto') else '')
    if constraint.thing in lx.COLOURS and rx.search(
            r'\b(?:%s)\b' % '|'.join(lx.COLOURS[constraint.thing]), said.lower()):
        return ('I cannot keep to "%s": the command also names the %s block'
                % (constraint.text, constraint.thing))
    return None
