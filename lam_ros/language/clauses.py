"""Stage 3 of the parser: a command -> its clauses, in the order they must happen.

Splitting on order words ("and", "then", "after that", "before you ...", "first ...
afterwards ..."), numbered steps, positions said by a separator, and run-on commands.
"""

from functools import lru_cache

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.constraints import drawer_is_it, OTHERS
from lam_ros.language.intents import Refusal
from lam_ros.language.references import name_it
from lam_ros.language.vocab import (action_verbs, any_of, direction_of, has, OBJECT_WORDS,
                                    last_with_verb, PICK_VERBS, PUT_VERBS, RUN_ON_VERBS, SAME_WITH,
                                    STEP_VERBS, verb_words)


def _lend_block(named, clause):
    """Put the block `named` mentions in place of "it" in `clause` (clauses reordered)."""
    block = rx.search(r'\b(?:the (?:\w+ )?)?%s (?:block|cube|one|brick|object)\b' % any_of(
        lx.COLOUR_WORDS), named)    # the article may be dropped: "before you push blue block"
    picked = rx.match(r'(?:pick|lift|grab|grasp|take|raise|hold|get)\b', clause)
    if block and (picked or not rx.search(
            r'\b(?:drawer|door|slider|cabinet|switch|button|lamp|led|light)\b', named)):
        # "it" is the block, unless a fixture is named too; only a block is picked up
        return name_it(clause, block.group(0))
    return clause


VERB_TAKES = ('the', 'it', 'them', 'a', 'an', 'that', 'this', 'its', 'your', 'up', 'down', 'on',
              'off', 'out', 'over', 'back') + lx.COLOUR_WORDS


def _order_said(text):
    """Say the order words people use in the few ways split_clauses reads (pure).

    "X, but only after Y" and "X, but not until Y" are "X after Y"; "X, having first Y"
    and "X, preceded by Y" are "Y, then X"; "follow X with Y" is "X, then Y"; "before
    you do that" puts what follows before the step said just before it, and "before doing
    either of those" before all of them.
    """
    text = rx.sub(r'(?:\s*,)?\s*\b(?:but |and )?(?:only|not until|not before)\s+(?=(?:after|once|'
                  r'when|then)\b)', ' ', text)
    text = rx.sub(r'(?<=\w)(?:\s*,)?\s*\b(?:but )?(?:not until|not before)\b', ' after', text)
    if rx.match(r'\s*(?:not until|not before|only (?:after|once|when) the)\b', text):
        raise Refusal('the command puts its order in a condition ("%s"); say the steps in the '
                      'order to do them' % ' '.join(text.split()[:3]))
    text = text.strip()
    text = rx.sub(r'\b(?:when|as soon as) you(\'ve| have)\b(?! (?:a|the) (?:minute|moment|sec|'
                  r'second|chance|time)\b)', r'once you\1', text)
    # someone else's step: "you close the drawer; I'll switch off the LED; then you ..."
    text = rx.sub(r'(?<= , )(?:and )?%s (?:%s)\b[^,;]*?(?: myself)? , ' % (OTHERS, verb_words()),
                  '', text)
    # ... and said last: "pull out the drawer. I'll put the pink block in it myself"
    text = rx.sub(r' , (?:and )?%s (?:%s)\b[^,;]*$' % (OTHERS, verb_words()), '', text)
    # a step said again: "pull it open once more", "turn it off one more time", "the blue
    # block, same thing", "do the same with the blue block and then with the pink block"
    text = rx.sub(r'\b(?:once more|one more time)\b', 'again', text)
    if rx.search(r'\b(?:in )?reverse order\b|\bbackwards? order\b', text):
        raise Refusal('I do not reorder a list of steps; say the steps in the order to do them')
    # "...; but the very first thing is to push the blue block into the drawer"
    text = rx.sub(r'(?:\s*,)?\s*(?:but |and )?the (?:very )?first thing (?:is|to do is|you do is|'
                  r'should be|must be) (?:to )?', ' , zzveryfirst ', text)
    # "finally, close the drawer. before that, ... . start by taking the blue block out": the
    # very first step of a chain of "before that" (places said alone: `_by_position`)
    if rx.search(r'\bbefore (?:that|this|doing that|doing so)\b', text):
        text = rx.sub(r'(?<= , )(?:and |so |now )?(?:start|begin)(?: off)? (?:by|with) '
                      r'(?=(?:%s)\b)' % verb_words(), 'zzveryfirst ', text)
    if rx.search(r'\b(?:after that\s*,?\s*before that|before that\s*,?\s*after that)\b', text):
        raise Refusal('the command says both "before that" and "after that" of one step; say '
                      'the steps in the order to do them')
    text = rx.sub(r'(?<= , )(?:and )?(the (?:\w+ )?(?:block|cube|one))\s*,?\s*(?:the )?same '
                  r'(?:thing|again)\b', r'do the same with \1', text)
    text = rx.sub(r'(\b(?:the same|same thing|that|likewise) (?:again )?(?:with|for) [^,;]+?)'
                  r'(?: , | )(?:and )?(?:then )?(?:with|for) (the )',
                  r'\1 , then do the same with \2', text)
    # "..., then the blue block from the slider into the drawer as well"
    text = rx.sub(r'(?<= , )((?:and |then |now )*)(the (?:\w+ )?(?:block|cube|brick|one)) (from|'
                  r'out of) (the [a-z]+) (into|in|inside|onto) (the [a-z]+)(?:,? (?:too|as well|'
                  r'also))?(?= , |$)', r'\1take \2 \3 \4 , then put it \5 \6', text)
    text = rx.sub(r' , (?:and )?([^,;]+?) (?:after that|afterwards|after this)(?= , |$)',
                  r' , then \1', text)
    # "..., and once the bulb is on, rotate the blue block": a state said, not a step
    text = rx.sub(r'(?<= , )(?:and )?(?:once|when|as soon as) the (?:[a-z]+ ){0,2}?(?:bulb|'
                  r'lamp|light|led|drawer|door|slider|cabinet) (?:is|s|\'s|has been) (?:lit|on|'
                  r'off|dark|open|opened|closed|shut) , ', 'then ', text)
    text = rx.sub(r'(?:\s*,)?\s*\bthough\b(?:\s*,)?', ' , ', text)
    text = rx.sub(r'(?:\s*,)?(?: and)? follow (?:that|this|it) (?:up )?with\b', ' , then ', text)
    text = rx.sub(r'^follow (.+?) (?:up )?with (?=(?:%s)\w* )' % '|'.join(RUN_ON_VERBS),
                  r'\1 , then ', text)
    text = rx.sub(r'(?:\s*,)?\s*but before that\s*,?\s*and after (?:you )?([^,;]+?) , ([^,;]+)$',
                  r' , zzfirst \1 and \2', text)   # "X, but before that, and after Y, Z": Y Z X
    text = rx.sub(r'(?:\s*,)?(?: and| but)? before you do (?:that|so|this|it)\b(?:\s*,)?',
                  ' , zzbefore', text)
    text = rx.sub(r'(?:\s*,)?\s+(?:and |but )*([^,;]+?),? before (?:doing |you '
                  r'do |do )?(?:either|both|any|all)(?: of (?:those|them|these|that|this|it|'
                  r'the two))?$', r' , zzfirst \1', text)
    text = rx.sub(r'^before (?:you do |doing |do )?anything(?: else)?(?: with [a-z ]+?)?\s*,'
                  r'\s*', '', text)
    text = rx.sub(r'\b(after|before)\s*,?\s*not (?:after|before)\s*,?', r'\1', text)
    text = rx.sub(r'(?:\s*,)?(?: and)? after (?:all (?:of )?(?:it|that|this|those|these)|'
                  r'everything(?: else)?)\b(?:\s*,)?', ' , then ', text)
    # "having first opened the drawer, sweep the blue block into it"
    text = rx.sub(r'^having (?:first |already |just )?((?:%s) [^,;]+?) , ' % '|'.join(
        action_verbs()), r'\1 , then ', text)
    having = rx.match(r'^(.+?)(?:\s*,)?\s+(?:having|preceded by) (?:first |already |previously |'
                      r'just )?(.+?)(?:\s*,?\s*(?:first|beforehand|before|earlier))?$', text)
    if having and having.group(2).split()[0] in action_verbs():
        # "X, preceded by Y and followed by Z": Y, X, Z
        earlier = rx.split(r'\s*,?\s*(?:and )?followed by ', having.group(2), maxsplit=1)
        # "turn the blue block left, having first pushed it right": "it" is the blue block
        text = ' , then '.join([_lend_block(having.group(1), earlier[0]), having.group(1)] +
                               earlier[1:])
    return text


# Where a step says it goes among the others, and its rank: "close the drawer last, turn off
# the LED first, and in between rotate the pink block clockwise"
PLACES = ((r'first(?:ly)?|to begin with|to start(?: with)?|start by|begin by', 0),
          (r'second(?:ly)?', 1), (r'third(?:ly)?', 2), (r'fourth(?:ly)?', 3),
          (r'(?:in )?between (?:those|them|these|the two)|in between|in the middle|somewhere in '
           r'between', 5),
          (r'last(?:ly| of all)?|finish(?: up| off)? by|end by', 9))


def _place_said(part):
    """Return (rank, the part without its place word) for a step that says where it goes."""
    for words, rank in PLACES:
        said = rx.search(r'^(?:and |then )?(?:%s)\b|\b(?:%s)$' % (words, words), part)
        if said and (rank != 5 or said.start() == 0 or part.endswith('in between')):
            return rank, (part[:said.start()] + part[said.end():]).strip(' ,')
    return None, part


def _by_position(text, separator):
    """Put each step where it says it goes: first, second, last, in between (pure).

    Only where a step says so out of the order it is said in ("close the drawer last, turn
    off the LED first", "second, put the red block in the slider; first, pick it up");
    two steps in one place are refused, and so is a step said after one that goes first
    out of turn ("open the drawer, pick up the block first, and put it in": where?).
    """
    if rx.search(r'\b(?:before|after|prior|once|when|preceded|having|but first|first of all|'
                 r'first things first|wait)\b|zzfirst|zzbefore|zzveryfirst', text):
        return text
    marked = rx.sub(r'(^|, |; )(?:and )?finally\b', r'\1last', text)    # "finally" splits clauses
    parts = []
    for part in (p.strip(' ,') for p in rx.split(separator, marked)):
        if parts and _place_said(parts[-1])[1] == '':
            parts[-1] += ' ' + part         # "second, put the red block in the slider"
        elif part:
            parts.append(part)
    read = [_place_said(p) for p in parts]
    ranks = [rank for rank, _ in read]
    places = [r for r in ranks if r is not None and r != 5]
    if not any(r is not None for r in ranks):
        return text
    if len(set(places)) < len(places):
        raise Refusal('the command says two steps go in one place (first, second or last); '
                      'say the steps in the order to do them')
    if ranks[-1] == 5 and all(r is None for r in ranks[:-1]):
        if len(ranks) != 3:
            raise Refusal('"in between" said after %d steps: between which? say the steps in '
                          'the order to do them' % (len(ranks) - 1))
        # "open the drawer and close it again, and in between put the pink block in"
        ranks = [4] * (len(ranks) - 2) + [6, 5]
    said = [r for r in ranks if r is not None]
    if said == sorted(said) and ranks.index(said[0]) == 0 and (9 not in said or ranks[-1] == 9):
        # said in the order it goes: "first rotate the red block left, then the blue one, and
        # last the pink one"
        return rx.sub(r'(?:\band )?\blast(?:ly| of all)?\s*,?\s+(?=the |it\b)', 'then ', text)
    first = ranks.index(0) if 0 in ranks else 0
    if first > 0 and None in ranks[first + 1:]:
        raise Refusal('the command says a step goes first after other steps, and more after '
                      'it; say the steps in the order to do them')
    rank, last = [], 4
    for r in ranks:
        last = r if r is not None else last
        rank.append(last)
    order = sorted(range(len(parts)), key=lambda i: rank[i])
    steps = []
    for i in order:
        step = read[i][1]
        if i > 0 and not rx.search(r'\b%s\b' % any_of(lx.COLOUR_WORDS), step):
            step = _lend_block(parts[i - 1], step)     # "first, pick it up": the red block
        steps.append(step)
    return ' , then '.join(steps)


def _things_said(step):
    """Words of a step that tell it from another with the same verb (colours, fixtures, ways)."""
    return set(rx.findall(r'\b(?:%s|drawer|cabinet|slider|door|bulb|lamp|led|light|button|switch|'
                          r'on|off|left|right|up|down|open|closed|shut)\b' % any_of(
                              lx.COLOUR_WORDS), step))


def _same_step(one, other):
    """Whether two said steps are one step said twice (pure).

    "push the red block in" and "push the red block into the drawer" are; "turn on the LED"
    and "turn off the LED" are not.
    """
    one, other = (rx.sub(r'^(?:and |then |but |before (?:you |we )?|after (?:you(?:\'ve| have)? '
                         r')?)+', '', s).split() for s in (one, other))
    if not one or not other or one[0] != other[0]:
        return False
    mine, theirs = _things_said(' '.join(one)), _things_said(' '.join(other))
    return mine <= theirs or theirs <= mine


def _container_of(said, step):
    """Name in `step` the drawer its "it" is, where `said` names only the drawer."""
    if drawer_is_it(said) and not drawer_is_it(step):
        step = rx.sub(r'\b(open|close|shut) it\b', r'\1 the drawer', step)
        step = rx.sub(r'\b(out of|from|in|into|inside) it\b', r'\1 the drawer', step)
    return step


def _before_said(text):
    """Read "before you X, Y" and "..., before that, Y" said after other steps (pure).

    "open the drawer; before you put the red block in it, turn on the LED, and afterwards
    close the drawer": open, LED, put, close (Y is all that is said up to the next comma).
    "pick up the blue block and put it on the pink one; before that, open the drawer": Y
    goes before all that was said up to the comma before it; "turn the LED on last; before
    that, slide the door right, and before that, push the red block left": each "before
    that" goes before the step said just before it. A step said again there ("before
    switching off the bulb, press the button" after the bulb's step; "..., after pushing the
    red block in, close the drawer") is not done twice.
    """
    parts = text.split(' , ')
    out, ref = [], None         # ref: where the step said just before now is
    k = 0
    while k < len(parts):
        part = parts[k]
        said = rx.match(r'(?:and |but |then )?(?:before|prior to) (?:you |we )?(.+)$', part)
        if said and out and k + 1 < len(parts):
            moved = _container_of(' , '.join(out), said.group(1))
            thing = rx.findall(r'\bthe (?:[a-z]+ )?(?:bulb|lamp|light|led|door|slider|button|'
                               r'switch)\b', out[-1])
            if thing and not has(' %s ' % ' '.join(moved.split()[1:]), OBJECT_WORDS):
                moved = name_it(moved, thing[-1])  # "after you switch the bulb on, and
                #                                     before you switch it off again, ..."
            then = _lend_block(moved, _container_of(moved, parts[k + 1]))
            earlier = [j for j, step in enumerate(out) if _same_step(step, moved)]
            if earlier:
                # "before opening the drawer, switch off the bulb; before switching off the
                # bulb, press the button": the bulb is said again, not switched off twice
                out.insert(earlier[-1], then)
                ref, k = earlier[-1], k + 2
                continue
            later = k + 2 < len(parts) and _same_step(moved, parts[k + 2])
            out += [then] if later else [then, moved]     # "..., then close the drawer"
            ref, k = len(out) - 1, k + 2
            continue
        if part.startswith('zzbefore ') and out:
            at = len(out) - 1 if ref is None else ref
            out.insert(at, _lend_block(out[at], part[len('zzbefore '):]))
            ref, k = at, k + 1
            continue
        after = rx.match(r'(?:and |then )?after (?:you(?:\'ve| have)? )?(.+)$', part)
        if after and out and k + 1 < len(parts) and any(_same_step(step, after.group(1))
                                                        for step in out):
            # "..., after pushing the red block in, close the drawer"
            first = rx.match(r'(?:before|prior to) (?:you |we )?(.+)$', out[0])
            if first and _same_step(out[0], after.group(1)):
                # "before you sweep the block into the drawer, open the drawer; after
                # sweeping it in, turn on the LED": open, sweep, LED
                out = out[1:] + [first.group(1)]
            k += 1
            continue
        out.append(part)
        ref, k = None, k + 1
    return ' , '.join(out)


# An order word left inside a step once the steps are in order: the order is not read
ORDER_LEFT = rx.compile(r'\b(?:before|prior to|preceded|beforehand|having (?!(?:it|them)\b)|once '
                        r'you(?:\'ve| have))\b|'
                        r'(?<=\w )after\b(?!wards?\b)(?! (?:that|this)$)(?!$)')

# Two steps at once, or a step that waits for an event: "push it left while you turn on the
# LED", "... while the drawer is being opened", "after the LED turns itself off", "as soon as
# I say go"
AT_ONCE = rx.compile(
    r'\bwhile (?:you(?:\'re| are)? |also )?(?:%s)(?:s|ing)?\b|'
    r'\bwhile the [a-z ]+? (?:is|are) being\b|'
    r'\b(?:turns|switches|shuts|opens|closes|goes|comes|moves|slides) (?:itself|(?:on |off |out |'
    r'open |shut )?(?:by itself|on its own))\b|'
    r'\b(?:as soon as|when|once|after|until|till) (?:i|we|someone|somebody|they|he|she) (?:say|'
    r'says|tell|tells|give|gives|signal|clap|nod|shout|ask|come|comes|enter|enters|leave|'
    r'leaves)\b|'
    r'^(?:as soon as|whenever) (?!you\b)[a-z ]+? (?:is|are|gets|turns|goes)\b|'
    r'\buntil (?:it|that|this|they) (?:works?|is done|succeeds?|happens?|goes|is right)\b' % (
        '|'.join(v.rstrip('e') + '(?:e)?' for v in RUN_ON_VERBS)))


def _order_left(clauses):
    """Refuse steps whose order words were not read, rather than guess their order."""
    for clause in clauses:
        several = rx.search(r'\b(?:both(?: of)? (?:them|those|these)|them both|each of (?:them|'
                            r'those)|all of (?:them|those))\b', clause)
        if several and not SAME_WITH.fullmatch(clause):
            raise Refusal('"%s": name each thing, one step for each' % several.group(0))
        at_once = AT_ONCE.search(clause)
        if at_once:
            raise Refusal('I do one step at a time and do not wait for events ("%s"); say '
                          'the steps in the order to do them' % at_once.group(0))
        left = ORDER_LEFT.search(clause)
        if left:
            raise Refusal('I cannot tell the order of the steps ("%s" in "%s"); say the steps '
                          'in the order to do them' % (left.group(0), clause))
    return clauses


def split_clauses(text: str) -> list:
    """Ordered clauses of a normalised command (a new list each call)."""
    return list(_clauses_of(text))


# a step said as a run-on verb after "and": "close the drawer and turn off the lamp"
AND_VERB = r' and (?=(?:%s)\w* )' % '|'.join(RUN_ON_VERBS)
# "..., open the drawer before that": "before that" said after its step
BEFORE_THAT_AFTER = rx.compile(r'(?: , |%s)((?:(?! , |%s).)+?) (?:before that|prior to that|'
                               r'before doing (?:that|so|this))(?= , (?:then|and then|after that|'
                               r'afterwards|next|finally|now)\b|$)' % (AND_VERB, AND_VERB))


# "..., open the drawer before all that": said last, done first
BEFORE_ALL_AFTER = rx.compile(r'(?: , |%s)((?:(?! , |%s).)+?) (?:before (?:all|any) (?:of )?'
                              r'(?:that|this)|before (?:everything|anything)(?: else)?)$' % (
                                  AND_VERB, AND_VERB))


def _before_that_after(text):
    """Read "before that" said after its step (pure).

    "put the red block in the drawer , open the drawer before that" is "..., zzbefore open the
    drawer": the step goes before the step said just before it, so the steps said with "and"
    before it are split as if said with commas ("close the drawer and turn off the lamp and
    press the button before that": close, press, turn off).
    """
    said = BEFORE_ALL_AFTER.search(text)
    if said is not None:
        return '%s , then %s' % (said.group(1), text[:said.start()])
    said = BEFORE_THAT_AFTER.search(text)
    if said is None:
        return text
    before = text[:said.start()].split(' , ')
    before[-1] = rx.sub(AND_VERB, ' , ', before[-1])
    return '%s , zzbefore %s%s' % (' , '.join(before), said.group(1),
                                   _before_that_after(text[said.end():]))


@lru_cache(maxsize=4096)
def _clauses_of(text: str) -> tuple:
    """Split a normalised command into its clauses (cached: pure; a refusal is not cached).

    The planner splits each command twice, to read it and to check its words.
    """
    # between clauses ("right next to it" is a place, "the pink block is also in there" a state)
    separator = (r'\s*(?:,\s*)?\b%s\b(?<!\bnext(?= to\b))(?<!\bis also)(?<!\bare also)\s*|'
                 r'\s*,\s*' % any_of(lx.SEQUENCE))
    text = _by_position(_order_said(text), separator)
    # "close the drawer when you're done turning on the light": the light first
    text = rx.sub(r'^(?!.*\bthen\b)([^,;]+?) (?:when|once|after) you(?:\'re| are|\'ve| have)? '
                  r'(?:done|finished)( [a-z]+ [^,;]+)$', r'\2 , then \1', text)
    text = rx.sub(r'\b(?:after that|after which|after doing so|after doing that|having done '
                  r'(?:so|that)|as (?:a|the) (?:final|last) (?:step|thing|task)|(?:and )?'
                  r'(?:continue|end|finish(?: off| up)?) (?:by|with)|'
                  r'once (?:you(?:\'ve| have| are|\'re)? )?(?:done|finished)'
                  r'(?: (?:with )?(?:that|this|so|it))?|when (?:you(?:\'re| are|\'ve| have) )?'
                  r'(?:done|finished)(?: (?:with )?(?:that|this|it))?|once that is done|'
                  r'when that is done|once that(?: s|\'s| is| has been) done|'
                  r'when that(?: s|\'s| is| has been) done|'
                  r'(?:once|when|as soon as) (?:it|that|this|they)(?:\'s| s| is| are|'
                  r'\'re| has been| have been)? (?:lit|on|off|dark|open|opened|closed|shut|done|'
                  r'finished|there|in place|in|out)(?= ,| \w)|'
                  r'and (?:after|afterwards) (?:you(?:\'ve| have)? )?(?=[a-z]+ )|'
                  r'(?:once|when|as soon as) you(?:\'ve| have)? (?:got |grabbed |picked up )?'
                  r'(?:it|them)(?: up)?(?= ,| \w))\b',
                  ' then ', text)
    text = _before_that_after(text)
    # "..., and before that X": X goes before the step said just before it; "..., but first
    # X" and "..., but before you do that, X": before everything said so far
    text = rx.sub(r'(?:\s*,)?(?: and| but)?(?: ,)? (?:before that|prior to that|before doing '
                  r'(?:that|so|this))\b(?:\s*,)?', ' , zzbefore', text)
    text = rx.sub(r'(?:\s*,)?(?: and)? (?:but first|but before you do(?: that| so| it| this)?|'
                  r'but before doing (?:that|so|this|it)|but (?:begin|start) (?:by|with)|'
                  r'(?:but )?before (?:all|any|each|both|either) (?:of )?(?:that|this|those|'
                  r'these|them)|but before '
                  r'anything else|(?:but |and )?before (?:everything|anything)(?: else)?)\b'
                  r'(?:\s*,)?', ' , zzfirst', text)
    # "switch on the bulb, and close the drawer first": the last step said goes first
    last_first = rx.search(r'(?:\s*,\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+)'
                           r'((?:(?!\b(?:and|then)\b)[^,])+?)\s+first$', text)
    if last_first and 'zzfirst' not in text:
        text = '%s , zzfirst %s' % (text[:last_first.start()], last_first.group(1))
    # "we're closing up for the night, so ...": context that names nothing on the desk
    context = rx.match(r'^(?:we|i|it|they)\b[^,]{0,60}?(?:\s*,)? so (?:please )?(?=(?:%s) )' %
                       '|'.join(RUN_ON_VERBS), text)
    if context and not has(context.group(0), OBJECT_WORDS):
        text = text[context.end():]
    # "i need the rose block on the red one, so pick it up ...": the wish is the reason,
    # what follows "so" says how
    wish = rx.match(r'^(?:(?:for|before|after|during) [a-z ]{1,30}?,? )?'
                    r'(?:i|we) (?:need|want|would like|\'d like|wanna)\b(.*?)(?:\s*,)? so '
                    r'(?:please )?(?=(?:%s) )' % '|'.join(RUN_ON_VERBS), text)
    if wish:
        text = text[wish.end():]
        named = set(rx.findall(r'\b%s\b' % any_of(lx.COLOUR_WORDS), wish.group(1)))
        if len(named) == 1:         # "it" is the one block the wish names
            block = 'the %s block' % named.pop()
            text = name_it(text, block)
            # ... and where it is taken from: "i need the blue block out of the drawer, so take
            # it out and put it in the cabinet"
            place = rx.search(r'\b(?:out of|from) the (drawer|cabinet|slider|cupboard)\b',
                              wish.group(1))
            if place:
                text = rx.sub(r'\b((?:take|lift|get|pull|pick) %s) out\b(?! of)' % block,
                              r'\1 out of the %s' % place.group(1), text, count=1)
    text = rx.sub(r'(?:\s*,)? so (?:please )?(?=(?:%s) )' % '|'.join(RUN_ON_VERBS), ' , ', text)
    text = _split_run_on(text)
    # "switch off both lights, the LED first and then the bulb": the order said wins
    text = rx.sub(r'\b(?:both|all)(?: of)?(?: the)? (?:lights|lamps) , (the \w+(?: \w+)?) first '
                  r'(?:, )?(?:and then|then|and) ', r'\1 , then ', text)
    # "turn the lights off": both lights ("the lights" are the lamp and the LED)
    text = rx.sub(r'\b(turn|switch|put|shut|flip|turning|switching) (on |off )?the '
                  r'(lights|lamps)\b(?! (?:are|were|is|s|in|of|on the|at|by|near|next|over|'
                  r'above)\b)',
                  r'\1 \2both lights', text)
    text = rx.sub(r'\b(?:both|all)(?: of)?(?: the)? (?:lights|lamps)\b(?! (?:are|were|is|s)\b)',
                  'the lamp and the led', text)
    # "turn the lamp and the led off": the state is said once, for both
    light = r'(?:the )?(?:lamp|led|bulb|light bulb|lightbulb|green light|yellow light|diode)'
    text = rx.sub(r'\b(turn|switch|put|shut|flip) (%s) and (%s) (on|off)\b' % (light, light),
                  r'\1 \4 \2 and \3', text)
    text = rx.sub(r'(?:,|\band\b)? ?\b(?:second|secondly|third|thirdly|fourth)\b ?,?',
                  ' then ', text)
    text = rx.sub(r'(?:^|[.;]\s*|,\s*)last\s*,\s*', ' then ', text)    # "... Last, turn it off"
    text = rx.sub(r'^(?:first things first|before anything else|to begin(?: with)?|'
                  r'to start(?: with)?|to start off|as a first step|start by)\b,? ?', '', text)
    text = rx.sub(r'^(?:at )?first(?:ly)?,? ', '', text)
    text = rx.sub(r'\b(?:first|to begin with|to start)\b,?', ' ', text)
    # "open the drawer after you turn on the lamp and before you press the button"
    text = _before_said(text)
    both = rx.match(r'^(.+?),? after (?:you )?(.+?),? (?:and|but) before (?:you )?(.+)$', text)
    ordered = [both.group(2), both.group(1), both.group(3)] if both else None
    # "close the drawer before you switch off the bulb but after you put the block in it"
    both = both or rx.match(r'^(.+?),? before (?:you )?(.+?),? (?:and|but) after (?:you(?:\'ve| '
                            r'have)? )?(.+)$', text)
    if both and ordered is None:
        ordered = [both.group(3), both.group(1), both.group(2)]
    # "after opening the drawer and before closing it, turn on the light bulb"
    both = both or rx.match(r'^after (?:you )?(.+?),? and before (?:you )?(.+?) , (.+)$',
                            text) or rx.match(r'^in between (.+?) and (.+?) , (.+)$', text)
    if both and ordered is None:
        # "after you switch the bulb on, and before you switch it off again, press the
        # button", "in between turning the bulb on and turning it off, ...": "it" is the bulb
        thing = rx.search(r'\bthe (?:[a-z]+ )?(?:bulb|lamp|light|led|drawer|door|slider|'
                          r'cabinet)\b', both.group(1))
        ordered = [both.group(1), both.group(3), name_it(both.group(2), thing.group(
            0)) if thing else both.group(2)]
    match = None if both else rx.match(r'^(?:before|prior to) (?:you )?(.+?) , (.+)$', text)
    if match:
        # "before you rotate the blue block, push it left": "it" is the block named first
        ordered = [_lend_block(match.group(1), _container_of(match.group(1), match.group(2))),
                   match.group(1)]
        later = rx.search(r'\s*,\s+(?:and\s+)?(?:then|afterwards|after that)\b', ordered[0])
        if later:
            # "before you lift the red block, open the drawer; then drop the block in it":
            # what follows "then" comes after the step said with "before"
            ordered = [ordered[0][:later.start()], match.group(1),
                       ordered[0][later.end():].strip(' ,')]
    match = match or (None if both else rx.match(r'^(.+?),? (?:before|prior to) (?:you )?(.+)$',
                                                 text))
    if match and ordered is None:
        ordered = [match.group(1), match.group(2)]
    match2 = rx.match(r'^(?:after|once|when) (?:you(?:\'ve| have)? )?(.+?) , (.+)$', text)
    if ordered is None and match2:
        ordered = [match2.group(1), match2.group(2)]
    match3 = rx.match(r'^(.+?),? (?:after|once) (?:you(?:\'ve| have)? )?(.+)$', text)
    if ordered is None and match3 and not rx.search(r'\bafter(?:wards)?\b$', text):
        # "rotate the pink block once you have pushed it left": "it" is the block named
        # first; what is done "after" goes before the step said just before it ("open the
        # drawer and put the block in it after picking it up": open, pick up, put)
        main, later = match3.group(1), _lend_block(match3.group(1), match3.group(2))
        # "close the drawer after you take the block out of it, then press the button":
        # what follows "then" comes after the step said first
        rest = rx.search(r'\s*,\s+(?:and\s+)?(?:then|afterwards|after that)\b|\s*,\s+(?:and\s+)?'
                         r'(?=[^,]+ last$)|\s*,\s+and\s+(?=(?:%s|make sure)\b)' % '|'.join(
                             RUN_ON_VERBS), later)
        tail = [later[rest.end():].strip(' ,')] if rest else []
        later = later[:rest.start()] if rest else later
        cuts = list(rx.finditer(separator, main))
        grasp_then_turn = cuts and rx.match(r'(?:grab|grasp|grip|take hold of|hold|pick up|'
                                            r'pinch)\b', main) and rx.match(
            r'(?:rotate|turn|twist|spin|push|slide|nudge)\b', main[cuts[-1].end():])
        if grasp_then_turn or cuts and main[cuts[-1].end():].split()[:1] and main[
                cuts[-1].end():].split()[0] not in action_verbs():
            # "turn the blue block clockwise, and the red one counter-clockwise, in that
            # order, after closing the drawer": the step said last has no verb of its own,
            # so all of it comes after; so does "grab the red block and twist it to the
            # left", one rotation
            ordered = [later, main]
        elif cuts:
            ordered = [main[:cuts[-1].start()], later, main[cuts[-1].end():]]
        else:
            ordered = [later, main]
        ordered += tail
    parts = ordered if ordered is not None else [text]
    clauses = []
    for part in parts:
        start, at, said = len(clauses), None, None
        # "X, but first A and B": B goes with A, before X (unless a "then" puts it last)
        marker = rx.search(r'\bzz(?:before|first)', part)
        joined = marker and not rx.search(r'\b(?:then|after that|afterwards|finally|lastly|'
                                          r'next)\b', part[marker.end():])
        for c in rx.split(separator, part):
            c = c.strip(' ,') if c else ''
            before = clauses[:at or len(clauses)]
            if rx.match(r'(?:into|in|inside) the (?:[a-z]+ )?drawer\b', c) and rx.match(
                    r'(?:push|slide|shove|nudge|sweep|move|slip)\b', last_with_verb(before)) \
                    and direction_of(before[-1]):
                c = 'push it ' + c      # "push the blue block left and then into the drawer"
            if clauses and rx.match(r'(?:into|in|onto|inside|from|out of) the\b|off (?:of )?the '
                                    r'(?:[a-z]+ )?(?:table|desk|tabletop|shelf|stack|tower|pile|'
                                    r'cabinet|slider|drawer)\b', c):
                clauses[(at or len(clauses)) - 1] += ' ' + c    # "slide it off the table and
                #                                                  into the drawer"
            elif c.startswith('zzbefore'):
                c = c[len('zzbefore'):].strip(' ,')
                if c:
                    at = max(start, len(clauses) - 1 if said is None else said)
                    if at < len(clauses):
                        c = _lend_block(clauses[at], c)     # "..., before that, push it"
                    clauses.insert(at, c)
                    said = at
                    at = at + 1 if joined else None
            elif c.startswith('zzveryfirst'):
                c = c[len('zzveryfirst'):].strip(' ,')
                if c:
                    clauses.insert(0, c)
                    said, at = 0, None
            elif c.startswith('zzfirst'):
                c = c[len('zzfirst'):].strip(' ,')
                if c:
                    clauses.insert(start, c)
                    said = start
                    at = start + 1 if joined else None
            elif c and at is not None:
                read = _split_pick_place(c)
                clauses[at:at] = read
                said = at
                at += len(read)
            elif c:
                clauses.extend(_split_pick_place(c))
                said = None
    return tuple(_order_left(clauses))


PUT_TAKES = VERB_TAKES + ('in', 'into', 'inside', 'onto', 'atop', 'down')


def _split_pick_place(clause):
    """Split "grab the red block put it in the drawer" (the comma left out) in two."""
    words = clause.split(' ')
    if words[0] not in PICK_VERBS:
        return [clause]
    for k in range(2, len(words) - 1):
        if words[k] in PUT_VERBS and words[k + 1] in PUT_TAKES and words[k - 1] not in (
                'is', 'are', 'was', 'were', 'be', 'been', 'that', 'which', 'to', 'and'):
            return [' '.join(words[:k]), ' '.join(words[k:])]
    return [clause]


_RUN_ON = any_of(STEP_VERBS)


# fixtures said with no article in a transcript: "open drawer sweep blue cube in close drawer"
_FIXTURES = ('drawer', 'lamp', 'led', 'light', 'bulb', 'lightbulb', 'button', 'switch')


_ENDS_STEP = rx.compile(r'drawer|slider|cabinet|cupboard|shelf|block|cube|brick|led|lamp|bulb|'
                        r'lightbulb|button')
_TAKES = rx.compile(r'%s (?:the|it|them|a|an|%s)' % (
    any_of(RUN_ON_VERBS), any_of(lx.COLOUR_WORDS)))
_RUN_ON_THING = rx.compile(
    r'\b(drawer|slider|cabinet|cupboard|shelf|block|blocks|cube|brick|led|lamp|bulb|lightbulb|'
    r'button|switch|door|stack|tower|(?:red|blue|pink) one|(?:in|into|on|onto|inside) (?:it|'
    r'them)) (?=((?:%s|(?:turn|switch) (?:on|off)|pick up) (?:the|it|them|a|an|%s))\b)' % (
        _RUN_ON, any_of(lx.COLOUR_WORDS + _FIXTURES)))
_VERB_BEFORE = rx.compile(r'\b(?:%s|%s)\b' % (_RUN_ON, any_of(PICK_VERBS + PUT_VERBS)))


def _run_on_comma(found):
    """Return the thing with a comma after it where a step follows ("open the drawer take ...").

    A thing that ends a step and a verb with its object split wherever they are said ("see the
    pink block next to the drawer push it in there"); other forms only after a verb, since
    "from the drawer pick up the red block" and "the red one the red one push it right" say the
    thing first, and not before "it" ("... put it in the drawer sweep it in": which "it"?).
    """
    thing, step = found.group(1), found.group(2)
    split = _ENDS_STEP.fullmatch(thing) and _TAKES.fullmatch(step) or not rx.search(
        r'\b(?:it|them)$', step) and _VERB_BEFORE.search(
            found.string[:found.start()].rsplit(' , ', 1)[-1])
    return thing + (' , ' if split else ' ')


def _split_run_on(text):
    """Put the missing comma in "once you've turned off the lamp rotate the pink block".

    Also after a particle, a direction or a thing that ends a step: "turn the light bulb off
    turn the led off and close the drawer", "open the drawer take the red block out of it".

    The second clause starts at the first action verb, after the first clause's own verb,
    that is followed by what a verb takes ("the", "it", "off", a colour): "once you've
    pulled the drawer open put the block in" splits before "put", not before "open".
    """
    ends = (r'(?<!\bend )(?<!\bends )(?<!\bended )\b(off|on|up|down|out|in|open|closed|shut|left|'
            r'right|clockwise|counterclockwise) ')
    text = rx.sub(ends + r'(?=%s (?:%s)\b)' % (_RUN_ON, any_of(VERB_TAKES + _FIXTURES)),
                  r'\1 , ', text)
    # fixtures and their states said in a row: "lamp off led off", "drawer open lamp on"
    text = rx.sub(r'\b((?:lamp|led|light|bulb|lightbulb|drawer|door|slider) (?:on|off|open|closed|'
                  r'shut|left|right)) (?=(?:the )?(?:lamp|led|light|bulb|lightbulb|drawer|door|'
                  r'slider) (?:on|off|open|closed|shut|left|right)\b)', r'\1 , ', text)
    # ... and after the thing a step ends on, before a verb and its object: "open the drawer
    # take the red block out", "turn off the led turn off the lamp", "put the red block in it
    # close the drawer" (not "the green led switch off": a state)
    text = _RUN_ON_THING.sub(_run_on_comma, text)
    lead = rx.match(r'^(?:after|once|when|as soon as|before|prior to) (?:you(?:\'ve| have)? )?'
                    r'\w+ ', text)
    if lead is None or ' , ' in text:
        return text
    words = text[lead.end():].split(' ')
    for k in range(1, len(words) - 1):
        if words[k] in RUN_ON_VERBS and words[k + 1] in VERB_TAKES:
            return '%s%s , %s' % (text[:lead.end()], ' '.join(words[:k]), ' '.join(words[k:]))
    return text
