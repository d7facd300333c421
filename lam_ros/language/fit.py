"""Whether a clause's verb and object fit the task it was read as.

The rules and the intent model read a clause by its strongest cue. "Open the LED" names
the LED, so it reads as turning the LED on; "slide the drawer to the left" has a sliding
verb and a direction, so it reads as moving the cabinet door; "close the red block" names
a block. None of these is something the desk can do: a light is switched, not opened or
moved; the drawer moves in and out, not sideways; a block is not opened. `misfit` looks at
the thing a clause acts on (the first thing it names outside a place phrase: "from the
drawer" is where, not what) and at its verb, and says what does not fit the task.
"""


from lam_ros.language import lexicon as lx, rx
from lam_ros.language.clauses import split_clauses
from lam_ros.world.tasks import TASKS

WORD = rx.compile(r"[a-z]+(?:'[a-z]+)?")

# What a clause can act on, by kind. Pronouns and words for the gripper name no kind.
KINDS = (
    ('light', ('led', 'bulb', 'lightbulb', 'lamp', 'light', 'lights', 'diode', 'indicator',
               'luminaire', 'illuminator')),
    ('button', ('button', 'pushbutton')),
    ('switch', ('switch', 'lever', 'toggle')),
    ('drawer', lx.DRAWER),
    ('cabinet', tuple(w for w in lx.SLIDER_PLACE + lx.SLIDER_DOOR if ' ' not in w)),
    ('block', tuple(w for w in lx.BLOCK_NOUNS + lx.COLOUR_WORDS if ' ' not in w)),
)
KIND_OF = {w: kind for kind, words in KINDS for w in words}
PLACE_WORDS = frozenset(('in', 'into', 'inside', 'within', 'from', 'out', 'of', 'on', 'onto',
                         'off', 'to', 'toward', 'towards', 'near', 'beside', 'next', 'by',
                         'under', 'beneath', 'below', 'behind', 'at', 'with', 'using', 'above',
                         'over', 'atop', 'upon', 'against', 'across', 'through', 'via', 'beyond',
                         'between', 'past', 'along'))
PARTICLES = frozenset(('on', 'off', 'out', 'up', 'down', 'over', 'back', 'away', 'around',
                       'round'))
GRIPPER = rx.compile(r'\b(?:gripper|grippers|hand|fingers|claw|claws|jaws|grip)\b')

# Which kinds of thing each primitive acts on (None: the clause names none, or a pronoun).
ACTS_ON = {'lift': ('block',), 'rotate': ('block',), 'push': ('block',), 'stack': ('block',),
           'unstack': ('block',), 'place': ('block',), 'push_into_drawer': ('block',),
           'drawer': ('drawer',), 'slider': ('cabinet',), 'toggle': ('light', 'button', 'switch')}
NAMES = {'block': 'a block', 'drawer': 'the drawer', 'cabinet': 'the cabinet',
         'light': 'the lights', 'button': 'the button', 'switch': 'the switch'}
DOES = {'lift': 'lift', 'rotate': 'rotate', 'push': 'push', 'stack': 'stack',
        'unstack': 'unstack', 'place': 'put away', 'push_into_drawer': 'sweep into the drawer'}

ON_OFF = rx.compile(r'^\w+ (?:on|off)\b|\b(?:on|off)$')
HANDLES = ('lift', 'pick', 'grab', 'grasp', 'stack', 'unstack', 'rotate', 'spin', 'twist',
           'unscrew', 'screw', 'remove', 'open', 'close')
CONTROL_MISFITS = ('open', 'close', 'stack', 'unstack', 'rotate', 'spin', 'unscrew', 'screw')
MOVES = ('put', 'place', 'push', 'slide', 'move', 'drag', 'carry', 'insert', 'shift', 'shove')
DESTINATION = rx.compile(r'\b(?:left|right|leftwards?|rightwards?|across|(?:in|into|inside|onto) '
                         r'(?:the |a )?(?:\w+ )?(?:drawer|cabinet|cupboard|slider|shelf|box))\b')
PUTS = ('drop', 'stow', 'store', 'set', 'stick', 'return', 'tuck', 'load')
# a light, the button or the switch said as where a thing goes: "put it in the lamp"
INTO_LIGHT = rx.compile(r'\b(?:in|into|in to|inside) (?:the |a )?(?:\w+ )?(%s)\b' % '|'.join(
    w for kind, words in KINDS[:3] for w in words))
# what follows these is a purpose or a condition, not the thing acted on
PURPOSE = rx.compile(r'\b(?:so|until|till|while|because|which|when|once)\b|'
                     r'\bto (?!the\b|a\b|an\b|its\b|your\b|my\b|it\b|left\b|right\b)')
DETERMINERS = frozenset(('the', 'a', 'an', 'my', 'your', 'this', 'that', 'these', 'those'))
SIDEWAYS = rx.compile(r'\bto the (?:left|right)\b(?! of)|\b(?:leftwards?|rightwards?|sideways)\b|'
                      r'\b(?:left|right)$')
NOT_FLAT = rx.compile(r'\b(?:upside down|inside out|on (?:its|one|an|their) (?:side|edge|end|'
                      r'corner)|end over end|head over heels)\b')


def thing(clause):
    """Return the kind of the first thing a clause acts on (outside place phrases), or None.

    A noun phrase's kind is its last thing word ("the cabinet drawer" is the drawer, "the
    light switch" the switch); a thing up to three words after a preposition is a place
    ("put it in the big drawer"), one after a particle is not ("turn on the LED", "take
    out the red block").
    """
    words = WORD.findall(PURPOSE.split(clause)[0])
    if not words or words[0] in DETERMINERS:
        return None                    # "the drawer should receive it": a subject first
    i = 1                              # words[0] is the verb
    while i < len(words):
        if words[i] not in KIND_OF:
            i += 1
            continue
        end = i
        while end + 1 < len(words) and words[end + 1] in KIND_OF:
            end += 1
        before = [j for j in range(max(0, i - 3), i) if words[j] in PLACE_WORDS and not (
            j == 1 and words[j] in PARTICLES)]
        if before:
            i = end + 1
            continue
        return KIND_OF[words[end]]
    return None


def misfit(clause, task):
    """Why a text's verb or object does not fit `task` (a CALVIN task key), or None.

    A text of several clauses (a whole command read as one task) misfits only if each of
    its clauses does: "go to the drawer and lift the red block out" is a lift.
    """
    clauses = split_clauses(clause) or [clause]
    odd = [_misfit(c, task) for c in clauses]
    return odd[0] if all(odd) else None


def _misfit(clause, task):
    if GRIPPER.search(clause):
        return None          # "open the gripper over the drawer" is how a place is done
    primitive = TASKS[task].primitive
    kind = thing(clause)
    words = WORD.findall(clause)
    verb = words[0] if words else ''
    wanted = ACTS_ON[primitive]
    if primitive == 'place' and kind == {'drawer': 'drawer', 'slider': 'cabinet'}[
            TASKS[task].args['target']]:
        kind = None          # "set the drawer inside the drawer": "it" given the wrong referent
    if kind is not None and kind not in wanted:
        if primitive in DOES:
            return 'I can %s only a block, not %s' % (DOES[primitive], NAMES[kind])
        if primitive == 'toggle':
            return 'I can only switch the lights on or off, and %s is not a light' % (
                NAMES[kind])
        if primitive == 'slider':
            return "only the cabinet's door slides left or right, not %s" % NAMES[kind]
        return 'I can only open or close the drawer, not %s' % NAMES[kind]
    after = words[1] if len(words) > 1 else ''
    if primitive == 'toggle' and kind is not None and (
            verb in (CONTROL_MISFITS if kind == 'switch' else HANDLES) or
            verb in MOVES and DESTINATION.search(clause)):
        return 'I can only switch the lights on or off; "%s" is not something I do to them' % (
            verb)
    inside = INTO_LIGHT.search(clause) if primitive == 'toggle' and verb in MOVES + PUTS else None
    if inside:
        return 'nothing can go into the %s; I can only switch the lights on or off' % (
            inside.group(1))
    if primitive == 'drawer' and SIDEWAYS.search(clause):
        return 'the drawer moves only in and out, not sideways'
    if primitive == 'drawer' and kind == 'drawer' and (verb in (
            'lift', 'stack', 'unstack', 'rotate', 'spin') or (
            verb in ('turn', 'switch') and ON_OFF.search(' '.join(words[:2])))):
        return 'I can only open or close the drawer'
    if primitive in DOES and kind == 'block' and (verb in (
            'open', 'close', 'shut', 'unlock', 'lock') and after not in PLACE_WORDS or (
            verb in ('turn', 'switch') and ON_OFF.search(' '.join(words[:2])))):
        return 'a block cannot be opened, closed or switched; I can %s it' % DOES[primitive]
    if primitive == 'rotate' and NOT_FLAT.search(clause):
        return 'I can only rotate a block flat on the table, about its vertical axis'
    return None
