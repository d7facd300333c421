"""Free-form English -> ordered intents (what to do to which object), or a refusal.

Pure text processing, no ROS, no models. `parse_read` runs the stages in order:
normalisation (normalise.py: case, punctuation, filler; references.py: which thing "it" or
"the other light" means), whole-command checks (checks.py: safety and size), splitting
compound commands on order words (clauses.py: "and", "then", "after that", "before you ...",
"first ... afterwards ..."), rule-based reading of each clause into an `Intent` (reading.py:
family + slots: block colour, direction, surface, light, target state) and what the clauses
say about each other (context.py). Clauses that only approach or release an object ("grasp
the handle", "let it go") are merged into their neighbours, the way CALVIN instructions use
them. The planner (lam_ros.language.planner) checks the intents with retrieval, grounds them
in the scene and turns them into CALVIN tasks. This module never decides to act.
"""

from dataclasses import replace

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.checks import check_command
from lam_ros.language.clauses import split_clauses
from lam_ros.language.context import (ellipsis, instead, PLACE_NAMES, plain_colours,
                                      resolve_containers, SET_BACK, shared_place, statements,
                                      topics_said_alone)
from lam_ros.language.formal import plain
from lam_ros.language.intents import Intent, NO_BLOCK, Refusal
from lam_ros.language.normalise import heard, normalise
from lam_ros.language.references import unclear
from lam_ros.language.reading import LOOKING, read_clause
from lam_ros.language.vocab import (any_of, block_colour, direction_of, has, ROTATION_DEGREES,
                                    SAME_WITH)


MAX_CLAUSES = 8


def parse(raw: str) -> list:
    """Intents of a command in execution order; raises Refusal with the reason."""
    raw, _ = instead(plain_colours(plain(heard(raw))))
    return parse_read(raw)


def parse_read(raw: str) -> list:
    """Intents of a command already read by heard(), plain_colours() and instead().

    The planner reads a command that way itself (with the speller after heard()), so it
    calls this and does not read the command twice.
    """
    check_command(raw)
    unclear(raw)
    text = normalise(raw)
    if not text:
        raise Refusal('the command has no instruction in it')
    nowhere = rx.search(r'\b(?:out of|from(?: in| inside| within)?) (?:it|there|in there)\b', text)
    if nowhere and not has(' %s ' % rx.sub(r'\b(?:stack|pile)(?= (?:it|them|the|that|this)\b)',
                                           ' ', raw.lower()), PLACE_NAMES):
        # "take the blue block out of it": nothing named to take it from ("stack it on ..."
        # names no stack)
        raise Refusal('"%s": out of where? name the drawer or the cabinet' % nowhere.group(0))
    clauses = shared_place(ellipsis(statements(topics_said_alone(split_clauses(text)))))
    nothing = next((c for c in clauses if rx.match(r'(?:and |then )*(?:out of|from) the [a-z]+ '
                                                   r'(?:and )?(?:into|in|to) the ', c) and
                    not has(' %s ' % c, lx.BLOCK_NOUNS + lx.COLOUR_WORDS)), None)
    if nothing is not None:
        # "out of the cabinet and into the drawer", no block and no verb: which, and what?
        raise Refusal('"%s": which block, and what should I do with it?' % nothing)
    again = next((c for c in clauses if rx.fullmatch(
        r'(?:and |then |now )*(?:do (?:it|that|this) (?:again|once more|one more time|too|as '
        r'well)|repeat (?:it|that|this)(?: again| once more)?)', c)), None)
    if again is not None:
        # "open the drawer, close it, turn on the LED, and then do it again": which step?
        raise Refusal('"%s": which step? say the step again by name' % again)
    if len(clauses) > MAX_CLAUSES:
        raise Refusal('the command has %d steps; the limit is %d per command' % (
            len(clauses), MAX_CLAUSES))
    read = []
    for clause in resolve_containers(clauses):
        if read and isinstance(read[-1][1], Intent) and read[-1][1].family in (
                'rotate', 'push') and SET_BACK.fullmatch(clause):
            continue    # "turn it clockwise, then release it on the table": it stayed there
        intent = read_clause(clause)
        bare = rx.sub(r',? (?:again|too|as well|also)$', '', clause)
        if intent == 'unknown' and bare != clause and isinstance(read_clause(bare), Intent):
            # "push the blue block into it as well", "turn that off too": the step again
            intent = replace(read_clause(bare), text=clause)
        read.append((clause, intent))
    intents, pending = [], None
    for clause, intent in read:
        if intent == 'unknown' and intents and direction_of(' %s ' % clause) and rx.fullmatch(
                r'(?:and |then |now )?(?:back )?(?:(?:by )?(?:%s) degrees )?(?:to |towards )?'
                r'(?:the )?%s(?: side| again)?' % (
                    '|'.join(ROTATION_DEGREES), any_of(lx.LEFT + lx.RIGHT)), clause):
            # "push the red block to the right, then to the left", "spin it clockwise and
            # then counterclockwise"
            previous = intents[-1]
            if 'direction' in previous.slots:
                intent = Intent(previous.family, dict(previous.slots,
                                                      direction=direction_of(' %s ' % clause)),
                                clause)
        previous = intents[-1] if intents else None
        elided = rx.fullmatch(r'(?:and |then )?(?:the )?(\w+(?: \w+)?)(?: (?:block|cube|one))? '
                              r'(?:to the )?(\w+(?:-\w+)?)(?: side)?', clause)
        if previous is not None and previous.family in ('rotate', 'push') and elided and \
                not has(' %s ' % clause, lx.ROTATE + lx.PUSH) and \
                direction_of(' %s ' % clause) and \
                isinstance(block_colour(' %s ' % clause)[0], str):
            # "rotate the pink block right, the blue block left" ("red right & blue left"):
            # the verb is said once
            intent = Intent(previous.family, {'block': block_colour(' %s ' % clause)[0],
                                              'direction': direction_of(' %s ' % clause)},
                            clause, elided=True)
        if isinstance(intent, Intent) and intent.family == 'push' and previous is not None \
                and previous.family == 'slider' and intent.slots.get('block') is None and \
                rx.search(r'\b(?:it|that)\b', clause):
            # "move the sliding panel left and move it right again": "it" is the door
            intent = Intent('slider', {'direction': intent.slots.get('direction')}, clause)
        also = ALSO.fullmatch(clause) or (
            previous is not None and previous.elided and rx.fullmatch(
                r'(?:and |then )?(?:the )?(?:\w+ )?\w+(?: (?:block|cube|brick|one))?', clause))
        colour = block_colour(' %s ' % clause)[0] if also or SAME_WITH.fullmatch(clause) else None
        if isinstance(intent, Intent) and previous is not None and \
                intent.family == previous.family and intent.family in ('rotate', 'push') and \
                intent.slots.get('direction') is None and rx.search(
                    r'\b(?:the same way|in the same direction|the same direction|likewise)\b',
                    clause):
            intent.slots['direction'] = previous.slots.get('direction')   # "... the same way"
        if previous is not None and previous.family in ('rotate', 'push') and also and \
                isinstance(colour, str) and colour != previous.slots.get('block'):
            # "rotate the red block clockwise, and the blue one too"
            intent = Intent(previous.family, dict(
                previous.slots, block=colour, direction=direction_of(' %s ' % clause) or
                previous.slots.get('direction')), clause, elided=True)
        if intent == 'unknown' and SAME_WITH.fullmatch(clause) and isinstance(colour, str):
            again = _same_with(intents, colour, clause)
            if again:
                # "lift the pink block and put it in the drawer, then do the same with the
                # blue one"
                intents.extend(again)
                continue
        if previous is not None and previous.family == 'toggle':
            bare = rx.fullmatch(r'(?:and |then )?(?:(?:turn|switch|flip|toggle|put|move|push) )?'
                                r'(?:it |that |the light |the switch )?(?:(?:straight |right |'
                                r'immediately )?back )?(up|down|on|off)'
                                r'(?: again| once more)?', clause)
            if intent in ('unknown', None) and bare:
                # "flip the switch up and then down"
                intent = Intent('toggle', {'light': previous.slots['light'], 'target': (
                    'on' if bare.group(1) in ('up', 'on') else 'off')}, clause)
            elif (isinstance(intent, Intent) and intent.family == 'toggle' and
                  intent.slots.get('target') is None and not rx.search(
                      r'\b(?:press|push|flip|toggle|switch|turn|hit|tap|click|activate|'
                      r'deactivate|move)\b', clause)):
                # "turn off the lamp and the led": the verb is said once
                intent.slots['target'] = previous.slots.get('target')
        if intent == 'unknown' and previous is not None and previous.family == 'push' and \
                rx.fullmatch(r'(?:and |then )?(?:by )?(?:slide|push|shove|nudge|move) it', clause):
            continue        # "push it to the right, sliding it along the table": the same push
        if isinstance(intent, Intent) and intent.family == 'lift' and previous is not None and \
                previous.family == 'unstack' and intent.slots.get('block') is None and \
                rx.search(r'\bit\b', clause):
            continue        # "reach for the top block and take it off": one unstack
        if intent == 'unknown':
            # left to the planner: retrieval may know it, otherwise it refuses
            if pending is not None and (pending.explicit or pending.slots.get('block')):
                pending.explicit = True    # keep the order: the grasp came first
                intents.append(pending)
                pending = None
            intents.append(Intent('unknown', {}, clause))
            continue
        if intent is None and previous is not None and previous.family in ('rotate', 'push') and \
                rx.fullmatch(r'(?:and |then )?(?:lift|raise|pick) (?:it|them) up', clause):
            # "rotate the pink block right, then lift it up": a lift of its own (after a lift,
            # "lift it up" only says how)
            intent = Intent('lift', {'block': previous.slots.get('block'), 'surface': None},
                            clause)
        if intent is None:
            continue
        if pending is not None and not pending.explicit and pending.slots.get('block') is None \
                and intent.family not in ('lift', 'place', 'push_into_drawer', 'stack'):
            pending = None                 # approaching a fixture, then acting on it
        if pending is not None and not pending.explicit and intent.family in (
                'drawer', 'slider', 'toggle', 'unstack'):
            intents.append(intent)         # "the block is in the drawer; open the drawer,
            continue                       # grab it": the block waits for its action
        if pending is not None:
            # "grasp the red block and rotate it": the grasp is part of the next action
            if intent.family in ('rotate', 'push', 'lift', 'push_into_drawer', 'place',
                                 'stack') and intent.slots.get('block') is None:
                intent.slots['block'] = pending.slots.get('block')
            if intent.family == 'lift' and intent.slots.get('surface') is None:
                intent.slots['surface'] = pending.slots.get('surface')
            if intent.family in ('place', 'stack'):
                if pending.explicit or pending.slots.get('block') is not None:
                    intents.append(pending)
                elif PLACED_BY.search(pending.text):
                    # "pick up the block by the button and put it in the drawer": a block
                    # chosen by where it is, not the one held
                    raise Refusal('which block should I pick up? %s' % NO_BLOCK, final=False)
            else:
                intent.text = '%s and %s' % (pending.text, intent.text)
            pending = None
        if intent.family == 'lift' and (not intent.explicit or
                                        not _final_lift(intent, read, clause)):
            pending = intent
            continue
        intents.append(intent)
    if pending is not None and (pending.explicit or pending.slots.get('block') is not None):
        pending.explicit = True
        intents.append(pending)
    elif pending is not None and PLACED_BY.search(pending.text):
        # "slide the door left and grab the block on the far left": which block?
        raise Refusal('which block should I pick up? %s' % NO_BLOCK, final=False)
    if intents and read and read[-1][1] is None and LOOKING.match(' %s ' % read[-1][0]):
        raise Refusal('I cannot only "%s"; tell me what to do with it' % read[-1][0])
    turned = next((i for i in intents if i.family == 'toggle' and rx.search(
        r'\b(?:(?:counter|anti)-? ?)?clockwise\b|\bquarter[- ]turn\b', i.text)), None)
    if turned is not None:
        # "turn on the lamp and turn it clockwise": a light is switched, never turned round
        raise Refusal('"%s": I turn blocks round, not lights; a light is only switched on or '
                      'off' % turned.text)
    intents = _notes_kept(_merge_halves(intents))
    last_block = None
    for intent in intents:
        block = intent.slots.get('block')
        if block is None and 'block' in intent.slots and last_block and rx.search(
                r'\b(?:it|them|that one|the same block)\b', intent.text):
            intent.slots['block'] = last_block
        last_block = intent.slots.get('block') or last_block
    if not intents:
        raise Refusal('I found nothing to do in "%s"' % raw.strip(), final=False)
    return intents


# a block said by where it is: "the block by the button", "the one on the far left"
PLACED_BY = rx.compile(r'\b(?:by|next to|near|nearest|closest|beside|behind|in front of) the\b|'
                       r'\b(?:leftmost|rightmost|left-most|right-most|far left|far right)\b|'
                       r'\bon the (?:left|right)\b|\bat the (?:front|back)\b')

# "and the blue one too", "then the red one as well": the step before, on another block
ALSO = rx.compile(r'(?:and |then |now )?(?:also )?(?:the )?(?:\w+ )?\w+'
                  r'(?: (?:block|cube|brick|one))?(?: (?:to the )?(?:left|right))?,? '
                  r'(?:too|as well|also|likewise)')
BLOCK_FAMILIES = ('rotate', 'push', 'lift', 'place', 'stack', 'push_into_drawer')


def _same_with(intents, colour, clause):
    """Return the steps just done on one block, again on the `colour` block (or []).

    The steps are the last ones that act on the block named last, or on the block held.
    """
    named = next((i.slots['block'] for i in reversed(intents) if i.slots.get('block')), None)
    steps = []
    for intent in reversed(intents):
        if intent.family not in BLOCK_FAMILIES or intent.slots.get('block') not in (None, named):
            break
        steps.insert(0, intent)
    if named is None or named == colour or not any(i.slots.get('block') for i in steps):
        return []
    return [Intent(i.family, dict(i.slots, block=colour) if 'block' in i.slots else
                   dict(i.slots), clause, elided=True) for i in steps]


# A way the sliding door does not go
OTHER_WAY = (r'\b(?:up|upward|upwards|down|downward|downwards|out|outward|outwards|forward|'
             r'forwards|backward|backwards|sideways|around|open|shut|closed)\b')

# Words that ask for a step again, not say it twice: "push it left again"
SAID_AGAIN = rx.compile(r'\b(?:again|back|twice|once more|another time|too|also|as well)\b')


def repeats(last, intent) -> bool:
    """Whether `intent` says again what `last` said, rather than asking to do it twice.

    "ensure it ends up rotated left by turning it counterclockwise", "grab the top block
    and take it off the stack", "hook onto the handle and pull the drawer open".
    """
    if intent.family == 'slider' and rx.search(OTHER_WAY, intent.text):
        return False        # "slide it right, then slide it upward": a way no skill goes
    if intent.family == 'slider' and last.family == 'slider' and last.slots.get(
            'direction') and rx.match(r'\s*(?:then |and )*(?:close|shut|open)\b', intent.text):
        return False        # "move the door left, then close it": which way is closed?
    return (intent.family == last.family and intent.family != 'unknown' and
            all(last.slots.get(k) in (None, v) or v is None for k, v in intent.slots.items())
            and not SAID_AGAIN.search(intent.text))


# a note of the state a fixture must be in: "The drawer must be open before that."
NOTE = rx.compile(r'(?:and |then |now )*(?:(?:make|be) sure (?:that )?|ensure (?:that )?)?(?:the |'
                  r'that )?(?:[a-z]+ )?(?:drawer|door|slider|cabinet|cupboard|lamp|light|bulb|'
                  r'lightbulb|led|button|switch)(?: [a-z]+)? (?:(?:must|should|has to|needs to|'
                  r'ought to|will need to) (?:be|stay|remain)|is|ends up|stays|remains)\b')


def _notes_kept(intents):
    """Drop a note that says a state the steps before already leave a fixture in.

    "Turn off the lamp and the LED. The lamp must be off too.": the lamp is off already, it is
    not switched twice; a note after a step that changed the state again is a step, and a
    "make sure" that says the opposite of a step on that fixture is refused, unless a step
    between them works inside it (opened to put a block in, then closed).
    """
    kept = []
    for intent in intents:
        if intent.family in ('drawer', 'slider', 'toggle') and NOTE.match(intent.text):
            same = [i for i in kept if i.family == intent.family and (
                intent.family != 'toggle' or i.slots.get('light') == intent.slots.get('light'))]
            if same and same[-1].slots == intent.slots:
                continue
            used = kept[kept.index(same[-1]) + 1:] if same else []
            if same and rx.match(r'(?:and |then |now )*(?:(?:make|be) sure|ensure)\b',
                                 intent.text) and not any(_used_in(i, intent.family)
                                                          for i in used):
                # "turn on the LED, making sure the LED ends up off" (but "open the drawer,
                # sweep the pink block in, making sure the drawer ends up closed" closes it)
                raise Refusal('"%s" says the opposite of the step before it; say which you '
                              'want' % intent.text)
        kept.append(intent)
    return kept


def _used_in(intent, fixture):
    """Whether a step works inside the drawer or the cabinet (`fixture`: 'drawer', 'slider')."""
    return intent.family == 'push_into_drawer' and fixture == 'drawer' or fixture in (
        intent.slots.get('target'), intent.slots.get('surface'))


def _merge_halves(intents):
    """Join neighbours that describe one action on one fixture in two halves.

    "press the button and turn the green light on", "grab the door and move it left":
    the same family on the same fixture, one half missing what the other says.
    """
    merged = []
    for intent in intents:
        last = merged[-1] if merged else None
        if last is not None and repeats(last, intent):
            last.slots.update({k: v for k, v in intent.slots.items() if v is not None})
            last.text = '%s and %s' % (last.text, intent.text)
            continue
        if (last is not None and intent.family == last.family and
                intent.family in ('toggle', 'slider', 'drawer') and
                not (intent.family == 'slider' and rx.search(OTHER_WAY, intent.text)) and
                last.slots.get('light') == intent.slots.get('light') and
                all(last.slots.get(k) in (None, v) for k, v in intent.slots.items())
                and any(v is None for v in list(last.slots.values()) +
                        list(intent.slots.values()))):
            last.slots.update({k: v for k, v in intent.slots.items() if v is not None})
            last.text = '%s and %s' % (last.text, intent.text)
            continue
        merged.append(intent)
    return merged


def _final_lift(intent, read, clause):
    """Whether a lift clause is an action of its own rather than the approach to the next."""
    index = [c for c, _ in read].index(clause)
    following = [i for _, i in read[index + 1:] if i not in (None, 'unknown')]
    if not following:
        return True
    nxt = following[0]
    refers = nxt.slots.get('block') in (None, intent.slots.get('block'))
    return not (refers and nxt.family in ('rotate', 'push', 'lift', 'push_into_drawer',
                                          'place', 'stack'))
