"""Changes of mind: a later sentence that cancels steps said before it (pure, no models).

"open the drawer and turn on the lamp. Actually forget all that, just close the drawer." is
"close the drawer"; "..., and turn off the light. forget the last bit." drops the last step;
"turn on the lamp and the LED. Scratch the LED." drops the steps on the LED; "close the drawer,
no wait, never mind the drawer, just take the top block off the stack" drops the drawer.
`cancelled` says the command as the speaker finally wants it, before the constraints are
read, so "never mind the drawer" after a step on the drawer cancels that step instead of
being a promise the plan breaks. "leave X", "don't touch X" and "not X" cancel only after a
word that says the speaker changed their mind ("actually", "wait", "hmm", "no", "on second
thought"); without one they stay promises. "never mind closing it" drops the steps said with
that verb. Said first, a cancel word about nothing on the desk ("never mind the mess, ...",
"skip ahead and ...") is dropped. Where what is left would say "it" or "there" after a
cancelled step, which thing is meant is unclear, and where "forget the last bit" follows a
"before that", the last said or the last done: the command is refused. "forget the middle one"
drops the middle one of an odd number of steps; "drop the first push", "skip the rotation"
drop the step said with that verb (where it is one step, said with its own verb). A change of
the order ("..., actually, do it in the other order", "swap those two") swaps two steps said
plainly; "swap those two: first ..., then ..." is the steps said after the colon (where they
say their order; "do these in reverse order: A, B, C" is refused by the checks). A cancel of
a step by its place that none of this reads ("forget the third one") is refused, never
ignored.
"""

from lam_ros.language import rx
from lam_ros.language.intents import Refusal
from lam_ros.language.vocab import RUN_ON_VERBS

# a word that says the speaker changed their mind
_MIND = (r'(?:actually|hmm+|wait|no|oh|ok|okay|sorry|um+|uh+|er+m?|on (?:second|2nd) thoughts?|'
         r'change of plans?|scratch that|you know what)')
_MINDS = r'(?:%s\s*[,.!-]*\s*)' % _MIND
# a cancelling verb, with or without a change of mind said first
_DROP = (r'(?:forget(?: about)?|scratch|never ?mind(?: about)?|cancel|skip|leave out|ditch|'
         r'don\'?t do|do not do|no need for|don\'?t bother with|do not bother with)')
# verbs that are also steps ("drop it", "remove the blue block") cancel only a step said by its
# place as a step: "drop that last one", "remove the last step" (not "take out the second one")
_DROP_WHICH = r'(?:drop|remove|strike|delete|lose)'
_STEP_SAID = (r'(?:that (?P<which2>first|second|middle|last|final)(?: one| bit| part| step)?|'
              r'the (?P<which3>first|second|middle|last|final) (?:bit|part|step|command|'
              r'instruction|thing))')
# only after a change of mind: "actually leave the LED", "wait, don't touch the lamp"
_MIND_DROP = (r'(?:leave|don\'?t touch|do not touch|not|but not|don\'?t do|do not do|no|'
              r'without)')
# the desk's things, by the words a step on them says
THINGS = {
    'led': r'\b(?:led|button|green (?:light|lamp|bulb)|diode)\b',
    'lamp': r'\b(?:lamp|(?:light ?)?bulb|light switch|switch|yellow light|(?<!green )light)\b',
    'drawer': r'\bdrawer\b',
    'slider': r'\b(?:slider|(?:sliding |cabinet |cupboard )?door|cabinet|cupboard|shelf)\b',
    'red': r'\bred\b', 'blue': r'\bblue\b', 'pink': r'\bpink\b',
}
_ORDINAL = {'first': 0, 'second': 1, 'last': -1, 'final': -1, 'middle': None}
_PART = r'(?: (?:part|bit|step|one|thing|command|instruction|task|request))?'
_ALL = (r'(?:all (?:of )?(?:that|this|the above|of it)|everything(?: (?:else|above|i said|'
        r'before))?|(?:that|this|it) all|the whole thing|what i (?:just )?said)')
_WHICH = r'(?:the |that |this )?(?P<%s>first|second|middle|last|final)' + _PART
_THING = (r'(?P<thing>(?:the |that |this )?(?:[a-z]+ )?(?:%s)(?: (?:block|cube|one))?)%s' % (
    '|'.join(('led', 'button', 'green light', 'lamp', 'light bulb', 'bulb', 'light switch',
              'switch', 'light', 'drawer', 'sliding door', 'cabinet door', 'cupboard door', 'door',
              'slider', 'cabinet', 'cupboard', 'red', 'blue', 'pink')), _PART))
_END = (r'(?:\s+(?:too|as well|then|instead|for now|actually))?(?:\s*(?:[.;!:,-]+\s*|$)|'
        r'(?=\s+(?:and then|and|then)\s+(?:%s)\b))' % '|'.join(RUN_ON_VERBS))
_START = r'(?:^|(?<=[.;!?])\s+|\s*,\s*|\s+-+\s+|\s*\.{2,}\s*)(?:(?:and|but) )?'
_CANCEL = rx.compile(r'%s%s*(?:%s\s+(?:(?P<all>%s)|%s|%s)|%s\s+%s)%s' % (
    _START, _MINDS, _DROP, _ALL, _WHICH % 'which', _THING, _DROP_WHICH, _STEP_SAID, _END),
    rx.IGNORECASE)
_CANCEL_AFTER_MIND = rx.compile(r'%s%s+%s\s+(?:%s|%s)(?: alone| as it is| be| on| off| open| '
                                r'closed| shut)?%s' % (_START, _MINDS, _MIND_DROP,
                                                       _WHICH % 'which', _THING, _END),
                                rx.IGNORECASE)
# the pieces steps are said in, and what joins them
_JOINS = rx.compile(r'(\s*[.;!]+\s*|\s*,\s*(?:and\s+|then\s+|and then\s+)?|\s+and then\s+|'
                    r'\s+then\s+|\s+and\s+)', rx.IGNORECASE)
# what is said after the cancel to mean "only": "..., just close the drawer"
_ONLY = rx.compile(r'^\s*(?:(?:just|only|instead|and|but|rather|so|now|simply|add)\b[\s,:]*)+',
                   rx.IGNORECASE)
# a step said with only its thing, its verb said with the thing before: "turn the LED on and
# the lamp off"
_BARE = rx.compile(r'(?:the|a)\b', rx.IGNORECASE)
_VERB_FIRST = rx.compile(r'^\s*((?:[a-z]+\s+){1,2}?(?:on |off |up |down )?)(?=(?:the|a)\b)',
                         rx.IGNORECASE)


def _pieces(text):
    parts = _JOINS.split(text)
    return parts[0::2], [''] + parts[1::2]


def _thing_of(words):
    low = words.lower()
    for thing, pattern in THINGS.items():
        if thing != 'lamp' and rx.search(pattern, low):
            return thing
    return 'lamp' if rx.search(THINGS['lamp'], low) else None


def _keep(before, drop):
    """Return the steps of `before` but the pieces `drop` says (by piece index)."""
    pieces, joins = _pieces(before)
    steps = [k for k, piece in enumerate(pieces) if rx.search(r'[a-z]', piece, rx.IGNORECASE)]
    gone = [k for k in steps if drop(k, steps, pieces[k])]
    if not gone:
        return None
    kept = [k for k in steps if k not in gone]
    if any(rx.search(r'\b(?:it|them|there|that one)\b', pieces[k], rx.IGNORECASE)
           for k in kept if k > gone[0]):
        raise Refusal('after what was cancelled I cannot tell what "it" means; say the whole '
                      'command again as you want it')
    said = ''
    for k in kept:
        piece = pieces[k]
        verb = _VERB_FIRST.match(pieces[k - 1]) if k - 1 in gone else None
        if verb and _BARE.match(piece.strip()):
            piece = verb.group(1) + piece.strip()   # "turn the LED on and the lamp off"
        said += (joins[k] if said else '') + piece
    return said


# said first, a cancel word about nothing on the desk: "never mind the mess, ...", "skip ahead
# and ...", "forget about being gentle, just ..."
_ASIDE = rx.compile(r'^\W*(?:(?:never ?mind|forget(?: about)?|ignore|skip)\s+([^,;:.]{1,40}?)\s*'
                    r'[,;:.-]+|skip ahead (?:and|to)|skip over to)\s*(?:just\s+|and\s+)?(?=[a-z])',
                    rx.IGNORECASE)
_DESK = rx.compile(r'\b(?:led|button|diode|lamp|bulb|lights?|switch|drawer|slider|door|cabinet|'
                   r'cupboard|shelf|red|blue|pink|blocks?|cubes?|ones?|steps?|bits?|parts?|it|'
                   r'that|this|them|all|everything)\b', rx.IGNORECASE)
# "never mind closing it", "skip the rotating": the steps said with that verb
_DOING = rx.compile(r'(?:^|(?<=[.;!?])\s+|\s*,\s*)(?:(?:and|but|actually|oh|hmm|no|wait),?\s+)*'
                    r'(?:never ?mind|forget(?: about)?|skip|scratch|cancel)\s+(?:the\s+)?'
                    r'([a-z]+)ing(?: it| them| that| the [a-z ]{2,20}?)?\s*(?:[.;!:,-]+\s*|$)',
                    rx.IGNORECASE)


def _aside(text):
    said = _ASIDE.match(text)
    if said and not (said.group(1) and (_DESK.search(said.group(1)) or rx.search(
            r'\b(?:rules?|instructions?|safety|limits?|checks?|orders?|commands?|prompts?)\b',
            said.group(1), rx.IGNORECASE))):
        return text[said.end():]
    return text       # (not "forget the rules, ...": the checks refuse that)


def _nth(steps, which, said):
    """Return the step `which` ("first", "middle", "last") names, or refuse if none is."""
    at = _ORDINAL[which.lower()]
    if at is None and len(steps) % 2 and len(steps) > 1:
        at = len(steps) // 2
    if at is None or len(steps) <= max(at, 0):
        raise Refusal('"%s": I cannot tell which step that is; say the whole command again as '
                      'you want it' % said.group(0).strip(' ,.;!-'))
    return steps[at]


# the order of what was said, asked to change: "..., actually, do it in the other order",
# "swap those two: first ..., then ...", "do them the other way round"
_REORDER = (r'(?:do (?:it|them|those|these|that|this|the two|both) )?(?:in )?(?:the )?(?:other|'
            r'opposite|reverse|reversed) (?:order|way (?:round|around))|swap (?:those|them|these|'
            r'the two|the order)(?: two| steps| around| round)?|switch the order|the other way '
            r'(?:round|around)|(?:do (?:it|them) )?(?:back ?to ?front|backwards)')
_REORDER_LAST = rx.compile(r'(?:^|(?<=[.;!?])|\s*,|\s+-+)\s*(?:%s)*(?:%s)\s*[.!]*\s*$' % (
    _MINDS, _REORDER), rx.IGNORECASE)
_REORDER_SAID = rx.compile(r'(?:^|(?<=[.;!?])|\s*,|\s+-+)\s*(?:%s)*(?:%s)\s*:\s*(?=\S)' % (
    _MINDS, _REORDER), rx.IGNORECASE)


def _reordered(text):
    """Say two steps in the order asked for after them, or the steps said after "swap:"."""
    said = _REORDER_SAID.search(text)
    if said and rx.search(r'\b(?:first|then|after that|afterwards|last|before)\b',
                          text[said.end():], rx.IGNORECASE):
        return text[said.end():]        # "swap those two: first ..., then ...": as said again
    if said:
        return text     # "do these in reverse order: A, B, C": which order? (the checks refuse)
    said = _REORDER_LAST.search(text)
    if said is None or not rx.search(r'[a-z]', text[:said.start()], rx.IGNORECASE):
        return text
    pieces, _ = _pieces(text[:said.start()].rstrip(' ,.;!'))
    steps = [rx.sub(r'^\s*(?:first|firstly)\s*,?\s+', '', piece, flags=rx.IGNORECASE)
             for piece in pieces if rx.search(r'[a-z]', piece, rx.IGNORECASE)]
    if len(steps) != 2 or any(rx.search(r'\b(?:it|them|there|before|after|first|then)\b', p,
                                        rx.IGNORECASE) for p in steps):
        raise Refusal('"%s": I can swap two steps, said plainly; say the steps in the order to '
                      'do them' % said.group(0).strip(' ,.;!-'))
    second = rx.sub(r'^\s*(?:and|then|first)\s+', '', steps[1].strip())
    verb = rx.match(r'\s*([a-z]+(?: (?:up|on|off))?) (?=the\b)', steps[0], rx.IGNORECASE)
    if verb and rx.match(r'(?:the |a )?(?:red|blue|pink)\b', second, rx.IGNORECASE):
        second = '%s %s' % (verb.group(1), second)     # "... and the blue block right": gapped
    return '%s, then %s' % (second, steps[0].strip())


def cancelled(text: str) -> str:
    """Return the command as the speaker finally wants it (see the module)."""
    text = _reordered(_aside(rx.sub(r'\s*[\u2013\u2014]+\s*', ' - ', text)))
    # "actually not the drawer, and not the lamp, and skip the button": each one cancelled
    said = None
    while said != text:
        said, text = text, rx.sub(r'(\b%s\s*[,.!-]*\s*(?:%s|%s)\s+[^,;.]+?)\s*,?\s+and\s+'
                                  r'(?=(?:%s|%s)\s+(?:the|that)\b)' % (
                                      _MIND, _MIND_DROP, _DROP, _MIND_DROP, _DROP),
                                  r'\1. actually ', text, count=1, flags=rx.IGNORECASE)
    doing = _DOING.search(text)
    if doing and rx.search(r'[a-z]', text[:doing.start()]):
        stem = doing.group(1).lower()
        kept = _keep(text[:doing.start()], lambda k, steps, piece: bool(rx.match(
            r'\s*(?:and |then |now )*(?:%s|%se)\b' % (stem, stem), piece.lower())))
        if kept is not None and rx.search(r'[a-z]', kept):
            rest = _ONLY.sub('', text[doing.end():])
            text = kept.rstrip(' ,.;') + (', ' + rest if rest.strip() else '')
    # "skip the button, er, the lamp": the thing said last
    text = rx.sub(r'(\b%s\s+)(?:the |that )?[a-z]+(?: [a-z]+)?\s*,\s*(?:er+m?|um+|uh+|no|sorry|'
                  r'i mean)\s*,\s*(?=(?:the|that)\b)' % _DROP, r'\1', text, flags=rx.IGNORECASE)
    text = _by_what_done(text)
    return _settled(_cancel_said(text))


# a step said by what it does: "drop the first push", "skip the rotation", "scratch the slide"
_DONE_BY = {'push': ('push', 'shove', 'nudge', 'slide'), 'slide': ('slide', 'move', 'shift'),
            'rotation': ('rotate', 'turn', 'twist', 'spin'), 'twist': ('twist', 'rotate', 'turn'),
            'spin': ('spin', 'rotate', 'turn'), 'lift': ('lift', 'pick', 'take', 'grab', 'raise'),
            'stack': ('stack',)}
_DONE = rx.compile(r'%s%s*(?:%s|%s)\s+(?:the|that)\s+(?:(?P<which>first|second|middle|last|'
                   r'final)\s+)?(?P<noun>%s)%s' % (
                       _START, _MINDS, _DROP, _DROP_WHICH, '|'.join(_DONE_BY), _END),
                   rx.IGNORECASE)


def _by_what_done(text):
    """Drop the step a cancel names by what it does ("drop the first push"), or refuse."""
    said = _DONE.search(text)
    if said is None or not rx.search(r'[a-z]', text[:said.start()], rx.IGNORECASE):
        return text
    verbs = _DONE_BY[said.group('noun').lower()]
    pieces, _ = _pieces(text[:said.start()])
    steps = [k for k, piece in enumerate(pieces) if rx.search(r'[a-z]', piece, rx.IGNORECASE)]
    first = [rx.match(r'\s*(?:(?:and|then|now|next|also)\s+)*([a-z]+)', pieces[k].lower())
             for k in steps]
    # (a step on a block: "turn on the lamp" is no rotation, "push the button" no push)
    done = [k for k, verb in zip(steps, first) if verb and verb.group(1) in verbs and (
        said.group('noun').lower() == 'slide' or not rx.search(
            r'\b(?:on|off|lamp|light|bulb|led|button|switch|drawer|door|slider|cabinet)\b',
            pieces[k], rx.IGNORECASE))]
    bare = [k for k, verb in zip(steps, first) if not (verb and verb.group(1) in RUN_ON_VERBS)]
    which = said.group('which')
    if not done or bare or (len(done) > 1 and not which):
        # "slide the door left and then right; drop the slide": which one?
        raise Refusal('"%s": I cannot tell which step that is; say the whole command again as '
                      'you want it' % said.group(0).strip(' ,.;!-'))
    gone = _nth(done, which, said) if which else done[0]
    kept = _keep(text[:said.start()], lambda k, steps, piece: k == gone)
    rest = _ONLY.sub('', text[said.end():])
    return _joined(kept, rest)


def _joined(kept, rest):
    """Join the steps kept before a cancel and what is said after it."""
    return kept.rstrip(' ,.;') + (', ' + rest if kept.strip() and rest.strip() else rest)


# a cancel of a step by its place that no reading above took: refused, never ignored
_UNSETTLED = rx.compile(r'\b(?:forget|scratch|skip|drop|cancel|never ?mind|strike|delete|'
                        r'leave out|ditch)\s+(?:about\s+)?(?:the|that|this)\s+(?:first|second|'
                        r'third|middle|last|final|previous|earlier|other)\s+(?:one|bit|part|step|'
                        r'thing|'
                        r'command|instruction|push|slide|rotation|twist|spin|lift|stack)\b',
                        rx.IGNORECASE)


def _settled(text):
    unsettled = _UNSETTLED.search(text)
    if unsettled:
        raise Refusal('"%s": I cannot tell which step that cancels; say the whole command again '
                      'as you want it' % unsettled.group(0))
    return text


def _cancel_said(text):
    """Apply each cancel of steps said before it, by thing, by place or all of them."""
    while True:
        said = _CANCEL.search(text) or _CANCEL_AFTER_MIND.search(text)
        if said is None or not rx.search(r'[a-z]', text[:said.start()], rx.IGNORECASE):
            return text
        before, rest = text[:said.start()], _ONLY.sub('', text[said.end():])
        again = rx.match(r'\s*((?:the|that) [a-z ]{2,20}?)\s*(?:[,.;]\s*(?:and\s+)?|\s+and\s+|$)',
                         rest, rx.IGNORECASE)
        found = said.groupdict()
        everything, thing = found.get('all'), found.get('thing')
        which = found.get('which') or found.get('which2') or found.get('which3')
        if everything:
            kept = ''
        elif which:
            if rx.search(r'\b(?:before|after|first|prior|last|finally|afterwards)\b', before,
                         rx.IGNORECASE):
                # "push the blue block right. push the red block left before that. forget the
                # last bit": the last said or the last done?
                raise Refusal('"%s": the steps are said in another order than they are done; '
                              'say the whole command again as you want it' %
                              said.group(0).strip(' ,.;!-'))
            kept = _keep(before, lambda k, steps, piece: k == _nth(steps, which, said))
        else:
            named = _thing_of(thing)
            kept = named and _keep(before, lambda k, steps, piece: bool(rx.search(
                THINGS[named], piece.lower())) and (
                    named != 'lamp' or _thing_of(piece) == 'lamp'))
        if kept is None:
            return text     # nothing said before is cancelled: a promise, left to the checks
        if again and _thing_of(again.group(1)) and _thing_of(again.group(1)) == _thing_of(kept):
            rest = rest[again.end():]       # "... just the LED, and open the drawer"
        if not rx.search(r'[a-z]', kept + rest, rx.IGNORECASE) and not everything:
            return text     # "lift the blue block, no, not the blue one": left to the checks
        if not rx.search(r'[a-z]', kept + rest, rx.IGNORECASE):
            raise Refusal('"%s" cancels everything said; tell me what to do' %
                          said.group(0).strip(' ,.;!-'))
        text = _joined(kept, rest)
