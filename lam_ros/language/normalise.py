"""Stage 1 of the parser: free-form text -> one canonical form (pure, no models).

Case, punctuation, Unicode, filler and politeness, speech-to-text mishearings, typed task
keys, notes in brackets, corrections ("the red no sorry the blue block"), topics ("the
drawer: open it"), scene descriptions said first, and rare verbs read as the common ones.
Everything after this stage reads the canonical form.
"""

import collections
import unicodedata
from functools import lru_cache

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.constraints import drawer_is_it, OTHERS
from lam_ros.language.intents import Refusal
from lam_ros.language.references import (blocks_described, BOTH_LIGHTS_FIRST, both_lights_first,
                                         drawer_it, from_place, it_is, lights_described,
                                         name_it, one_said_before, past_state, said_first,
                                         scene_first)
from lam_ros.language.vocab import (absent, action_verbs, AFTER_YOU, any_of, APPROACH_FIRST,
                                    APPROACH_THING, BARE_BLOCK, CLOCK, COLON_CONTEXT,
                                    direction_of, GOAL_FIRST, GOES_INTO, has, HEADERS, HEARD,
                                    HOMOPHONES, LIGHT_CEASE, light_off, NO_NEED, OBJECT_WORDS,
                                    PICK_VERBS, PUT_VERBS, RUN_ON_VERBS, SAID_OF_EACH,
                                    SHARED_OBJECT, SUBJECT_YOU, URGENCY, VERB_AT, verb_senses,
                                    verb_stem, verb_words)
from lam_ros.world.tasks import TASKS


# please and thanks in the languages an operator may slip into
_PLEASE = rx.compile(r'\b(?:bitte(?: sch(?:ö|oe)n)?|por favou?r|per favore|s\'?il (?:vous|te) '
                     r'pla(?:i|î)t|alsjeblieft|alstublieft|onegai(?: shimasu)?|kudasai|'
                     r'pozhal(?:u|ui|uy|uj)sta|prosz(?:ę|e)|l(?:ü|u)tfen|min fadl(?:ak|ik)|qing|'
                     r'prego|parakalo)\b', rx.IGNORECASE)
_THANKS = rx.compile(r'\b(?:danke(?: sch(?:ö|oe)n)?|gracias|merci(?: beaucoup)?|grazie|'
                     r'obrigad[oa]|arigat(?:o|ou)(?: gozaimasu)?|spasibo|dzi(?:ę|e)kuj(?:ę|e)|'
                     r'xie ?xie|shukran|te(?:ş|s)ekk(?:ü|u)rler|dank ?je(?:wel)?|kiitos|tack|'
                     r'takk|tak|d(?:ě|e)kuji|hvala|mul(?:ț|t)umesc|k(?:ö|o)sz(?:ö|o)n(?:ö|o)m|'
                     r'efcharist(?:o|ó)|toda|kamsahamnida|gamsahamnida)\b',
                     rx.IGNORECASE)


def courteous(text: str) -> str:
    """Say please and thanks typed in another language in English (pure).

    "Close the drawer, bitte." is "Close the drawer, please."; "Bitte, rotate ..." is not said
    to someone named Bitte.
    """
    return _THANKS.sub('thanks', _PLEASE.sub('please', text))


def heard(text: str) -> str:
    """Read a command as its words: Unicode's plain forms, and slips no speller mends (pure).

    "ｏｐｅｎ ｔｈｅ ｄｒａｗｅｒ" is "open the drawer"; "the read block", "to the rite", "the
    pinkblock", "turnoff". An invisible character beside a space, a picture at the end
    ("please close the drawer 🙏") and a face in signs (":)") are dropped; an invisible
    character inside a word ("s\u200bmash") or a picture between words stays, for
    check_command to refuse.
    """
    text = unicodedata.normalize('NFKC', text)
    padded = ' %s ' % text
    text = ''.join(c for i, c in enumerate(text) if unicodedata.category(c) != 'Cf' or (
        not padded[i].isspace() and not padded[i + 2].isspace()))
    pictures = ''.join(sorted({c for c in text if unicodedata.category(c) == 'So' and c != '°'}))
    if pictures:
        # with what draws them: a variation selector, a joiner, a skin tone
        text = rx.sub('[\\s%s\ufe0f\u200d\U0001F3FB-\U0001F3FF]*$' % pictures, '', text)
    # a face typed in signs, between words: "push it left :)", "thanks <3", "xD"
    text = rx.sub(r'(?:^|(?<=\s))(?:[:;=][\'-]?[()\[\]DPpO/|*]+|<3|[xX]D|\^_*\^)(?=\s|$|[.!?,])',
                  ' ', text)
    # a way as one capital letter after a thing or a verb: "push blu blk L", "cab door R"
    text = rx.sub(r'\b((?i:push|slide|move|shove|nudge|rotate|rot|turn|twist|door|block|blk|cube|'
                  r'slider|sldr|one|not))\s+([LR])\b(?![\'/])',
                  lambda m: '%s %s' % (m.group(1), 'left' if m.group(2) == 'L' else 'right'), text)
    for pattern, word in HEARD + HOMOPHONES:
        text = rx.sub(pattern, word, text, flags=rx.IGNORECASE)
    return _block_as_person(text)


PEOPLE = ('person', 'people', 'man', 'woman', 'boy', 'girl', 'child', 'kid', 'baby', 'son',
          'daughter', 'mum', 'mom', 'dad', 'father', 'mother', 'friend', 'colleague', 'boss',
          'operator', 'user', 'human', 'someone', 'somebody', 'anyone', 'he', 'she', 'his',
          'guy', 'lady', 'sir', 'madam', 'brother', 'sister', 'husband', 'wife', 'teacher')


def _block_as_person(text):
    """Say "it" for a block said as "him" or "her" ("the blue block, push him left").

    Only where one block is named before it and no person is named anywhere: "push him"
    alone, or after two blocks, stays, for check_command to refuse.
    """
    low = text.lower()
    pronoun = rx.search(r'\b(?:him|her)\b', low)
    if pronoun is None or has(low, PEOPLE) or len(set(rx.findall(
            r'\b(red|blue|pink)\b', low[:pronoun.start()]))) > 1 or not rx.search(
                r'\b(?:red|blue|pink|block|cube|brick)\b', low[:pronoun.start()]):
        return text
    return rx.sub(r'\b(%s)((?: up| down)?) (?:him|her)\b' % verb_words(), r'\1\2 it', text,
                  flags=rx.IGNORECASE)


A_LIGHT_IS = (r'(?:it|the (?:green |yellow )?(?:led|lamp|bulb|light))(?:\'s| is) (?:currently |'
              r'still |already )?(?:on|off)(?: right now| now| at the moment)?')


def _task_words(key):
    """Say a CALVIN task key in words ("lift_red_block_slider": lift ... from the slider)."""
    lift = rx.fullmatch(r'lift_(\w+)_block_(table|slider|drawer)', key)
    if lift:
        return 'lift the %s block from the %s' % lift.groups()
    if key == 'push_into_drawer':
        return 'push the block into the drawer'
    return key.replace('_', ' ')


# Field names an engineer types: what to do ("task=lift"), then its slots ("block=red")
_VERB_FIELDS = ('task', 'action', 'cmd', 'op')
_SLOT_FIELDS = ('block', 'obj', 'object', 'color', 'colour', 'from', 'source', 'src', 'target',
                'to', 'dest', 'destination', 'into', 'dir', 'direction', 'way')
_FIELDS = _VERB_FIELDS + _SLOT_FIELDS + ('state',)


def _engineer(text):
    """Read what an engineer types: task keys, calls, fields and lists.

    "turn_off_led", "open_drawer && push_into_drawer", '["turn_on_led", "turn_off_led"]',
    "lift(block='blue', from='drawer')", "task=lift block=pink from=drawer",
    "ACTION: push; OBJ: blue_block; DIR: left". A snake_case name that is no task key
    ("open_drawer_2", "lift_green_block_table") is refused.
    """
    keys = rx.findall(r'\b[a-z]+(?:_[a-z0-9]+)+\b', text)
    fields = rx.findall(r'\b%s\s*[=:]' % any_of(_VERB_FIELDS + _SLOT_FIELDS), text)
    if not keys and len(fields) < 2 and not rx.search(r'\b[a-z]+\(', text):
        return text
    text = rx.sub(r'[\[\]"\'`]', ' ', text)
    # a method: "drawer.close()", "led.off()", "robot.rotate(...)"
    text = rx.sub(r'\b(?:robot|arm|lam|self)\.', '', text)
    text = rx.sub(r'\b([a-z]+)\.(on|off)\(\s*\)', r'turn \2 the \1', text)
    text = rx.sub(r'\b([a-z]+)\.([a-z]+)\(\s*\)', r'\2 the \1', text)
    for call in rx.finditer(r'\b([a-z]+(?:_[a-z]+)*)\(([^()]*)\)', text):
        names = rx.findall(r'\b([a-z_]+)\s*=', call.group(2))
        if (call.group(1) in TASKS and call.group(2).strip()) or set(names) - set(_FIELDS):
            raise Refusal('"%s": I know no such setting; a task takes only its block, place and '
                          'direction' % call.group(0))
    # a call: "rotate_block(color=red, dir=cw)" is "rotate block color=red dir=cw"
    text = rx.sub(r'\b([a-z]+(?:_[a-z]+)*)\(([^()]*)\)', lambda m: ' %s %s ' % (
        m.group(1) if m.group(1) in TASKS else m.group(1).replace('_', ' '),
        m.group(2).replace(',', ' ')), text)
    if len(fields) >= 2:
        text = rx.sub(r'\s*[;|]\s*(?=%s\s*[=:])' % any_of(_SLOT_FIELDS), ' ', text)
    text = rx.sub(r'\b(?:task|action|cmd|op)\s*[=:]\s*', ' ', text)
    text = rx.sub(r'\b(?:block|obj|object|colou?r)\s*[=:]\s*([a-z]+)(?:_(?:block|cube))?\b',
                  r' the \1 block ', text)
    text = rx.sub(r'\b(?:from|source|src)\s*[=:]\s*([a-z_]+)', r' from the \1 ', text)
    text = rx.sub(r'\b(?:target|to|dest|destination|into)\s*[=:]\s*([a-z_]+)', r' into the \1 ',
                  text)
    text = rx.sub(r'\b(?:dir|direction|way|state)\s*[=:]\s*([a-z_-]+)', r' \1 ', text)
    text = rx.sub(r'\b(?:red|blue|pink)_(?:block|cube)\b', lambda m: 'the %s block' % (
        m.group(0).split('_')[0]), text)
    text = rx.sub(r'\bsliding_cabinet\b', 'sliding cabinet', text)
    for key in rx.findall(r'\b[a-z]+(?:_[a-z0-9]+)+\b', text):
        # a name shaped like a task key that is none: "open_drawer_2", "lift_green_block_table"
        if key not in TASKS and len(key.split('_')) >= 3 and key.split('_')[0] in (
                'lift', 'rotate', 'push', 'move', 'open', 'close', 'turn', 'place', 'stack',
                'unstack'):
            raise Refusal('"%s" is not one of my tasks; the tasks are the CALVIN task keys, '
                          'such as open_drawer or lift_red_block_table' % key)
    text = rx.sub(r'\b[a-z]+(?:_[a-z]+)+\b', lambda m: _task_words(m.group(0)) if m.group(
        0) in TASKS else m.group(0), text)
    text = rx.sub(r'\s*;\s*', ' ; ', text)
    return rx.sub(r'\s+', ' ', text).strip()


# an engineer's shorthand at a terminal: steps joined by "->", "|" or "&&", a task key run
# by name ("exec open_drawer"), one letter for a way ("push blue R", "slider L"), the place
# of a pick in brackets or after "@" ("lift red (drawer)", "grab blue @ cabinet")
# (steps are joined only where no field is said: "action: drawer -> close" is one field)
STEP_JOIN = rx.compile(r'\s*(?:&&|\|\||->|=>|\||(?<=\s)[>/](?=\s))\s*')
RUN_KEY = rx.compile(r'(?:^|(?<=[,;]\s)|(?<=\bthen\s))(?:exec|execute|run|cmd|call|do)\s*:?\s+'
                     r'(?=(?:%s|%s)\b)' % ('|'.join(TASKS), verb_words()))
_SHORT_PLACE = r'(drawer|drwr|drw|cabinet|cab|slider|sldr|cupboard|shelf|table|desk)'
_SHORT_PICK = r'(?:lift|pick(?: up)?|grab|take|get|fetch|raise)'


def _shorthand(text):
    """Read an engineer's shorthand as the words it stands for (pure)."""
    # a thing, then its state, as a whole step: "drawer -> shut", "lamp => on"
    text = rx.sub(r'(^|[,;|]\s*|(?:->|=>)\s*)(drawer|drwr|lamp|led|light|bulb|slider|door)\s*'
                  r'(?:->|=>)\s*(open|close|closed|shut|on|off|left|right|l|r)(?=\s*(?:$|[,;|]|'
                  r'->|=>))', r'\1\2 \3', text)
    if not rx.search(r'\b%s\s*[=:]' % any_of(_FIELDS), text):      # not "action: drawer -> close"
        text = STEP_JOIN.sub(' , then ', text)
    text = RUN_KEY.sub('', text)
    # steps numbered with bare digits: "1 open drawer 2 lift pink 3 close drawer"
    if rx.match(r'\s*1 [a-z]', text):
        marks = rx.findall(r'(?<= )(\d)(?= [a-z])', text)
        if marks and [int(m) for m in marks] == list(range(2, len(marks) + 2)):
            text = rx.sub(r'(?<= )\d(?= [a-z])', ';', rx.sub(r'^\s*1 ', '', text))
    # one letter for a way: "push blue r", "slider l", "to the l"
    text = rx.sub(r'(?<=[a-z] )(l|r)(?=\s*(?:$|[,;.!]|\bthen\b|\band\b|\(?\d\)|as well\b|'
                  r'too\b|also\b))',
                  lambda m: 'left' if m.group(1) == 'l' else 'right', text)
    text = rx.sub(r'\bthe (l|r)\b', lambda m: 'the left' if m.group(1) == 'l' else 'the right',
                  text)
    # where a block is picked from: "lift red (drawer)", "grab blue @ cabinet", "lift blue drawer"
    text = rx.sub(r'\b(%s\b[^,;()@]{0,30}?)\s*(?:\(\s*(?:from |in |@ )?(?:the )?%s\s*\)|@\s*'
                  r'(?:the )?%s\b)' % (_SHORT_PICK, _SHORT_PLACE, _SHORT_PLACE),
                  lambda m: '%s from the %s' % (m.group(1), lx.ABBREVIATIONS.get(
                      m.group(2) or m.group(3), m.group(2) or m.group(3))), text)
    text = rx.sub(r'\b(%s (?:the )?(?:red|blue|pink)(?: block)?) (?=%s\b)' % (
        _SHORT_PICK, _SHORT_PLACE), r'\1 from the ', text)
    # where a block goes: "place slider", "put in drawer @ ...", "place @ drawer"
    text = rx.sub(r'\b(place|put|drop|store)\s*(?:@\s*)?(?:in )?(?=(?:drawer|cabinet|slider|'
                  r'cupboard|shelf)\b)', r'\1 in the ', text)
    at = rx.search(r'@\s*([a-z]+)', text)
    if at:
        raise Refusal('"@ %s": I take a block from the table, the drawer or the cabinet only'
                      % at.group(1))
    # "stack" alone, a step in a list: the block held, stacked
    text = rx.sub(r'(^|[,;]\s*(?:then\s+)?)stack(?=\s*(?:$|[,;]))', r'\1stack it', text)
    # "unstack top": the top block; "pink push r": the verb first
    text = rx.sub(r'\bunstack (?:the )?top\b(?! block| one| of)', 'unstack the top block', text)
    text = rx.sub(r'(^|[,;]\s*|\bthen\s+)(red|blue|pink)(?: block)? (push|rotate|lift|grab|'
                  r'twist|turn|slide|spin)\b', r'\1\3 \2', text)
    # "grab red and twist ccw": the block grabbed is the one twisted
    return rx.sub(r'\b(and (?:then )?(?:twist|rotate|spin|turn)) (?=(?:clockwise|'
                  r'counter-?clockwise|anti-?clockwise|cw|ccw)\b)', r'\1 it ', text)


# a note on the scene said to the robot: "careful, the drawer is only half open", "FYI the LED
# is on", "heads up: ...", "the bulb is off, just so you know"
NOTE = (r'(?:(?:be )?careful|watch out|look out|heads up|fyi|for your information|just so you '
        r'know|(?:please )?note(?: that)?|nb|be aware(?: that)?|mind you|be gentle|go easy|by the '
        r'way|btw|p\.? ?s\.?)')


def _notes(text):
    """Read a note on the scene as what is seen; drop a care said on its own.

    "Open the drawer. Careful, the red block is stacked on the blue one. Then ..." says how
    things are between two steps ("i see the red block is stacked ...": a statement, not a
    caption of the step; dropped as such, or refused alone). So do a state said after a
    dash ("turn off the LED - it's on right now"), a note in square brackets and one marked
    at its end ("the drawer is closed, just so you know"). A postscript or an aside before an
    order loses its mark ("P.S. leave the LED as it is"), a reason for a step is dropped
    ("that's why the lamp"), and "careful" said on its own, or "careful with it", is a care,
    not a step.
    """
    text = rx.sub(r'\[\s*(' + NOTE + r'\b[^\[\]]*)\]', r'(\1)', text)   # "[note: ...]"
    text = rx.sub(r'(^|[.;!?(]\s*|,\s*|\s*,?\s+-+\s+)(?:just |oh,? |and |but )?' + NOTE +
                  r'\s*[,:!.-]*\s*(?=(?:the|it|its|it\'s|they|there|both|that|this)\b)',
                  lambda m: (', ' if '-' in m.group(1) else m.group(1)) + 'i see ', text)
    # a state said after a dash: "turn off the LED - it's on right now"
    text = rx.sub(r'\s+-+\s+(?=(?:it\'s|it is|the (?:[a-z]+ ){1,3}?(?:is|are)|the [a-z]+\'s) )',
                  ' , i see ', text)
    # a postscript or an aside before an order: "P.S. leave the LED as it is", "by the way, ..."
    text = rx.sub(r'(^|[.;!?(]\s*|,\s*|\s+-+\s+)(?:p\.? ?s\.?|by the way|btw)(?:\s*[,:.-]\s*|\s+)'
                  r'(?=[a-z])', r'\1', text)
    # a reason for a step: "heads up: it's dark inside the cabinet, that's why the lamp"
    text = rx.sub(r'\s*,?\s*\b(?:that\'s|that is|which is) why\b[^.;!?]*', '', text)
    # ... and the mark said last: "the drawer is closed, just so you know."
    text = rx.sub(r'(^|[.;!?]\s*)((?:the|it|its|it\'s|they|there|both)\b[^.;!?]*?)\s*,?\s*'
                  r'(?:just )?(?:fyi|for your information|just so you know)\s*(?=[.;!?]|$)',
                  r'\1i see \2',
                  text)
    return rx.sub(r'(^|[.;!?]\s*|\s*,\s*|\s+-+\s+)(?:just |and |but )?' + NOTE +
                  r'(?: with (?:it|them|that))?(?: please)?\s*!*(?=\s*[.;!?]|'
                  r'\s*$)', lambda m: m.group(1) if m.group(1).strip(' ,-') else '', text)


def _spoken(text):
    """Read what is only said around a command: urgency, reasons, states and headers.

    "push the red block left, hurry up", "Procedure R-1: 1) turn the red block clockwise",
    "..., since we're done for the day", "...; it's currently off", "there's no need to
    pick it up". A speech recogniser's homophones ("the read block") are heard() before.
    Reasons are dropped here, after check_command has read the whole command.
    """
    text = _engineer(text)
    text = _notes(text)
    # a need, then how: "the red block needs to go in there too - push it in from the table"
    if drawer_is_it(text):
        text = rx.sub(r'\b(the (?:[a-z]+ )?(?:block|cube|brick|one)) (?:needs|has|ought|is) '
                      r'to (?:go|be|end up|get) (?:in|into|inside) (?:there|it|the drawer)(?: too|'
                      r' as well)?\s*(?:-+|,|;|:)\s*(push|slide|sweep|shove|nudge|knock) it '
                      r'(?:in|into (?:it|there|the drawer))\b', r'\2 \1 into the drawer', text)
    # "fix that by turning it counter-clockwise": the means is the step
    text = rx.sub(r'\b(?:fix|correct|sort out|solve|remedy|deal with|take care of|sort)(?: it| '
                  r'that| this| them| the problem)?(?: out)? by (?=[a-z]+ing\b)', '', text)
    # "uncover the cabinet by sliding the door to the left": the door's move is the step
    text = rx.sub(r'\b(?:uncover|reveal|expose|get at|get to|access) (?:the |its )?(?:inside of '
                  r'the |contents of the )?(?:cabinet|cupboard|shelf|slider)(?: contents| '
                  r'inside)? by (?=[a-z]+ing\b)', '', text)
    text = scene_first(text)
    # a hedge before a state: "I think the drawer is open, close it"
    text = rx.sub(r'^\s*(?:i think|i believe|i guess|i suppose|it seems|it looks like|looks like|'
                  r'seems like|apparently|(?:i\'m |i am )?not sure (?:if|whether)|i (?:don\'t|'
                  r'do not|dont) know (?:if|whether)|maybe)(?: that)?,?\s+(?=the [a-z -]+? (?:is|'
                  r'are|s|\'s|was|has)\b)', '', text)
    # a remark on who or why, then the order: "not sure who left the drawer open, but close it"
    # ("it" is the one thing the remark names)
    remark = rx.match(r'^\s*(?:i\'m |i am )?(?:not sure|no idea|i (?:don\'t|do not|dont) know|i '
                      r'wonder|who knows) (?:who|why|when|how)\b[^,;.:!?-]*?(?:(the [a-z]+)'
                      r'[^,;.:!?-]*)?[,;.:!-]\s*(?:but |so |anyway,? )?(?=[a-z])', text)
    if remark:
        text = (said_first(remark, text) if remark.group(1) else None) or text[remark.end():]
    # the robot addressed by name: "robot, open the drawer", "hey robot: ...", "..., robot."
    text = rx.sub(r'^\s*(?:(?:hey|hi|hello|ok|okay|yo)\s+)?(?:robot(?:ic)? (?:arm|manipulator)|'
                  r'robot|robo|bot|arm|agent)\s*[,:!]\s*', '', text)
    text = rx.sub(r'\s*,\s*(?:robot|agent|robot arm)\s*(?=[.!;]|$)', '', text)
    # ... and dictated, with no punctuation: "robot um move the slider right"
    text = rx.sub(r'^\s*(?:(?:hey|hi|hello|ok|okay|yo)\s+)?(?:robot|robo)\s+(?=(?:um+|uh+|uhm|'
                  r'erm?|so|please|now|ok|okay|can|could|would|will|%s)\b)' % verb_words(), '',
                  text)
    text = rx.sub(r'^\s*thanks? (?:you )?in advance\s*[:,.!-]?\s*|\s*[,.!]?\s*thanks? (?:you )?'
                  r'in advance[.!]?\s*$', '', text)
    # a chat message around the order: a greeting, "hope you're well", "yes, that one:", a
    # topic line ("re: the stack."), a sign-off ("cheers, sam", "- mia")
    topic = rx.match(r'^\s*re\s*:\s*([^.;!?:]{1,40})[.;!:]\s+(?=[a-z])', text)
    if topic:
        named = rx.match(r'(?:the )?(?:[a-z]+ )?%s$' % any_of(OBJECT_WORDS), topic.group(1))
        text = (said_first(topic, text) if named else None) or text[topic.end():]
    text = rx.sub(r'^\s*(?:(?:hey|hi|hello),? )?(?:(?:good )?(?:morning|afternoon|evening)|hiya|'
                  r'howdy|hey there)(?: all| everyone| team)?\b[!,.]*\s*', '', text)
    text = rx.sub(r'^\s*(?:hey|hi|hello|yo)(?: there| robot| all| team)?\s*[,!.:]\s*(?=[a-z])', '',
                  text)
    text = rx.sub(r'^\s*(?:i )?hope (?:you(?:\'re| are)|all(?:\'s| is)|everything(?:\'s| is)|the '
                  r'[a-z]+(?:\'s| is)|your [a-z]+ (?:is|went))\b[^.!?;]*[.!?;]\s*', '', text)
    text = rx.sub(r'^\s*(?:yes|yep|yeah|yup|sure|right|correct|exactly|affirmative)\b[,.!:]*'
                  r'\s*(?:(?:that one|that\'s the one|that\'s right)\b[,.!:]*\s*)?(?=[a-z])', '',
                  text)
    # a reply that names the thing, then the order: "yes, the red block, that one. turn it"
    reply = rx.match(r'^\s*((?:the|that)(?: (?!(?:is|are|was|were|has|have|been|s)\b)'
                     r'[a-z-]+){1,4})(?:\s*,\s*(?:that one|that\'s the one|'
                     r'that\'s it|not the [a-z]+))?\s*[.!:;]\s+(?=[a-z])', text)
    if reply and has(' %s ' % reply.group(1), OBJECT_WORDS):
        text = said_first(reply, text) or text
    text = rx.sub(r'\s*[.!,;]?\s*\b(?:cheers|thanks|thank you|thx|ta|regards|best|best wishes|'
                  r'kind regards|many thanks|much appreciated|night|good night|bye|see you)\b'
                  r'\s*[,!.]*\s*'
                  r'(?:[-\u2013\u2014]\s*)?'
                  r'(?:[a-z]+)?[.!]?\s*$', '', text)
    text = rx.sub(r'(?<=[.!])\s*[-\u2013\u2014]+\s*[a-z]+\s*$', '', text)
    text = rx.sub(r'^\s*(?:please )?(?:execute|do|perform|carry out|run) the following(?: steps?| '
                  r'tasks?| actions?| sequence)?\s*:\s*', '', text)
    text = rx.sub(r'(^\s*|,\s*)(?:so,? )?(?:like|you know|i mean)\s*,\s*|^\s*so,? (?:like|uh|'
                  r'um),?\s+|,?\s*\byou know,?\s*(?=to |the |it )',
                  lambda m: ' ' if m.group(1) is None else m.group(1), text)
    text = rx.sub(r'\s*,?\s*\b(?:(?:both|each|all) )?(?:nice and (?:easy|slow|gentle|gently|'
                  r'slowly)|slow and steady|easy does it)\b', '', text)
    text = rx.sub(r'\s*[,;.]\s*(?:we|i) (?:don\'t|do not|no longer) need (?:it|them|that|this|the '
                  r'[a-z ]+?)(?: any ?more| now| for now| today)?\s*[.!]?\s*$', '', text)
    # a status line before the order: "status: the green light is off. turn it on."
    status = rx.match(r'^\s*(?:quick |short )?(?:status|situation|state of play|fyi)(?: update| '
                      r'report| check)?\s*:\s*([^.;!?]*)[.;!?]\s+(?=[a-z])', text)
    if status and status.group(1).split()[:1] != ['please'] and not rx.match(
            r'\s*(?:%s)\b' % '|'.join(action_verbs()), status.group(1)):
        subject = rx.search(r'\b(?:the )?(?:[a-z]+ )?%s\b' % any_of(OBJECT_WORDS), status.group(1))
        rest = text[status.end():]
        stack = rx.search(r'\b(?:on (?:top of )?the (?:[a-z]+ )?(?:one|block|cube)|stacked)\b',
                          status.group(1))
        text = name_it(rest, subject.group(0)) if subject and not stack else rest
        place = rx.search(r'\b(?:in|inside) the (drawer|cabinet|slider|shelf|sliding cabinet)\b',
                          status.group(1))
        if place and has(' %s ' % text, PICK_VERBS):
            text = from_place(rx.sub(r'\s*\bfrom there\b', '', text), place.group(1))
    # a form's fields: "action: lift | red block | from: drawer"
    if '|' in text:
        text = rx.sub(r'\s*\|\s*', ' ', text)
        text = rx.sub(r'\b(from|into|to|in|on|onto)\s*:\s*(?!the\b)', r'\1 the ', text)
    text = rx.sub(r'\b(to(?:wards?)? the) right now\b', r'\1 right', text)
    # a test script's comment and a user story: "# test 22: ...", "as an operator i want the
    # robot to ... so that ..." (the reason was read by check_command, and is dropped)
    text = rx.sub(r'^\s*#+\s*(?:test|case|step|check)?(?: seq(?:uence)?)?\s*\d*\s*:\s*', '', text)
    story = rx.match(r'^\s*as an? (?:operator|user|engineer|technician|researcher|developer|'
                     r'tester|scientist)\s*,?\s*i (?:want|need|would like|\'d like) (?:the robot|'
                     r'the arm|you|it) to\s+', text)
    if story:
        text = text[story.end():]
        why = rx.search(r'\s*,?\s*so (?:that )?(?:i|we|the|it|you|operators?)\b.*$', text)
        if why and not has(why.group(0), lx.LIGHTBULB + lx.LED + ('light',)):
            text = text[:why.start()]   # "... so that the led goes dark" says off: kept
    text = rx.sub(r'\s*,?\s*so (?:that )?the (?:operators?|people|team) (?:know|can see|see)\b.*$',
                  '', text)
    # where a block is, from the robot's side: "the blue block is on your right. push it ..."
    side = rx.match(r'^\s*(the [a-z ]{2,30}?) is (?:on|at|to) (?:your|the) (?:left|right)'
                    r'(?: side)?\s*[.;,]\s*(?=[a-z])', text)
    text = said_first(side, text) or text
    text = rx.sub(r'\b(?:to|toward|towards) your (left|right)\b', r'to the \1', text)
    text = rx.sub(r'^\s*make sure\b[^:]{0,80}:\s*(?=\w)', '', text)    # the plan follows
    # the gripper moving off after the step: "..., and then move your gripper away from it"
    text = rx.sub(r'\s*[,;.]?\s*(?:and )?(?:then )?(?:move|pull|draw|take|bring) (?:your|the) '
                  r'(?:gripper|hand|arm) (?:away|back|clear)(?: from (?:it|the [a-z ]+?))?'
                  r'(?=\s*(?:[,;.!]|$))', '', text)
    # the end of a skill said: "..., and stop once it is open"
    text = rx.sub(r'\s*[,;.]?\s*(?:and )?(?:then )?stop (?:once|when|as soon as) (?:it|the '
                  r'[a-z ]+?) (?:is|reaches|has|gets|hits)\b[^,;.]*', '', text)
    # a procedure's header and its step labels: "procedure r-1: 1) ...", "a) ... b) ..."
    text = rx.sub(r'^\s*(?:procedure|protocol|task|action|step|instruction)s?(?: [\w-]+)?'
                  r'\s*:\s*', '', text)
    text = rx.sub(r'(^|[\s,;.:])\(?(?:\d|[a-d])\)\s+', r'\1, ', text)
    # the goal said before the steps: "let's store the blue block: pick it up ...",
    # "we're going to put the red block away: first slide the door ..."
    text = rx.sub(r'^\s*(?:we\'re going to|we are going to|let\'s|we will|we\'ll|the plan is to)'
                  r'\b[^:]{0,80}:\s*(?=first\b)', '', text)
    text = rx.sub(r'^\s*let\'?s \w+ (the (?:\w+ )?(?:block|cube|brick))(?: away)?\s*:', r'\1:',
                  text)
    # a remark in brackets: "remove the upper block from the stack (the tower keeps falling
    # over)", "(we need it for the demo)" (check_command has read it); brackets that name a
    # thing, a way or a step are words of the command ("(the purple one)", "(to the right)")
    text = rx.sub(r'\s*\(([^()]*)\)', lambda m: _bracketed(m.group(1)), text)
    # someone else's part: "I'll switch off the LED myself; you just close the drawer"
    text = rx.sub(r'^\s*(?:%s|let me) [^,;.:]+? myself\s*[,;.:]\s*(?:and )?(?:you )?(?:just )?'
                  r'(?=[a-z])' % OTHERS, '', text)
    # states said as "X being Y": "the LED being off and the drawer being open, close the drawer"
    text = rx.sub(r'^\s*(?:(?:and )?the [a-z ]{2,30}? being [a-z ]{2,20}?(?:\s*,\s*|\s+'
                  r'(?=and\b)))+(?=[a-z])', '', text)
    # a reason said first: "as the drawer is already open, just grab the red block from inside
    # it", "since the LED was left on overnight, please turn it off" (not a step)
    reason = rx.match(r'^\s*(?:since|because|given that|seeing that|seeing as|now that|as) '
                      r'(?!soon\b|well\b|far\b|much\b|long\b|if\b|though\b|before\b|usual\b|you '
                      r'(?:did|do|know)\b)([^,;:()]+?\b(?:is|are|was|were|has|have|had|been|s|re|'
                      r've|keeps?|sits?|sitting|stays?|remains?|needs?|left|wants?|wanted|'
                      r'needed)\b[^,;:()]*?)\s*[,;:]'
                      r'\s*(?:so\s+)?(?=(?:please |just |now |could |can |would |we )?(?:%s|'
                      r'only)\b)' % verb_words(), text)
    if reason:
        rest = text[reason.end():]
        if rx.search(r'\b(?:is|are|s|sits|lies|was|were|sitting|lying)\b[^,;:]*\b(?:in|inside|on) '
                     r'(?:the )?(?:sliding )?(?:drawer|cabinet|slider|shelf|cupboard)\b',
                     reason.group(1)):
            # where a block is, and which block "it" is: see scene_first
            text = scene_first('%s. %s' % (reason.group(1), rest))
        else:
            text = it_is(reason.group(1), rest)
    # the goal said before the steps, with a colon: "to reset the scene: grasp the red block
    # and turn it right", "to tidy up: ...", "to get the pink block into the cabinet: lift it
    # from the table and ..." ("it" is the block the goal names)
    goal = rx.match(r"^\s*(?:in order )?to (?!the\b)([a-z' -]{2,50}):\s*(?=\S)", text)
    if goal:
        text = it_is(goal.group(1), text[goal.end():])
    # a state said first, with the reason for the step: "the red block is a bit too far to
    # the left, so please push it to the right"
    state = rx.match(r'^\s*(the [a-z ]{2,30}?) (?:is|sits|s) (?:sitting |lying |placed )?'
                     r'(?:a (?:bit|little|tad) |slightly |way |much |far )?(?:too (?:far )?|far )'
                     r'(?:to the )?'
                     r'(?:left|right|close|near)\b[^,;.:]*[,;.:]\s*(?:so )?(?=[a-z])', text)
    text = said_first(state, text) or text
    # praise and scene said first: "good job so far.", "now that the drawer is open, ..."
    text = rx.sub(r'^\s*(?:good job|great job|nice work|well done|great|nice|perfect|excellent)'
                  r'(?: so far)?\s*[.!;,]\s*', '', text)
    text = rx.sub(r'^\s*now that (?:the |it )?[a-z ]{0,30}? (?:is|\'s|are) (?:open|opened|'
                  r'closed|shut|on|off|done|empty)\s*,\s*', '', text)
    # "with the drawer already open, slide the pink block into it"
    text = past_state(rx.match(r'^\s*with (the [a-z ]{2,30}?) (?:already |still |now )?(?:open|'
                               r'opened|closed|shut|on|off|lit|dark)\s*,\s*(?=[a-z])', text),
                      text)
    # a condition said first: about the robot ("if you're free, ..."), or a state of the
    # desk ("if the yellow lamp is off then turn it on", "if you see the blue block then
    # spin it"): the order follows; with a scene, grounding checks the state
    text = rx.sub(r'^\s*(?:only )?(?:if|when) (?:you(?:\'re| are) (?:free|ready|done(?: with '
                  r'(?:that|this|it))?)|you have (?:a )?(?:moment|minute|second|sec|time)|you get '
                  r'(?:a|the) chance|possible)\s*(?:,\s*then\b|,|\bthen\b)\s*(?=[a-z])', '', text)
    condition = rx.match(r'^\s*(?:only )?if (?:you (?:can )?(?:see|find|spot|notice) (?=the )|'
                         r'(?=(?:the|two|both) [a-z -]{2,30}? (?:is|are|\'s) (?:still |already |'
                         r'currently |now )?(?:not )?(?:open|opened|closed|shut|on|off|lit|unlit|'
                         r'dark|glowing|stacked|(?:on|in|inside) the (?:table|desk|tabletop|'
                         r'drawer|cabinet|slider|shelf))\s*(?:,\s*then\b|,|\bthen\b)))((?:the|two|'
                         r'both) [a-z -]{2,30}?)(?: (?:is|are|\'s) [a-z ]*?(?:(?:in|inside) the '
                         r'(?P<place>drawer|cabinet|slider|shelf))?)?\s*(?:,\s*then\b|,|\bthen\b)'
                         r'\s*(?=[a-z])', text)
    if condition and has(' %s ' % condition.group(1), OBJECT_WORDS) and not absent(
            condition.group(1)):
        text = past_state(condition, text)
        if condition.group('place') and has(' %s ' % text, PICK_VERBS):
            text = from_place(text, condition.group('place'))    # "... then take it out"
    text = rx.sub(r'^\s*(?:there (?:are|is) (?:two|2|a couple of) (?:blocks|cubes) (?:stacked|'
                  r'piled)|(?:the )?(?:two|2) (?:blocks|cubes) (?:are|sit|lie) (?:stacked|piled)|'
                  r'there(?:\'s| is) (?:a |an )?(?:little |small )?(?:tower|stack|pile) of)'
                  r'[^;,.:]*[;,.:]\s*', '', text)
    # a light's state said first or last: "the green led is off right now; press the button",
    # "the light bulb is lit; darken it using the switch" ("it" is the bulb)
    text = past_state(rx.match(
        r'^\s*((?:the )?(?:green |yellow )?(?:led|lamp|light bulb|lightbulb|bulb|light))(?:\'s| '
        r'is|\'s been| has been) (?:currently |still |already |now )?(?:on|off|lit|unlit|dark|'
        r'glowing|shining)(?: right now| now| at the moment| all (?:morning|day|night|afternoon)|'
        r' since [a-z ]+?| for (?:hours|ages|a while))?(?: and (?:it(?:\'s| is)|we|i)\b'
        r'(?! (?:want|need|would like|\'d like)\b)[^,;:.]*)?\s*[,;:.]\s*(?=\S)', text), text)
    text = rx.sub(r'\s*[,;.]\s*(?:since |as )?%s(?=\s*[.!]?\s*$|\s*[,;])' % A_LIGHT_IS, '',
                  text)
    text = rx.sub(r'\s*[;,.]\s*it (?:just |simply |only )?(?:runs|moves|slides|glides) '
                  r'(?:sideways )?(?:along|on|in) its (?:rail|track|runner|guide)s?\b[^;]*$', '',
                  text)
    # a reason given after the command: "..., since we're done for the day"
    text = rx.sub(r'\s*[,;.]\s*(?:since|because|as) (?:we|we\'re|i|i\'m|you|you\'re|that)\b'
                  r'[^,;]*[.!]?\s*$', '', text)
    # "...; we'll need it later. then ...": said to the operator, naming nothing to act on
    # (a sentence that names something is kept, and read or refused: never dropped)
    why = rx.search(r'\s*[;.]\s*(?:we|i)(?:\'ll| will| need| want| have)\b([^;.]*)[.!]?\s*'
                    r'(?=[;.]|$)', text)
    if why and not has(' %s ' % why.group(1), OBJECT_WORDS) and not (
            set(rx.findall(r'[a-z]+', why.group(1))) & action_verbs()):
        text = text[:why.start()] + text[why.end():]
    text = rx.sub(r'\s*[;.]\s*it(?:\'s| is) (?:getting |too |very |quite )?(?:dark|bright|late|'
                  r'dim)\b[^;.]*[.!]?\s*(?=[;.]|$)', '', text)
    text = rx.sub(r'\s*,\s*(?:we|i)(?:\'ll| will) need (?:it|them|that|this)\b[^;,]*[.!]?\s*$', '',
                  text)
    # "...; that saves space", "...; it is in the way where it is", "...; its orientation
    # needs correcting": why, said after the command
    text = rx.sub(r'\s*[;.]\s*(?:that (?:saves|will save|frees|gives|makes)|it(?: is|\'s) in the '
                  r'way|its (?:orientation|position|angle|place) (?:needs|is|must)|it(?: is|\'s) '
                  r'(?:at )?the wrong)\b[^;]*[.!]?\s*$', '', text)
    text = rx.sub(r'\s*\bfor (?:the|a) (?:moment|minute|second|bit|while)\b', '', text)
    text = rx.sub(r'(?:^|[,;.]\s*|\s-+\s*)(?:(?:but|and) )?(?:%s)(?=\s*(?:[,;.!]|$))' % NO_NEED,
                  '', text)
    text = rx.sub(r'\s*[,;.]\s*(?:but )?(?:don\'?t|do not|never) (?:slam|toss|throw|bang|drop|'
                  r'fling|smash|yank|jerk) (?:it|them)(?=\s*(?:[,;.!]|$))', '', text)
    # how the step is done, said after it: "...; pressing the button once will do it", "...,
    # and keep a firm grip so it does not slip"
    text = rx.sub(r'\s*[;,.]\s*(?:just )?(?:pressing|pushing|flipping|hitting|tapping|clicking|'
                  r'toggling|a (?:single )?(?:press|push|flip|tap|click))\b[^;.]*?\b(?:will|'
                  r'should|would|is going to) (?:do it|do the trick|do|work|be enough|suffice)\b'
                  r'[^;.]*[.!]?\s*(?=$|[;.])', '', text)
    text = rx.sub(r'\s*,?\s*(?:and )?(?:keep|maintain|hold) (?:a )?(?:firm|tight|good|secure|'
                  r'steady) (?:grip|hold|grasp)(?: on it| of it| on the [a-z ]+?)?'
                  r'(?: so (?:that )?it (?:does not|doesn\'t|won\'t) (?:slip|fall|drop)[^,;.]*)?'
                  r'(?=\s*(?:$|[,;.]))', '', text)
    text = _not_that_way(_how_done(text))
    # urgency said as its own clause or sentence: "..., hurry up.", "... . go."
    text = rx.sub(r'(?:[,;.!]\s*|\s-+\s*)(?:%s)(?:\s*,\s*(?:%s))*\s*[.!]*\s*(?=$|[,;])'
                  % (URGENCY, URGENCY), '', text)
    return text


_HELD_BY = rx.compile(r'\s*,?\s*(?:while |by )?(?:holding|gripping|grasping|grabbing|taking|'
                      r'pinching|clasping) (?:it|each|them|both|the block|the cube) (?:firmly |'
                      r'gently |carefully |lightly )?(?:by|at|from|on) (?:its|the) (?:edges?|'
                      r'sides?|top|corners?|middle|cent(?:er|re)|base|bottom)'
                      r'(?=\s*(?:$|[,;.]|please\b))')
_SLOW = rx.compile(r'\s*,?\s*(?:and )?(?:take it|go|do it) (?:nice and )?(?:slow|slowly|easy|'
                   r'gently|carefully|steady)(?=\s*(?:$|[,;.]|please\b))')
_NOT_DROPPED = rx.compile(r'\s*,?\s*(?:firmly |carefully |tightly |securely |gently )?so '
                          r'(?:that )?(?:you (?:don\'?t|do not|won\'?t) drop (?:it|the block)|'
                          r'(?:it|the block) (?:doesn\'?t|does not|'
                          r'won\'?t) (?:tip|fall|topple|slip|drop|collapse|falls?)(?: over| off|'
                          r' down)?)(?=\s*(?:$|[,;.]))')
# "..., gently, so the tower doesn't fall": how, not a step on the tower
_TOWER_SAFE = rx.compile(r'\s*,?\s*(?:gently|carefully|slowly|firmly)\s*,?\s*so (?:that )?'
                         r'(?:(?:the tower|the stack|nothing) (?:doesn\'?t|does not|won\'?t) '
                         r'(?:fall|topple|collapse|tip)(?: over| down)?|nothing (?:falls|topples|'
                         r'tips over|drops))(?=\s*(?:$|[,;.]))')
_BY_HANDLE = rx.compile(r'\s*,?\s*(?:by )?using (?:the|its) (?:handle|grip|knob)'
                        r'(?=\s*(?:$|[,;.]))')
_AS_FAR = rx.compile(r'\s*,\s*(?:as far as (?:it|they|the [a-z ]+?) (?:will |can )?go(?:es)?|all '
                     r'the way(?: (?:in|open|closed|shut|over|across|out|home|through))?)'
                     r'(?=\s*(?:$|[,;.]))')
_GENTLY = rx.compile(r'\s*,\s*(?:but |and )?(?:both |each |all )?(?:do it |go )?(?:very |'
                     r'really |nice and |extra |super )?(?:softly|gently|slowly|carefully|'
                     r'smoothly|quietly|firmly|lightly|steadily|delicately|calmly)(?: please)?'
                     r'(?=\s*(?:$|[,;.]))')
_GO_ROUND = rx.compile(r'(^\s*|,\s*|\b(?:then|and|now)\s+)(?:make )?(?:the )?(%s) (block|one|'
                       r'cube) (?:go|goes|spin|spins|turn|turns) (?:round|around)(?: and (?:round|'
                       r'around))?\b' % any_of(lx.COLOUR_WORDS))
_SPINNY = rx.compile(r'\bdo the (?:spinny|spin|spinning|twirly|twisty|turny|twirl) thing '
                     r'(?:with|to|on) (the [a-z ]{1,20}?(?:block|one|cube))(?: (?:the )?'
                     r'((?:counter|anti)-? ?clockwise|clockwise)(?: way)?)?')


# "before you touch the drawer, ...": first, not a step
_BEFORE_TOUCHING = rx.compile(r'^\s*before (?:you|we) (?:touch|start|begin|do)(?: (?:on|with))?'
                              r'(?: anything(?: else)?| the [a-z ]{2,20}?| any [a-z ]{2,20}?)?'
                              r'\s*,\s*')


# "..., so that it ends up in the cabinet", "... until it's inside the drawer": a step itself
_SO_IT = (r'\s*,?\s*(?:(?:carefully|gently|slowly|firmly)\s*,?\s*)?(?:so|so that|such that|until) '
          r'(?:it|the block|the cube)(?:\'s| s| is| ends up| winds up| sits| lands| gets| goes)')
_ENDS_IN = rx.compile(_SO_IT + r'(?: safely| back)? (?:put |placed )?(?:in|into|inside|in to) the '
                      r'(drawer|cabinet|cupboard|shelf|slider)\b')
_ENDS_ON = rx.compile(_SO_IT + r'(?: safely)? (?:stacked )?(?:on top of|on|onto|atop) '
                      r'(the (?:[a-z]+ )?(?:red|blue|pink) (?:block|cube|one))\b')
# "the blue block should go from the drawer into the cabinet"
_FROM_TO = rx.compile(r'\b(the (?:red|blue|pink) (?:block|cube)) (?:should|must|needs? to|has to|'
                      r'is to) (?:go|move|be moved|be taken|be put|get) from the (drawer|cabinet|'
                      r'cupboard|shelf|slider) (?:in ?to|into|to) the (drawer|cabinet|cupboard|'
                      r'shelf|slider)\b')
# "..., using a light touch": how, not the lamp
_LIGHT_TOUCH = rx.compile(r'\s*,?\s*(?:using|with) (?:a |only a |just a )?(?:light|gentle|soft) '
                          r'(?:touch|pressure|hand)(?=\s*(?:$|[,;.]))')

# "put it in the cabinet rather than the drawer": the place said first
_RATHER_THAN = rx.compile(r'(\b(?:(?:in|into|inside) the|(?:out of|from) the) (?:drawer|cabinet|'
                          r'cupboard|shelf|slider))\s*,?\s*(?:rather than|instead of|and not|not) '
                          r'(?:in |into |inside |out of |from )?the (?:drawer|cabinet|cupboard|'
                          r'shelf|slider)\b')

# "rotate the pink block, but not clockwise", "push it right, not left": the other way
_NOT_WAY = rx.compile(r'\s*,?\s*(?:but |and |just )?not (?:in |to |towards? )?(?:the )?(%s)'
                      r'(?: sense| direction| way| side)?\b(?!\s+(?:block|one|cube))' % any_of(
                          lx.LEFT + lx.RIGHT))


def _not_that_way(text):
    """Read a way ruled out as the other way; drop it where the way is said too (pure).

    Not "so it is not left on" (left there), nor a way said first ("not right, left: ...").
    """
    ruled = {'left' if w in lx.LEFT else 'right' for w in (
        m.group(1) for m in _NOT_WAY.finditer(text))}
    if len(ruled) == 2:
        raise Refusal('the command rules out both ways; say which way')

    def other(said):
        before = said.string[:said.start()]
        clause = rx.split(r'[,;.!:]|\bthen\b|\band\b', before)[-1]
        if not rx.search(r'[a-z]', clause) or rx.search(
                r'\b(?:is|be|are|was|were|been|being|gets?|got|stays?|remains?)\s*$', before) or \
                rx.match(r'\s+(?:on|off|open|closed|shut|alone|out|behind|there|in|as|over)\b',
                         said.string[said.end():]):
            return said.group(0)
        word = said.group(1)
        turn = word in _TURNS
        kind = _TURNS if turn else tuple(w for w in lx.LEFT + lx.RIGHT if w not in _TURNS)
        said_way = rx.findall(r'\b%s\b' % any_of(kind), clause)
        if said_way and (said_way[-1] in lx.LEFT) == (word in lx.LEFT):
            raise Refusal('"%s%s" says a way and rules it out; say which way' % (
                clause.strip(), said.group(0)))
        if said_way:
            return ''                        # "push it right, not left"
        if word in lx.LEFT:
            return ' clockwise' if turn else ' to the right'
        return ' counterclockwise' if turn else ' to the left'
    return _NOT_WAY.sub(other, text)


def _how_done(text):
    """Drop how a step is done where it changes no step; say a child's words the plain way.

    "..., holding it by its edge", "..., and take it slow", "..., firmly so you don't drop
    it", "..., using the handle", "..., as far as it goes", "..., all the way in", "..., but
    softly"; "blue block go round the clock way" (rotate it clockwise), "do the spinny thing
    with the pink block", "the little door thing" (the cabinet). Where the block should end
    up is a step: "lift it, so that it ends up in the cabinet" puts it there.
    """
    for ends, step in ((_ENDS_IN, r' , then put it into the \1'),
                       (_ENDS_ON, r' , then stack it on \1')):
        said = ends.search(text)
        clause = rx.split(r'[,;.]', text[:said.start()])[-1] if said else ''
        if said and rx.search(r'\b(?:lift|lifting|pick|picking|take|taking|grab|grabbing|hold|'
                              r'holding|raise|raising|unstack|unstacking|carry|carrying)\b',
                              clause) and not rx.search(r'\b(?:push|slide|sweep|shove|nudge|'
                                                        r'knock|bump|drag)\w*', clause):
            text = text[:said.start()] + said.expand(step) + text[said.end():]
    text = _FROM_TO.sub(r'take \1 out of the \2 , then put it into the \3', text)
    text = _LIGHT_TOUCH.sub('', text)
    text = _RATHER_THAN.sub(r'\1', text)
    for manner in (_HELD_BY, _SLOW, _NOT_DROPPED, _TOWER_SAFE, _BY_HANDLE, _AS_FAR, _GENTLY):
        text = manner.sub('', text)
    text = _BEFORE_TOUCHING.sub('first , ', text)
    text = rx.sub(r'\b(?:the )?(?:other|backwards?|wrong) clock way\b', 'counter-clockwise', text)
    text = rx.sub(r'\bthe (?:clock way|way the clock goes|clock\'s way)\b', 'clockwise', text)
    text = _GO_ROUND.sub(r'\1rotate the \2 \3', text)
    text = _SPINNY.sub(lambda m: 'rotate %s%s' % (m.group(1), ' ' + m.group(2) if m.group(2)
                                                  else ''), text)
    return rx.sub(r'\b(in|into|inside|out of|from) the (?:little |small )?door thing\b',
                  r'\1 the cabinet', text)


def _unread_brackets(said):
    """Return the refusal of words in brackets that cannot be read."""
    return Refusal('I cannot tell whether "(%s)" is part of the command; say it without '
                   'brackets' % said)


def _bracketed(said):
    """Return what words said in brackets add to the command, or refuse them (pure).

    A step or a correction is a clause of the command ("(and then turn off the LED)",
    "(before that, open the drawer)", "(no, sorry, to the right)"); a way, a thing or a
    purpose describes the step ("(to the right)", "(the purple one)", "(to switch the LED
    off)"); a remark on how things are is dropped ("(the tower keeps falling over)", "(we
    need it for the demo)", "(both were moved by the cleaners)"). A question, an order word,
    where a block is or a place named alone, said in brackets, is refused rather than
    guessed: "(is the lamp still working?)", "(after you have opened the fridge)", "(it's in
    the drawer)", "(drawer)" after a step that is no pick.
    """
    said = said.strip(' .,;!')
    if said.startswith('i see '):
        return ' '       # a note on the scene: "(heads up: the LED is on too, leave it)"
    verbs = verb_words()
    way = rx.search(r'\b%s\b(?! (?:it|them|that|this|the)\b)' % any_of(lx.LEFT + lx.RIGHT), said)
    step = rx.match(r'(?:and|then|also|plus|but|oh|ps|no|sorry|i mean|wait|don\'t|do not|never|'
                    r'without)\b', said) or rx.search(r'(?:^|[,;.!:]\s*|\b(?:and|then|also|so|'
                                                      r'please|just|oh|ps)\s+)(?:%s)\b' % verbs,
                                                      said)
    if step and '?' not in said:
        return ' , %s ' % said
    place = rx.search(r'\b(?:in|inside|on|from|out of) the (?:sliding )?(?:drawer|cabinet|'
                      r'slider|shelf|table|cupboard)\b', said)
    if '?' in said or place or rx.search(r'\b(?:first|then|after|before|last|also|next|again|'
                                         r'once)\b', said):
        raise _unread_brackets(said)
    if way or rx.fullmatch(r'(?:the|a|an) (?:[a-z-]+ ){0,2}?(?:one|block|cube|brick|light|led|'
                           r'lamp|bulb|drawer|door|switch|button)|to (?:%s)\b.*' % verbs, said):
        if rx.search(r'\b(?:not|no)\b', said):
            raise _unread_brackets(said)
        return ' %s ' % said
    if absent(said) or len(said.split()) <= 3 and has(' %s ' % said, lx.ABSENT_PLACES +
                                                      lx.UNKNOWN_OBJECTS):
        raise _unread_brackets(said)    # "lift red (box)": a thing the desk does not have
    # a place, not a remark: "push pink block (drawer)" ("lift pink block (drawer)" is read
    # before, by _shorthand)
    if len(said.split()) <= 3 and has(said, lx.DRAWER + lx.SLIDER_PLACE + ('table', 'desk')):
        raise _unread_brackets(said)
    return ' '


ABBREVIATION = rx.compile(r'\b(?:%s)\b(?![\'-])' % '|'.join(lx.ABBREVIATIONS))

# words that make the last word of a step a noun ("a clockwise turn", "the stack") or a state
# ("leave it open"), not a verb said last
NOT_BEFORE_VERB = ('a', 'an', 'another', 'one', 'the', 'this', 'that', 'its', 'your', 'my', 'is',
                   'are', 'be', 'it', 'them', 'stay', 'stays', 'keep', 'leave', 'left', 'not',
                   'no', 'never', 'without', 'to', 'and', 'or', 'in', 'into', 'from', 'of')
VERB_LAST = ('lift', 'put', 'close', 'open', 'take', 'push', 'rotate', 'turn', 'place', 'grab',
             'press', 'slide', 'move', 'stack', 'shut', 'raise', 'remove', 'pick up', 'take out')


def _verb_last(text):
    """Put a step's verb first where it was said last.

    "red block from the table lift, then in the drawer put, then drawer close", "the pink
    block from the table you take".
    """
    verbs = set(action_verbs()) | {'please'}
    parts = rx.split(r'(\s*,\s*(?:then\s+|and\s+)?|\s+then\s+|\s+and\s+)', text)
    for k in range(0, len(parts), 2):
        last = rx.search(r'(?:^|\s)(?:you |i )?(%s)\s*$' % '|'.join(VERB_LAST), parts[k])
        if last is None:
            continue
        words = parts[k][:last.start()].split()
        # a noun, not a verb: "give it a clockwise turn", "undo the stack", "in place"
        before = ' '.join(words[-2:-1]) if len(words) > 1 else ''
        if not words or words[0] in verbs or any(w in verbs for w in words) or not has(
                ' %s ' % ' '.join(words), OBJECT_WORDS) or words[-1] in NOT_BEFORE_VERB or (
                    before in NOT_BEFORE_VERB and not has(' %s ' % words[-1], OBJECT_WORDS)) \
                or set(words) & {'is', 'are', 'was', 'were', 'already'} or any(
                    w.endswith("'s") for w in words):
            continue        # (a state: "the drawer is only half open", "the drawer's already")
        parts[k] = '%s %s' % (last.group(1), ' '.join(words))
    return ''.join(parts)


# A step's number said before it: "step 2:", "step two,", "2)", "(2)", "2."
STEP_NUMBER = rx.compile(r'\b(?:step|item|check|task)\s+(\d\d?|one|two|three|four|five|six)\b'
                         r'\s*[:.,)-]?\s*|'
                         r'\b(first|second|third|fourth|fifth|sixth)(?: step)?\s*:\s*|'
                         r'\b(first|second|third|fourth|fifth|sixth) step\s*[.,)-]\s*|'
                         r'\bthe (first|second|third|fourth|fifth|last|final) step is (?:to )?|'
                         r'\bthe (first|second|third|fourth|fifth|last|final)(?: thing| task)? '
                         r'is to |'
                         r'(?:^|(?<=\s))(?:\((\d)\)|(\d)\))\s+|(?:^|(?<=[.;!?]\s))(\d)\s*[.:]\s+|'
                         r'(?<=[a-z] )(\d)\.\s+(?=[a-z])')
NUMBERS = {w: i for words in (('one', 'two', 'three', 'four', 'five', 'six'), (
    'first', 'second', 'third', 'fourth', 'fifth', 'sixth')) for i, w in enumerate(words, 1)} | {
        'last': 99, 'final': 99}


def _numbered(text):
    """Put numbered steps in their numbers' order (pure).

    "step 2: stack the blue block on the red one. step 1: pick up the blue block" is the
    pick-up, then the stack. Two steps with the same number are refused: which goes first
    is not said.
    """
    # "the first step is sliding the door ...": a step, not how the door is
    text = rx.sub(r'\bthe (first|second|third|fourth|fifth|last|final|next) (step|thing|task) is '
                  r'(?=[a-z]+ing\b)', r'the \1 \2 is to ', text)
    marks = list(STEP_NUMBER.finditer(text))
    if len(marks) == 1 and marks[0].start() == 0 and marks[0].group(0)[0].isdigit():
        return text[marks[0].end():]        # "1. pull the drawer open"
    if len(marks) < 2:
        return text
    said = [next(g for g in m.groups() if g) for m in marks]
    numbers = [int(NUMBERS.get(n, n)) for n in said]
    if len(set(numbers)) < len(numbers):
        raise Refusal('two steps have the same number (%s); say the steps in the order to do '
                      'them' % collections.Counter(numbers).most_common(1)[0][0])
    if numbers == sorted(numbers):
        return text
    ends = [m.start() for m in marks[1:]] + [len(text)]
    steps = sorted(zip(numbers, (text[m.start():end].strip(' ;,') for m, end in zip(
        marks, ends))))
    return text[:marks[0].start()] + ' '.join(
        step if step.endswith(('.', ';', '!')) else step + '.' for _, step in steps)


# "winds up on the left" is "ends up on the left"
END_UP = {'wind': 'end up', 'winds': 'ends up', 'wound': 'ended up', 'winding': 'ending up'}


def _other_side(found):
    """Return "to the right" for a match whose group 1 is "left", and the other way round."""
    return 'to the ' + ('right' if found.group(1) == 'left' else 'left')


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case, drop filler and politeness, keep commas as clause hints (cached: pure)."""
    # (a dash between words: "push it left — careful, ..." is " - ")
    text = rx.sub(r'\s*[\u2013\u2014]\s*', ' - ', text.lower().replace('’', "'"))
    # "..., and then go to the button and press it": the fixture gone to is what the next step
    # acts on ("and then go" alone is filler: "and then go push it")
    text = rx.sub(r'\b(?:and )?(?:then )?go (?:over |across )?(?:to|towards?) (the (?:\w+ ){0,2}?'
                  r'(?:button|switch|lamp|led|light|bulb|drawer|door|slider|cabinet)) and '
                  r'(?:then )?(\w+) (?:it|that)\b', r', then \2 \1', text)
    # "slide the door left and leave it there": where a fixture's step leaves it, no step
    text = rx.sub(r'(\b(?:slide|move|shift|push|pull|open|close|shut|turn|switch|flip) '
                  r'(?:on |off )?the (?:\w+ )?(?:drawer|door|slider|lamp|light|bulb|lightbulb|'
                  r'led)\b(?: (?:to the )?(?:left|right|open|closed|shut|on|off))?)\s*,?\s*'
                  r'(?:and )?(?:then )?leave (?:it|that) (?:there|that way|like that|so|in '
                  r'place)\b(?! (?:for|until|till)\b)', r'\1', text)
    # "push the blue block into the drawer and leave it there": where the block's step leaves it
    text = rx.sub(r'(\b(?:into|in|inside|onto|on top of|on) the (?:\w+ )?(?:drawer|cabinet|'
                  r'slider|block|cube|one))\s*,?\s*(?:and )?(?:then )?leave (?:it|them) (?:there|'
                  r'in there|inside|in place)\b(?! (?:for|until|till)\b)', r'\1', text)
    # the block held, said first: "you're already holding the red block, so just set it down
    # in the cabinet" (no lift: "it" is that block)
    held = rx.match(r'\s*(?:you(?:\'re| are) (?:already |now |still )?holding|you(?:\'ve| have) '
                    r'(?:already )?got|you (?:already )?have) (the (?:%s) (?:block|cube|one))'
                    r'(?: in (?:the|your) (?:gripper|hand|claw))?(?: already)?\s*(?:,\s*so\b|'
                    r'[,;.]|so\b)\s*(?:just\s+)?(?=[a-z])' % any_of(lx.COLOUR_WORDS), text)
    if held and rx.search(r'\b(?:it|that one)\b', text[held.end():]):
        text = name_it(text[held.end():], held.group(1), r'\b(?:it|that one)\b')
    # a checklist's labels: "checklist item: ...", "next: ...", "then: ..."
    text = rx.sub(r'(^|[.;!?]\s+)(?:checklist,? item|checklist|action item|to-?do|task|item)'
                  r'(?: \d\d?| one| two| three| four| five| six| seven| eight| nine| ten)?'
                  r'(?: on the (?:list|checklist))?\s*:\s*', r'\1', text)
    text = rx.sub(r'(^|[.;!?,]\s*)(next|then|and then|after that|afterwards|finally|lastly)\s*:',
                  r'\1\2,', text)
    text = _numbered(_shorthand(text))
    # "press it once more to switch it back off": the button, so the LED (not the switch)
    text = rx.sub(r'\b(?:press|push|hit|tap) (?:it|the button)(?: again| once more| a second '
                  r'time)? to (?:switch|turn) (?:it|the led)(?: back)? (on|off)\b',
                  r'turn \1 the led', text)
    # "..., then undo the first one": the step said first, not an order word
    text = rx.sub(r'\b(undo|reverse|revert|do the opposite of) the first (one|step)\b',
                  r'\1 the earliest \2', text)
    text = lights_described(blocks_described(one_said_before(text)))
    # "push the block nearest the drawer into it": the sweep takes the block in front of it
    text = rx.sub(r'\b(push|sweep|slide|shove|nudge|knock) the (?:block|one|cube) (?:that is |'
                  r'which is |that\'s )?(?:nearest|closest)(?: to)? (?:the drawer|it) (?:in|into '
                  r'(?:it|the drawer))\b', r'\1 the block into the drawer', text)
    # "the drawer ..., and leave it open": it stays as the steps left it
    if rx.search(r'\b(?:open|pull out|pull open) (?:the )?(?:drawer|it)\b', text) and \
            not rx.search(r'\b(?:close|shut|push in)\b', text):
        text = rx.sub(r'\s*,?\s*(?:and )?(?:then )?leave (?:it|the drawer) open\s*(?=[.!]?\s*$)',
                      '', text)
    # "take whatever's on top of the stack off": the top block
    text = rx.sub(r'\b(?:take|lift|get|pull) (?:whatever|whichever (?:block|one)|what)(?:\'s| is) '
                  r'on top(?: of the (?:stack|tower|pile))? off\b', 'unstack the top block', text)
    # thanks for a step done before: "thanks for closing the drawer earlier - could you pull it
    # back out now?" (no step; "it" is what it names)
    thanks = rx.match(r'\s*(?:thanks|thank you)(?: so much| a lot| very much)? for [a-z]+ing (the '
                      r'[a-z]+(?: [a-z]+)?) (?:earlier|before|just now|yesterday)\s*(?:-+|[,.;!])'
                      r'\s*(?=[a-z])', text)
    if thanks:
        text = name_it(text[thanks.end():], thanks.group(1), r'\b(?:it|them)\b')
    # "whichever block is on top, take it off the stack": the top block
    top = rx.match(r'^\s*whichever (?:block|one|cube) is on top(?: of the (?:stack|tower|'
                   r'pile))?\s*,\s*', text)
    if top:
        text = name_it(text[top.end():], 'the top block')
    # "as a clock's hands go", "like the hands of a clock move"
    text = rx.sub(r'\b(?:like|as) (?:(?:an? |the )?clock(?:\x27s|s)?(?: hands?)?(?: does| do| '
                  r'goes| go| turns?| runs?)?|the hands of (?:an? |the )?clock(?: do| move| go| '
                  r'turn| run)?)\b', 'clockwise', text)
    # "... pushed left and turned a quarter turn clockwise": the block said before is turned
    text = rx.sub(r'\b(and|then|,)\s+(turn|turned|rotate|rotated|twist|twisted|spin|spun)\s+'
                  r'(?=a quarter[- ]turn\b|(?:counter-?|anti-?)?clockwise\b)', r'\1 \2 it ', text)
    # "clockwise a bit, like a quarter turn": the skill's own turn
    text = rx.sub(r'\blike (?=(?:about |roughly |maybe )?a quarter[- ]turn\b)', '', text)
    # "the red block ought to be rotated", "... winds up on the left": should, ends up
    text = rx.sub(r'\bought to\b', 'should', rx.sub(r'\b(wind|winds|wound|winding) up\b',
                                                    lambda m: END_UP[m.group(1)], text))
    # the request said, then handed over: "the drawer should be closed; please see to it"
    text = rx.sub(r'(?<=[a-z])\s*[;,.]\s*(?:(?:please|kindly|and|so)\s+)*(?:see to (?:it|that)|'
                  r'do so|carry (?:it|that|this) out|take care of (?:it|that|this)|make it happen|'
                  r'get it done|make it so)(?: for me)?(?:,? please)?\s*([.!]*)\s*$', r'\1', text)
    # a block said as the topic of a step: "..., then red: rotate it clockwise"
    text = rx.sub(r'(^|,\s*|\bthen\s+|\band\s+)(?:the )?(%s)(?: block| cube| one)?\s*:\s*(%s) '
                  r'(?:it|that one)\b' % ('|'.join(lx.COLOUR_WORDS), verb_words()),
                  r'\1\3 the \2 block', text)
    # the blocks said first: "red and pink, push both left"; the lights: "lamp, led: both off"
    text = rx.sub(r'^(%s(?: ?, ?%s)* ?,? and %s)(?: blocks| cubes)? ?[,:] ?(push|slide|shove|'
                  r'nudge|rotate|turn|twist|spin) (?:them )?(?:both |all(?: three)? )?'
                  % ((BARE_BLOCK,) * 3), r'\2 \1 ', text)
    text = rx.sub(r'^(?:the )?(lamp|led|bulb|light bulb|lightbulb) ?(?:,|and) ?(?:the )?(lamp|led|'
                  r'bulb|light bulb|lightbulb) ?[,:] ?(?:turn |switch )?(?:them )?both (on|off)\b',
                  r'turn \3 the \1 and the \2', text)
    text = SAID_OF_EACH.sub(lambda m: ' , then '.join(
        '%s the %s block %s' % (m.group(1), colour, m.group(3))
        for colour in rx.findall(any_of(lx.COLOUR_WORDS), m.group(2))), text)
    # "finally, press the button; first, turn the lamp on": said first, it goes last
    text = rx.sub(r'^\s*(?:finally|lastly)\b(?=[^.;!?]*[.;,] .*\bfirst\b)', 'last', text)
    text = ABBREVIATION.sub(lambda m: lx.ABBREVIATIONS[m.group(0)], text)
    text = rx.sub(r"\b(out|top|side) o' (?=the\b|there\b|it\b|that\b)", r'\1 of ', text)
    text = _spoken(text)
    # particles and tags: "..., lah", "..., mate", "..., innit"; "off it" and "on it" (a light)
    text = rx.sub(r'\s*,?\s*\b(?:lah|leh|lor|mate|innit|eh|yaar|bro|bru|boet|boss|hey|aye|ja|'
                  r'love|hen|dude|pal|y\'all|sure look|there you go|can or not|can|will ya|would '
                  r'ya|would ye|will you|would you|yes)\s*(?=[.!?]*\s*$)', '', text)
    # English with another language's words and order: "open the light" (on), "close the
    # green light" (off; "open the LED" stays a verb that does not fit), "to the right push
    # the red block", "..., after move it left" (then), "the block you have, place it in ..."
    text = rx.sub(r'\b(?:open|put on) (the (?:[a-z]+ )?(?:light|lamp|bulb|lightbulb|light '
                  r'bulb))\b(?! (?:on|off)\b)', r'turn on \1', text)
    text = rx.sub(r'\b(?:close|put off) (the (?:[a-z]+ )?(?:light|lamp|bulb|lightbulb|light '
                  r'bulb))\b(?! (?:on|off)\b)', r'turn off \1', text)
    text = rx.sub(r'^\s*(to the (?:left|right)|clockwise|counter-?clockwise|anti-?clockwise)'
                  r'\s*,?\s+((?:%s) (?:the|it|them)\b[^,;.]*)' % '|'.join(RUN_ON_VERBS), r'\2 \1',
                  text)
    # "..., making sure the LED ends up off": a state of another fixture to reach, not a manner
    text = rx.sub(r'\b(?:making|make) sure (?:that )?(the (?:[a-z]+ )?(?:drawer|door|slider|lamp|'
                  r'light|bulb|lightbulb|led)) (?:ends up|is|gets|will be)\b',
                  r'make sure \1 is', text)
    text = rx.sub(r'\b(?:making|make) sure (?:that )?it (?:ends up|gets|will be) (?=(?:open|'
                  r'closed|shut|on|off|lit|dark)\b)', 'make sure it is ', text)
    # who did it, said of a state: "the drawer was opened by hand, close it" (a note)
    text = rx.sub(r'\b((?:was|were|has been|had been|got) (?:opened|closed|shut|moved|pushed|'
                  r'pulled|switched (?:on|off)|turned (?:on|off)|lifted|placed|stacked|rotated|'
                  r'slid)) by (?:the |a |my |our )?(?:hand|tech|technician|operator|user|engineer|'
                  r'someone|somebody|me|him|her|them|mistake|accident)\b', r'\1', text)
    # learners' English: "please to open", "can you to rotate", "..., after please to put it",
    # "contra the clock", "in direction of the watch hands", "a quarter of turn", "without to
    # lift it", "make it to go in drawer", "the block which is in drawer"
    text = rx.sub(r'\b(please|can you|could you|would you) to (?=[a-z])', r'\1 ', text)
    text = rx.sub(r'(,\s*|\band )after (?:please )?(?=(?:%s)\b)' % '|'.join(RUN_ON_VERBS),
                  lambda m: ', then ' if m.group(1).strip() == ',' else 'and then ', text)
    text = rx.sub(r'\bcontra (?:the )?clock(?:wise)?\b', 'counterclockwise', text)
    text = rx.sub(r'\b(?:in )?(?:the )?direction of the (?:watch|clock)(?:\'s)? hands\b',
                  'clockwise', text)
    text = rx.sub(r'\bquarter of (?:a )?turn\b', 'quarter turn', text)
    text = rx.sub(r'\bwithout to ([a-z]+?)e?\b', r'without \1ing', text)
    text = rx.sub(r'\bmake (it|the [a-z]+ (?:block|cube|one)) (?:to )?go (?:in|into|inside) '
                  r'(?:the )?(drawer|cabinet|cupboard)\b', r'put \1 in the \2', text)
    text = rx.sub(r'\b((?:which|that) (?:is|was) (?:in|inside)) (drawer|cabinet|cupboard|'
                  r'slider)\b', r'\1 the \2', text)
    # "I want the blue block out of the drawer and into the cabinet": a lift and a place
    text = rx.sub(r'\b(?:i want|i need|i\'d like|we want|we need|get|move|bring) (the (?:%s) '
                  r'(?:block|cube|one)) out of (the [a-z]+) and (?:into|in|inside) (the '
                  r'(?:drawer|cabinet|cupboard|slider))\b'
                  % any_of(lx.COLOUR_WORDS), r'take \1 out of \2 and put it into \3', text)
    # shorthand with no articles: "move red block from drawer to cabinet"
    text = rx.sub(r'\b(move|carry|transfer|shift) (%s) (block|cube) (?=from\b)' % any_of(
        lx.COLOUR_WORDS), r'\1 the \2 \3 ', text)
    text = rx.sub(r'\bfrom (drawer|cabinet|cupboard|slider|table) (to|into) (?:the )?(drawer|'
                  r'cabinet|cupboard|slider)\b', r'from the \1 \2 the \3', text)
    text = rx.sub(r',\s*after (?=(?:%s)\b)' % '|'.join(RUN_ON_VERBS), ', then ', text)
    # order said the way other languages say it: "..., after this sweep it in", "..., after
    # what take ...", "... . after, turn off the lamp" (then); "before everything turn on the
    # lamp" (first); "push it in, but before open the drawer" (but first); "previously to push
    # it, ..." (before); "... and in the end turn the light off" (then); "first thing, ...",
    # "in second place ...", "as last step ..." (the number said alone)
    verb = r'(?=(?:%s)\b)' % verb_words()
    text = rx.sub(r'(,\s*|\band |[.;!?]\s*)after (?:this|what|it)\s*,?\s*' + verb, r'\1then ',
                  text)
    text = rx.sub(r'([.;!?,]\s*)after\s*,\s*', r'\1then ', text)
    text = rx.sub(r'^(?:before|above) (?:everything|all)(?: else)?\s*,?\s*' + verb, 'first ', text)
    text = rx.sub(r'\s*,?\s*\bbut before\s+' + verb, ' , but first ', text)
    text = rx.sub(r'\bprevious(?:ly)? to\b', 'before', text)
    text = rx.sub(r'(?:\s*,\s*|\s+)(?:and )?(?:in the end|at the end|at last|in the last place)'
                  r'\s*,?\s*' + verb, ' , then ', text)
    text = rx.sub(r'(?:\b(?:as|in) (?:the |a )?|(?<!\bthe )(?<!\ba )(?<!\bfor )(?<!\bmy )'
                  r'(?<!\bour )(?<!\byour )\b)(first|second|third|fourth|fifth|last|next) '
                  r'(?:thing|step|place)\b(?! (?:is|are|was|of|to|that|you|i|we)\b)\s*,?',
                  lambda m: 'first ,' if m.group(1) == 'first' else ' , then ', text)
    # "lights out", "lights on please": both lights
    text = rx.sub(r'^(?:please )?lights (out|off|on)\b(?!(?: please)?\s*[:-])', lambda m: (
        'turn %s both lights' % ('on' if m.group(1) == 'on' else 'off')), text)
    # "both lights off, led first", "switch on both lamps, the bulb first", "lights on, the lamp
    # and then the led": that one, then the other
    text = BOTH_LIGHTS_FIRST.sub(both_lights_first, text)
    # "take the red block over to the cabinet and put it in": to there, not from there
    text = rx.sub(r'\b(?:take|bring|carry) (the [a-z -]{1,30}?(?:block|cube|brick|one)|it) '
                  r'(?:over |across )?to (the (?:[a-z]+ )?(?:cabinet|cupboard|shelf|slider|'
                  r'drawer))\s*,?\s*(?:and |then |and then )(put|place|drop|set|store) it '
                  r'(?:in|inside|in there)\b', r'lift \1 , then \3 it into \2', text)
    # "stack the pink cube over the red one": on it
    text = rx.sub(r'\b((?:stack|put|place|set|lay|pile) (?:the [a-z -]{1,30}?(?:block|cube|brick|'
                  r'one)|it|%s)) over (?=(?:the )?(?:[a-z-]+ )?(?:block|cube|brick|one)\b|%s)'
                  % (BARE_BLOCK, BARE_BLOCK), r'\1 on ', text)
    text = rx.sub(r'\b(?:as|in) (?:the |a )?(first|second|third|fourth|fifth|last|next)\b\s*,?\s*'
                  + verb, lambda m: 'first , ' if m.group(1) == 'first' else ' , then ', text)
    # the way said before the block: "rotate to the right the blue block, and to the left the
    # red block"
    text = rx.sub(r'\b(to the (?:left|right)) (the (?:[a-z]+ ){0,2}?(?:block|cube|brick|one))\b',
                  r'\2 \1', text)
    text = rx.sub(r'^\s*the (?:block|cube|one) (?:you have|you(?:\'re| are) holding|you hold|in '
                  r'(?:your|the) (?:gripper|hand)),\s+', '', text)
    text = rx.sub(r'^\s*(?:please )?(?:do the needful|can or not)\s*(?:and|:|,)\s*', '', text)
    text = rx.sub(r'(^|,\s*|\bthen\s+|\band\s+)(on|off) (it|them)\b', r'\1turn \3 \2', text)
    text = rx.sub(r'^(\s*)(on|off) (the (?:[a-z]+ )?(?:lamp|light|bulb|lightbulb|led|light '
                  r'bulb))\b', r'\1turn \2 \3', text)
    text = rx.sub(r'\b(switch|turn|put) (off|on) (the [a-z ]+?) and (on|off) (the )',
                  lambda m: m.group(0) if m.group(2) == m.group(4) else '%s %s %s and %s %s %s' % (
                      m.group(1), m.group(2), m.group(3), m.group(1), m.group(4), m.group(5)),
                  text)
    # asides that ask for nothing: "humour me and ...", "please, and I really mean it, ...",
    # "..., I want to see what's inside", "right after all"
    text = rx.sub(r'^\s*(?:humou?r me|indulge me|bear with me|trust me|do me a favou?r)\s*(?:,\s*|'
                  r'\band\s+|[-:]\s*)', '', text)
    text = rx.sub(r',?\s*(?:and )?i (?:really |truly |do )?mean it\s*,?', ' ', text)
    text = rx.sub(r'\s*[,;-]\s*(?:i|we) (?:want|need|would like|\'d like) to (?:see|check|look at|'
                  r'know|inspect)\b[^,;.!]*(?=[.!]?\s*$)', '', text)
    text = rx.sub(r'\s+after all\s*(?=[.!]?\s*$)', '', text)
    # "pick up the blue block and keep it in the gripper": holding it is the lift's end
    text = rx.sub(r'(?:\s*,)?(?:^|\s+)(?:and )?(?:keep|hold) (?:it|them) (?:in (?:the|your) '
                  r'(?:gripper|hand|grip|fingers|claw)|held|gripped|there)\b', '', text)
    # a remark said first, then the order: "it's gloomy in here, switch on the lamp", "I know
    # it looks pointless, but twist ...", "you'll think this is silly, but lift ..."
    remark = rx.match(r'^\s*(?:i|we|you|it|this|that)(?:\'s|\'m|\'re|\'ll| know| think| guess| '
                      r'is| am| are| will| looks| seems| feels)\b([^,;:.!-]{0,50}?)\s*(?:,\s*'
                      r'(?:but\s+|so\s+)?|\s+-+\s+|\s+but\s+)(?=[a-z]+ )', text)
    if remark and not has(' %s ' % remark.group(1), OBJECT_WORDS) and \
            text[remark.end():].split()[0] in action_verbs():
        text = text[remark.end():]
    # "the pink block needs to point more to the right, so turn it clockwise": the wish is
    # the reason; the step follows "so"
    facing = rx.match(r'^\s*(the (?:[a-z-]+ ){0,2}?(?:block|cube|brick))(?: (?:needs to|ought to|'
                      r'should|has to|must)) (?:point|face|look|be (?:turned|rotated|facing|'
                      r'pointing))\b[^,;.]*[,;.]\s*(?:so |and )?', text)
    text = said_first(facing, text) or text
    # "without lifting the pink block, slide it to the right": the block, and then the care
    care = rx.match(r'^\s*without (?:lifting|raising|picking up|grabbing|grasping) (the '
                    r'(?:[a-z-]+ ){0,2}?(?:block|cube|brick))\s*,\s*', text)
    text = said_first(care, text) or text
    # "..., set it on top of the blue one, then take it back off": unstack it
    if has(text, lx.STACK + ('on top of',)) or rx.search(r'\bon (?:the )?(?:%s)\b' % any_of(
            lx.COLOUR_WORDS), text):
        text = rx.sub(r'\b(?:take|lift|pull) (?:it|them) (?:back off(?: again)?|off again)\b'
                      r'(?! (?:the|of)\b)', 'unstack it', text)
    # "stack it on the red one, then take it off": off the stack it was just put on
    text = rx.sub(r'(\b(?:stack|put|place|set|pop|lay)\b[^,;.]*?\b(?:on|onto|on top of)\b[^.;]*?'
                  r'(?:,|\band\b|\bthen\b)\s*(?:then\s+)?)(?:take|lift|pull) (?:it|them) off\b'
                  r'(?! (?:the|of|again)\b)', r'\1unstack it', text)
    # "take blue off the stack and put it back": back on the stack
    text = rx.sub(r'(\boff (?:the |that |this )?(?:stack|tower|pile|top|%s (?:one|block|cube))\b'
                  r'[^.;]*?(?:\band\b|\bthen\b|,)\s*(?:then )?)(?:put|place|set) (it|them) back\b'
                  r'(?! (?:in|into|inside|on the table|on the desk|down|where|to)\b)'
                  % any_of(lx.COLOUR_WORDS), r'\1stack \2', text)
    # "turn the LED on before anything else, then ...": it is already first
    text = rx.sub(r'^([^,;]+?)\s+(?:before anything else|first of all|first thing)\b', r'\1', text)
    text = rx.sub(r'\s*[,;-]?\s*(?:and )?(?:nothing else|that s all|that\'s all|nothing more)\s*'
                  r'(?=[.!]?\s*$)', '', text)
    text = rx.sub(r'\s*,\s*like (?:the hands of a clock|a clock\'s hands|the clock\'s hands)'
                  r'(?: (?:move|go|turn))?\b', '', text)
    text = rx.sub(r'^\s*(?:you(?:\'re| are) (?:now )?allowed to|you may now|you may|feel free to|'
                  r'you can now|you can go ahead and)\s+', '', text)
    text = rx.sub(r'(?:\s+now)?\s*,\s*go ahead\s*(?=[.!]?\s*$)', '', text)
    # a concession is a remark: "close the drawer, even though the red block is still inside"
    text = rx.sub(r'(?:,\s*|\s)(?:even though|although|even if|despite the fact that|regardless '
                  r'of (?:whether|the fact that))\b[^,;.:!]*', '', text)
    # "into", said right after the block, is where it goes: "get the red block into the
    # drawer", "take the pink block into the cabinet" are places, not lifts
    text = GOES_INTO.sub(r'put \1 into', text)
    text = drawer_it(text)
    # a thing or way ruled out beside the one meant: "not the pink one - push the blue block",
    # "set it down in the cabinet, not in the drawer", "rotate it left, not right"
    text = rx.sub(r'(^|[,;:.!]\s*|\s+-+\s*)(?:no(?: wait)?\s*,?\s*)?not (?:in |from |into |inside '
                  r'|out of |on |onto |to |towards )?(?:the |a )?(?:[a-z-]+ ){0,2}?(?:drawer|'
                  r'cabinet|slider|cupboard|shelf|door|block|cube|brick|one|bulb|lamp|light|led|'
                  r'button|switch|left|right|clockwise|counter-?clockwise|anti-?clockwise)'
                  r'\s*(?:[,;:.!]+|\s-+(?=\s)|$)', lambda m: m.group(1) if m.group(1).strip(
                      ' -') else ' ', text)
    # the block said again to stress it: "push the blue block right, and only the blue block",
    # "pick up the red block, yes the red one and no other, and ..."
    text = rx.sub(r'\b(the (%s) (?:block|cube|brick)\b[^,;]*?)\s*,\s*(?:yes,? )?(?:and )?'
                  r'(?:only )?the \2 (?:one|block|cube|brick)(?: and no other| only| and nothing '
                  r'else)?\s*(?=,|;|$)' % any_of(lx.COLOUR_WORDS), r'\1', text)
    # "put it right back into the cabinet": "right" says how soon, not which way; "take the
    # top block off the stack, whichever it is"; "the drawer, the one under the desk top"
    text = rx.sub(r'\bright (?=back\b|away\b|there\b|into\b|onto\b)', '', text)
    text = rx.sub(r'\s*,?\s*whichever (?:one )?(?:it is|that is|it may be)\b', '', text)
    text = rx.sub(r'\b(drawer|cabinet|slider|lamp|bulb|lightbulb|led|button|switch)\s*,\s*the '
                  r'one (?:under|below|beneath|on|in|at|by|near|beside|next to) the [a-z ]+?'
                  r'(?=\s*(?:,|;|\band\b|\bthen\b|$))', r'\1', text)
    # verbs that are also nouns the planner refuses: "wrench it around", "fish out the block"
    text = rx.sub(r'\bwrench(?:es|ed|ing)? (?=(?:it|them|that|the (?:[a-z-]+ ){0,2}(?:block|cube|'
                  r'brick))\b)', 'twist ', text)
    text = rx.sub(r'\bfish(?:es|ed|ing)? (?:it |them |the (?:[a-z-]+ ){0,2}(?:block|cube|brick|'
                  r'one) )?'
                  r'(?:out|up)\b', lambda m: m.group(0).replace(
                      m.group(0).split()[0], 'take', 1), text)
    text = rx.sub(r'\b(?:clamp|latch|lock|close|clasp|fasten) (?:on ?to|onto|on|around|about) '
                  r'(?=(?:the|it)\b)', 'grasp ', text)
    # "lower the gripper into the drawer, close it on the pink block": the gripper closes
    text = rx.sub(r'\bclose (?:it|the gripper|your gripper|the fingers|the jaws|the claw) '
                  r'(?:on ?to|onto|on|around|about) '
                  r'(?=the (?:[a-z-]+ ){0,2}(?:block|cube|brick)\b)', 'grasp ', text)
    # "stack the one you took off on another block": the block held
    text = rx.sub(r'\bthe (?:block|one|cube|brick) (?:that )?(?:the (?:gripper|robot|arm) '
                  r'(?:is holding|holds|has)|you(?:\'ve| have) got)\b', 'it', text)
    text = rx.sub(r'\bthe (?:block|one|cube|brick) (?:that )?you(?:\'re(?= holding))? (?:just )?'
                  r'(?:took off|removed|picked up|lifted|took|grabbed|are holding|holding|hold|'
                  r'have)\b', 'it', text)
    # "red block, rotate it counter clockwise": the block said first, as a topic
    text = rx.sub(r'(^\s*|[.;!]\s*)((?:the )?%s (?:block|cube|brick))\s*,\s*(?:please\s+)?'
                  r'([a-z]+) (?:it|that)\b' % any_of(lx.COLOUR_WORDS), r'\1\3 \2', text)
    # ... or by its colour alone: "the blue, push it in the drawer; the red, push it right"
    text = rx.sub(r'(^\s*|[.;!]\s*)(?:the )?(%s)\s*,\s*(?:please\s+)?([a-z]+) (?:it|that)\b'
                  % any_of(lx.COLOUR_WORDS), r'\1\3 the \2 block', text)
    # a block, from one place to another, and no verb: "blue block from table to cabinet" (from
    # the table to the drawer is read as before: a lift and a place)
    text = rx.sub(r'(^\s*|[.;!]\s*)(?:the )?(%s)(?: block| cube| one)? from (?:the )?(table|'
                  r'drawer|cabinet|cupboard|slider) (?:to|into) (?:the )?(drawer|cabinet|cupboard|'
                  r'slider)\b' % any_of(lx.COLOUR_WORDS), lambda m: m.group(0) if (
                      m.group(3), m.group(4)) == ('table', 'drawer') else
                  '%smove the %s block from the %s to the %s' % m.groups(), text)
    text = rx.sub(r'^\s*((?:the )?%s (?:block|cube|brick))\s*,\s*(?:please\s+)?(rotate|turn|twist|'
                  r'spin|push|shove|slide|nudge|lift|pick up|grab|take|raise|remove)\b(?! it\b)'
                  % any_of(lx.COLOUR_WORDS), r'\2 \1', text)
    # where the block is, said after it: "the blue block, the one on the tabletop", "the blue
    # block that was placed on the table"
    text = rx.sub(r'\b(block|cube|brick)\s*,\s*the one ((?:on|in|inside) the (?:[a-z]+ )?[a-z]+)'
                  r'(?=\s*(?:[;.!]|$|,\s*(?:and|then)\b))', r'\1 \2', text)
    text = rx.sub(r'\b(block|cube|brick) (?:that|which) (?:was|is|has been|had been) '
                  r'(?:placed|put|set|left|sitting|lying|resting|standing) '
                  r'(?=(?:on|in|inside) the\b)', r'\1 ', text)
    # "...; then onto the blue block with it": the place, and no verb
    text = rx.sub(r'\bthen (onto|into|on top of|on|in|inside) (the [a-z ]{2,30}?) with '
                  r'(?:it|that)\b', r'then put it \1 \2', text)
    # ... and with its verb: "out of the drawer, lift the red block"
    text = rx.sub(r'^\s*(out of|from) (the (?:drawer|cabinet|cupboard|slider))\s*,\s*((?:lift|'
                  r'pick up|take|grab|get|remove|retrieve|fetch) (?:the|that) (?:%s) (?:block|'
                  r'cube|one))(?=\s*(?:[.;!,]|$))' % any_of(lx.COLOUR_WORDS), r'\3 \1 \2', text)
    # a place said first and no verb: "out of the drawer, the red block, please", "into the
    # drawer, the block in your gripper"
    text = rx.sub(r'^\s*(out of|from|into|in|onto|on top of) (the [a-z -]{2,40}?)\s*,\s*'
                  r'(it|(?:the|that) [a-z -]{2,40}?)\s*(?:,\s*please\b)?\s*'
                  r'(?=[.;!]|$|,? ?(?:and )?then\b)',
                  lambda m: '%s %s %s %s' % ('take' if m.group(1) in ('out of', 'from') else 'put',
                                             m.group(3), m.group(1), m.group(2)), text)
    # "the blue cube should end up a touch further left; shove it over", "i'd like the blue
    # block a little further to the right; nudge it over"
    text = rx.sub(r'^\s*(?:i\'?d like |i would like |i want |i need )?(the (?:[a-z-]+ ){0,3}?'
                  r'(?:block|cube|brick|one|slider|sliding door|door))'
                  r'(?: (?:should|must|needs? to|to) (?:end up|end|be|sit|move|go))?(?: a '
                  r'(?:touch|little|bit|tad|notch)| slightly| somewhat| just)?(?: further| more)?'
                  r'(?: to the)? (left|right)\b[^;,.]*[;,.]\s*(?:so |just |please )?(shove|nudge|'
                  r'push|slide|move|scoot) it(?: over| along)?\b', r'\3 \1 \2', text)
    text = rx.sub(r'^\s*(the [a-z -]+?) (?:should|must|needs? to) (?:end up|be|go|get) (?:in|'
                  r'inside|into) the (drawer|cabinet|cupboard|shelf|slider)\b[^;,.]*[;,.]\s*'
                  r'(?:so |just |please )?(shove|nudge|push|slide|sweep|move|put|place|drop|'
                  r'set) it(?: there| in)?\b', r'\3 \1 into the \2', text)
    # where a block must end up, said as the goal with no verb: "the red block should be in
    # the drawer", "I want the pink block in the cabinet", "make sure the blue block ends up
    # inside the drawer", "the red block belongs in the drawer": put it there
    start = r'(^|[.;!,]\s*|\b(?:and|then)\s+)'
    block = r'(the (?:[a-z-]+ ){0,3}?(?:block|cube|brick)) '
    placed = r'(?:put |placed |stored |stowed |back )?'
    place_goal = (r'(?:in|into|inside|in to) the (drawer|cabinet|cupboard|shelf|slider|sliding '
                  r'cabinet)\b(?=\s*(?:[.;!,]|$|(?:and|then|please)\b))')
    text = rx.sub(start + block + r'(?:(?:should|must|needs? to|has to|ought to|is to|has got '
                  r'to) (?:be |go |end up |get |wind up )?|belongs |goes |has a place )' + placed +
                  place_goal, r'\1put \2 into the \3', text)
    text = rx.sub(start + r'(?:i\'?d like |i would like |i want |i need |we want |we need )' +
                  block + r'(?:to (?:be |go |end up )' + placed + r')?' + place_goal,
                  r'\1put \2 into the \3', text)
    text = rx.sub(start + r'(?:make sure|ensure|see to it|see) (?:that )?' + block +
                  r'(?:is |ends up |gets |winds up )' + placed + place_goal,
                  r'\1put \2 into the \3', text)
    # "open the drawer and make sure the red block is in it": into the place said before
    text = rx.sub(r'(\b(?:and|then)\s+)(?:make sure|ensure|see to it) (?:that )?' + block +
                  r'(?:is |ends up |gets |winds up )' + placed + r'(?:in|into|inside) (?:it|there)'
                  r'(?=\s*(?:[.;!,]|$|(?:and|then|please)\b))', r'\1put \2 into it', text)
    text = rx.sub(r'\b(?:on|onto|at|to) (?:the )?(?:floor|bottom|base|interior) of the (drawer|'
                  r'cabinet|cupboard|shelf|slider)\b', r'into the \1', text)
    text = rx.sub(r'\b(?:the )?(?:floor|bottom|base|interior) of the (drawer|cabinet|cupboard|'
                  r'shelf|slider)\b', r'the \1', text)
    text = rx.sub(r'\bfrom on top of\b', 'off the top of', text)   # "remove it from on top of"
    # "sweep the red block into it from the table": the place it comes from first
    text = rx.sub(r'\binto (it|there) from the (table|desk|tabletop)\b', r'from the \2 into \1',
                  text)
    text = rx.sub(r'\b(?:take|get|grab|catch|lay|keep) (?:a )?(?:firm )?hold of\b', 'grasp', text)
    # "so that it no longer rests on the table, pick the pink block up": where it is now
    gone = rx.match(r'^\s*so (?:that )?(?:it|the [a-z -]+?) (?:is )?no longer (?:rests?|resting|'
                    r'lies|lying|sits|sitting|is|stands|standing) (?:on|in|inside|upon|within) '
                    r'(?:the|its) ([a-z ]+?)\s*[,;:]\s*(?=[a-z])', text)
    if gone:
        text = from_place(text[gone.end():], gone.group(1))
    # "propel it leftward with a steady, controlled push": the manner, commas and all
    text = rx.sub(r'\s*\bwith (?:a|an|one) (?:[a-z]+(?:ly)?,? ){1,3}(?:push|motion|movement|shove|'
                  r'nudge|stroke|sweep|action|gesture)\b', '', text)
    goal = GOAL_FIRST.match(text)
    if goal and has(' %s ' % goal.group(1), OBJECT_WORDS):
        # "the yellow light should not be shining; turn it off": "it" is what the goal names
        text = said_first(goal, text, r'\b(?:it|them)\b') or text
    # "switch off both lights: first the lamp, then the LED": one light, then the other
    text = rx.sub(r'\b(turn|switch|shut|put) (on|off) (?:both|all)(?: of)?(?: the)? '
                  r'(?:lights|lamps)\s*[:,-]\s*(?:first )?(the [a-z ]+?)\s*,?\s*(?:and )?then '
                  r'(the [a-z ]+?)\s*(?=$|[.,;!])', r'\1 \2 \3, then \1 \2 \4', text)
    # texting and speech: "pls", "u", "n" for "and", "youve"
    text = rx.sub(r'\b(you|i|they)(ve|re)\b|\b(we)(ve)\b', r"\1\3'\2\4", text)
    text = rx.sub(r'\b(?:pls|plz|plse|pleez)\b', 'please', text.replace('&', ' and '))
    text = rx.sub(r'\s\+\s', ' and ', text)
    # a first sentence that only sets the scene: "I'm about to take photos of the table.
    # The yellow bulb needs to be on for that."
    scene = rx.match(r'^\s*(?:i|we|i\'m|we\'re|i am|we are|today|tonight|this morning|in a '
                     r'(?:minute|moment)|it is|it\'s|the (?:workspace|work area|work cell|'
                     r'workcell|room|lab|scene|setup|area))\b([^.!?;]*)[.!?;]\s+(?=\S)', text)
    if scene and not has(' %s ' % scene.group(1), OBJECT_WORDS + ('it', 'them')):
        text = text[scene.end():]
    # states said first, then the order: "the robot is holding a block and the drawer is
    # open. have it put the block inside the drawer", "a block is on the table and the
    # drawer is open. sweep the block into it"
    state = (r'(?:the|a) [a-z ]{2,30}? (?:is|are) (?:already |still )?(?:open|opened|closed|shut|'
             r'on|off|lit|dark|stacked|on the table|on the desk)')
    states = rx.match(r'^\s*(?:(?:the (?:robot|arm|gripper)|you|it) (?:is|are|\'s|\'re) '
                      r'(?:already )?(?:holding|carrying|gripping) (?:a|the|one) (?:[a-z]+ )?'
                      r'(?:block|cube|brick)|%s)(?:(?:,? and|,) %s)*\s*[.;]\s+(?=[a-z])'
                      % (state, state), text)
    if states and rx.search(r'\b(?:%s)\b' % '|'.join(RUN_ON_VERBS + PUT_VERBS + PICK_VERBS + (
            'have', 'open', 'close', 'shut', 'sweep', 'press', 'flip')), text[states.end():]):
        # "the red block is on the desk. have the robot turn it": "it" is the first thing said
        first = rx.match(r'\s*((?:the|a) [a-z ]{2,30}?) (?:is|are|\'s|\'re)\b', text)
        rest = text[states.end():]
        text = name_it(rest, first.group(1)) if first and not rx.match(
            r'\s*the (?:robot|arm|gripper)\b', first.group(1)) else rest
    # a time before the command: "before finishing, close the drawer"
    text = rx.sub(r'^\s*(?:before|after) (?:finishing|starting|we start|we finish|you start|you '
                  r'finish|anything else|doing anything else)\s*,\s*', '', text)
    # a thing's state said first: "the drawer is in the way. close it."
    text = rx.sub(r'^(\s*the [a-z ]{2,30}?)\'s been\b', r'\1 has been', text)
    state = rx.match(r'^\s*(the [a-z ]{2,30}?) (?:(?:is|are|looks|seems) (?:in (?:the|my|our) way'
                     r'(?: on the (?:left|right))?|at the '
                     r'wrong angle|in the wrong (?:spot|place|position)|unstable|wobbly|crooked|'
                     r'misaligned|shut|closed|open|sticking out|ajar|pulled out|half open|partly '
                     r'open|left open)(?: at the moment| right now| now| again)?|has been '
                     r'(?:left )?(?:open|closed|shut|on|off)(?: again)?|(?:should|'
                     r'must|needs to) be (?:emptied|cleared)(?: out)?)\s*[.;,]\s*(?=[a-z])', text)
    if state and has(' %s ' % state.group(1), OBJECT_WORDS):
        text = past_state(state, text)
    # "drawer, push it in", "sliding door, move it left": a fixture said first, as a topic
    text = rx.sub(r'^\s*((?:the )?%s)\s*,\s*(?:please\s+)?([a-z]+) (?:it|that)\b' % any_of(
        lx.DRAWER + lx.SLIDER_DOOR + lx.LIGHTBULB + lx.LED + ('cabinet door', 'switch')),
        r'\2 \1', text)
    # "rotate it clockwise in place on the table": where it stays, not where it goes
    text = rx.sub(r'\bin (?:the same |its )?(place|spot) on the (?:table|desk|tabletop)\b',
                  r'in \1', text)
    # "touch the left side of the red block and shove it right": where to touch it
    text = rx.sub(r'\b(touch|contact|press against|press on|press|push on|push against|approach|'
                  r'reach|get behind|go to|make contact with) the (?:left|right|left-hand|'
                  r'right-hand|near|far|front|back|opposite) '
                  r'(?:side|face|edge) of\b',
                  lambda m: 'push' if m.group(1).startswith('push') else 'approach', text)
    text = rx.sub(r'\b(turn|switch|shut) of (?=(?:the|that|this|it|both|all)\b)', r'\1 off ', text)
    text = LIGHT_CEASE.sub(light_off, text)
    # "so that it goes from closed to open": the state it ends in
    text = rx.sub(r'\bfrom (?:being |the |its )?(?:closed|shut|open|opened|on|off)'
                  r'(?: state| position)? (?=(?:to|into) (?:being |the |an? |its )?'
                  r'(?:closed|shut|open|opened|on|off)\b)', '', text)
    # the cabinet's shelf is inside it: "release the block onto the cabinet shelf"
    text = rx.sub(r'\bon(?:to)? the (?:cabinet|cupboard|slider)(?:\'s| s)? shelf\b',
                  'into the cabinet', text)
    # a state said first asks for nothing: "the drawer's open already - take the cobalt
    # block out of it" ("it" is that fixture)
    state = rx.match(r'^(?:the )?(drawer|cabinet|cupboard)(?:\'s| is| s| has| was)(?: been)?'
                     r'(?: left| still| already| currently)? (?:open|opened|closed|shut)'
                     r'(?: already| for (?:a while|long enough|ages|too long|hours)| long enough| '
                     r'all (?:day|morning|afternoon))?\s*(?:[,;:.]|[-–—]+|so\b|and\b)\s*', text)
    if state:
        rest = text[state.end():]
        it = r'\b(out of|from|in|into|inside|close|shut|push in|open) it\b'
        named = rx.search(it, rest)
        rest = rx.sub(it, r'\1 the ' + state.group(1), rest, count=1)
        # "the drawer has been open long enough, push it back in"
        text = rest if named else rx.sub(r'^((?:please |now |so )*(?:push|close|shut|slide|shove|'
                                         r'open|pull)) it\b', r'\1 the ' + state.group(1), rest)
    # an arrow chain is a sequence: "open drawer -> lift pink block -> drop it in"; after
    # a bare topic an arrow or a dash is a colon: "rose cube -> push it left, turn it ..."
    topic = rx.match(r'^\s*([a-z ]{1,30}?)\s*(?:-+>|=+>|→|\s[-–—]+\s)', text)
    if topic and not (set(topic.group(1).split()) & action_verbs()):
        text = topic.group(1) + ':' + text[topic.end():]
    text = rx.sub(r'\s*(?:-+>|=+>|→|>>)\s*', ' , then ', text)
    # a goal, then the steps that reach it: "goal: red block inside the cabinet. steps: ...",
    # "get the pink block into the drawer: open the drawer, pick it up and drop it inside"
    text = rx.sub(r'^\s*(?:the )?(?:goal|objective|aim|target|end state|outcome)\s*:[^.;:]*[.;]\s*'
                  r'(?:the )?(?:steps?|plan|procedure|how|method)\s*:\s*', '', text)
    header = rx.match(r'^\s*([a-z][a-z\' -]{2,60}?)\s*:\s*(?=\S)', text)
    if header:
        steps = rx.split(r'\s*,\s*(?:and\s+|then\s+)?|\s+(?:and then|then|and)\s+',
                         text[header.end():].strip(' .'))
        named = set(header.group(1).split()) & set(OBJECT_WORDS)
        if len(steps) > 1 and all(step.split() and step.split()[0] in action_verbs()
                                  for step in steps) and named <= set(' '.join(steps).split()) \
                and (named or header.group(1).split()[0] in action_verbs()):
            text = text[header.end():]
    # a dashed list of steps: "- open the drawer - push the red block into it - close it"
    dashed = rx.split(r'\s[-–—]+\s', rx.sub(r'^\s*[-–—]+\s*', '', text))
    if len(dashed) > 1 and all(part.split() and part.split()[0] in action_verbs()
                               for part in dashed):
        text = ' , then '.join(dashed)
    # numbered or worded steps: "1) lift the pink block 2) put it inside", "step two, ..."
    text = rx.sub(r'\b(?:step|item|check|task) (?:one|two|three|four|five|\d\d?)\s*[,:.]?\s*',
                  ' , ', text)
    numbers = r'(?:^|\s)\(?(?:\d|i{1,3}|iv|v|vi)\s*[).:]\s'
    if len(rx.findall(numbers, ' ' + text)) >= 2:
        text = rx.sub(numbers + '+', ' , ', ' ' + text)
    # "turn the lamp on ... wait, first shut the drawer": the step said last goes first
    text = rx.sub(r'(?:\.{2,}|[,;])?\s*\b(?:wait|actually|on second thought)\b,? (?:no,? )?'
                  r'first\b', ', but first', text)
    # "move the red block from the slider into the drawer": a lift, then a place; so are "grab
    # blue from the cabinet, into the drawer" and "pink out of the drawer onto red"
    text = rx.sub(r'(?:\b(?:lift|pick up|grab|remove|pull|pluck|fetch|retrieve|raise|hoist|grasp|'
                  r'pick|take|get)\s+(the [a-z -]{1,30}?(?:block|cube|brick|one|piece|object)|it|'
                  r'%s)|(?:^|(?<=, )|(?<=; )|(?<=\bthen ))(the [a-z -]{1,30}?(?:block|cube|brick|'
                  r'one|piece)|%s))'
                  r'\s+(?:up\s+)?(?:out of|from)\s+(the (?:[a-z]+ )?(?:slider|cabinet|cupboard|'
                  r'shelf|drawer|table|desk|tabletop))(?:\s*,\s*(?:then\s+)?|\s+and\s+'
                  r'(?:then\s+)?|\s+(?=into|in to|onto|on to|on top of))(into|in to|inside|onto|'
                  r'on to|on top of|in|on)\s+(the |(?=%s\b))(?!(?:[a-z]+ )?(?:'
                  r'left|right|middle|centre|center|side|far|near|corner|front|back|gripper|hand|'
                  r'air)\b)' % ((BARE_BLOCK,) * 2 + (any_of(lx.COLOUR_WORDS),)),
                  lambda m: 'take %s from %s , then put it %s %s' % (
                      m.group(1) or m.group(2), m.group(3), m.group(4), m.group(5)), text)
    text = rx.sub(r'\b(?:move|relocate|transfer|carry|bring|shift|take|get)\s+'
                  r'(the [a-z -]{1,30}?(?:block|cube|brick|one|piece|object))\s+'
                  r'(?:out of|from)\s+'
                  r'(the (?:[a-z]+ )?(?:slider|cabinet|cupboard|shelf|drawer|table|desk|tabletop))'
                  r'\s+(?:and )?(into|in to|inside|in|onto|on to|on top of|on)\s+(the )'
                  r'(?!(?:gripper|hand|grip|grasp|jaws|fingers|claw|air|robot)\b)',
                  r'take \1 from \2 , then put it \3 \4', text)
    # "move it from the cupboard to the drawer": from one container to the other (from the
    # table "to the drawer" stays a push into it)
    text = rx.sub(r'\b(?:move|relocate|transfer|carry|bring|shift|take|get)\s+'
                  r'(the [a-z -]{1,30}?(?:block|cube|brick|one|piece|object)|it)\s+'
                  r'(?:out of|from)\s+(the (?:[a-z]+ )?(?:slider|cabinet|cupboard|shelf|drawer))'
                  r'\s+(?:over |across |back )?to\s+(the (?:[a-z]+ )?(?:slider|cabinet|cupboard|'
                  r'shelf|drawer))\b',
                  lambda m: m.group(0) if has(m.group(2), lx.DRAWER) == has(
                      m.group(3), lx.DRAWER) else 'take %s from %s , then put it into %s' % (
                          m.group(1), m.group(2), m.group(3)), text)
    # "carry the blue block out of the slider": a lift from there, not a place into it
    text = rx.sub(r'\b(?:move|relocate|transfer|carry|bring|shift)\s+(the [a-z -]{1,30}?%s|it)'
                  r'\s+(out of|out from)\b(?![^,]*\b(?:into|in to|inside|onto|on to|on top of)\b)'
                  % any_of(lx.BLOCK_NOUNS), r'take \1 \2', text)
    # a block said to end up in the gripper is lifted: "the red block should end up in the
    # gripper", "leave the pink block held in the gripper", "i want it in the robot's hand"
    text = rx.sub(r'^(?:(?:i want|i\'d like|i would like|make sure|ensure)(?: that)? )?(the '
                  r'[a-z -]{1,30}?%s) (?:should |must |needs to |has to |is to |will )?(?:end up |'
                  r'be |remain |stay )?(?:held |gripped |grasped )?(?:in|within|inside) '
                  r'(?:the|your|its|the robot\'?s?) (?:gripper|hand|grip|grasp|fingers|claw)\b' %
                  any_of(lx.BLOCK_NOUNS), r'lift \1', text)
    text = rx.sub(r'^(?:leave|keep|have) (the [a-z -]{1,30}?%s) (?:held |gripped |grasped )?(?:in|'
                  r'within|inside) (?:the|your) (?:gripper|hand|grip|grasp|fingers|claw)\b' %
                  any_of(lx.BLOCK_NOUNS), r'lift \1', text)
    # "..., lifted out of the drawer", "..., no longer resting on the table": where from
    text = rx.sub(r'\s*,\s*(?:and )?(?:(?:lifted|taken|removed|raised|pulled|picked up) '
                  r'(?:up )?|no longer (?:resting |sitting |lying |standing )?)'
                  r'(out of|from|off|on|in|inside) '
                  r'(the (?:%s))\b' % '|'.join(rx.escape(w) for w in (
                      'drawer', 'table', 'desk', 'tabletop', 'table top', 'slider', 'cabinet',
                      'sliding cabinet', 'shelf', 'cupboard')),
                  lambda m: ' %s %s' % ('from' if m.group(1) in ('on', 'in', 'inside')
                                        else m.group(1), m.group(2)), text)
    # "go to the drawer where the pink block is stored": the block in the drawer
    text = rx.sub(r'\bthe (drawer|cabinet|sliding cabinet|slider|shelf|cupboard) (?:where|in '
                  r'which) (the [a-z -]{1,30}?%s) (?:is|sits|lies|rests|was put|was placed)'
                  r'(?: (?:stored|kept|placed|located|sitting|resting|lying))?\b' % any_of(
                      lx.BLOCK_NOUNS),
                  r'\2 in the \1', text)
    # a block's side is where to touch it, not a way, when a way is said too: "engage the
    # left side of the pink block and drive it rightward"
    side = (r'\b(?:the )?%s(?:-hand| hand)? (?:side|face|flank|edge) of (?=it\b|the (?:[a-z]+ )'
            r'{0,2}?%s\b)' % (any_of(lx.LEFT + lx.RIGHT), any_of(lx.BLOCK_NOUNS)))
    if rx.search(side, text) and direction_of(' %s ' % rx.sub(side, ' ', text)):
        text = rx.sub(r'\s+', ' ', rx.sub(side, ' ', text))
    # the gripper as a tool: "use the gripper like a broom to sweep ...", "... as a paddle"
    text = rx.sub(r'\b(?:use|using) (?:the|your) (?:closed |open )?(?:gripper|hand|arm|fingers|'
                  r'claw)(?: like| as) (?:a|an) [a-z]+(?: to)?\b', '', text)
    # what it does not do besides: "push it left, not rotating it much"
    text = rx.sub(r'(?:\s*,)?\s*\b(?:and )?(?:not|without|never) (?:rotating|turning|twisting|'
                  r'spinning|tilting) (?:it|them)(?: much| at all| any more)?\b', '', text)
    text = rx.sub(r'\bwhile (?:still )?(?:holding|carrying|gripping|grasping) (?:it|the '
                  r'(?:[a-z]+ )?(?:block|cube|brick|object))\b', '', text)
    # "block in gripper, set it inside the drawer", "the carried block": the block held
    text = rx.sub(r'^(?:the )?(?:block|cube|object) (?:in (?:the |your )?(?:gripper|hand)|'
                  r'you(?: are|\'re| re) (?:holding|carrying))\s*,\s*(?=\w)', '', text)
    text = rx.sub(r'\b(?:move|bring|carry|transfer|guide|take) (?=the (?:carried|held|grasped|'
                  r'gripped) (?:block|cube|object|one) (?:into|in|inside|onto|on top of)\b)',
                  'put ', text)
    # "you are holding a block. put it in the drawer", "the gripper has a block; ...": the
    # state the command starts from
    text = rx.sub(r'^(?:(?:you are|you\'re|you re|the robot is|the arm is|the gripper is) (?:now |'
                  r'already |currently )?(?:holding|carrying|gripping)|the (?:gripper|robot|arm|'
                  r'hand) (?:has|holds)) (?:a|the|one) (?:block|cube|brick|object)\s*[.,;:]\s*'
                  r'(?=\w)', '', text)
    # the robot said in the third person: "have the robot push it in", "the robot should ..."
    text = rx.sub(r'(^|[,;.:]\s*)(?:(?:please )?have (?:the robot|the arm|it) |(?:the robot|the '
                  r'arm) (?:should|must|needs to|has to|is to|will) )(?=[a-z])', r'\1', text)
    # "bring it up off the cabinet's base": a lift from there
    text = rx.sub(r'\bbring (it|them|the [a-z -]{1,30}?%s) (?:up |out )?(?=(?:off|out of|from)\b'
                  r'(?![^,]*\b(?:into|in to|onto|on to|on top of|to the)\b))'
                  % any_of(lx.BLOCK_NOUNS), r'lift \1 ', text)
    # "lift the red block, which is in the cabinet": where the block is, not a step
    text = rx.sub(r'\s*,\s*(?=(?:still |currently |now |already )?(?:resting|sitting|lying|'
                  r'located|placed|kept|stored|standing) (?:on|in|inside|at|within)\b)', ' ', text)
    text = rx.sub(r'\s*,\s*(?=(?:which|that) (?:(?:is|was) (?:now |currently |still )?'
                  r'(?:in|inside|on|at|within|located|sitting|resting|lying|kept|stored|placed)|'
                  r'sits|lies|rests)\b)', ' ', text)
    # "right after you ...", "right before ...": at once, not a direction
    text = rx.sub(r'(^|[,;:.]\s*|\band |\bthen )(?:right|just|immediately|directly) '
                  r'(?=after\b|before\b|once\b)', r'\1', text)
    # telegraphic "after" before an order: "open drawer, after take blue block"
    text = rx.sub(r'(^|[,;:.]\s*|\band )after (?=%s\b(?! (?:you|i|it|that)\b))' %
                  any_of(action_verbs()),
                  r'\1then ', text)
    text = rx.sub(r'\b(?:a|the) second (block|cube|brick|one)\b', r'another \1', text)
    text = rx.sub(r'\bu\b', 'you', rx.sub(r'\bur\b', 'your', text))
    text = rx.sub(r'\bn\b', 'and', rx.sub(r'\b(?:thx|tnx|ty)\b', 'thanks', text))
    text = rx.sub(r'^(?:is|would it be|will it be) (?:it )?possible (?:for you )?(?:that )?'
                  r'(?:you )?(?:to )?', '', text)
    # a closing remark: "..., done.", "..., is ok?" (thanks are filler)
    text = rx.sub(r'[,.;:!?\s]*\b(?:done|that\'s (?:it|all)|that is (?:it|all)|over|'
                  r'(?:is|is that|is it) (?:ok|okay|alright|fine|possible)|if (?:that\'s|that is|'
                  r'it\'s|it is) (?:ok|okay|alright|fine|possible))[.!?\s]*$', '', text)
    # hesitations go before self-corrections are read: "the blue block, um, sorry, the pink";
    # a speaker who starts again says a verb after one ("close the uh open the drawer"), and
    # one between a whole step and a verb ends the step ("press the button um turn on ...")
    verb = r'(?=(?:%s)\b)' % '|'.join(RUN_ON_VERBS)
    text = rx.sub(r'\b(?:the|a|to the|to)\s+(?:um+|uh+|uhm|erm|er)\b,?\s*' + verb, ', no, ', text)
    text = rx.sub(r'(?<!\band)(?<!\bthen)(?<!\bthat)(?<!\bnext)(?<!\balso)(?<!,)\s+(?:um+|uh+|'
                  r'uhm|erm|er)\b,?\s+' + verb, ', ', text)
    # "..., er, right", "..., counterclockwise i mean": the word after is a correction
    text = rx.sub(r'[,;]\s*((?:(?:um+|uh+|uhm|erm|err*)\b,?\s*)?(?!(?:wait|no|sorry|oh|actually|'
                  r'um+|uh+|er+m?|yes|yeah)\b)[a-z][a-z -]{0,40}?)\s*,?\s+i mean[t]?\s*'
                  r'(?=[.,;!]|$)', r', i mean \1', text)
    for words in (lx.COLOUR_WORDS, lx.LEFT + lx.RIGHT, ('on', 'off'), lx.DRAWER + lx.SLIDER_PLACE):
        said = any_of(words)
        text = rx.sub(r'\b(%s(?: block| cube| one)?)\s*,?\s*(?:um+|uh+|uhm|erm|err*)\b,?\s*'
                      r'(?=(?:to the |to |the )?%s\b)' % (said, said), r'\1, no, ', text)
    # "turn the lamp on, er, the LED on": the light
    lights = any_of(tuple(w for w in lx.LED + lx.LIGHTBULB if w not in ('switch', 'button')))
    text = rx.sub(r'\b(%s(?: on| off)?)\s*,?\s*(?:um+|uh+|uhm|erm|err*)\b,?\s*'
                  r'(?=the (?:\w+ )?%s\b)' % (lights, lights), r'\1, no, ', text)
    # "push the red block left, er, into the drawer": into the drawer, not left
    text = rx.sub(r'\s+(?:to the )?%s\s*,\s*(?:um+|uh+|uhm|erm|err*)\s*,\s*(?=(?:into|in to|in) '
                  r'the drawer\b)' % any_of(lx.LEFT + lx.RIGHT), ' ', text)
    text = rx.sub(r'\b(?:um+|uh+|uhm|erm|err*|oh|ah)\b,?\s*', '', text)
    text = rx.sub(r',\s*like,\s*', ', ', text)            # "turn it left, like, rotate it"
    text = _corrections(text)
    # a spoken "right, so, ..." or "so what i need is ...": no content
    text = rx.sub(r'^(?:(?:right|alright|all right|okay|ok|so|well|now)\s*,\s*)+', '', text)
    text = rx.sub(r'^(?:so,? )?what (?:i|we) (?:need|want)(?: you to do)? (?:is|are) ', '', text)
    text = rx.sub(r'^(?:what(?:\'s| is) (?:needed|wanted|required) (?:here )?is |is there a way '
                  r'(?:for you )?to )', '', text)
    # "push the button so the LED, currently off, turns on": the state now, said aside
    text = rx.sub(r',\s*(?:which is |that is )?(?:currently|presently|still|already) (?:lit|'
                  r'unlit|on|off|dark|glowing|open|closed|shut|empty)\s*,', ' ', text)
    # "by the end, the drawer should be shut": when, before the state to reach
    text = rx.sub(r'^(?:(?:by|at|in|towards?) the end(?: of (?:it|this|that|the task|the '
                  r'motion|the move))?|by the time (?:you(?:\'re| are)? )?(?:finish|finished|'
                  r'done)|eventually|ultimately|in the end)\s*,?\s*', '', text)
    # "no block should be sitting on another one": a stack taken apart
    text = rx.sub(r'^(?:make sure |ensure )?(?:that )?no (?:block|cube|brick)s? (?:should |must |'
                  r'is |are |may )?(?:be |remain |stay )?(?:sitting |resting |lying |stacked |'
                  r'left )?(?:on top of|on|atop) (?:another|a second|any other|the other|other) '
                  r'(?:block|cube|brick|one)s?\b', 'unstack the blocks', text)
    text = rx.sub(r'\b(?:the|that) (?:very )?same (?:block|cube|one|brick)\b', 'it', text)
    # "switch off the yellow light and switch on the green one": no block is green or
    # yellow, so "the green one" said of lights is the green light
    if rx.search(r'\b(?:light|lights|lamp|lamps|bulb|led|leds)\b', text):
        text = rx.sub(r'\bthe (green|yellow) one\b', r'the \1 light', text)
    # "put the red block you're holding inside": the colour names it
    text = rx.sub(r'\b(the %s (?:block|cube|one|brick)) (?:that |which )?you(?:\'re| are| re|'
                  r'\'ve| have)? (?:now |currently |just )?(?:holding|picked up|grabbed|lifted|'
                  r'took)\b' % any_of(lx.COLOUR_WORDS), r'\1', text)
    # "put the block you're holding in the drawer": the held block is "it"
    text = rx.sub(r'(?<!\bwith )\b(?:the|that) (?:block|cube|one|brick|object)(?: that| which)? '
                  r'(?:you(?:\'re| are| re) (?:now |currently )?holding|you(?:\'ve| have| ve) '
                  r'(?:got )?in (?:your|the) (?:gripper|hand)|in (?:your|the) (?:gripper|hand|'
                  r'grip|grasp)|in hand|(?:that is |which is )?(?:currently |now )?held|'
                  r'you hold|you(?:\'ve| have| ve)? (?:just )?(?:grasped|picked up|grabbed|'
                  r'lifted)|'
                  r'you(?:\'re| are| re) carrying)\b', 'it', text)
    # "drawer: pick up the red cube": the place said first, as a topic
    topic = rx.match(r'^\s*(drawer|shelf|cabinet|slider|cupboard|sliding cabinet)\s*:\s*'
                     r'([^:;.!?]+)[.!?]?\s*$', text)
    if topic and has(' %s ' % topic.group(2), lx.BLOCK_NOUNS):
        into = rx.search(r'\b(?:push|sweep|slide|shove|nudge|put|place|drop|set)\b',
                         topic.group(2))
        text = '%s %s the %s' % (topic.group(2).strip(), 'into' if into else 'from',
                                 topic.group(1))
    # "lights out: switch off the lamp, then the led": a heading for the steps on the lights
    text = rx.sub(r'^\s*lights (?:out|off)\s*[:-]\s*(?=.*\b(?:lamp|led|bulb|lightbulb|light|'
                  r'lights)\b)', '', text)
    text = _topics(text)
    # "for the next demo we need everything dark: turn off the LED ...": context before a
    # colon that names nothing on the desk; the orders follow it
    context = COLON_CONTEXT.match(text)
    if context and not has(' %s ' % context.group(1), OBJECT_WORDS):
        text = text[context.end():]
    # "let's see what's behind the door! slide it right": two sentences where both name things
    text = rx.sub(r'(\b(?:blocks?|cubes?|drawer|door|cabinet|cupboard|slider|shelf|lamp|light|'
                  r'bulb|led|button|switch)\b[^.;!?]*)!+(?=\s+(?:now |then |and )?(?:%s)\b)' % (
                      '|'.join(RUN_ON_VERBS)), r'\1.', text)
    # "turn off the lamp, by pressing the button": how the step before is done
    text = rx.sub(r'\s*,\s*(by (?:pressing|pushing|flipping|hitting|tapping|clicking|toggling|'
                  r'using) the)\b', r' \1', text)
    text = rx.sub(r'["“”()\[\]{}!?]', ' ', text)
    text = rx.sub(r'[;:.]+(\s|$)', ' , ', text)
    text = rx.sub(r'\s*,\s*', ' , ', text)
    text = rx.sub(r'\b(\w+)ing\b', lambda m: lx.GERUNDS.get(m.group(0), m.group(0)), text)
    text = rx.sub(r'\b\w+\b', lambda m: lx.IRREGULAR.get(m.group(0), m.group(0)), text)
    text = rx.sub(r'(\b\w+ )?\b(\w+(?:ing|ed))\b', verb_stem, text)
    text = rx.sub(r'(^|\s)%s(?=\s|$|,)' % any_of(lx.FILLER + lx.ABLE_TO), ' ', text)
    # "go on and open the drawer" (not "make the light go on and ...")
    text = rx.sub(r'(^\s*|, |\band |\bthen )go on(?: and)?\s+(?=[a-z])', r'\1', text)
    # "please to open the drawer, to take the red block ... and to put it ...": each "to"
    # starts a step
    if rx.match(r'\s*to (?:%s)\b' % any_of(action_verbs()), text):
        text = rx.sub(r'(^\s*|, |\band |\bthen )to (?=(?:%s)\b)' % any_of(action_verbs()), r'\1',
                      text)
    text = _verb_last(text)
    text = rx.sub(r'^(?:so|well|now)\b,?\s*', '', rx.sub(r'\s+', ' ', text).strip(' ,'))
    read_as, rare_verb = verb_senses()
    # "grasp and lift the red block": the grasp is part of the action, with its object
    text = rx.sub(VERB_AT + r'(?:grasp|grab|grip|seize|clasp|clutch|pinch|squeeze|hold|reach for|'
                  r'reach out for|go for)(?: ,)? (?:and then|and|then) (?=%s\b)' %
                  any_of(action_verbs()),
                  lambda m: m.group(1) + m.group(2), text)
    text = rare_verb.sub(lambda m: m.group(1) + m.group(2) + read_as[m.group(3)], text)
    # "pick and lift the red block", "open and close the drawer": two verbs share the
    # object said after the second, so each gets it
    text = SHARED_OBJECT.sub(lambda m: '%s%s%s%s %s %s %s it%s' % (
        m.group(1), m.group(2), m.group('first'), m.group('up') or '',
        m.group('thing'), m.group('order'), m.group('second'), m.group('up2') or ''), text)
    # "you take the pink block, you put it inside": the subject said, as some speakers do;
    # "... and after you make the lamp on": "after" there orders, as "and then" does
    text = AFTER_YOU.sub('and then ', text)
    text = SUBJECT_YOU.sub(r'\1', text)
    # which way a clock turns; "using the gripper, ...": the tool is always the gripper
    text = rx.sub(r'\b(?:in )?(?:the )?(?:opposite|counter|reverse|against) (?:of |to )?'
                  r'(?:the )?clock(?: direction| way| sense)\b', 'counterclockwise', text)
    text = rx.sub(r'\b(?:in )?(?:the )?clock (?:direction|way|sense)\b', 'clockwise', text)
    text = rx.sub(r'\b(?:in )?(?:the )?(?:opposite|reverse|contrary) (?:sense|direction|way) '
                  r'(?:to|of|from) ' + CLOCK, 'counterclockwise', text)
    # "in the direction opposite to left", "the opposite way from right": the other side
    text = rx.sub(r'\b(?:in )?(?:the )?(?:(?:opposite|reverse|contrary) (?:sense|direction|way|'
                  r'side) |(?:direction|way|sense|side) opposite |opposite |the opposite )'
                  r'(?:to|of|from) (?:the )?(left|right)\b(?! (?:one|block|cube|side|hand|of)\b)',
                  _other_side, text)
    # "whichever way except right", "any direction but left": there are only two
    text = rx.sub(r'\b(?:in )?(?:whichever|any|either|whatever) (?:way|direction|side)(?: you '
                  r'(?:like|want|choose|prefer))? (?:except|but|other than|apart from|besides|'
                  r'save) (?:to )?(?:the )?(left|right)\b(?! (?:one|block|cube|side|hand|of)\b)',
                  _other_side, text)
    text = rx.sub(r'\b(?:counter to|against|opposite to|opposite of|opposite|contrary to|'
                  r'the opposite of)'
                  r'(?: the (?:direction|way)(?: of| that| in which)?| how| the way)? ' + CLOCK,
                  'counterclockwise', text)
    text = rx.sub(r'\b(?:the )?(?:same )?(?:way|direction|sense)(?: that| as| of| how| in which)?'
                  r' ' +
                  CLOCK, 'clockwise', text)
    text = rx.sub(r'\bccw\b', 'counterclockwise', rx.sub(r'\bcw\b', 'clockwise', text))
    text = rx.sub(r'(?:^|(?<=, ))(?:using|with) (?:the |your )(?:robot(?:ic)? )?(?:gripper|arm|'
                  r'hand|manipulator|fingers|end effector)(?: ,| (?=\w))', ' ', text).strip(' ,')
    text = rx.sub(r',? ?\b(?:in (?:that|this) order|in order|one after the other)\b', ' ', text)
    # moving the gripper somewhere is approaching, not placing a block
    text = rx.sub(r'\b(?:position|move|bring|lower|place|put|guide|get|navigate|press|rest|'
                  r'extend|stretch|reach|direct|steer|maneuver|manoeuvre|swing|insert|set|'
                  r'slip|dip) (?:the|your) '
                  r'(?:gripper|hand|arm|end effector|end-effector|fingers|robot arm|robotic arm|'
                  r'claw)'
                  r'(?: (?:down )?(?:above|over|near|next to|to|towards|toward|around|close to|'
                  r'onto|on|by|beside|in front of|into|inside|in|down into|down to|against))?\b',
                  'approach', text)
    # "go over and lift the red block", "reach down and take it": moving to the thing is
    # part of acting on it; so is the manner ("slowly and carefully lift ...")
    text = APPROACH_FIRST.sub(lambda m: m.group(1) + m.group(2), text)
    # "move toward the red block in the slider and hoist it": the block is what is lifted
    text = APPROACH_THING.sub(lambda m: '%s%s%s %s' % (m.group(1), m.group(2), m.group(4),
                                                       m.group(3)), text)
    text = rx.sub(r'(^|, )(?:approach|go to|move to|head to|locate|find|spot|identify) the '
                  r'(?:stack|tower|pile)(?: of (?:\w+ )?(?:blocks|cubes))?'
                  r'(?: on the (?:desk|table))?'
                  r'(?: ,| and)? ', r'\1', text)
    # "the thing you click", "the tiny green dot", "the box with the sliding front": what
    # a fixture does or looks like
    text = rx.sub(r'\bthe (?:thing|bit|button) (?:that )?(?:you|i) (?:click|press|push|tap)\b',
                  'the button', text)
    text = rx.sub(r'\b(?:tiny |little |small )?green (?:dot|spot|point)\b', 'green light', text)
    text = rx.sub(r'\b(?:little |small )?(?:box|case|unit|cupboard|shelf) with (?:the |a )?'
                  r'slid(?:e|ing) (?:front|door|panel|lid)\b', 'cabinet', text)
    # the compartment under the table is the drawer; behind the sliding door, the cabinet
    text = rx.sub(r'\b(?:space|shelf|area|compartment)s? (?:under|beneath|below|underneath) the '
                  r'(?:slid(?:e|ing) (?:door|panel)|slider)\b', 'cabinet', text)
    text = rx.sub(r'\b(?:pull[ -]?out )?(?:compartment|cabinet|cupboard|space|shelf|tray)s? '
                  r'(?:located |that is )?'
                  r'(?:under|beneath|below|underneath)(?: the (?:table|tabletop|desk|countertop|'
                  r'table top|work surface)\b|(?! (?:it|them|the)\b))', 'drawer', text)
    text = rx.sub(r'\b(?:space|shelf|area|compartment) behind the slid(?:e|ing) (?:door|panel)\b',
                  'cabinet', text)
    text = rx.sub(r'\bbehind the slid(?:e|ing) (?:door|panel)\b', 'in the cabinet', text)
    text = rx.sub(r'\b(from|on|in|off|inside|into|onto) the slide\b(?! (?:door|panel))',
                  r'\1 the slider', text)
    # where a block is, by another fixture: not an action on that fixture
    text = rx.sub(r'\b(?:sitting |lying |resting |located |placed |that is |which is )?'
                  r'(?:next to|near|beside|close to|in front of|by|to the (?:left|right) of) '
                  r'the (?:drawer|button|switch|lamp|light|cabinet|slider|sliding door)'
                  r'(?: handle)?\b', ' ', text)
    # means and manner: "without lifting it", "not by lifting it", "without being picked up"
    text = rx.sub(r',? ?\b(?:without|instead of|rather than) (?:being|getting) \w+'
                  r'(?: up| out| off| over)?\b', ' ', text)
    text = rx.sub(r',? ?\b(?:without|instead of|rather than|not by|but not by) \w+'
                  r'(?: up| out| off| over)?'
                  r'(?: (?:it|them|anything|something|the \w+(?: one| block)?))?'
                  r'(?: (?:up|out|off) (?:of )?(?:the|its) (?:table|desk|surface|tabletop))?'
                  r'(?: up| out| off)?\b', ' ', text)
    # "the cube sitting on top of the other block" is the top block of a stack
    text = rx.sub(r'\b(?:block|cube|one|object|piece)(?: that is| which is| sitting| resting| '
                  r'lying| placed| stacked| stack| perched)+ on (?:top of )?(?:the other|another|'
                  r'the lower|the bottom|the second)(?: block| cube| one)?\b', 'top block', text)
    text = rx.sub(r'\b(grip|grab|grasp|take|lift|pick up|reach for|remove|get|seize) the (?:block|'
                  r'cube|one|object|piece) (?:that is |which is )?(?:perched |sitting |resting )?'
                  r'on top of the (?:stack|tower|pile)\b', r'\1 the top block', text)
    text = rx.sub(r'\b(?:block|cube|one|object|piece)(?: that is| which is)?(?: sitting| resting| '
                  r'lying| placed| stacked| stack)? on top\b(?! of)|\b(?:topmost|uppermost|upper|'
                  r'top) (?:block|cube|one|object|piece|brick)(?: (?:of|in|on) (?:the|a) '
                  r'(?:stack|tower|pile)(?: of (?:\w+ )?(?:blocks|cubes))?)?', 'top block', text)
    # "the open drawer", "the drawer, which is closed" name the drawer; they ask nothing
    text = rx.sub(r'\b(the|an|into|in|inside|from|of) (?:open|opened|pulled out|pulled-out|'
                  r'closed|shut) ((?:desk |cabinet |table )?(?:drawer|door|sliding door))\b',
                  r'\1 \2', text)
    text = rx.sub(r'\b(drawer|door|led|light|lamp|bulb|lightbulb)(?: ,)? (?:which|that) '
                  r'(?:is|was) (?:currently |now |still |already )?(?:open|opened|closed|shut|'
                  r'on|off|lit|unlit|dark)\b', r'\1', text)
    text = _framing(rx.sub(r'\s+', ' ', text).strip(' ,'))
    return _place_said_after(rx.sub(r'\s+', ' ', text).strip(' ,'))


_AFTERTHOUGHT_PLACE = r'the (?:sliding )?(?:drawer|cabinet|cupboard|shelf|slider)'


def _place_said_after(text):
    """Put a place said as an afterthought where "there" or "it" stood for it.

    "take the red block from in there, the drawer that is, and ...", "take the red block out
    of it and put it on the pink block, the cabinet" ("I mean" is gone by now).
    """
    text = rx.sub(r'\b(out of|from)(?: in| inside)? (?:there|it)(?: ,| -)? (%s)(?: that is)?'
                  r'(?: ,| -)?(?= |$)' % _AFTERTHOUGHT_PLACE, r'\1 \2', text)
    return rx.sub(r'^(.*?\b(?:out of|from)(?: in| inside)? )(?:there|it)\b(.*?) , (%s)$' %
                  _AFTERTHOUGHT_PLACE, r'\1\3\2', text)


# Said around an instruction, not part of it (on normalised text, commas as ' , ').
_STEP_CONTEXT = rx.compile(
    r'^(?:for|as|at|in order to|to|so as to)(?: finish| complete| accomplish| fulfil| fulfill|'
    r' do| perform| carry out| achieve| start| begin| end)? (?:the |this |that |a )?'
    r'(?:next |final |first |current |following )?(?:step|task|point|stage|part|move|action|job)'
    r'(?: of (?:the|this) (?:task|job|process|sequence))? , ')
_LEADING_MANNER = rx.compile(r'^(?:with|using|by using|by means of) ([^,]{1,60}) , ')
MANNER_NOUNS = ('care', 'precision', 'tap', 'push', 'touch', 'pressure', 'motion', 'movement',
                'grip', 'hold', 'stroke', 'nudge', 'sweep', 'effort', 'gripper', 'arm',
                'end effector', 'hand', 'handle', 'fingers', 'claw', 'caution', 'attention',
                'control', 'finesse', 'deliberation', 'ease')
_LEADING_PLACE = rx.compile(
    r'^(?:(?:here|right there|there|right here|starting|beginning|working) )?(on|from|in|inside|'
    r'at|off|within|into) (the (?:\w+ ){0,2}?(?:table|desk|tabletop|shelf|slider|cabinet|cupboard|'
    r'drawer)(?: surface| top)?|the surface of the (?:table|desk)) , (?=\w)')
_PATH = rx.compile(r'(?:^|(?<= ))(?:along|across|over) (?:the |its )(?:\w+ ){0,2}?(?:table|desk|'
                   r'tabletop|surface|tracks?|rails?|runners?|length)\b(?: surface| top)?'
                   r'(?: of the (?:table|desk))?(?: ,(?= \w))?')
_FIRM_HOLD = rx.compile(r'\b(?:once you have|when you have|after you have|after getting|'
                        r'establish|get|take|obtain|secure|acquire|gain|have) (?:a |an )?'
                        r'(?:firm |secure |steady |good |solid |tight |gentle |careful )?'
                        r'(?:hold|grip|grasp) (?:on|of) ')
_MANNER_WORDS = rx.compile(r'\b(?:softly|delicately|smoothly|steadily|cautiously|lightly|'
                           r'precisely|deliberately|methodically|attentively|tenderly|'
                           r'meticulously|swiftly|promptly|calmly)\b')


def _framing(text):
    """Drop what frames an instruction; move a place said first after the verb.

    Framing: the step it is ("for this step, ..."), a purpose ("to clear space on the left,
    ..."), the manner or tool ("with great care, ...", "using the handle, ..."), the path
    ("along the desk"), a goal frame ("the desired outcome is ..."). A place said first:
    "on the table, rotate the red block" reads as "rotate the red block on the table", and
    "in the cabinet, grasp the red block and bring it up" as "grasp the red block in the
    cabinet and bring it up".
    """
    text = _STEP_CONTEXT.sub('', text)
    text = rx.sub(r' ,(?: ,)+', ' ,', text)       # "into the drawer, please, deposit ..."
    lead = _LEADING_MANNER.match(text)
    if lead and has(' %s ' % lead.group(1), MANNER_NOUNS) and not has(
            ' %s ' % lead.group(1), lx.BLOCK_NOUNS + lx.COLOUR_WORDS + lx.DRAWER):
        text = text[lead.end():]
    text = rx.sub(r'\b(drawer|cabinet|shelf|slider|cupboard)(?:\'s| s)? (?:floor|base|bottom|'
                  r'interior|receptacle|compartment)\b', r'\1', text)
    purpose = rx.match(r'^(?:in order )?to (?!(?:the|a|an|its|your|my|it|left|right|begin|'
                       r'start|finish|end|conclude|wrap|close)\b)([a-z]+ [^,]{0,50}) , (?=\w)',
                       text)
    if purpose:
        # a purpose said first: only where from ("in order to retrieve it from the slider,
        # clasp the red block and raise it") or a light's on or off ("to darken the LED,
        # push the button") are kept
        text, goal = text[purpose.end():], ' %s ' % purpose.group(1)
        where = rx.search(r'\b(?:from|out of|off) (?:the |its )?(?:\w+ )?(drawer|slider|cabinet|'
                          r'cupboard|shelf)\b', goal)
        if where:
            text = from_place(text, where.group(1))
        elif has(goal, lx.LIGHTBULB + lx.LED) and not rx.search(r'\b(?:on|off)\b', text):
            text = '%s and %s' % (goal.strip(), text)
    text = rx.sub(r'^leave (the [^,]+?) on the (?:table|desk|tabletop) but ',
                  r'keep \1 on the table and ', text)
    text = rx.sub(r'\b(approach (?:the |a )?[^,]*?) , close (?:it|them)\b', r'\1 , grasp it', text)
    place = _LEADING_PLACE.match(text)
    if place:
        # after the first clause's object: "in the cabinet, grasp the red block and bring it
        # up" is "grasp the red block in the cabinet and bring it up"
        rest = text[place.end():]
        cut = rx.search(r' (?=(?:,|and|then) )', rest)
        cut = cut.start() if cut else len(rest)
        text = '%s %s %s%s' % (rest[:cut], place.group(1), place.group(2), rest[cut:])
    text = _PATH.sub('', text)
    text = _FIRM_HOLD.sub('grasp ', text)
    text = rx.sub(r'\b(\w+ly) and (\w+ly)\b', r'\1 \2', text)
    text = _MANNER_WORDS.sub('', text)
    text = rx.sub(r'\b(up|upward|upwards) and away\b', r'\1', text)
    text = rx.sub(r'\b(?:turn |rotate |spin |pivot )?(?:about|around) (?:its|the) (?:own )?'
                  r'(?:vertical |upright |z |central )?axis\b', '', text)
    text = rx.sub(r'\bby (?:the|your|its) (?:robot(?:ic)? )?(?:arm|gripper|robot|hand|'
                  r'end effector)\b', '', text)
    text = rx.sub(r'\bapproach (?:into )?contact(?: with)?\b', 'approach', text)
    text = rx.sub(r'^(?:the )?(?:desired|intended|expected|wanted) (?:outcome|result|end state|'
                  r'state) (?:is|should be) (?:that |for )?|^the aim is (?:to |for |that )?|'
                  r'^(?:my|our|the) (?:aim|intention|wish|objective|target) (?:is|here is) '
                  r'(?:to |for |that )?', '', text)
    return text


# Words a self-correction replaces: a colour, a direction or an action verb.
# Where from or where to: "from the table... wait, I mean from the drawer".
_TURNS = tuple(w for w in lx.LEFT + lx.RIGHT if 'wise' in w or w in ('widdershins', 'deasil'))
CORRECTED = (lx.COLOUR_WORDS + lx.OTHER_COLOURS, _TURNS, lx.LEFT + lx.RIGHT, RUN_ON_VERBS,
             ('on', 'off', 'up', 'down'), ('from', 'into', 'onto', 'in', 'inside', 'out', 'off'),
             lx.DRAWER + lx.SLIDER_PLACE + ('table', 'desk'),
             tuple(w for w in lx.LED + lx.LIGHTBULB + lx.SLIDER_DOOR if w not in (
                 'switch', 'button', 'slider')))
# "..., sorry, from the cabinet": only where from or where to is corrected
_PLACE_SAID = r'(?:from|into|onto|in|inside|out of|off) the (?:[a-z]+ )?[a-z]+'
# a correction that says more, not something else: "..., oh wait, open the drawer before that"
_ADDED = rx.compile(r'^([^,.;!?]*?)\s*\b(?:before that|before you do that|first|before '
                    r'(?:all|any) (?:of )?(?:that|this)|before (?:everything|anything)'
                    r'(?: else)?)\b')
# markers that say the words before were wrong (not "sorry" alone, an apology, nor "I mean",
# often a clarification: "Turn on the LED (press the button, I mean)")
_STRONG = rx.compile(r'\b(?:no|wait|make that|scratch that|or rather|correction)\b')
# more markers said after the first: "no, sorry, I mean close the drawer"
_MORE_MARKERS = rx.compile(r'^(?:(?:no|sorry|wait|actually|i meant?|oh|hmm+|okay|ok)\b'
                           r'[\s,.:;-]*)+')
# the marker's own words left before it: "... to the right... actually make that left"
_MARKER_LEFT = rx.compile(r'[\s,;.-]*(?:\b(?:no|wait|oh|hmm+|actually|ok|okay|sorry|so)\b'
                          r'[\s,;.-]*)*$')
CORRECTION = (r',? ?\b(?:no,? sorry|sorry,? no|no,? wait|wait,? no|no,? actually|actually,? no|'
              r'no no|sorry,? i meant?|wait,? i meant?|sorry|i meant?|or rather|make that|'
              r'scratch that|correction|oops|whoops|my bad|my mistake)\b,? ?|(?:(?:,|\.+|\s-+) '
              r'?no|(?:,|\.{2,})? ?(?:actually|'
              r'wait)),? (?=(?:to the |to |the |a )?(?:%s)\b)' % (
                  '|'.join(rx.escape(w) for words in CORRECTED for w in words)))

SPOKEN_CORRECTED = (lx.COLOUR_WORDS + lx.OTHER_COLOURS, lx.LEFT + lx.RIGHT, RUN_ON_VERBS,
                    lx.DRAWER + lx.SLIDER_PLACE)


def _corrections(text):
    """Keep what a speaker corrected to: "pick up the red no sorry the blue block".

    The first word after the correction (a colour, a direction or an action verb) replaces
    the last word of the same kind before it, and what was said in between is dropped.
    """
    # spoken, with no comma: "rotate the blue no the red block", "left no right", "turn on
    # the no turn off the lamp", "in the drawer no the slider"
    for words in SPOKEN_CORRECTED:
        said = any_of(words)
        text = rx.sub(r'\b(%s|the) no (?=(?:the |to the |to )?%s\b)' % (said, said), r'\1, no, ',
                      text)
    # "wait - open the drawer, ...": said first, it corrects nothing
    text = rx.sub(r'^\s*(?:wait|hmm+)\s*(?:[,.!:]+|\s-+)\s*(?=(?:before|%s)\b)' % '|'.join(
        RUN_ON_VERBS), '', text)
    # "left, no, right - no wait, left after all": the word said last
    text = rx.sub(r'\b(%s) after all\b(?! (?:the|of|that|those|these|three|blocks)\b)' % any_of(
        lx.LEFT + lx.RIGHT), r'\1', text)
    # "no, same but to the right": the step before, another way (of two ways said, which?)
    same = rx.search(r'\b(no|wait|actually|sorry)\b\s*[,-]?\s*(?:the )?same(?: thing)?,? but\s+',
                     text)
    if same and rx.match(r'(?:to the |in the )?(?:%s)\b' % any_of(lx.LEFT + lx.RIGHT + _TURNS),
                         text[same.end():]) and len(rx.findall(r'\b(?:%s)\b' % any_of(
                             lx.LEFT + lx.RIGHT + _TURNS), text[:same.start()])) > 1:
        raise Refusal('"%s": the same as which step? say the whole command again as you want it'
                      % text[same.start():].strip(' .'))
    text = rx.sub(r'\b(no|wait|actually|sorry)\b\s*[,-]?\s*(?:the )?same(?: thing)?,? but\s+',
                  r'\1, ', text)
    while True:
        match = rx.search(CORRECTION, text)
        if match is None:
            return text
        before, after = text[:match.start()], text[match.end():].lstrip(' :;,.-')
        marker = match.group(0).strip(' ,.-')
        strong = _STRONG.search(match.group(0))
        if strong:
            after = rx.sub(r'^(?:and |then )+(?:,\s*)?', '', after)     # "no, wait - turn it off"
        after = _MORE_MARKERS.sub('', after)
        if strong and not rx.search(r'[a-z]', after):
            # "turn on the lamp, no wait.": and then?
            raise Refusal('"%s": and then? say the whole command again as you want it' % marker)
        if (strong or rx.search(r'\bi meant?\b', marker)) and (
                not rx.search(r'[a-z]', before) or rx.match(r'the other\b', after)):
            # "make that the pink one." with nothing before; "I mean the other one"
            raise Refusal('"%s %s": I cannot tell what that corrects; say the whole command '
                          'again as you want it' % (marker, ' '.join(after.split()[:3])))
        way = rx.match(r'(?:the )?([a-z]+(?: [a-z]+)?) (?:to the )?(%s)\b(?=\s*(?:[,.;!]|$))' % (
            any_of(lx.LEFT + lx.RIGHT)), after)
        said_way = way and list(rx.finditer(r'\b%s\b[^,;.]*?\b(%s)\b' % (
            rx.escape(way.group(1)), any_of(lx.LEFT + lx.RIGHT)), before))
        if said_way:
            # "move the slider left and open the drawer; the slider right, I mean"
            at = said_way[-1].start(1)
            before = before[:at] + way.group(2) + before[said_way[-1].end(1):]
            text = (_MARKER_LEFT.sub('', before) + ' ' + after[way.end():]).strip()
            continue
        added = _ADDED.match(after)
        again = added and added.group(1).strip() and rx.search(
            r'(?:^|(?<=[,;.])\s*|\b(?:and|then)\s+)(%s\b[^,;.]*)' % rx.escape(
                added.group(1).strip()), before)
        if again and not after[added.end():].strip(' .,;!'):
            # "push it left, then rotate it clockwise. actually, rotate it first": the step
            # said before, its words kept, goes first
            rest = before[:again.start()] + before[again.end():]
            text = '%s, %s first' % (_MARKER_LEFT.sub('', rest).rstrip(' ,;.'),
                                     again.group(1).strip())
            continue
        if (added and added.group(1).strip() and added.group(1).strip() not in before) or \
                rx.match(r'(?:and )?(?:also|plus)\b', after):
            text = (before.rstrip() + ', ' + after).strip()     # more, not instead
            continue
        cut, first = None, None
        for words in CORRECTED:
            first = rx.match(r'(?:to the |to |the |a )?(%s)\b' % any_of(words), after)
            if first:
                found = list(rx.finditer(r'\b%s\b' % any_of(words), before))
                cut = found[-1].start() if found else None
                if cut is not None:
                    break
        if not rx.search(r'[a-z]', before) and rx.match(_PLACE_SAID, after):
            # "sorry, out of the cabinet and into the drawer" with nothing before it
            raise Refusal('"%s": I cannot tell what that corrects; say the whole command again '
                          'as you want it' % match.group(0).strip(' ,.-'))
        both = rx.match(r'((?:out of|from) the [a-z]+) (?:and )?((?:into|in|inside|to) the '
                        r'(?!left\b|right\b)[a-z]+)\s*[.!]*\s*$', after)
        said_from = both and list(rx.finditer(r'\b(?:out of|from) the [a-z]+', before))
        said_to = said_from and list(rx.finditer(r'\b(?:into|in|inside|to) the '
                                                 r'(?!left\b|right\b)[a-z]+',
                                                 before[said_from[-1].end():]))
        if said_to:
            # "lift it out of the drawer and put it in the cabinet; sorry, out of the cabinet
            # and into the drawer": both places
            at, to = said_from[-1], said_to[-1]
            rest = before[at.end():]
            text = _MARKER_LEFT.sub('', before[:at.start()] + both.group(1) + rest[:to.start()] +
                                    both.group(2) + rest[to.end():]).strip()
            continue
        place = rx.match(_PLACE_SAID + r'(?=\s*(?:,|\band\b|\bthen\b|&|$))', after)
        said_place = place and cut is not None and rx.match(_PLACE_SAID, before[cut:])
        if said_place:
            # "lift it from the drawer and stack it ... sorry, from the cabinet"
            text = (before[:cut] + place.group(0) + before[cut + said_place.end():] + ' ' +
                    after[place.end():]).strip()
            continue
        if cut is None and rx.search(r'[a-z]', before) and rx.search(r'[a-z]', after) and (
                strong or rx.match(_PLACE_SAID, after)):
            raise Refusal('"%s": I cannot tell what that corrects; say the whole command again '
                          'as you want it' % match.group(0).strip(' ,.-'))
        short = first and rx.match(r'(?:to the |to |the |a )?[\w-]+(?: (?:one|block|cube))?'
                                   r'(?=\s*(?:[,.;!]|\band\b|\bthen\b|&|$))', after)
        instead_of = short and rx.match(r'\s*,?\s*not (?:the |to the )?([\w-]+)(?: (?:one|block|'
                                        r'cube))?(?=\s*(?:[,.;!]|$))', after[short.end():])
        if instead_of and cut is not None:
            # "..., wait, the pink block, not the blue": the word said after "not" is replaced
            found = list(rx.finditer(r'\b%s\b' % rx.escape(instead_of.group(1)), before))
            if not found:
                raise Refusal('"%s": I cannot tell what that corrects; say the whole command '
                              'again as you want it' % instead_of.group(0).strip(' ,'))
            cut = found[-1].start()
            after = after[:short.end()] + after[short.end() + instead_of.end():]
        if cut is not None and short and rx.match(r'[\w-]+\W+\w', before[cut:]):
            # only the word is corrected: "rotate the pink block to the right, no wait, the
            # blue one, and then ..." keeps "block to the right"
            word = rx.match(r'[\w-]+', before[cut:]).group(0)
            before = _MARKER_LEFT.sub('', before[:cut] + first.group(1) + before[cut + len(word):])
            before += ',' if after[short.end():].strip() and not rx.match(
                r'\s*[,;.]', after[short.end():]) else ''
            after = after[short.end():]
        elif cut is not None:
            dropped, before = before[cut:], before[:cut]
            # the thing the dropped verb acts on (not a place: "put it on the blue block")
            thing = rx.match(r'[a-z]+ (?:(?:on|off|up|out|down) )?(the (?:\w+ )?%s (?:block|cube|'
                             r'brick|one))\b' % any_of(lx.COLOUR_WORDS), dropped) or rx.match(
                r'[a-z]+ (?:(?:on|off|up|out|down) )?(the (?:\w+ )?%s)\b' % any_of(
                    lx.LED + lx.LIGHTBULB + lx.DRAWER + lx.SLIDER_DOOR), dropped)
            if thing and first.group(1) in RUN_ON_VERBS:
                # "push the pink block left, sorry, I meant rotate it left", "turn on the
                # LED, no, turn it off": "it" is the thing said before the correction
                after = name_it(after, thing.group(1))
            lead = rx.match(r'(?:to the |to |the |a )?', after).group(0)
            if lead and before.endswith(lead):
                before = before[:-len(lead)]       # "to the left, sorry, to the right"
        text = (before.rstrip() + ' ' + after).strip()


def _topics(text):
    """Read "topic: action on it" ("The drawer: open it. then the lamp: switch it on.")."""
    def one(match):
        topic, rest = match.group(2).strip(), match.group(3)
        header = (r'(?:the |an? |my |our )?(?:\w+ )?(?:%s)(?: \w+)?'
                  r'(?: (?:for|to) (?:the |my |our )?(?:robot|arm|you))?' % '|'.join(HEADERS))
        if rx.fullmatch(header, topic) and not has(' %s ' % topic, OBJECT_WORDS):
            return match.group(1) + rest          # "operator note: ...", "station 3: ..."
        if not topic.startswith(('the ', 'a ')):
            topic = 'the ' + topic
        if rx.search(r'\b(?:it|them)\b', rest):
            return '%s%s' % (match.group(1), name_it(rest, topic, r'\b(?:it|them)\b'))
        # "magenta block: push right, then rotate left": each part acts on the topic
        parts = rx.split(r'(,\s*(?:then\s+|and\s+)?|\s+then\s+|\s+and\s+)', rest)
        return match.group(1) + ''.join(
            rx.sub(r'^(\s*\w+)', r'\1 ' + topic, part) if k % 2 == 0 and part.strip() else part
            for k, part in enumerate(parts))
    return rx.sub(r'((?:^|[.;]\s*)(?:(?:first|then|next|finally|and then|after that),?\s+)?)'
                  r'((?:the )?[a-z][a-z0-9# -]{1,30}?)\s*:\s*([^.;:]+)', one, text)
