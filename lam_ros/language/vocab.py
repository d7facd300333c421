"""Words and patterns that every stage of the parser reads with (pure, no models).

Verb senses (data/verbs.yaml), the verbs of the skills, what a light, a number or an angle is
called, and the readers of a colour and a direction. The word lists themselves are in
lam_ros.language.lexicon; this module builds the patterns made of them that more than one
stage needs.
"""

from functools import lru_cache
from pathlib import Path

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.intents import Refusal


def any_of(options):
    """Return a regex alternation of the options, longest first (built once per list)."""
    return _alternation(options if isinstance(options, (tuple, frozenset)) else tuple(options))


@lru_cache(maxsize=None)
def _alternation(options):
    return r'(?:%s)' % '|'.join(rx.escape(o) for o in sorted(options, key=len, reverse=True))


def lexicon_phrases(skip=()):
    """Yield every phrase of the lexicon's word lists and tables (keys and values), but `skip`."""
    for name in dir(lx):
        value = getattr(lx, name)
        if not name.isupper() or name in skip:
            continue
        if isinstance(value, dict):
            value = list(value) + [w for v in value.values() for w in (
                v if isinstance(v, (list, tuple)) else [v])]
        if isinstance(value, (list, tuple)):
            yield from value


def has(text, options):
    return rx.search(r'\b%s\b' % any_of(options), text) is not None


# An impatient operator's urgency, said as a clause of its own: "push it left, hurry up".
URGENCY = (r'(?:now|right now|go|go go|quick|quickly|hurry|hurry up|come on|move|move it|'
           r'chop chop|asap|pronto|already|get going|let\'?s go|for crying out loud|'
           r'don\'?t dawdle|no dawdling|don\'?t make me ask twice|do it|do it now|please)')
# Means the command spells out and the skill keeps anyway: "there's no need to pick it up".
NO_NEED = (r'(?:there\'?s|there is) no need to \w+(?: it| them)?(?: up)?(?: first| beforehand)?|'
           r'you don\'?t (?:need|have) to \w+(?: it| them)?(?: up)?|do not lift(?: it)?|'
           r'don\'?t lift(?: it)?|no (?:pick|grasp|lift|picking|grasping|lifting)(?: up)?|'
           r'(?:do not|don\'?t|never) (?:grab|grasp) (?:it|them)|(?:do not|don\'?t|never) '
           r'(?:move|shift|slide|push|displace) (?:it|them)(?: anywhere| around| away| along| '
           r'elsewhere)?|keep (?:it|them) (?:touching|on) '
           r'the (?:table|desk|tabletop|surface)')
# A block sent into a place: "get the red block into the drawer" (see normalise)
GOES_INTO = rx.compile(r'\b(?:get|take|stick|load|tuck|slot|send|carry|bring|transfer)\s+((?:the '
                       r'(?:[a-z-]+ ){0,3}?(?:block|cube|brick|one)|it|them))\s+(?:up\s+)?(?:into|'
                       r'in to)\b(?= the\b)')
# What a speech recogniser writes for a word of the desk: "the read block", "to the write".
HOMOPHONES = ((r'\bread(?= (?:block|cube|brick|one|box)\b)', 'red'),
              (r'\bblew(?= (?:block|cube|brick|one|box)\b)', 'blue'),
              (r'\bpink(?:ed|s)(?= (?:block|cube|brick|one)\b)', 'pink'),
              (r'\b(to the|the) write\b', r'\1 right'), (r'\bto write\b', 'to the right'),
              (r'\b(the (?:open |opened |closed |shut )?)draw\b(?! (?:a|an|the|it|on|up|with)\b)',
               r'\1drawer'),
              (r'\bel ee dee\b', 'led'), (r'\bcounter clock wise\b', 'counterclockwise'),
              (r'\bclock wise\b', 'clockwise'),
              # a small child's "r" said as "w": "pwease", "the wed bwock", "the dwawer"
              (r'\bwed(?= (?:block|bwock|cube|one)\b)', 'red'), (r'\bbwock\b', 'block'),
              (r'\bbwue(?= (?:block|cube|one)\b)', 'blue'), (r'\bpwease\b', 'please'),
              (r'\bdwawer\b', 'drawer'))
# ... and what they write that no speller mends: short words, and words run together or
# split ("the pinkblock", "turnoff the lamp", "the slide er", "the l e d", "b4 u")
HEARD = ((r'\b(lift|rotate|push)_(red|blue|pink)_(table|slider|drawer|left|right)\b',
          r'\1_\2_block_\3'),      # a task key typed without "block": "lift_pink_drawer"
         (r'\b(red|blue|pink|ping) blog\b', r'\1 block'), (r'\b(?:rite|rigt|rit)\b', 'right'),
         (r'\b(?:lef|lft)\b', 'left'), (r'\blite\b', 'light'), (r'\blamb\b', 'lamp'),
         (r'\b(?:slighter|slaider|slide er|sli der)\b', 'slider'),
         (r'\b(?:draw er|drower)\b', 'drawer'), (r'\bl e d\b', 'led'), (r'\bun stack', 'unstack'),
         (r'\bping(?= (?:block|cube|brick|one)\b)', 'pink'),
         (r'\b(red|blue|pink)(block|cube|brick|one)(s?)\b', r'\1 \2\3'),
         (r'\b(red|blue|pink) black\b', r'\1 block'),
         (r'\b(turn|switch)(on|off)\b', r'\1 \2'), (r'\bfrm\b', 'from'),
         (r'\bb4\b', 'before'), (r'\bin2\b', 'into'), (r'\b2(?= the\b)', 'to'),
         (r'\bwher\b', 'where'), (r'\boclock\b', "o'clock"), (r'\bhw\b', 'how'),
         (r'\bpickup\b', 'pick up'),
         (r'(\d)\s*°', r'\1 degrees'))

_VERBS = None
_SENSES = None
VERB_AT = r'(^|, |\band |\bthen |\bto |\bplease )((?:\w+ly )?)'    # where a clause's verb is


def verb_senses():
    """({rare verb: the common verb it is read as}, its pattern), from data/verbs.yaml.

    "Corkscrew the red block to the right" is read as "rotate the red block to the right".
    Only a clause's first word (after an adverb) is looked up.
    """
    global _SENSES
    if _SENSES is None:
        import yaml
        data = yaml.safe_load((Path(__file__).resolve().parent / 'data' / 'verbs.yaml')
                              .read_text())
        senses = {rare: common for common, rares in data.items() for rare in rares}
        _SENSES = (senses, rx.compile(VERB_AT + r'(%s)\b' % any_of(senses)))
    return _SENSES


def action_verbs():
    """One-word action verbs of the lexicon."""
    global _VERBS
    if _VERBS is None:
        _VERBS = frozenset({w for group in (lx.OPEN, lx.CLOSE, lx.LIFT, lx.PLACE, lx.STACK,
                                            lx.ROTATE, lx.PUSH, lx.APPROACH, lx.UNSTACK)
                            for w in group if ' ' not in w} |
                           {'switch', 'press', 'toggle', 'flip', 'lower', 'separate'})
    return _VERBS


def last_with_verb(steps):
    """Return the last of the steps that starts with an action verb, or ''."""
    return next((step for step in reversed(steps) if step.split()[0] in action_verbs()), '')


@lru_cache(maxsize=None)
def verb_words():
    """Return the one-word action verbs as a regex alternation, built once."""
    return '|'.join(sorted(action_verbs()))


# A thing a verb acts on: "the red block", "that drawer", "it".
THING = r'(?:(?:the|a|an|that|this|your|its|my) (?:[a-z-]+ ){0,3}?%s\b|it\b|them\b)' % any_of(
    lx.BLOCK_NOUNS + lx.DRAWER + lx.SLIDER_PLACE + lx.SLIDER_DOOR + lx.LIGHTBULB + lx.LED)
# "pick and lift the red block": a bare verb, an order word, a verb with its object; not
# a walk ("go and open the drawer": nothing to share). A word the lexicon does not know
# gets the object too ("hide and lift the red block" is "hide the red block and lift
# it"), so the planner judges "hide the red block" instead of dropping it.
SHARED_OBJECT = rx.compile(
    VERB_AT + r'(?!(?:go|come|walk|head|proceed|navigate|reach|hover|move)\b)'
    r'(?P<first>%s|(?!(?:%s)\b)[a-z]+)'
    r'(?P<up> up| out)?(?: ,)? (?P<order>and then|and|then) (?P<second>%s)(?P<up2> up| out)? '
    r'(?P<thing>%s)' % (any_of(action_verbs()), '|'.join(lx.FUNCTION_WORDS),
                        any_of(action_verbs()), THING))
# "go over and lift the red block", "slowly and carefully lift ...": a move to the thing,
# or the manner, said before the action (normalise drops it)
APPROACH_FIRST = rx.compile(
    VERB_AT + r'(?:(?:go(?! (?:off|on|out)\b)|reach|move|come(?! (?:off|on|out)\b)|head|walk|'
    r'step|lean|bend|extend|stretch|swing|zoom|hurry|glide|look|get|approach|descend|try|'
    r'be careful|take care)(?: (?:forward|ahead|'
    r'closer|close|ready|(?:your|the) (?:arm|gripper|hand|claw)|(?:to |towards |toward |near |'
    r'over |by )?the (?:table|desk|tabletop|surface|workspace|work area)|%s)){0,4}|\w+ly)'
    r'(?: ,(?: (?:and then|and|then))?| (?:and then|and|then)) (?=(?:\w+ly )?%s\b)' % (
        any_of(set(lx.FUNCTION_WORDS) - action_verbs() - {'and', 'then', 'but', 'or', 'not',
                                                          'never', 'no'}),
        any_of(action_verbs())))
APPROACH_THING = rx.compile(
    VERB_AT + r'(?:move|go|head|come|travel|get|reach|proceed)(?: over| across)? (?:to |toward |'
    r'towards |up to |near |closer to )?(the (?:\w+ ){0,3}%s(?: (?:in|on|inside|within|at) the '
    r'(?:\w+ )?(?:slider|cabinet|cupboard|shelf|drawer|table|desk))?)(?: ,)? (?:and then|and|'
    r'then) (%s) it\b' % (any_of(lx.BLOCK_NOUNS), any_of(action_verbs())))
# "a clock's hands go", "the hands of a clock move"
CLOCK = (r'(?:(?:the )?hands? (?:of|on) (?:an? |the )?clock|(?:an? |the )?clock(?:\x27s|s)?'
         r'(?: hands?)?)(?: goes?| runs?| moves?| turns?| go| run| move| turn)?\b')
AFTER_YOU = rx.compile(r'\band after you (?=(?:%s|make)\b)' % any_of(action_verbs()))
SUBJECT_YOU = rx.compile(r'(^|, |\band |\bthen |\bplease )you (?=(?:%s|make)\b)' %
                         any_of(action_verbs()))
COLON_CONTEXT = rx.compile(r'^([^:,]{3,80}?)\s*:\s*(?=(?:please )?(?:%s)\b)' %
                           any_of(action_verbs()))


def verb_stem(match):
    """'elevated' -> 'elevate', 'lifted' -> 'lift', 'grabbing' -> 'grab' for known verbs."""
    before, word = match.group(1) or '', match.group(2)
    if before.strip() in ('are', 'is', 'am', 'was', 'were', "'re", "you're") and word.endswith(
            'ing'):
        return before + word      # "the block you are holding"
    if word in ('keeping', 'leaving', 'making', 'letting', 'being', 'sitting', 'resting') or (
            word in ('stored', 'placed', 'kept', 'located', 'positioned', 'held', 'grasped',
                     'stacked', 'grabbed', 'lying', 'left', 'set') and before.strip() not in (
                'be', 'been', 'is', 'are', 'was', 'were', 'get', 'gets', 'got', 'have', 'has',
                'had', "you've", "i've", "we've")):
        return before + word      # "the block stored in the cabinet", "the grasped block"
    if word in action_verbs() or word in ('closed', 'opened', 'red', 'need', 'used'):
        return before + word
    cut = 3 if word.endswith('ing') else 2
    base = word[:-cut]
    for candidate in (base, base + 'e', base[:-1]):
        if candidate in action_verbs():
            return before + candidate
    return before + word


# A light named right after a verb: "kill the lamp" and "fire up the LED" are idioms for
# off and on, not violence.
A_LAMP = r'(?:the |that |this )?(?:yellow |green )?%s\b' % any_of(lx.LIGHT_NOUNS + ('lights',))
# a name that says the LED (by its colour or its button) rather than the lamp
LED_NAME = rx.compile(r'\b(?:led|diode|green|button)\b')
# A light said to change, as an event: "when the lamp goes off", "once the LED turns on"; said
# with no verb, its state is waited for too ("when led on -> open drwr")
LIGHT_EVENT = rx.compile(r'(?:\b(?:when|whenever|as soon as|after)|(?:^\s*|(?<=[,;.:!])\s*|'
                         r'(?<=\band )|(?<=\bthen ))once) (?:the |that |this )?(?:[a-z-]+ )'
                         r'{0,2}?%ss? (?:goes|go|turns|turn|comes|come|switches|flicks|clicks)'
                         r'(?: back)? (?:on|off|out|up|dark)\b|\b(?:when|whenever|as soon as|'
                         r'once) (?:the )?(?:green |yellow )?%s (?:on|off)\b' % (
                             (any_of(lx.LIGHT_NOUNS),) * 2))
# Ending a light's glow turns it off: "stop the LED from glowing", "end the glow of the
# lamp", "halt the bulb's light", "stop the illumination". Not a stop of motion.
_GLOW = (r'(?:glow|glowing|shine|shining|illumination|illuminating|lighting|light|emission|'
         r'emitting|radiance|radiating|luminance|luminosity|brightness|gleam|gleaming|beam)\b')
LIGHT_CEASE = rx.compile(
    r'(?P<lead>^\s*|, |\band |\bthen |\bto |\bplease )(?:stop|halt|cease|end|quit|terminate|'
    r'discontinue|(?:put|bring) an end to)\s+(?:'
    r'(?:the )?%s\s+(?:of|from|coming from|emitted by|given off by)\s+(?P<source>%s)'
    r'|(?P<lamp>%s)(?:\'s| s)?\b(?:\s+(?:from\s+)?%s)?'
    r'|the %s\b)' % (_GLOW, A_LAMP, A_LAMP, _GLOW, _GLOW))


def light_off(match):
    return '%sswitch off %s' % (match.group('lead'),
                                match.group('source') or match.group('lamp') or 'the light')


NUMBER_WORDS = ('(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
                'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|'
                'sixty|seventy|eighty|ninety|hundred|a hundred|a few|few|several|some)')
ROTATION_DEGREES = ('90', 'ninety', '60', 'sixty')
# An angle (group 2), and "exactly" said before it (group 1)
# ("three hundred and sixty degrees" is one angle)
ANGLE = rx.compile(r'(\b(?:exactly|precisely|accurately) (?:by )?)?\b((?:\d+(?:[.,]\d+)?|%s'
                   r'(?:(?:[- ]| and )%s){0,3})) ?(?:degrees?|deg)\b'
                   % (NUMBER_WORDS, NUMBER_WORDS))

# A distance said in digits or words: "3 cm", "three and a half inches", "a few centimetres"
AMOUNT = rx.compile(r'\b(?:exactly |precisely |only )?(?:\d+(?:[.,]\d+)?|%s(?: and a half)?) ?'
                    r'(?:cm|mm|centimet(?:er|re)s?|millimet(?:er|re)s?|met(?:er|re)s?|'
                    r'inch(?:es)?|feet|foot)\b|\b\d+(?:[.,]\d+)? ?m\b' % NUMBER_WORDS.replace(
                        '|a few|few|several|some', ''))     # "a few centimetres" is the skill's
GOAL_FIRST = rx.compile(r'\s*(the [a-z -]{2,30}?) (?:should|must|needs? to|has to|ought to)'
                        r'(?: not|n\'t)? (?:be|end up|stay|remain) (?:left |still )?(?:open|'
                        r'opened|closed|shut|ajar|on|off|lit|dark|shining|glowing|sticking out|'
                        r'out|in|illuminated|switched on|switched off|turned on|turned off)\b'
                        r'[^;,.:]{0,20}[;,.:]\s*(?=(?:please |just |so )?[a-z]+ (?:it|them)\b)')

# The things of the desk a choice may name two of ("the LED or the light bulb")
_THINGS = {'drawer': lx.DRAWER, 'slider': lx.SLIDER_PLACE + lx.SLIDER_DOOR,
           'led': lx.LED, 'bulb': lx.LIGHTBULB}
# A colour a fixture may be called by: CALVIN's "green light", "yellow lamp"
FIXTURE_COLOURS = {('green', 'led'), ('green', 'diode'), ('green', 'button'),
                   ('yellow', 'bulb'), ('yellow', 'light bulb'), ('yellow', 'lightbulb'),
                   ('yellow', 'lamp'), ('green', 'lamp'), ('amber', 'bulb'),
                   ('amber', 'light bulb'), ('amber', 'lightbulb'), ('amber', 'lamp')}
# Two moves that undo each other, said as a choice ("open or close")
_OPPOSITES = (('open', 'close'), ('open', 'shut'), ('on', 'off'), ('left', 'right'),
              ('before', 'after'), ('lift', 'push'), ('push', 'rotate'), ('rotate', 'lift'))


def _thing(words):
    """Which thing of the desk a few words name, or None."""
    for thing, names in _THINGS.items():
        if rx.search(r'\b%s\b' % any_of(names), words):
            return thing
    return None


def choice_between(low):
    """Return the words of a choice between two things or two moves, or None.

    "open or close the drawer", "turn on the LED or the light bulb", "before or after";
    "the sliding door (or slider)" names one thing twice and is no choice.
    """
    for match in rx.finditer(r'\b((?:\w+ ){0,3}?\w+) (?:or|and/or|and or) (\w+(?: \w+){0,3})',
                             low):
        if rx.search(r'\b(?:don t|do not|never|not|neither|without|no)\b', low[:match.start()]):
            continue        # "don't touch the drawer or the lamp": both are ruled out
        before, after = match.group(1).split(), match.group(2).split()
        if any((a in before[-1:] and b in after[:1]) or (b in before[-1:] and a in after[:1])
               for a, b in _OPPOSITES):
            return match.group(0).strip()
        one, other = _thing(' '.join(before[-3:])), _thing(' '.join(after[:3]))
        if one and other and one != other:
            return match.group(0).strip()
    return None


# Action verbs that start a clause of their own ("once ... <verb>", "... so <verb>"), and
# what follows such a verb ("the", "it", "off", a colour).
RUN_ON_VERBS = ('rotate', 'turn', 'twist', 'spin', 'push', 'slide', 'move', 'shift', 'pick',
                'lift', 'grab', 'take', 'put', 'place', 'stack', 'unstack', 'switch', 'press',
                'flip', 'toggle', 'open', 'close', 'shut', 'pull', 'drop', 'set', 'store')
# ... and the verbs that begin a step said with no comma before it (a transcript has none)
STEP_VERBS = RUN_ON_VERBS + ('sweep', 'nudge', 'shove', 'get', 'remove', 'raise')

HEADERS = ('note', 'notes', 'task', 'tasks', 'request', 'instructions?', 'commands?', 'plan',
           'todo', 'to do', 'order', 'steps?', 'please', 'reminder', 'station', 'line', 'cell',
           'bay', 'zone', 'check', 'job', 'shift', 'sequence', 'routine', 'procedure',
           'checklist', 'list', 'update', 'operator', r'#?\d+')
OBJECT_WORDS = (lx.BLOCK_NOUNS + lx.DRAWER + lx.SLIDER_PLACE + lx.SLIDER_DOOR + lx.LIGHTBULB +
                lx.LED + ('switch', 'light', 'lights', 'handle', 'stack', 'tower') +
                lx.COLOUR_WORDS)

PICK_VERBS = ('take', 'grab', 'pick', 'lift', 'get', 'grasp', 'fetch', 'raise', 'remove')
PUT_VERBS = ('put', 'place', 'drop', 'set', 'store', 'stack', 'insert', 'deposit', 'pop', 'tuck',
             'stick', 'stow', 'lay', 'bung', 'chuck')
# a block said by its colour, maybe alone: "red", "the blue", "pink block"
BARE_BLOCK = r'(?:the )?%s\b(?: (?:block|cube|brick|one)\b)?' % any_of(lx.COLOUR_WORDS)
# One push or rotation said of several blocks, one after the other: "push red, blue and pink
# left", "rotate the red and the blue block clockwise" (verb 1, blocks 2, way 3)
SAID_OF_EACH = rx.compile(
    r'\b(push|slide|shove|nudge|sweep|rotate|turn|twist|spin) (?:both )?(%s(?: ?,? %s)* ?,? '
    r'(?:and|and then|then) %s)(?: (?:blocks|cubes|ones))? ((?:to the |towards the )?(?:left|'
    r'right)|clockwise|counter-?clockwise|anti-?clockwise|into the drawer)\b(?! (?:together|at '
    r'once|at the same time|simultaneously|in one go)\b)' % ((BARE_BLOCK,) * 3))


def block_colour(text):
    """(colour, mentioned_block) of the block a clause names; refuses missing colours."""
    noun = any_of(lx.BLOCK_NOUNS)
    for colour in lx.OTHER_COLOURS:
        if rx.search(r'\b%s(?:ish)?\s+(?:\w+\s)?%s\b' % (colour, noun), text):
            raise Refusal('there is no %s block here; the blocks are red, blue and pink' %
                          colour)
    for colour in lx.OTHER_COLOURS + lx.COLOUR_WORDS:
        # (the bulb's yellow is also called amber)
        nouns = 'led|button|switch' if colour == 'amber' else 'light|lamp|bulb|led|button|switch'
        if colour not in ('green', 'yellow') and rx.search(
                r'\b%s\s+(?:%s)\b' % (colour, nouns), text):
            raise Refusal('there is no %s light here; the lights are the yellow light bulb and '
                          'the green LED' % colour)
    found = [c for c, words in lx.COLOURS.items() if has(text, words)]
    if len(found) > 1:
        return found, True
    return (found[0] if found else None), has(text, lx.BLOCK_NOUNS) or bool(found)


def direction_of(text):
    """'left', 'right' or None: the direction a text states (the destination wins)."""
    left = has(text, lx.LEFT)
    right = has(rx.sub(r'\b%s\b' % any_of(lx.LEFT), ' ', text), lx.RIGHT)
    if left and right:
        # "push it rightward on its left side": a side is where to touch, not a way
        sideless = rx.sub(r'\b%s(?:-hand| hand)? (?:side|face|flank|edge)\b' % any_of(
            lx.LEFT + lx.RIGHT), ' ', text)
        if sideless != text and direction_of(sideless):
            return direction_of(sideless)
        # "from the right to the left": the destination wins
        m = rx.search(r'\bto(?: the)? %s' % any_of(lx.LEFT + lx.RIGHT), text)
        if m:
            return 'left' if has(m.group(0), lx.LEFT) else 'right'
        return None
    return 'left' if left else 'right' if right else None


def absent(text):
    """Whether a thing named (a block's, a light's colour) is not on the desk (`block_colour`)."""
    try:
        block_colour(' %s ' % text)
    except Refusal:
        return True
    return False


# a block's goal state said as which way it faces: "the blue block angled to the left"
FACING = ('angled', 'facing', 'oriented', 'orientated', 'pointing', 'pointed', 'heading')

# A clause that says how things are: "the drawer is open", "the red block is too far right",
# "both lights are off", "there's a block in the cabinet", "I can see the lamp is on"
SEEN = r'(?:i can see|i see|i notice|i think|i believe|it looks like|looks like|apparently)'
COPULA = (r'(?:s|is|are|was|were|has been|have been|had been|got|get|gets|sits|lies|stands|'
          r'looks|seems|remains|stays|used to be)')
STATEMENT = rx.compile(
    r'(?:' + SEEN + r'(?: that)? )?(?:there (?:is|are|s) (?:a |an |the |two )?[a-z -]+|(?:both '
    r'lights|both of them|(?:the|that|this) [a-z -]{2,40}?|two (?:of the )?blocks|the blocks|'
    r'it|they|(?:lamp|led|light ?bulb|bulb|drawer|slider|cabinet|door|switch|button)) ' +
    COPULA + r'(?! to\b(?! (?:the|its|their|your)\b)| being\b)(?: [a-z ,\'-]*)?)')
MODAL = rx.compile(r'\b(?:should|must|needs?|has to|have to|ought|want|wants|like|please|let|'
                   r'make|supposed|goal|aim|objective|task|idea|plan|target|job|outcome|result|'
                   r'desired|wish)\b')
# what a state may be said with: "the drawer is open", "the lamp is on"
STATE_WORDS = frozenset(('open', 'on', 'off', 'up', 'down', 'in', 'out', 'back', 'over', 'lit',
                         'still', 'left', 'right'))
# "do the same with the blue block", "same for the red one", "repeat that with the pink one"
SAME_WITH = rx.compile(r'(?:and |then |now )?(?:please )?(?:(?:do|repeat) )?(?:exactly )?(?:the '
                       r'same|that|this|it|same|both of those|all of that|likewise)(?: thing)? '
                       r'(?:again )?(?:with|to|for) (?:the )?(?:\w+ )?\w+'
                       r'(?: (?:block|cube|brick|one))?(?: as well| too)?')


# a list said first, that a later "the first one" refers to: "of the red block and the blue
# block, rotate the first one", "of the blue and the pink block in the cabinet, ..."
OF_LIST = rx.compile(r'^\s*(?:of|between|out of|from among|among) ((?:the )?(?:%s)(?: block| '
                     r'cube| one)?(?:,? (?:and )?(?:the )?(?:%s)(?: block| cube| one)?)+(?: '
                     r'blocks| cubes)?)(?: (?:in|inside) the (drawer|cabinet|cupboard|shelf|'
                     r'slider))?\s*,\s*' % (any_of(lx.COLOUR_WORDS), any_of(lx.COLOUR_WORDS)))
# ... and the reference to it
ORDINAL_ONE = rx.compile(r'\bthe (?:first|second|third|last|former|latter)(?: one| block| '
                         r'cube)?\b|\bthe other two\b')
