"""Stage 5 of the parser: what the clauses say about each other.

Where a block is taken from or put ("take it out" after the door moved), statements of how
things are, topics said alone, ellipsis ("..., the blue one left"), and "instead".
"""

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.cancel import cancelled
from lam_ros.language.clauses import split_clauses
from lam_ros.language.constraints import blocks_named, OTHERS, STAYS_PUT
from lam_ros.language.intents import Refusal, which_step
from lam_ros.language.normalise import normalise
from lam_ros.language.references import from_place, name_it, statement_subject
from lam_ros.language.reading import FIXTURES, unknown_object
from lam_ros.language.vocab import (action_verbs, any_of, block_colour, has, last_with_verb,
                                    OBJECT_WORDS, PICK_VERBS, PUT_VERBS, SEEN)


def resolve_containers(clauses):
    """Resolve references to the fixture named in an earlier clause.

    "open the drawer and put the block inside" -> "... put the block into the drawer";
    "grasp the drawer handle and close it" -> "... close the drawer";
    "move to the drawer and store the object" -> "... store the object in the drawer".
    A step said again keeps its last words: "..., then push the blue block into it as well".
    """
    again = [rx.search(r',? (?:again|too|as well|also)$', c) for c in clauses]
    bare = [c[:said.start()] if said else c for c, said in zip(clauses, again)]
    out = []
    for pieces, said in zip(_resolve_containers(bare), again):
        # a clause may become two: "move the pink block from the cabinet into it"
        out += pieces[:-1] + [pieces[-1] + (said.group(0) if said else '')]
    return out


TRANSFER_INTO_IT = rx.compile(r'\s*(?:move|relocate|transfer|carry|bring|shift|take|get) (.+?) '
                              r'(?:out of|from) (the (?:[a-z]+ )?(?:drawer|cabinet|cupboard|shelf|'
                              r'slider)) (?:and )?(?:into|in to|inside|in) it\s*')


def _out_of(clause, c, place):
    """Say where a block is taken "out" of, where the clause itself does not say."""
    bare = rx.fullmatch(r'\s*((?:the |a )?(?:[a-z-]+ ){0,2}?(?:block|cube|brick)) out\s*', clause)
    if bare:
        clause = 'take %s out' % bare.group(1)     # "drawer open, red block out"
    if rx.search(r'\b(?:take|taken|took|pull|pulled|get|got|lift|lifted|fish|grab|grabbed) '
                 r'(?:\w+ ){0,3}?out\b(?! of)', clause) and not has(
                     c, ('table', 'desk', 'drawer', 'cabinet', 'slider', 'from')):
        clause = rx.sub(r'^(\w+) out$', r'\1 it out', clause)    # "2) lift out"
        clause += ' from ' + place
    return clause


def _closes_drawer(clause):
    """Whether a clause closes the drawer ("close the drawer", "then shut it" does not say)."""
    return has(' %s ' % clause, lx.DRAWER) and rx.search(
        r'\b(?:close|closing|closed|shut|shutting)\b', clause) is not None


def _resolve_containers(clauses):
    named_anywhere = {name for clause in clauses for name, words in FIXTURES[:2]
                      if has(' %s ' % clause, words)}
    only_container = named_anywhere.pop() if len(named_anywhere) == 1 else None
    closed_later = [any(_closes_drawer(later) for later in clauses[k + 1:])
                    for k in range(len(clauses))]
    last, last_is_block, seen_block, out = None, False, False, []
    for k, clause in enumerate(clauses):
        moved = TRANSFER_INTO_IT.match(clause)
        into = 'the cabinet' if last == 'the sliding door' else last
        if moved and into in ('the drawer', 'the cabinet') and (into == 'the drawer') != has(
                ' %s ' % moved.group(2), lx.DRAWER):
            # "open the drawer and move the pink block from the cabinet into it"
            out.append(['take %s from %s' % moved.groups(), 'put it into %s' % into])
            seen_block = last_is_block = True
            continue
        c = ' %s ' % clause
        nouns = rx.sub(r'^\s*switch (?=it|on|off|the|that|this|them)', ' ', c)   # the verb
        named = next((name for name, words in FIXTURES if has(nouns, words)), None)
        colour = has(c, lx.COLOUR_WORDS)
        block = colour or has(c, lx.BLOCK_NOUNS)
        if named is None and last is None and only_container is not None:
            # "close the drawer after you pick up the block from it" (clauses reordered)
            clause = rx.sub(r'\b(from|in|inside|into|out of) it\b', r'\1 ' + only_container,
                            clause)
            clause = rx.sub(r'\b(out of|from)(?: in| inside)? there\b', r'\1 ' + only_container,
                            clause)
            if rx.match(r'\s*(?:put|place|drop|set|store|stow|insert|push|sweep|slide) ', clause):
                # "before closing the drawer, pick up the pink block and put it inside"
                clause = rx.sub(r'\b(?:inside|in there)$', 'inside ' + only_container, clause)
        if named is None and last is None and closed_later[k]:
            # "take out the pink block before you close the drawer": out of the drawer
            clause = _out_of(clause, c, 'the drawer')
        if not seen_block and rx.fullmatch(r'\s*(?:release|let go of) (?:it|the handle|the door)'
                                           r'\s*', c):
            out.append([clause])    # "slide the door left, then release it": the gripper lets go
            continue
        if named is None and last is not None:
            container = last in ('the drawer', 'the cabinet')
            if last == 'the sliding door':
                # "slide the door left, take the blue block out (of there)": the cabinet
                clause = rx.sub(r'\b(?:out of|from(?: in)?) there\b', 'from the cabinet', clause)
                clause = rx.sub(r'\b(?:in|into|in to) there\b', 'into the cabinet', clause)
                clause = rx.sub(r'\b(?:out of|from(?: inside| in)?) it\b', 'from the cabinet',
                                clause)
                clause = _out_of(clause, c, 'the cabinet')
                # "slide the door left, put the blue block in": into the cabinet
                clause = rx.sub(r'^((?:put|place|drop|set|store|stow|insert|slip|tuck) .+) (?:in|'
                                r'inside)$', r'\1 into the cabinet', clause)
            if last == 'the drawer':
                clause = rx.sub(r'^(close|shut)$', r'\1 the drawer', clause)   # "..., close"
            if container:
                clause = rx.sub(r'\b(?:out of|from(?: in)?) there\b', 'from ' + last, clause)
                clause = rx.sub(r'\b(?:inside(?: it)?|in there)$', 'inside ' + last, clause)
                clause = rx.sub(r'\b(push|sweep|slide|shove|nudge|put|place|drop) (.+) in$',
                                r'\1 \2 into ' + last, clause)
                clause = rx.sub(r'\b(?:into it|in it|in to it)$', 'into ' + last, clause)
                clause = rx.sub(r'\b(out of|from|from inside|inside|in) it\b', r'\1 ' + last,
                                clause)
                clause = _out_of(clause, c, last)     # "open the drawer, take out the block"
                if (has(c, ('place', 'put', 'store', 'drop', 'set', 'leave', 'insert', 'lower',
                            'deposit', 'stow')) and not rx.search(
                        r'\b(?:in|into|inside|on|onto|atop|upon)\b', c)):
                    clause = '%s in %s' % (clause, last)
            fixture_verb = rx.search(r'\b(?:open|close|shut)\b', c) is not None
            grasp = rx.match(r'\s*(?:grab|grasp|pick|lift|take|get|hold|raise|seize|fetch)\b', c)
            gripper = rx.search(r'\b(?:gripper|fingers|claw|jaws)\b', c) is not None
            # only a block is rotated: "turn on the lamp, then rotate it right"
            turned = rx.match(r'\s*(?:rotate|twist|spin|stack)\b', c) and seen_block
            if (not last_is_block or fixture_verb and not gripper) and not colour and not has(
                    c, lx.BLOCK_NOUNS) and not (grasp and seen_block) and not turned:
                clause = rx.sub(r'\bit\b', last, clause)
        seen_block = seen_block or block
        if named is not None:
            last = named
        if named is not None or block:
            last_is_block = block          # "it" then means the block, if one was named
        out.append([clause])
    return out


# letting go of a block that a rotation or a push left where it was
SET_BACK = rx.compile(r'(?:and |then )?(?:gently |carefully )?(?:release|set|put|place|lower|'
                      r'leave|let go of) (?:it|them|the block)(?: back)?(?:(?: down)? (?:on|onto) '
                      r'the (?:table|desk|tabletop|table top|surface)| down(?: in the same '
                      r'(?:place|spot)| where it was| in place)?)')

_LIKE = '|'.join(sorted((rx.escape(t) for ts in lx.COLOUR_OF.values() for t in ts), key=len,
                        reverse=True))
_COLOUR_OF_THING = rx.compile(
    r'\b(the|a|an) ((?:[a-z]+ )?(?:block|cube|brick|one)),? (?:(?:that is|that\'s|thats|which is|'
    r'in) )?the colou?r of (?:an? )?(%s)\b' % _LIKE, rx.IGNORECASE)
_COLOURED_LIKE = rx.compile(r'\b(%s)(?:[ -]colou?red|[ -]red|[ -]blue|[ -]pink|(?= (?:block|cube|'
                            r'brick|one)\b))' % _LIKE, rx.IGNORECASE)


def plain_colours(text: str) -> str:
    """Say a block's colour by name where it is said by likeness (pure).

    "the tomato-coloured cube" -> "the red cube"; "the cube the colour of a flamingo" -> "the
    pink cube"; "the fire-engine red block" -> "the red block". A likeness names a colour only
    next to a block; the checks for absent colours and unsafe words see the plain colour.
    Beside a light, "the yellow one" is the lamp and "the green one" the LED.
    """
    def light(name):
        return 'the %s %s' % (name, 'light' if name.lower() == 'green' else 'lamp')

    def colour(thing):
        thing = thing.lower().replace('-', ' ')
        return next(c for c, things in lx.COLOUR_OF.items()
                    if thing in (t.replace('-', ' ') for t in things))

    text = _COLOUR_OF_THING.sub(
        lambda m: '%s %s %s' % (m.group(1), colour(m.group(3)), m.group(2)), text)
    # "turn off the green lamp and leave the yellow one alone", "both lights on, yellow one
    # first": the lights' own colours; switched on or off, "the little green one" is a light
    size = r'(?:(?:little|small|tiny|big|bright) )?'
    if rx.search(r'(?i)\b(?:lamp|light|bulb|lightbulb|led)s?\b', text):
        text = rx.sub(r'(?i)(?:\bthe |(?<=[,;:] ))%s(green|yellow) one\b' % size,
                      lambda m: light(m.group(1)), text)
    text = rx.sub(r'(?i)\b((?:turn|switch|flip|shut|put)( on| off)?) the %s(green|yellow) one\b'
                  r'(?=( on| off)?)' % size, lambda m: '%s %s' % (m.group(1), light(m.group(
                      3))) if m.group(2) or m.group(4) else m.group(0), text)
    return _COLOURED_LIKE.sub(lambda m: colour(m.group(1)), text)


_BARE_BLOCK = rx.compile(r'(?:the |a |that |this )?(?:[a-z-]+ ){0,2}?(?:block|cube|brick)'
                         r'(?: (?:on|from|in) (?:the )?(?:table|desk|tabletop|drawer|cabinet|'
                         r'slider))?')
_BARE_STACK = rx.compile(r'(?:the |a |that |this )?(?:tower|stack|pile)(?: of (?:two |2 |the )?'
                         r'(?:blocks|cubes|bricks|two|2))?')


def topics_said_alone(clauses):
    """Read a block said alone, before the step on it, as that step's block.

    "red block, slid rightward along the table", "the red block, you make it go left by
    pushing", "bright red cube, drawer: lift it out": a noun phrase is not a step of its own
    (nor a fixture said again in the step after it).
    """
    out = list(clauses)
    verbs = set(action_verbs())
    # "drawer, lift it out": a fixture said alone is where the next step acts
    for i in range(len(out) - 2, -1, -1):
        if out[i] in lx.DRAWER + lx.SLIDER_PLACE:
            after = out[i + 1]
            if not has(' %s ' % after, lx.DRAWER + lx.SLIDER_PLACE):
                if after.split()[0] in PICK_VERBS:
                    after = '%s from the %s' % (after, out[i])
                elif after.split()[0] in PUT_VERBS:
                    after = '%s into the %s' % (after, out[i])
                else:
                    continue
            out[i + 1] = after
            del out[i]

    def bare(clause):
        return _BARE_BLOCK.fullmatch(clause) and not verbs & set(clause.split())

    i = 0
    while i < len(out) - 1:
        this, after = out[i], out[i + 1]
        if bare(this) and has(' %s ' % this, lx.BLOCK_NOUNS):
            if bare(after) and len(out) > i + 2:
                # "red block, blue block, push them left": one action for several blocks
                raise Refusal('I can hold and move only one block at a time; give one step '
                              'per block')
            if rx.search(r'\b(?:it|them)\b', after):
                out[i + 1] = name_it(after, this, r'\b(?:it|them)\b')
            elif not has(' %s ' % after, lx.BLOCK_NOUNS) and after.split()[0] in verbs | {
                    'out', 'from'}:
                verb, _, rest = after.partition(' ')
                out[i + 1] = ('take %s %s' % (this, after) if verb in ('out', 'from') else
                              '%s %s %s' % (verb, this, rest)).strip()
            else:
                i += 1
                continue
            del out[i]
        elif _BARE_STACK.fullmatch(this):
            del out[i]      # "the tower of two blocks, take away the upper one"
        else:
            i += 1
    return out


_ELLIPSIS = rx.compile(r'(?:(?:and|then|also|now|next|after that|too) )*(?:(?:the |that )'
                       r'(?P<colour>(?:[a-z-]+ )?(?:{0})) (?:block|cube|brick|one)|'
                       r'(?:the |that )?(?P<bare>{0})(?: (?:block|cube|brick|one))?)'
                       r'(?: too| as well| also| again|,? (?:the )?same(?: way| thing| '
                       r'direction)?| likewise)?'
                       .format('|'.join(lx.COLOUR_WORDS)))
# a block said with only where or which way after a step (colour: group 1)
_BLOCK_FIRST = (r'(?:(?:and|then|also|now|next) )*(?:the )?(%s)(?: block| cube| one)? '
                % '|'.join(lx.COLOUR_WORDS))
_OTHER_BLOCK_WAY = rx.compile(_BLOCK_FIRST + r'(?:the other way|the opposite way|the other '
                              r'direction|the opposite direction|the reverse way)')
_INTO_DRAWER = rx.compile(_BLOCK_FIRST + r'(?:into|in to|in) the drawer')
# "put the blue block in the drawer, then the red one in the cabinet": the put said before
_PUT_GAPPED = rx.compile(_BLOCK_FIRST + r'((?:into|in to|in|inside) the (?:%s)|(?:on|onto|on top '
                         r'of) (?:the )?(?:%s)(?: block| cube| one)?)' % (
                             '|'.join(lx.SLIDER_PLACE), '|'.join(lx.COLOUR_WORDS)))
# ... and with its verb again: "push the pink block right. the red one, push it the other way"
_VERB_BLOCK_WAY = rx.compile(
    r'(?:(?:and|then|also|now|next) )*(?P<verb>[a-z]+) (?:the )?(?P<colour>%s)(?: block| cube| '
    r'one)? (?:the other way|the opposite way|the other direction|the opposite direction)'
    % '|'.join(lx.COLOUR_WORDS))
_NAMED_BLOCK = rx.compile(r'\b(?:the (?:[a-z-]+ )?)?(?:%s)(?: (?:block|cube|brick|one))?\b' %
                          '|'.join(lx.COLOUR_WORDS))


def without_notes(raw: str):
    """Return the command's clauses without its notes and others' steps, or None if none.

    A note on the scene ("careful, the blue block is by the handle") or a step someone else
    will do ("I'll put the pink block in it myself") is dropped by the rules, not read.
    """
    text = normalise(raw)
    try:
        clauses = split_clauses(text)
    except Refusal:
        return None
    kept = [c for c in clauses if statement_subject(c) is None]
    if len(kept) == len(clauses) and not rx.search(r'\b%s\b' % OTHERS, text):
        return None
    return ' , '.join(kept) or None


def statements(clauses):
    """Drop the clauses that say how things are; refuse a command that is only those.

    "the drawer is open and the lamp is on; turn the lamp off" is one step, and "the drawer's
    still hanging open; push it in" pushes the drawer ("it" is what the statement named).
    """
    clauses = _stays_expected(clauses)
    # "the red block is stored in the cabinet and I need it picked up": where it is
    where = [any(rx.search(r'\b(?:it|them)\b', c) for c in clauses[i + 1:]) and rx.search(
        r'\b(?:is|are) (?:stored|store|kept|keep|located|positioned|parked|sitting|lying|'
        r'resting) (?:in|inside|on)\b', clause) for i, clause in enumerate(clauses)]
    said = [statement_subject(c, captions=not w) for c, w in zip(clauses, where)]
    for i, clause in enumerate(clauses[:-1]):
        # "i see the led [and] the light bulb are both on"
        seen = rx.fullmatch(SEEN + r'(?: that)? (the (?:[a-z]+ ){0,3}?[a-z]+)', clause)
        if said[i] is None and said[i + 1] is not None and seen:
            said[i] = seen.group(1)
    for i, clause in enumerate(clauses[1:], 1):
        # "i see the pink is on the left, the red on the right, so they'll move apart"
        if said[i] is None and said[i - 1] is not None and (rx.fullmatch(
                r'(?:and )?(the (?:[a-z]+ ){0,2}?[a-z]+) (?:on|in|at|to|by|near) the [a-z ]+',
                clause) or rx.match(r'so (?:that )?(?:they|it|both)(?:\'ll| will| won\'t| can)\b',
                                    clause)):
            said[i] = 'it'
    if all(s is not None for s in said):
        raise Refusal('"%s" says how things are; tell me what to do' % ', '.join(
            rx.sub(r'^i see ', '', c) for c in clauses))
    out, subject, places = [], None, {}
    for clause, thing in zip(clauses, said):
        if thing is not None:
            block_colour(' %s ' % clause)    # "FYI the green block is next to it": no such block
            unknown = unknown_object(' %s ' % clause)
            if unknown:
                raise Refusal('"%s": there is no %s here' % (clause, unknown))
            subject = thing
            # "the pink block is in the drawer": where a later step picks it up from
            place = rx.search(r'\b(?:in|inside) the (drawer|cabinet|slider|shelf|sliding '
                              r'cabinet)\b', clause)
            colour = rx.search(r'\b%s\b' % any_of(lx.COLOUR_WORDS), thing)
            if place and colour:
                places[colour.group(0)] = place.group(1)
            # "grab the pink block; it's inside the sliding cabinet": where it is picked from
            if place and out and has(' %s ' % out[-1], PICK_VERBS) and (thing == 'it' or (
                    colour and colour.group(0) in out[-1])):
                out[-1] = from_place(out[-1], place.group(1))
            continue
        if subject and not any(has(' %s ' % c, lx.COLOUR_WORDS + lx.BLOCK_NOUNS) for c in out) \
                and subject.startswith('the ') and rx.search(
                r'\b(?:it|them)\b', clause) and not has(' %s ' % clause, OBJECT_WORDS):
            clause = name_it(clause, subject, r'\b(?:it|them)\b')
        named = rx.search(r'\b%s\b' % any_of(lx.COLOUR_WORDS), clause)
        # (or wants it held: "... and I need it in your gripper", "I need it out")
        if named and named.group(0) in places and (has(' %s ' % clause, PICK_VERBS) or rx.search(
                r'\b(?:gripper|hand|out)\b', clause)):
            clause = from_place(clause, places[named.group(0)])
        out.append(clause)
    return out


def _stays_expected(clauses):
    """Drop what a step keeps as it is, said as a wish; refuse it where a step breaks it.

    "push the pink block right; the block should remain on the table" is the push; with a
    lift or a put of that block (or of a block not named) it is refused ("stack the blue block
    on the pink one; the pink block should stay put" is the stack), and alone it asks for
    nothing.
    """
    if not any(STAYS_PUT.fullmatch(c) for c in clauses):
        return clauses
    if all(STAYS_PUT.fullmatch(c) for c in clauses):
        raise Refusal('"%s" says how things should stay; tell me what to do' % ', '.join(
            clauses))
    said = next(c for c in clauses if STAYS_PUT.fullmatch(c))
    stays, last = blocks_named(said), []
    for c in clauses:
        # the block a step moves is said before where it goes: "stack it on the pink one"
        moved = blocks_named(rx.split(r'\b(?:on|onto|on top of|atop)\b', c)[0])
        if not moved and rx.search(r'\bit\b', c):
            moved = last        # "lift the blue block and stack it on ...": the blue block
        last = moved or last
        if STAYS_PUT.fullmatch(c) or not has(' %s ' % c, PICK_VERBS + PUT_VERBS + (
                'stack', 'unstack')):
            continue
        if len(stays) != 1 or has(' %s ' % c, ('unstack',)) or not moved or stays[0] in moved:
            raise Refusal('"%s", but the command moves a block off the table; say one' % said)
    return [c for c in clauses if not STAYS_PUT.fullmatch(c)]


# the step before it again, the other way: "slider left and back", "push pink right, then the
# other way", "slide the door left, ..., slide it back"
_BACK = rx.compile(r'(?:(?:and|then|now|next) )*(?:(?:go|move|come|slide|push|shove|turn|rotate|'
                   r'spin|twist) )?(?:it |them |(?P<door>the (?:slide |cabinet |cupboard )?'
                   r'(?:door|panel|slider) ))?(?:back|back again|(?:back )?(?:the other way|the '
                   r'opposite way|the other direction|the opposite direction)|in reverse|'
                   r'reverse it)'
                   r'(?: to where (?:it|they) (?:was|were|started|began)| to (?:its|their) (?:old|'
                   r'original|first|starting) (?:place|position|spot|places|positions))?'
                   r'(?: again)?')
_DOOR = rx.compile(r'\b(?:door|panel|slider)\b')
# a step said after others to take one back: "open the drawer, then undo that", "rotate the red
# block left and the blue one right, then undo the first one", "..., then do the opposite"
_UNDO = rx.compile(r'(?:(?:and|then|now|next) )*(?:undo|reverse|revert|do the (?:opposite|'
                   r'reverse)(?: of)?)(?: (?P<which>that|it|this|that step|the (?:last|earliest)'
                   r'(?: one| step)?|what you (?:just )?did))?')
_OTHER_WAY = {'left': 'right', 'right': 'left', 'clockwise': 'counterclockwise',
              'counterclockwise': 'clockwise', 'counter-clockwise': 'clockwise',
              'anticlockwise': 'clockwise', 'anti-clockwise': 'clockwise'}
_WAY = rx.compile(r'\b%s\b' % any_of(tuple(_OTHER_WAY)))


def _other_way(step):
    """Return the step with its direction reversed, or None where it says no direction."""
    if not _WAY.search(step):
        return None
    return _WAY.sub(lambda m: _OTHER_WAY[m.group(0)], step)


def _undone(step, before):
    """Return the step that takes `step` back, or refuse where no skill does.

    A way the other way, a drawer shut that was opened, a light off that was on, a block
    stacked taken off the stack, a block put away taken out (the block named in the step or
    the one before it).
    """
    back = _other_way(step)
    if back:
        return back
    if has(' %s ' % step, lx.DRAWER) and rx.search(r'\b(?:open|close|shut)\b', step):
        return 'open the drawer' if rx.search(r'\b(?:close|shut)\b', step) else \
            'close the drawer'
    state = rx.search(r'\b(on|off)\b', step)
    if state and has(' %s ' % step, lx.LIGHTBULB + lx.LED + ('light', 'switch')):
        return step[:state.start()] + ('off' if state.group(1) == 'on' else 'on') + \
            step[state.end():]
    if rx.match(r'(?:stack|put|place|set)\b', step) and rx.search(
            r'\b(?:on|onto|on top of) (?:the|it)\b', step):
        return 'take the top block off the stack'
    place = 'drawer' if has(' %s ' % step, lx.DRAWER) else 'cabinet' if has(
        ' %s ' % step, lx.SLIDER_PLACE) else None
    named = [m.group(0) for s in before + [step] for m in _NAMED_BLOCK.finditer(s)]
    if place and rx.match(r'(?:put|place|drop|set|store|pop|push|sweep|slide)\b', step) and \
            rx.search(r'\b(?:in|into|inside)\b', step) and named:
        return 'take %s out of the %s' % (named[-1], place)
    raise Refusal('"%s" has no one step that takes it back; say the step itself' % step)


def ellipsis(clauses):
    """Read a block said alone after a step as that step again, on this block.

    "rotate the pink block left, then the red one" rotates both; "pick up the red block and
    put it in the drawer, then the blue one too" picks up and puts away both; so do "push pink
    left, then red" and "..., blue the same way". "Back" or "the other way" said alone is the
    step before it the other way ("slider left and back"); "undo that" (or "undo the first
    one") is the step before it (or the first) taken back (`_undone`).
    """
    out = []
    for clause in clauses:
        undo = _UNDO.fullmatch(clause)
        if undo and out:
            first = (undo.group('which') or '').startswith('the earliest')
            out.append(_undone(out[0] if first else out[-1], [] if first else out[:-1]))
            continue
        # (not after a step that already went back: "..., then left again (twist it back)")
        went_back = _BACK.fullmatch(clause)
        if out and rx.search(r'\b(?:again|back)\b', out[-1]):
            went_back = None
        if went_back and went_back.group('door'):
            # "slide the door right, put the red block in, then slide the door the other way"
            back = next((_other_way(step) for step in reversed(out) if _DOOR.search(step) and
                         _WAY.search(step)), None)
            if back is None:
                raise Refusal('"%s": the other way from what? say left or right' % clause)
        else:
            back = None
        verb = clause.split()[0] if went_back else None
        if went_back and verb in action_verbs():
            # "slide the door left, put the blue block in, slide it back": the last slide;
            # "rotate it clockwise, push it right, then rotate it back": the last rotation
            back = back or next((_other_way(step) for step in reversed(out)
                                 if step.split()[0] == verb and _WAY.search(step)), None)
        if went_back and not back:
            back = out and _other_way(out[-1])
        if back:
            out.append(back)
            continue
        if out and rx.fullmatch(r'(?:(?:and|then) )*(?:push it |slide it )?back in', clause) and \
                rx.search(r'\b(?:open|pull|out)\b', out[-1]) and has(out[-1], lx.DRAWER):
            out.append('close the drawer')      # "drawer out and back in"
            continue
        same = out and rx.fullmatch(r'(?:(?:and|then|now|next) )*([a-z]+) (the (?:red|blue|pink) '
                                    r'block) back(?: again)?', clause)
        back = same and next((_other_way(step) for step in reversed(out) if step.startswith(
            '%s %s ' % same.groups()) and _WAY.search(step)), None)
        if back:
            out.append(back)    # "push the blue block right, then push it back" ("it" named)
            continue
        verbed = out and _VERB_BLOCK_WAY.fullmatch(clause)
        if verbed and verbed.group('verb') == out[-1].split()[0] and _NAMED_BLOCK.search(
                out[-1]) and _other_way(out[-1]):
            out.append(_NAMED_BLOCK.sub('the %s block' % verbed.group('colour'),
                                        _other_way(out[-1]), count=1))
            continue
        other = out and _OTHER_BLOCK_WAY.fullmatch(clause)
        if other and _NAMED_BLOCK.search(out[-1]) and _other_way(out[-1]):
            # "rotate the blue block clockwise, then red the other way"
            out.append(_NAMED_BLOCK.sub('the %s block' % other.group(1), _other_way(out[-1]),
                                        count=1))
            continue
        into = out and _INTO_DRAWER.fullmatch(clause)
        if into:
            # "push the red block left, then blue into the drawer": that verb, into the drawer
            step = last_with_verb(out)
            verb = step.split()[0] if step else None
            if verb not in ('push', 'sweep', 'slide', 'shove', 'nudge', 'put', 'place', 'drop'):
                raise which_step(clause)
            out.append('%s the %s block into the drawer' % (verb, into.group(1)))
            continue
        gapped = out and _PUT_GAPPED.fullmatch(clause)
        if gapped:
            verb = out[-1].split()[0]
            if verb not in PUT_VERBS:
                raise which_step(clause)
            out.append('%s the %s block %s' % (verb, gapped.group(1), gapped.group(2)))
            continue
        said = _ELLIPSIS.fullmatch(clause)
        if not said or not out:
            out.append(clause)
            continue
        block = 'the %s block' % (said.group('colour') or said.group('bare'))
        steps = out[-2:] if len(out) > 1 and out[-1].split()[0] in PUT_VERBS and \
            out[-2].split()[0] in PICK_VERBS else out[-1:]
        if not _NAMED_BLOCK.search(steps[0]) and not rx.search(r'\b(?:it|them)\b', steps[0]):
            if said.group('bare') and not rx.search(r'\b(?:the|that|block|cube|brick|one)\b',
                                                    clause):
                # "turn off the lamp, then red": that step cannot be done to a block
                raise which_step(clause)
            out.append(clause)
            continue
        for step in steps:
            if _NAMED_BLOCK.search(step):
                out.append(_NAMED_BLOCK.sub(block, step, count=1))
            elif rx.search(r'\b(?:it|them)\b', step) and step is steps[0]:
                out.append(name_it(step, block, r'\b(?:it|them)\b'))
            else:
                out.append(step)
    return out


# the verb ruled out: not one that keeps hands off ("don't touch the drawer, open it")
_NOT_HANDS_OFF = r'(?!touch|bump|hit|disturb|move|mess|bother|use|operate|change|knock|brush|go)'
_INSTEAD = rx.compile(r'^\s*(?:please )?(?:don\'?t|do not|never) ' + _NOT_HANDS_OFF +
                      r'(\w+) (the (?:[a-z-]+ )?(?:block|'
                      r'cube|brick|drawer|slider|sliding door|door|lamp|light|bulb|lightbulb|led|'
                      r'button|switch))( (?:to the )?(?:left|right|clockwise|counter-?clockwise|'
                      r'anti-?clockwise|leftwards?|rightwards?))?\s*[,;.]?\s*(?:just |only |'
                      r'instead |but |rather )*(\w+) it\b', rx.IGNORECASE)
# "don't move the sliding door right; move it left": only the way is ruled out
_INSTEAD_WAY = rx.compile(r'^\s*(?:please )?(?:don\'?t|do not|never) (?:move|slide|push|shift) '
                          r'(the (?:sliding |cabinet )?(?:door|slider|panel))(?: to the)? (?:left|'
                          r'right)\s*[,;.]?\s*(?:just |only |instead |but |rather )*(\w+) it\b',
                          rx.IGNORECASE)
# "don't open the drawer yet; first lift the pink block ..., then open the drawer": the order
# to wait is the order the steps are said in
_NOT_YET = rx.compile(r'^\s*(?:do not|don\'t|dont) ([a-z]+ the [a-z ]+?) (?:just )?yet\s*[;,.:-]+'
                      r'\s*(?:first\s+|instead\s+)?', rx.IGNORECASE)
# "don't rotate it, push the red block right": "it" is the block said after
_INSTEAD_AFTER = rx.compile(r'^\s*(?:please )?(?:don\'?t|do not|never) ' + _NOT_HANDS_OFF +
                            r'(\w+) it\s*[,;.-]?\s*(?:just '
                            r'|only |instead |but |rather )*(\w+ the (?:[a-z-]+ )?(?:block|cube|'
                            r'brick)\b)', rx.IGNORECASE)


def instead(text: str):
    """Return (text, verb ruled out or None), pure.

    "don't rotate the blue block, just push it right" is read as "push the blue block right";
    the planner refuses a plan that does what the verb ruled out.
    """
    text = cancelled(text)
    # "don't forget to close the drawer" asks for it
    text = rx.sub(r'\b(?:don\'?t|do not) (?:you )?forget (?:to|that you (?:need|have) to)\s+'
                  r'(?=[a-z])', '', text, flags=rx.IGNORECASE)
    # "don't leave the drawer open; close it": the order follows
    text = rx.sub(r'^\s*(?:don\'t|dont|do not) leave ((?:the |that )?(?:[a-z]+ ){0,2}?(?:drawer|'
                  r'door|lamp|light|bulb|led))\s+(?:open|opened|shut|closed|on|off|lit)\s*[;:,.-]+'
                  r'\s*(?=[a-z])', r'\1: ', text, flags=rx.IGNORECASE)
    # a suggestion: "why don't you lift the blue block" (no "don't" to keep)
    text = rx.sub(r'^\s*why (?:don\'t|dont|do not) you\s+', '', text, flags=rx.IGNORECASE)
    # "not the red block but the blue one: lift it" is the blue one
    text = rx.sub(r'\bnot (?:the )?(?:[a-z-]+ ){0,2}?(?:block|cube|brick|one) but (?=the\b)', '',
                  text, flags=rx.IGNORECASE)
    # Scots and others: "gonnae no open the drawer" is "don't open the drawer"
    text = rx.sub(r'^(\s*)(?:gonnae no|dinnae|dinna|don\'t you)\b', r"\1don't", text,
                  flags=rx.IGNORECASE)
    said = _NOT_YET.match(text)
    if said is not None and said.group(1).lower() in text[said.end():].lower():
        return text[said.end():], None
    said = _INSTEAD_WAY.match(text)
    if said is not None:
        return _INSTEAD_WAY.sub(r'\2 \1', text), None
    said = _INSTEAD.match(text)
    if said is not None:
        # "don't rotate the red block left, rotate it right": only the way is ruled out
        verb = said.group(1).lower()
        same_way = said.group(3) and verb == said.group(4).lower()
        return _INSTEAD.sub(r'\4 \2', text), None if same_way else verb
    said = _INSTEAD_AFTER.match(text)
    if said is not None:
        return _INSTEAD_AFTER.sub(r'\2', text), said.group(1).lower()
    return text, None


# what "out of it" or "from there" may stand for
PLACE_NAMES = lx.DRAWER + lx.SLIDER_PLACE + lx.SLIDER_DOOR + (
    'table', 'desk', 'tabletop', 'surface', 'stack', 'tower', 'pile', 'other', 'another')


_CONTAINER = r'the (?:drawer|cabinet|cupboard|shelf|slider|sliding cabinet)'
_PICK = any_of(PICK_VERBS + ('pull',))
_BARE_LIFT = rx.compile(r'(?:(?:and|then|now|first) )*%s(?: up| out)? the (?:red|blue|pink) '
                        r'(?:block|cube|one)(?: up| out)?' % _PICK)
_A_PICK = rx.compile(r'\b%s\b' % _PICK)
_PLACE_ALONE = rx.compile(r'(?:(?:and|then|now|next) )*(?:also )?the (?:red|blue|pink) '
                          r'(?:block|cube|one) ((?:out of|from(?: inside| within| in)?) %s|(?:off|'
                          r'from) the (?:table|desk))' % _CONTAINER)
_EACH_INTO = rx.compile(r'(?:(?:and|then) )*(?:%s) (?:each one|each of them|each) (?:in|into|'
                        r'inside) (%s)(?: as you go| in turn| one by one| one at a time)?'
                        % (any_of(PUT_VERBS), _CONTAINER))


def shared_place(clauses):
    """Give one place said after two blocks to both, and put each block away as asked.

    "take the red block and then the blue block out of the drawer" takes both out of the
    drawer (the first said no place of its own); "..., putting each one into the drawer as you
    go" after two or more lifts puts each block away after its lift.
    """
    out = list(clauses)
    for i in range(1, len(out)):
        alone = _PLACE_ALONE.fullmatch(out[i])
        if alone and _BARE_LIFT.fullmatch(out[i - 1]):
            out[i - 1] = '%s %s' % (out[i - 1], alone.group(1))
    each = [i for i, c in enumerate(out) if _EACH_INTO.fullmatch(c)]
    if len(each) != 1 or each[0] != len(out) - 1:
        return out
    lifts = [c for c in out[:-1] if _A_PICK.search(c) or _PLACE_ALONE.fullmatch(c)]
    if len(lifts) < 2 or len(lifts) != len(out) - 1:
        return out
    put = 'put it into %s' % _EACH_INTO.fullmatch(out[-1]).group(1)
    return [c for lift in lifts for c in (lift, put)]
