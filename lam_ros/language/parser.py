"""Free-form English -> ordered intents (what to do to which object), or a refusal.

Pure text processing, no ROS, no models: normalisation (case, punctuation, filler),
safety and size checks, splitting compound commands on order words ("and", "then",
"after that", "before you ...", "first ... afterwards ..."), and rule-based reading of
each clause into an `Intent` (family + slots: block colour, direction, surface, light,
target state). Clauses that only approach or release an object ("grasp the handle",
"let it go") are merged into their neighbours, the way CALVIN instructions use them.
The planner (lam_ros.language.planner) checks the intents with retrieval, grounds them
in the scene and turns them into CALVIN tasks. This module never decides to act.
"""

import collections
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.constraints import drawer_is_it, OTHERS, STAYS_PUT
from lam_ros.world.tasks import TASKS

MAX_CHARS = 300
MAX_CLAUSES = 8


class Refusal(ValueError):
    """The command must not be executed; the message says why, for an operator.

    `final` refusals (unsafe, empty, oversized, absent objects or colours) stand whatever
    retrieval says; the others mean "the rules could not read this" and the planner may
    read the command by retrieval instead.
    """

    def __init__(self, reason, final=True):
        super().__init__(reason)
        self.final = final


@dataclass
class Intent:
    """One thing to do: a skill family and its slots, from one clause of the command."""

    family: str                 # rotate push slider drawer lift place stack unstack toggle
    slots: dict = field(default_factory=dict)    # push_into_drawer
    text: str = ''
    explicit: bool = True       # False for a grasp implied by "take X and put it ..."
    elided: bool = False        # the verb is the previous clause's ("..., the blue one left")


def _words(options):
    """Return a regex alternation of the options, longest first (built once per list)."""
    return _alternation(options if isinstance(options, (tuple, frozenset)) else tuple(options))


@lru_cache(maxsize=None)
def _alternation(options):
    return r'(?:%s)' % '|'.join(rx.escape(o) for o in sorted(options, key=len, reverse=True))


def _has(text, options):
    return rx.search(r'\b%s\b' % _words(options), text) is not None


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
              (r'\bthe draw\b(?! (?:a|an|the|it|on|up|with)\b)', 'the drawer'),
              (r'\bel ee dee\b', 'led'), (r'\bcounter clock wise\b', 'counterclockwise'),
              (r'\bclock wise\b', 'clockwise'))
# ... and what they write that no speller mends: short words, and words run together or
# split ("the pinkblock", "turnoff the lamp", "the slide er", "the l e d", "b4 u")
HEARD = ((r'\b(red|blue|pink|ping) blog\b', r'\1 block'), (r'\b(?:rite|rigt|rit)\b', 'right'),
         (r'\b(?:lef|lft)\b', 'left'), (r'\blite\b', 'light'), (r'\blamb\b', 'lamp'),
         (r'\b(?:slighter|slaider|slide er|sli der)\b', 'slider'),
         (r'\b(?:draw er|drower)\b', 'drawer'), (r'\bl e d\b', 'led'), (r'\bun stack', 'unstack'),
         (r'\bping(?= (?:block|cube|brick|one)\b)', 'pink'),
         (r'\b(red|blue|pink)(block|cube|brick|one)(s?)\b', r'\1 \2\3'),
         (r'\b(red|blue|pink) black\b', r'\1 block'),
         (r'\b(turn|switch)(on|off)\b', r'\1 \2'), (r'\bfrm\b', 'from'),
         (r'\bb4\b', 'before'), (r'\bin2\b', 'into'), (r'\b2(?= the\b)', 'to'),
         (r'\bwher\b', 'where'), (r'\bhw\b', 'how'), (r'\bpickup\b', 'pick up'),
         (r'(\d)\s*°', r'\1 degrees'))


def heard(text: str) -> str:
    """Read a command as its words: Unicode's plain forms, and slips no speller mends (pure).

    "ｏｐｅｎ ｔｈｅ ｄｒａｗｅｒ" is "open the drawer"; "the read block", "to the rite", "the
    pinkblock", "turnoff". An invisible character beside a space and a picture at the end
    ("please close the drawer 🙏") are dropped; one inside a word ("s\u200bmash") or a
    picture between words stays, for check_command to refuse.
    """
    text = unicodedata.normalize('NFKC', text)
    padded = ' %s ' % text
    text = ''.join(c for i, c in enumerate(text) if unicodedata.category(c) != 'Cf' or (
        not padded[i].isspace() and not padded[i + 2].isspace()))
    ends = r'[\s%s]*' % ''.join(sorted({c for c in text if unicodedata.category(c) == 'So'
                                       and c != '°'}))
    if ends != r'[\s]*':
        text = rx.sub(r'%s$' % ends, '', text)
    for pattern, word in HEARD + HOMOPHONES:
        text = rx.sub(pattern, word, text, flags=rx.IGNORECASE)
    return text


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
    fields = rx.findall(r'\b%s\s*[=:]' % _words(_VERB_FIELDS + _SLOT_FIELDS), text)
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
        text = rx.sub(r'\s*[;|]\s*(?=%s\s*[=:])' % _words(_SLOT_FIELDS), ' ', text)
    text = rx.sub(r'\s*(?:&&|\|\||->|=>)\s*', ' , then ', text)
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
    text = _scene_first(text)
    # a hedge before a state: "I think the drawer is open, close it"
    text = rx.sub(r'^\s*(?:i think|i believe|i guess|i suppose|it seems|it looks like|looks like|'
                  r'seems like|apparently)(?: that)?,?\s+(?=the [a-z -]+? (?:is|are|s|\'s|was|'
                  r'has)\b)', '', text)
    # the robot addressed by name: "robot, open the drawer", "hey robot: ...", "..., robot."
    text = rx.sub(r'^\s*(?:(?:hey|hi|hello|ok|okay|yo)\s+)?(?:robot(?:ic)? (?:arm|manipulator)|'
                  r'robot|robo|bot|arm|agent)\s*[,:!]\s*', '', text)
    text = rx.sub(r'\s*,\s*(?:robot|agent|robot arm)\s*(?=[.!;]|$)', '', text)
    text = rx.sub(r'^\s*thanks? (?:you )?in advance\s*[:,.!-]?\s*|\s*[,.!]?\s*thanks? (?:you )?'
                  r'in advance[.!]?\s*$', '', text)
    # a chat message around the order: a greeting, "hope you're well", "yes, that one:", a
    # topic line ("re: the stack."), a sign-off ("cheers, sam", "- mia")
    topic = rx.match(r'^\s*re\s*:\s*([^.;!?:]{1,40})[.;!:]\s+(?=[a-z])', text)
    if topic:
        named = rx.match(r'(?:the )?(?:[a-z]+ )?%s$' % _words(OBJECT_WORDS), topic.group(1))
        text = (_said_first(topic, text) if named else None) or text[topic.end():]
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
    if reply and _has(' %s ' % reply.group(1), OBJECT_WORDS):
        text = _said_first(reply, text) or text
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
    text = rx.sub(r'\s*,?\s*\b(?:nice and (?:easy|slow|gentle|gently|slowly)|slow and steady|easy '
                  r'does it)\b', '', text)
    text = rx.sub(r'\s*[,;.]\s*(?:we|i) (?:don\'t|do not|no longer) need (?:it|them|that|this|the '
                  r'[a-z ]+?)(?: any ?more| now| for now| today)?\s*[.!]?\s*$', '', text)
    # a status line before the order: "status: the green light is off. turn it on."
    status = rx.match(r'^\s*(?:quick |short )?(?:status|situation|state of play|fyi)(?: update| '
                      r'report| check)?\s*:\s*([^.;!?]*)[.;!?]\s+(?=[a-z])', text)
    if status and status.group(1).split()[:1] != ['please'] and not rx.match(
            r'\s*(?:%s)\b' % '|'.join(action_verbs()), status.group(1)):
        subject = rx.search(r'\b(?:the )?(?:[a-z]+ )?%s\b' % _words(OBJECT_WORDS), status.group(1))
        rest = text[status.end():]
        stack = rx.search(r'\b(?:on (?:top of )?the (?:[a-z]+ )?(?:one|block|cube)|stacked)\b',
                          status.group(1))
        text = _name_it(rest, subject.group(0)) if subject and not stack else rest
        place = rx.search(r'\b(?:in|inside) the (drawer|cabinet|slider|shelf|sliding cabinet)\b',
                          status.group(1))
        if place and _has(' %s ' % text, PICK_VERBS):
            text = _from_place(rx.sub(r'\s*\bfrom there\b', '', text), place.group(1))
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
        if why and not _has(why.group(0), lx.LIGHTBULB + lx.LED + ('light',)):
            text = text[:why.start()]   # "... so that the led goes dark" says off: kept
    text = rx.sub(r'\s*,?\s*so (?:that )?the (?:operators?|people|team) (?:know|can see|see)\b.*$',
                  '', text)
    # where a block is, from the robot's side: "the blue block is on your right. push it ..."
    side = rx.match(r'^\s*(the [a-z ]{2,30}?) is (?:on|at|to) (?:your|the) (?:left|right)'
                    r'(?: side)?\s*[.;,]\s*(?=[a-z])', text)
    text = _said_first(side, text) or text
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
                      r'only)\b)' % _verb_words(), text)
    if reason:
        rest = text[reason.end():]
        if rx.search(r'\b(?:is|are|s|sits|lies|was|were|sitting|lying)\b[^,;:]*\b(?:in|inside|on) '
                     r'(?:the )?(?:sliding )?(?:drawer|cabinet|slider|shelf|cupboard)\b',
                     reason.group(1)):
            # where a block is, and which block "it" is: see _scene_first
            text = _scene_first('%s. %s' % (reason.group(1), rest))
        else:
            text = _it_is(reason.group(1), rest)
    # the goal said before the steps, with a colon: "to reset the scene: grasp the red block
    # and turn it right", "to tidy up: ...", "to get the pink block into the cabinet: lift it
    # from the table and ..." ("it" is the block the goal names)
    goal = rx.match(r"^\s*(?:in order )?to (?!the\b)([a-z' -]{2,50}):\s*(?=\S)", text)
    if goal:
        text = _it_is(goal.group(1), text[goal.end():])
    # a state said first, with the reason for the step: "the red block is a bit too far to
    # the left, so please push it to the right"
    state = rx.match(r'^\s*(the [a-z ]{2,30}?) (?:is|sits|s) (?:sitting |lying |placed )?'
                     r'(?:a (?:bit|little|tad) |slightly |way |much |far )?(?:too (?:far )?|far )'
                     r'(?:to the )?'
                     r'(?:left|right|close|near)\b[^,;.:]*[,;.:]\s*(?:so )?(?=[a-z])', text)
    text = _said_first(state, text) or text
    # praise and scene said first: "good job so far.", "now that the drawer is open, ..."
    text = rx.sub(r'^\s*(?:good job|great job|nice work|well done|great|nice|perfect|excellent)'
                  r'(?: so far)?\s*[.!;,]\s*', '', text)
    text = rx.sub(r'^\s*now that (?:the |it )?[a-z ]{0,30}? (?:is|\'s|are) (?:open|opened|'
                  r'closed|shut|on|off|done|empty)\s*,\s*', '', text)
    # "with the drawer already open, slide the pink block into it"
    text = _past_state(rx.match(r'^\s*with (the [a-z ]{2,30}?) (?:already |still |now )?(?:open|'
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
    if condition and _has(' %s ' % condition.group(1), OBJECT_WORDS) and not _absent(
            condition.group(1)):
        text = _past_state(condition, text)
        if condition.group('place') and _has(' %s ' % text, PICK_VERBS):
            text = _from_place(text, condition.group('place'))    # "... then take it out"
    text = rx.sub(r'^\s*(?:there (?:are|is) (?:two|2|a couple of) (?:blocks|cubes) (?:stacked|'
                  r'piled)|(?:the )?(?:two|2) (?:blocks|cubes) (?:are|sit|lie) (?:stacked|piled)|'
                  r'there(?:\'s| is) (?:a |an )?(?:little |small )?(?:tower|stack|pile) of)'
                  r'[^;,.:]*[;,.:]\s*', '', text)
    # a light's state said first or last: "the green led is off right now; press the button",
    # "the light bulb is lit; darken it using the switch" ("it" is the bulb)
    text = _past_state(rx.match(
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
    if why and not _has(' %s ' % why.group(1), OBJECT_WORDS) and not (
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
    # urgency said as its own clause or sentence: "..., hurry up.", "... . go."
    text = rx.sub(r'(?:[,;.!]\s*|\s-+\s*)(?:%s)(?:\s*,\s*(?:%s))*\s*[.!]*\s*(?=$|[,;])'
                  % (URGENCY, URGENCY), '', text)
    return text


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
    the drawer)", "(drawer)".
    """
    said = said.strip(' .,;!')
    if said.startswith('i see '):
        return ' '       # a note on the scene: "(heads up: the LED is on too, leave it)"
    verbs = _verb_words()
    way = rx.search(r'\b%s\b(?! (?:it|them|that|this|the)\b)' % _words(lx.LEFT + lx.RIGHT), said)
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
    if len(said.split()) <= 3 and _has(said, lx.DRAWER + lx.SLIDER_PLACE + ('table', 'desk')):
        raise _unread_brackets(said)    # a place, not a remark: "lift pink block (drawer)"
    return ' '


THING_KINDS = (('block', 'cube', 'brick', 'stack', 'tower'),
               ('drawer', 'door', 'slider', 'cabinet'),
               ('bulb', 'lamp', 'light', 'led', 'switch', 'button'))


def _it_is(said, rest):
    """Return `rest` with its first "it" the one thing `said` names (pure).

    "as the bulb has been on all morning, turn it off": the bulb; not where a thing of the
    same kind is named before that "it" ("as the light bulb is already on, we only need the
    LED: turn it on": the LED).
    """
    rest = _opened_place(said, rest)
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
    return _name_it(rest, subject.group(0))


def _name_it(text, subject, pronoun=r'\bit\b'):
    """Return the text with its first "it" (or `pronoun`) replaced by `subject`."""
    return rx.sub(pronoun, subject, text, count=1)


def _said_first(match, text, pronoun=r'\bit\b'):
    """Return the text after a state said first, its first "it" that state's subject; or None.

    match: the state ("the blue block is on your right. "), its subject as group 1; None
    where there is no such state, or no "it" after it to name.
    """
    rest = text[match.end():] if match else ''
    first = rx.search(pronoun, rest)
    if first is None:
        return None
    if _has(' %s ' % rest[:first.start()], lx.BLOCK_NOUNS) and not _has(
            ' %s ' % match.group(1), lx.BLOCK_NOUNS) and not rx.search(
                r'\b(?:out of|from|in|into|inside)\s*$', rest[:first.start()]):
        return None     # "with the drawer open, take the pink block out and stack it": the block
    return _name_it(rest, match.group(1), pronoun)


def _past_state(match, text):
    """Return the text after a state said first, which only sets the scene (no match: text).

    Its first "it", if any, names the state's subject (`_said_first`).
    """
    if match is None:
        return text
    return _opened_place(match.group(0), _said_first(match, text) or text[match.end():])


def _opened_place(said, rest):
    """Take a block "out" (or "from inside") of the place a state said first opened.

    "with the drawer open, take the pink block out", "since the cabinet door is already slid
    over, grab the red block from inside".
    """
    place = 'drawer' if _has(said, lx.DRAWER) else 'cabinet' if _has(
        said, lx.SLIDER_PLACE + lx.SLIDER_DOOR) else None
    if place and rx.search(r'\b(?:open|opened|pulled out|slid|moved)\b', said):
        rest = rx.sub(r'\b((?:take|pull|get|lift|fish|grab|pick)\b(?: \w+){0,3}? out)\b(?! of)',
                      r'\1 of the ' + place, rest, count=1)
        rest = rx.sub(r'\bfrom inside\b(?! (?:the|it|of|there)\b)', 'from inside the ' + place,
                      rest, count=1)
    return rest


def _from_place(text, place):
    """Say where from in `text` (unless it names a place): after its block, else at its end.

    "in order to retrieve it from the slider, clasp the red block and raise it", "so that it
    no longer rests on the shelf, pick the pink block up": the place said in the lead-in.
    """
    if _has(' %s ' % text, lx.DRAWER + lx.SLIDER_PLACE + ('table', 'desk')):
        return text
    block = rx.search(r'\b(?:the|a) (?:[a-z-]+ ){0,2}?%s\b' % _words(lx.BLOCK_NOUNS), text)
    if block is None:
        return '%s from the %s' % (text, place)
    return '%s from the %s%s' % (text[:block.end()], place, text[block.end():])


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
        if not words or words[0] in verbs or any(w in verbs for w in words) or not _has(
                ' %s ' % ' '.join(words), OBJECT_WORDS) or words[-1] in NOT_BEFORE_VERB or (
                    before in NOT_BEFORE_VERB and not _has(' %s ' % words[-1], OBJECT_WORDS)) \
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


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case, drop filler and politeness, keep commas as clause hints (cached: pure)."""
    # (a dash between words: "push it left — careful, ..." is " - ")
    text = rx.sub(r'\s*[\u2013\u2014]\s*', ' - ', text.lower().replace('’', "'"))
    # a checklist's labels: "checklist item: ...", "next: ...", "then: ..."
    text = rx.sub(r'(^|[.;!?]\s+)(?:checklist item|checklist|action item|to-?do|task|item)\s*:\s*',
                  r'\1', text)
    text = rx.sub(r'(^|[.;!?,]\s*)(next|then|and then|after that|afterwards|finally|lastly)\s*:',
                  r'\1\2,', text)
    text = _numbered(text)
    # "finally, press the button; first, turn the lamp on": said first, it goes last
    text = rx.sub(r'^\s*(?:finally|lastly)\b(?=[^.;!?]*[.;,] .*\bfirst\b)', 'last', text)
    text = ABBREVIATION.sub(lambda m: lx.ABBREVIATIONS[m.group(0)], text)
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
    text = rx.sub(r',\s*after (?=(?:%s)\b)' % '|'.join(RUN_ON_VERBS), ', then ', text)
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
    if remark and not _has(' %s ' % remark.group(1), OBJECT_WORDS) and \
            text[remark.end():].split()[0] in action_verbs():
        text = text[remark.end():]
    # "the pink block needs to point more to the right, so turn it clockwise": the wish is
    # the reason; the step follows "so"
    facing = rx.match(r'^\s*(the (?:[a-z-]+ ){0,2}?(?:block|cube|brick))(?: (?:needs to|ought to|'
                      r'should|has to|must)) (?:point|face|look|be (?:turned|rotated|facing|'
                      r'pointing))\b[^,;.]*[,;.]\s*(?:so |and )?', text)
    text = _said_first(facing, text) or text
    # "without lifting the pink block, slide it to the right": the block, and then the care
    care = rx.match(r'^\s*without (?:lifting|raising|picking up|grabbing|grasping) (the '
                    r'(?:[a-z-]+ ){0,2}?(?:block|cube|brick))\s*,\s*', text)
    text = _said_first(care, text) or text
    # "..., set it on top of the blue one, then take it back off": unstack it
    if _has(text, lx.STACK + ('on top of',)):
        text = rx.sub(r'\b(?:take|lift|pull) (?:it|them) (?:back off|off again)\b'
                      r'(?! (?:the|of)\b)', 'unstack it', text)
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
    text = _drawer_it(text)
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
                  r'else)?\s*(?=,|;|$)' % _words(lx.COLOUR_WORDS), r'\1', text)
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
                  r'([a-z]+) (?:it|that)\b' % _words(lx.COLOUR_WORDS), r'\1\3 \2', text)
    text = rx.sub(r'^\s*((?:the )?%s (?:block|cube|brick))\s*,\s*(?:please\s+)?(rotate|turn|twist|'
                  r'spin|push|shove|slide|nudge|lift|pick up|grab|take|raise|remove)\b(?! it\b)'
                  % _words(lx.COLOUR_WORDS), r'\2 \1', text)
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
    text = rx.sub(r'\b(?:on|onto|at|to) (?:the )?(?:floor|bottom|base|interior) of the (drawer|'
                  r'cabinet|cupboard|shelf|slider)\b', r'into the \1', text)
    text = rx.sub(r'\b(?:the )?(?:floor|bottom|base|interior) of the (drawer|cabinet|cupboard|'
                  r'shelf|slider)\b', r'the \1', text)
    text = rx.sub(r'\bfrom on top of\b', 'off the top of', text)   # "remove it from on top of"
    text = rx.sub(r'\b(?:take|get|grab|catch|lay|keep) (?:a )?(?:firm )?hold of\b', 'grasp', text)
    # "so that it no longer rests on the table, pick the pink block up": where it is now
    gone = rx.match(r'^\s*so (?:that )?(?:it|the [a-z -]+?) (?:is )?no longer (?:rests?|resting|'
                    r'lies|lying|sits|sitting|is|stands|standing) (?:on|in|inside|upon|within) '
                    r'(?:the|its) ([a-z ]+?)\s*[,;:]\s*(?=[a-z])', text)
    if gone:
        text = _from_place(text[gone.end():], gone.group(1))
    # "propel it leftward with a steady, controlled push": the manner, commas and all
    text = rx.sub(r'\s*\bwith (?:a|an|one) (?:[a-z]+(?:ly)?,? ){1,3}(?:push|motion|movement|shove|'
                  r'nudge|stroke|sweep|action|gesture)\b', '', text)
    goal = GOAL_FIRST.match(text)
    if goal and _has(' %s ' % goal.group(1), OBJECT_WORDS):
        # "the yellow light should not be shining; turn it off": "it" is what the goal names
        text = _said_first(goal, text, r'\b(?:it|them)\b') or text
    # "switch off both lights: first the lamp, then the LED": one light, then the other
    text = rx.sub(r'\b(turn|switch|shut|put) (on|off) (?:both|all)(?: of)?(?: the)? '
                  r'(?:lights|lamps)\s*[:,-]\s*(?:first )?(the [a-z ]+?)\s*,?\s*(?:and )?then '
                  r'(the [a-z ]+?)\s*(?=$|[.,;!])', r'\1 \2 \3, then \1 \2 \4', text)
    # "switch both lights off, led first": that light, then the other
    both = rx.search(r'\b(turn|switch|shut|put) (?:(on|off) )?(?:both|all)(?: of)?(?: the)? '
                     r'(?:lights|lamps)(?: (on|off))?\s*[,:;-]\s*(?:the )?(led|diode|green light|'
                     r'green lamp|lamp|bulb|light bulb|lightbulb|yellow light|yellow lamp) first'
                     r'\s*(?=$|[.;!])', text)
    if both and (both.group(2) or both.group(3)):
        state = both.group(2) or both.group(3)
        first = 'the led' if rx.search(r'led|diode|green', both.group(4)) else 'the lamp'
        other = 'the lamp' if first == 'the led' else 'the led'
        verb = both.group(1)
        said = '%s %s %s, then %s %s %s' % (verb, state, first, verb, state, other)
        text = text[:both.start()] + said + text[both.end():]
    # texting and speech: "pls", "u", "n" for "and", "youve"
    text = rx.sub(r'\b(you|i|they)(ve|re)\b|\b(we)(ve)\b', r"\1\3'\2\4", text)
    text = rx.sub(r'\b(?:pls|plz|plse|pleez)\b', 'please', text.replace('&', ' and '))
    text = rx.sub(r'\s\+\s', ' and ', text)
    # a first sentence that only sets the scene: "I'm about to take photos of the table.
    # The yellow bulb needs to be on for that."
    scene = rx.match(r'^\s*(?:i|we|i\'m|we\'re|i am|we are|today|tonight|this morning|in a '
                     r'(?:minute|moment)|it is|it\'s|the (?:workspace|work area|work cell|'
                     r'workcell|room|lab|scene|setup|area))\b([^.!?;]*)[.!?;]\s+(?=\S)', text)
    if scene and not _has(' %s ' % scene.group(1), OBJECT_WORDS + ('it', 'them')):
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
        text = _name_it(rest, first.group(1)) if first and not rx.match(
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
    if state and _has(' %s ' % state.group(1), OBJECT_WORDS):
        text = _past_state(state, text)
    # "drawer, push it in", "sliding door, move it left": a fixture said first, as a topic
    text = rx.sub(r'^\s*((?:the )?%s)\s*,\s*(?:please\s+)?([a-z]+) (?:it|that)\b' % _words(
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
    text = LIGHT_CEASE.sub(_light_off, text)
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
    # "move the red block from the slider into the drawer": a lift, then a place
    text = rx.sub(r'\b(?:lift|pick up|grab|remove|pull|pluck|fetch|retrieve|raise|hoist|grasp|'
                  r'pick|take|get)\s+(the [a-z -]{1,30}?(?:block|cube|brick|one|piece|object)|it)'
                  r'\s+(?:up\s+)?(?:out of|from)\s+(the (?:[a-z]+ )?(?:slider|cabinet|cupboard|'
                  r'shelf|drawer|table|desk|tabletop))\s+and\s+(?:then\s+)?(into|in to|inside|'
                  r'onto|on to|on top of)\s+(the )',
                  r'take \1 from \2 , then put it \3 \4', text)
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
                  lambda m: m.group(0) if _has(m.group(2), lx.DRAWER) == _has(
                      m.group(3), lx.DRAWER) else 'take %s from %s , then put it into %s' % (
                          m.group(1), m.group(2), m.group(3)), text)
    # "carry the blue block out of the slider": a lift from there, not a place into it
    text = rx.sub(r'\b(?:move|relocate|transfer|carry|bring|shift)\s+(the [a-z -]{1,30}?%s|it)'
                  r'\s+(out of|out from)\b(?![^,]*\b(?:into|in to|inside|onto|on to|on top of)\b)'
                  % _words(lx.BLOCK_NOUNS), r'take \1 \2', text)
    # a block said to end up in the gripper is lifted: "the red block should end up in the
    # gripper", "leave the pink block held in the gripper", "i want it in the robot's hand"
    text = rx.sub(r'^(?:(?:i want|i\'d like|i would like|make sure|ensure)(?: that)? )?(the '
                  r'[a-z -]{1,30}?%s) (?:should |must |needs to |has to |is to |will )?(?:end up |'
                  r'be |remain |stay )?(?:held |gripped |grasped )?(?:in|within|inside) '
                  r'(?:the|your|its|the robot\'?s?) (?:gripper|hand|grip|grasp|fingers|claw)\b' %
                  _words(lx.BLOCK_NOUNS), r'lift \1', text)
    text = rx.sub(r'^(?:leave|keep|have) (the [a-z -]{1,30}?%s) (?:held |gripped |grasped )?(?:in|'
                  r'within|inside) (?:the|your) (?:gripper|hand|grip|grasp|fingers|claw)\b' %
                  _words(lx.BLOCK_NOUNS), r'lift \1', text)
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
                  r'(?: (?:stored|kept|placed|located|sitting|resting|lying))?\b' % _words(
                      lx.BLOCK_NOUNS),
                  r'\2 in the \1', text)
    # a block's side is where to touch it, not a way, when a way is said too: "engage the
    # left side of the pink block and drive it rightward"
    side = (r'\b(?:the )?%s(?:-hand| hand)? (?:side|face|flank|edge) of (?=it\b|the (?:[a-z]+ )'
            r'{0,2}?%s\b)' % (_words(lx.LEFT + lx.RIGHT), _words(lx.BLOCK_NOUNS)))
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
                  % _words(lx.BLOCK_NOUNS), r'lift \1 ', text)
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
                  _words(action_verbs()),
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
    text = rx.sub(r'\b(?:um+|uh+|uhm|erm|er|oh|ah)\b,?\s*', '', text)
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
                  r'took)\b' % _words(lx.COLOUR_WORDS), r'\1', text)
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
    if topic and _has(' %s ' % topic.group(2), lx.BLOCK_NOUNS):
        into = rx.search(r'\b(?:push|sweep|slide|shove|nudge|put|place|drop|set)\b',
                         topic.group(2))
        text = '%s %s the %s' % (topic.group(2).strip(), 'into' if into else 'from',
                                 topic.group(1))
    text = _topics(text)
    # "for the next demo we need everything dark: turn off the LED ...": context before a
    # colon that names nothing on the desk; the orders follow it
    context = _COLON_CONTEXT.match(text)
    if context and not _has(' %s ' % context.group(1), OBJECT_WORDS):
        text = text[context.end():]
    text = rx.sub(r'["“”()\[\]{}!?]', ' ', text)
    text = rx.sub(r'[;:.]+(\s|$)', ' , ', text)
    text = rx.sub(r'\s*,\s*', ' , ', text)
    text = rx.sub(r'\b(\w+)ing\b', lambda m: lx.GERUNDS.get(m.group(0), m.group(0)), text)
    text = rx.sub(r'\b\w+\b', lambda m: lx.IRREGULAR.get(m.group(0), m.group(0)), text)
    text = rx.sub(r'(\b\w+ )?\b(\w+(?:ing|ed))\b', _stem, text)
    text = rx.sub(r'(^|\s)%s(?=\s|$|,)' % _words(lx.FILLER + lx.ABLE_TO), ' ', text)
    # "go on and open the drawer" (not "make the light go on and ...")
    text = rx.sub(r'(^\s*|, |\band |\bthen )go on(?: and)?\s+(?=[a-z])', r'\1', text)
    # "please to open the drawer, to take the red block ... and to put it ...": each "to"
    # starts a step
    if rx.match(r'\s*to (?:%s)\b' % _words(action_verbs()), text):
        text = rx.sub(r'(^\s*|, |\band |\bthen )to (?=(?:%s)\b)' % _words(action_verbs()), r'\1',
                      text)
    text = _verb_last(text)
    text = rx.sub(r'^(?:so|well|now)\b,?\s*', '', rx.sub(r'\s+', ' ', text).strip(' ,'))
    read_as, rare_verb = verb_senses()
    # "grasp and lift the red block": the grasp is part of the action, with its object
    text = rx.sub(VERB_AT + r'(?:grasp|grab|grip|seize|clasp|clutch|pinch|squeeze|hold|reach for|'
                  r'reach out for|go for)(?: ,)? (?:and then|and|then) (?=%s\b)' %
                  _words(action_verbs()),
                  lambda m: m.group(1) + m.group(2), text)
    text = rare_verb.sub(lambda m: m.group(1) + m.group(2) + read_as[m.group(3)], text)
    # "pick and lift the red block", "open and close the drawer": two verbs share the
    # object said after the second, so each gets it
    text = _SHARED_OBJECT.sub(lambda m: '%s%s%s%s %s %s %s it%s' % (
        m.group(1), m.group(2), m.group('first'), m.group('up') or '',
        m.group('thing'), m.group('order'), m.group('second'), m.group('up2') or ''), text)
    # "you take the pink block, you put it inside": the subject said, as some speakers do;
    # "... and after you make the lamp on": "after" there orders, as "and then" does
    text = _AFTER_YOU.sub('and then ', text)
    text = _SUBJECT_YOU.sub(r'\1', text)
    # which way a clock turns; "using the gripper, ...": the tool is always the gripper
    text = rx.sub(r'\b(?:in )?(?:the )?(?:opposite|counter|reverse|against) (?:of |to )?'
                  r'(?:the )?clock(?: direction| way| sense)\b', 'counterclockwise', text)
    text = rx.sub(r'\b(?:in )?(?:the )?clock (?:direction|way|sense)\b', 'clockwise', text)
    text = rx.sub(r'\b(?:in )?(?:the )?(?:opposite|reverse|contrary) (?:sense|direction|way) '
                  r'(?:to|of|from) ' + CLOCK, 'counterclockwise', text)
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
    text = _APPROACH_FIRST.sub(lambda m: m.group(1) + m.group(2), text)
    # "move toward the red block in the slider and hoist it": the block is what is lifted
    text = _APPROACH_THING.sub(lambda m: '%s%s%s %s' % (m.group(1), m.group(2), m.group(4),
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
    if lead and _has(' %s ' % lead.group(1), MANNER_NOUNS) and not _has(
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
            text = _from_place(text, where.group(1))
        elif _has(goal, lx.LIGHTBULB + lx.LED) and not rx.search(r'\b(?:on|off)\b', text):
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
        _SENSES = (senses, rx.compile(VERB_AT + r'(%s)\b' % _words(senses)))
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


@lru_cache(maxsize=None)
def _verb_words():
    """Return the one-word action verbs as a regex alternation, built once."""
    return '|'.join(sorted(action_verbs()))


# A thing a verb acts on: "the red block", "that drawer", "it".
THING = r'(?:(?:the|a|an|that|this|your|its|my) (?:[a-z-]+ ){0,3}?%s\b|it\b|them\b)' % _words(
    lx.BLOCK_NOUNS + lx.DRAWER + lx.SLIDER_PLACE + lx.SLIDER_DOOR + lx.LIGHTBULB + lx.LED)
# "pick and lift the red block": a bare verb, an order word, a verb with its object; not
# a walk ("go and open the drawer": nothing to share). A word the lexicon does not know
# gets the object too ("hide and lift the red block" is "hide the red block and lift
# it"), so the planner judges "hide the red block" instead of dropping it.
_SHARED_OBJECT = rx.compile(
    VERB_AT + r'(?!(?:go|come|walk|head|proceed|navigate|reach|hover|move)\b)'
    r'(?P<first>%s|(?!(?:%s)\b)[a-z]+)'
    r'(?P<up> up| out)?(?: ,)? (?P<order>and then|and|then) (?P<second>%s)(?P<up2> up| out)? '
    r'(?P<thing>%s)' % (_words(action_verbs()), '|'.join(lx.FUNCTION_WORDS),
                        _words(action_verbs()), THING))
# "go over and lift the red block", "slowly and carefully lift ...": a move to the thing,
# or the manner, said before the action (normalise drops it)
_APPROACH_FIRST = rx.compile(
    VERB_AT + r'(?:(?:go(?! (?:off|on|out)\b)|reach|move|come(?! (?:off|on|out)\b)|head|walk|'
    r'step|lean|bend|extend|stretch|swing|zoom|hurry|glide|look|get|approach|descend|try|'
    r'be careful|take care)(?: (?:forward|ahead|'
    r'closer|close|ready|(?:your|the) (?:arm|gripper|hand|claw)|(?:to |towards |toward |near |'
    r'over |by )?the (?:table|desk|tabletop|surface|workspace|work area)|%s)){0,4}|\w+ly)'
    r'(?: ,(?: (?:and then|and|then))?| (?:and then|and|then)) (?=(?:\w+ly )?%s\b)' % (
        _words(set(lx.FUNCTION_WORDS) - action_verbs() - {'and', 'then', 'but', 'or', 'not',
                                                          'never', 'no'}),
        _words(action_verbs())))
_APPROACH_THING = rx.compile(
    VERB_AT + r'(?:move|go|head|come|travel|get|reach|proceed)(?: over| across)? (?:to |toward |'
    r'towards |up to |near |closer to )?(the (?:\w+ ){0,3}%s(?: (?:in|on|inside|within|at) the '
    r'(?:\w+ )?(?:slider|cabinet|cupboard|shelf|drawer|table|desk))?)(?: ,)? (?:and then|and|'
    r'then) (%s) it\b' % (_words(lx.BLOCK_NOUNS), _words(action_verbs())))
# "a clock's hands go", "the hands of a clock move"
CLOCK = (r'(?:(?:the )?hands? (?:of|on) (?:an? |the )?clock|(?:an? |the )?clock(?:\x27s|s)?'
         r'(?: hands?)?)(?: goes?| runs?| moves?| turns?| go| run| move| turn)?\b')
_AFTER_YOU = rx.compile(r'\band after you (?=(?:%s|make)\b)' % _words(action_verbs()))
_SUBJECT_YOU = rx.compile(r'(^|, |\band |\bthen |\bplease )you (?=(?:%s|make)\b)' %
                          _words(action_verbs()))
_COLON_CONTEXT = rx.compile(r'^([^:,]{3,80}?)\s*:\s*(?=(?:please )?(?:%s)\b)' %
                            _words(action_verbs()))


def _stem(match):
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
A_LAMP = r'(?:the |that |this )?(?:yellow |green )?%s\b' % _words(lx.LIGHT_NOUNS + ('lights',))
# A light said to change, as an event: "when the lamp goes off", "once the LED turns on"
LIGHT_EVENT = rx.compile(r'(?:\b(?:when|whenever|as soon as|after)|(?:^\s*|(?<=[,;.:!])\s*|'
                         r'(?<=\band )|(?<=\bthen ))once) (?:the |that |this )?(?:[a-z-]+ )'
                         r'{0,2}?%ss? (?:goes|go|turns|turn|comes|come|switches|flicks|clicks)'
                         r'(?: back)? (?:on|off|out|up|dark)\b' % _words(lx.LIGHT_NOUNS))
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


def _light_off(match):
    return '%sswitch off %s' % (match.group('lead'),
                                match.group('source') or match.group('lamp') or 'the light')


NUMBER_WORDS = ('(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
                'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|'
                'sixty|seventy|eighty|ninety|hundred|a hundred|a few|few|several|some)')
ROTATION_DEGREES = ('90', 'ninety', '60', 'sixty')
# An angle (group 2), and "exactly" said before it (group 1)
ANGLE = rx.compile(r'(\b(?:exactly|precisely|accurately) (?:by )?)?\b((?:\d+(?:[.,]\d+)?|%s'
                   r'(?:[- ]%s)?)) ?(?:degrees?|deg)\b' % (NUMBER_WORDS, NUMBER_WORDS))


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
                   ('yellow', 'lamp'), ('green', 'lamp')}
# Two moves that undo each other, said as a choice ("open or close")
_OPPOSITES = (('open', 'close'), ('open', 'shut'), ('on', 'off'), ('left', 'right'),
              ('before', 'after'), ('lift', 'push'), ('push', 'rotate'), ('rotate', 'lift'))


def _thing(words):
    """Which thing of the desk a few words name, or None."""
    for thing, names in _THINGS.items():
        if rx.search(r'\b%s\b' % _words(names), words):
            return thing
    return None


def _choice(low):
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


def _check_characters(raw):
    """Refuse characters that hide or stand for words (after heard() has read the rest)."""
    # invisible characters hide what a word is: "s\u200bmash", "off\u200bthe"
    hidden = next((c for c in raw if unicodedata.category(c) == 'Cf'), None)
    if hidden:
        raise Refusal('the command has an invisible character (U+%04X) in it; type it again '
                      'without it' % ord(hidden))
    # a picture where a word should be: "put the 🟩 block in the drawer", "lift it and 🔥 it"
    picture = next((c for c in raw if unicodedata.category(c) == 'So' and c != '°'), None)
    if picture:
        raise Refusal('I read words only; say in words what "%s" means' % picture)


# What no skill does to the desk's things: a pattern on check_command's `low` text, and the
# reason ({} is what matched)
DESK_LIMITS = (
    # the drawer said to be shut where a block must go in: "push it into the closed drawer"
    (r'\b(?:in|into|inside) (?:the |a )?(?:closed|shut) drawer\b',
     'a block cannot go "{}"; say "open the drawer" first'),
    # a gripper, hand or finger in the way: "close the drawer with your gripper still inside"
    (r'\bwith (?:your|the|my|its) (?:gripper|hand|fingers?|arm|claw|tool)s? (?:still )?(?:in|'
     r'inside|in between|between|under|caught)\b',
     "refused: '{}' would trap the gripper or a hand"),
    # a fixture turned like a block: "turn the drawer handle clockwise"
    (r'\b(?:turn|rotate|twist|spin) (?:the )?(?:drawer|handle|knob|button|switch|lever|lamp|bulb|'
     r'lightbulb|led|door)(?: handle| knob)? (?:clockwise|counter-?clockwise|anti-?clockwise|to '
     r'the (?:left|right)|around)\b', 'I rotate only the blocks; not "{}"'),
    # a fixture taken elsewhere: "move the drawer to the other side of the desk"
    (r'\b(?:move|shift|carry|take|drag|push|slide|put) the (?:drawer|lamp|bulb|lightbulb|switch|'
     r'button|led|desk|table|cabinet) (?:to|onto|across|over) (?:the )?(?:other|another|far|'
     r'opposite) (?:side|end|corner|desk|table|place)\b',
     "refused: '{}': the desk and its fixtures stay where they are"),
    # all the blocks at once: "build a tower with all the blocks"
    (r'\b(?:with|using) (?:all|both|every|each) (?:of )?(?:the )?(?:[a-z]+ )?(?:blocks|cubes|'
     r'bricks)\b', 'I can hold and move only one block at a time; give one step per block'),
    # the robot itself: "switch yourself off now"
    (r'\b(?:switch|turn|shut|power) (?:yourself|itself|the robot|the arm) (?:off|down|on)\b|'
     r'^\s*(?:shut|power) (?:yourself )?down\s*$',
     'I do not switch myself off: publish /lam/cancel, or /lam/estop to stop at once ("{}")'),
    # a thing somewhere else: "the drawer in the other room"
    (r'\b(?:other|another|next|different|neighbouring|neighboring) (?:room|lab|building|office|'
     r'house|floor|workshop|station|cell)\b', 'I work only at this desk; "{}" is not here'),
)


def _check_things(low):
    """Refuse a command about things the desk does not have, or that leaves the thing open.

    low: the command in lower case, letters only (as check_command reads it).
    """
    # a second block of a colour: "the third red block", "the other blue block"
    twin = rx.search(r'\b(?:other|another|second|third|fourth|extra|spare) (%s) (?:block|'
                     r'cube|brick|one)\b' % _words(lx.COLOUR_WORDS), low)
    if twin:
        raise Refusal('there is only one %s block here; there is no "%s"' % (
            twin.group(1), twin.group(0)))
    # a colour the thing does not have: "the pink drawer", "the yellow LED", "the green bulb"
    tinted = rx.search(r'\b(%s) (?:coloured |colored )?(drawer|cabinet|cupboard|slider|sliding '
                       r'door|door|handle|switch|lever|button|led|diode|light ?bulb|bulb|lamp)\b'
                       % _words(lx.COLOUR_WORDS + lx.OTHER_COLOURS), low)
    if tinted and (tinted.group(1), tinted.group(2)) not in FIXTURE_COLOURS:
        raise Refusal('there is no %s here: the lamp is yellow, the LED and its button green, '
                      'and the drawer, cabinet and switch have no colour of their own'
                      % tinted.group(0))
    # a block no one names: "a block other than the red one", "none of the blocks", "each
    # block"
    anyone = rx.search(r'\b(?:a|an|any|some|one) (?:[a-z]+ )?(?:block|cube|brick) (?:other than|'
                       r'except|apart from|besides|but)\b|\b(?:none|neither) of the (?:[a-z]+ )?'
                       r'(?:blocks|cubes|bricks)\b|\b(?:each|every) (?:single )?(?:[a-z]+ )?'
                       r'(?:block|cube|brick)\b', low)
    if anyone:
        raise Refusal('which block is "%s"? name one block by its colour: red, blue or pink'
                      % anyone.group(0))
    # a block named and ruled out: "lift the blue block, no, not the blue one"
    for ruled in rx.finditer(r'\bnot (?:the )?(%s) (?:one|block|cube|brick)\b'
                             % _words(lx.COLOUR_WORDS), low):
        rest = low[:ruled.start()] + ' ' + low[ruled.end():]
        named = {c for c, words in lx.COLOURS.items() if _has(rest, words)}
        if named == {c for c, words in lx.COLOURS.items() if ruled.group(1) in words}:
            raise Refusal('the command names the %s block and rules it out; say which block'
                          % ruled.group(1))
    # a choice left open: "open or close the drawer", "the LED or the light bulb"
    choice = _choice(low)
    if choice:
        raise Refusal('"%s" leaves the choice to me; say which one' % choice)
    # a new colour: "turn it purple", "paint the red block blue"
    paint = rx.search(r'\b(?:turn|make|paint|dye|colou?r|change) (?:it|them|the (?:[a-z]+ ){0,2}?'
                      r'(?:block|cube|brick|lamp|light|bulb|lightbulb|led|drawer|door|switch|'
                      r'button)) (?:to |into )?(?:be )?(%s)\b' % _words(
                          lx.COLOUR_WORDS + tuple(c for c in lx.OTHER_COLOURS
                                                  if c not in ('green', 'yellow'))), low)
    if paint and not rx.match(r'\s*$|\s+(?:and|then)\b', low[paint.end():]) and not rx.match(
            r'\w+ (?:it|them)\b', paint.group(0)):
        paint = None        # "turn the block red in the sense of the clock": the red block
    if paint:
        raise Refusal('I cannot change the colour of anything ("%s")' % paint.group(0))
    for pattern, reason in DESK_LIMITS:
        found = rx.search(pattern, low)
        if found:
            raise Refusal(reason.format(found.group(0).strip()))


def check_command(raw: str):
    """Refuse empty, oversized or unsafe commands before reading them."""
    if raw is None or not raw.strip():
        raise Refusal('the command is empty')
    if len(raw) > MAX_CHARS:
        raise Refusal('the command is too long (%d characters; the limit is %d)' % (
            len(raw), MAX_CHARS))
    low = ' %s ' % rx.sub(r'[^a-z\- ]+', ' ', raw.lower())
    # "on the floor of the drawer" is in the drawer
    low = rx.sub(r'\b(?:the )?(?:floor|bottom|base) of the (drawer|cabinet|cupboard|shelf)\b',
                 r'the \1', low)
    low = rx.sub(r'\b(?:break (?:up |apart )?|topple )(?:the |that |this )?(?:stacked blocks|'
                 r'stack|tower|pile)\b', 'unstack', low)   # taking a stack apart is a skill
    low = rx.sub(r'\bkill (?=%s)' % A_LAMP, 'switch off ', low)            # "kill the lamp"
    low = rx.sub(r'\bfire (?:up )?(?=%s)' % A_LAMP, 'switch on ', low)     # "fire up the lamp"
    if rx.match(r'\s*(?:(?:hey|hi|hello|ok|okay|so|well|robot|um+|uh+|erm?|hmm+|oh|ah)\s+)*'
                r'(?:shall (?:i|we)|should (?:i|we)|should you|may i|(?:can|could) i(?! (?:have|'
                r'get)\b)|would you mind if i|'
                r'do you want me to|do (?:we|i|they)|is(?! it (?:ok|okay|alright|all right) if '
                r'you\b)|are|'
                r'was|were|does|did|'
                r'(?:has|have|had) (?:you|it)|what(?! (?:i|we) (?:need|want))|which|where|'
                r'why(?! (?:don t|dont|do not) you\b| not\b)|who|'
                r'whose|how (?:many|'
                r'much|is|are|do|does|did|far|long|big|hot|heavy|would|could|should|can|will|to)'
                r')\b(?! (?:it |that )?possible\b)'
                r'(?! you able\b)', low):
        raise Refusal('that is a question, not a command; tell me what to do, for example '
                      '"open the drawer"')
    # a question after an order: "close the drawer. is the LED on right now?", "rotate the
    # red block left. why is the lamp off?", "..., and how many blocks are in the drawer?"
    asked = rx.search(r'(?:[.;:!?]|,? and|,? but|,? then)\s*((?:(?:so|and|but|also),? )?(?:is|are|'
                      r'was|were|does|do|did|has|have|had|why|what|which|where|who|whose|when|'
                      r'how)\b[^.;!?]*)\?', raw.lower()) or rx.search(
        r',\s*((?:why|how|where|what)\b[^.;!?,]*)\?', raw.lower())   # "the LED, why is it off?"
    if asked and not rx.match(r'(?:so |and |but |also )?(?:is|are)(?: it| that)? (?:possible|ok|'
                              r'okay|alright|fine)\b', asked.group(1)):
        raise Refusal('"%s?" is a question, not a command; ask me nothing in a command, tell me '
                      'only what to do' % asked.group(1).strip())
    if rx.search(r'\b(?:can|could) you (?:reach|see|get to)\b[^.;!?]*\bfrom (?:where you are|'
                 r'there|here|your position)\b', low):
        raise Refusal('that asks what I can do, not what to do; tell me what to do, for example '
                      '"pick up the pink block"')
    # a question wrapped in a request: "can you tell me whether the door is on the left?"
    if rx.search(r'\b(?:tell (?:me|us)|show (?:me|us)|let (?:me|us) know|explain|i (?:d|would) '
                 r'like to know|i (?:want|need) to know|i wonder|i m wondering|wondering) '
                 r'(?:whether|if|what|which|where|how|why|who)\b(?! (?:you|the robot) (?:could|'
                 r'would|can|will|might)\b)|\bdo you know\b|\b(?:check|find out|see|look) '
                 r'(?:whether|if)\b', low):
        raise Refusal('that asks what I see, not what to do; I only act: tell me what to do, '
                      'for example "open the drawer"')
    if rx.search(r'\b(?:push|shove|nudge|hit|poke|pinch|grab|grip|touch|squeeze|move|lift|rotate|'
                 r'bump|press|slap|drop|knock|tap|pat|hold|catch|chase|hand|give|pass|bring|'
                 r'throw|toss|spin|lift up|pick up|show)\s+(?:me|him|her|us|yourself|people|'
                 r'someone|somebody|anyone|the (?:operator|user|person|people|human|man|'
                 r'woman))\b', low):
        raise Refusal('I do not act on people, nor hand things to them; I act only on the '
                      'blocks, the drawer, the sliding door, the switch and the button')
    _check_characters(raw)
    # what would have been, or what if: "if you had lifted the red block, would you have
    # stacked it?", "had the drawer been open, ...", "if the lamp were a button, press it"
    unreal = rx.search(r'\b(?:would|could|might) have [a-z]+(?:ed|en|t)\b|^\s*if (?:you|'
                       r'i|we|it|the [a-z ]+?) had\b|^\s*had (?:you|i|we|it|the [a-z ]+?) '
                       r'(?:been|[a-z]+ed)\b|\bif (?:you|i|it|the [a-z ]+?) were (?:a|an|the)\b',
                       low)
    if unreal:
        raise Refusal('"%s" is about what might have been; tell me what to do now'
                      % unreal.group(0).strip())
    # a light said only as "it": "turn it off" with nothing named
    if rx.fullmatch(r'\s*(?:please )?(?:turn|switch|flip|shut|put|click) (?:it|that|this) (?:on|'
                    r'off)(?: please)?\s*', low):
        raise Refusal('what should I switch? name it: the yellow lamp or the green LED')
    # turns other than the rotation's own (a quarter; CALVIN counts a sixth): "a full turn",
    # "1/3 of a turn", "three quarter turns"
    turns = rx.search(r'\b(?:a |one )?(?:full|whole|complete|half|three[- ]quarters?|two|'
                      r'three|several|\d+) (?:(?:right|left|clockwise|counter-?clockwise|'
                      r'anti-?clockwise|quarter) )?(?:turns?|rotations?|revolutions?|spins?|'
                      r'circles?)\b(?! (?:on|off)\b)|(?:\b\w+|\d+\s*[/\u2044]\s*\d+) of a '
                      r'(?:full )?(?:turn|rotation|revolution|circle)\b', raw.lower())
    if turns and not rx.match(r'(?:a )?(?:quarter|sixth) of a\b', turns.group(0)):
        raise Refusal('my skills move things by their own fixed amounts; I cannot do "%s"'
                      % turns.group(0).strip())
    amount = AMOUNT.search(raw.lower())
    if amount:
        raise Refusal('my skills move things by their own fixed amounts; I cannot do "%s"'
                      % amount.group(0).strip())
    # an angle other than the rotation's own (about a quarter turn: CALVIN's training split
    # says "90 degrees") or any angle said "exactly", a share of the way said exactly, or a
    # duration
    angle = next((m for m in ANGLE.finditer(raw.lower())
                  if m.group(2).replace('-', ' ') not in ROTATION_DEGREES or m.group(1)), None)
    exact = rx.search(r'\b(?:exactly|precisely) (?:halfway|half ?way|half|a third|two thirds|'
                      r'a quarter of the way|three quarters|\d+ ?(?:%|percent))', raw.lower())
    if exact is None:
        # "move the sliding door 20 percent to the right" (a light's level is refused later)
        exact = rx.search(r'\d+ ?%%|\b(?:\d+|%s) ?(?:percent|per cent)\b' % NUMBER_WORDS,
                          raw.lower())
        if exact and rx.search(r'\b(?:lamp|lights?|bulb|lightbulb|led|brightness)\b(?:\W+\w+){0,4}'
                               r'\W*$', raw.lower()[:exact.start()]):
            exact = None
    # `low` has no digits: counts and durations are read where they are kept
    counted = ' %s ' % rx.sub(r'[^a-z0-9\- ]+', ' ', raw.lower())
    timed = rx.search(r'\bfor (?:exactly |precisely |about |at least )?(?:\d+|%s|an?) '
                      r'(?:full |whole |entire )?(?:seconds?|minutes?|hours?|days?)\b'
                      % NUMBER_WORDS, counted)
    if angle or exact:
        raise Refusal('my skills move things by their own fixed amounts; I cannot do "%s"'
                      % (angle or exact).group(0).strip())
    if timed:
        raise Refusal('each skill runs once, at its own pace; I cannot do anything "%s"'
                      % timed.group(0))
    # "exactly one block width", "precisely two centimetres"
    exactly = rx.search(r'\b(?:by |for )?(?:exactly|precisely) (?:one|two|three|a|an|half|\d+)\b'
                        r'(?:[^,;.]|\.\d)*', raw.lower())
    if exactly:
        raise Refusal('my skills move things by their own fixed amounts; I cannot do "%s"'
                      % exactly.group(0).strip())
    # "make the led glow green": a light's own colour is its being on
    low = rx.sub(r'\b(led|diode|green (?:light|lamp))(s?\s+(?:glow|shine|light up|go|turn)) '
                 r'green\b', r'\1\2 on', low)
    low = rx.sub(r'\b(bulb|lightbulb|yellow (?:light|lamp))(s?\s+(?:glow|shine|light up|go|turn)) '
                 r'yellow\b', r'\1\2 on', low)
    recolour = rx.search(r'\b(?:lamp|light|bulb|lightbulb|led|diode)s?\s+(?:to |into )?(?:be |go |'
                         r'glow |shine )?%s\b(?!-? ?(?:colou?red )?%s\b)' % (
                             _words(lx.COLOUR_WORDS + lx.OTHER_COLOURS),
                             _words(lx.BLOCK_NOUNS + ('bulb', 'lightbulb', 'light', 'lamp', 'led',
                                                      'diode', 'button', 'one'))), low) or (
        # "...so it glows purple", "the bulb's colour": the lights' own colours may glow
        rx.search(r'\b(?:lamp|light|bulb|lightbulb|led|diode)s?\b', low) and rx.search(
            r'\b(?:colou?r|hue|tint|warm white|cool white)\b|\b(?:glows?|glowing|shines?|shining)'
            r' (?:in )?(?:a )?(?:bright |deep |soft )?%s\b' % _words(
                lx.COLOUR_WORDS + tuple(c for c in lx.OTHER_COLOURS
                                        if c not in ('green', 'yellow'))), low))
    if recolour:
        raise Refusal('the lights cannot change colour: the bulb is yellow and the LED green; '
                      'I can only turn them on or off')
    elsewhere = rx.search(r'\b(?:lamp|light|bulb|lightbulb|led|diode)s? (?:in|on|by|near|at|above|'
                          r'under|over|from|inside|within) (?:the |a )?(?:corner|ceiling|wall|'
                          r'hallway|hall|room|kitchen|window|porch|garden|stairs|office|bedroom|'
                          r'bathroom|drawer|cabinet|cupboard|shelf|slider)\b|\b(?:room|ceiling|'
                          r'overhead|wall|kitchen|hall|hallway|office|street|porch|garden|house|'
                          r'lab|corridor|floor) (?:light|lights|lamp|lamps|lighting)\b', low)
    if elsewhere:
        raise Refusal('the only lights here are the yellow bulb and the green LED on the desk; '
                      'there is no "%s"' % elsewhere.group(0))
    lasting = rx.search(r'\b(?:permanently|indefinitely|forever|for good|(?:three|four|five|six|'
                        r'seven|eight|nine|ten|eleven|twelve|a dozen|dozen|several|many|'
                        r'multiple|a few|\d+) times)\b', counted)
    if lasting:
        raise Refusal('each skill is one move, done once; I cannot do "%s": say each step' %
                      lasting.group(0))
    detach = rx.search(r'\b(?:take|pull|pry|remove|rip|yank|lift|tear|wrench)\b(?: \w+){0,3}? '
                       r'(?:drawer|switch|button|lever|bulb|lightbulb|led|door|handle)s?\b'
                       r'(?: \w+)? (?:out of the (?:desk|table|cabinet)(?: \w+)? (?:entirely|'
                       r'completely|altogether)|off (?:the|its) (?:desk|table|wall|rails?|hinges?|'
                       r'mount)|out of its (?:rails?|socket|slot|mount))\b', low)
    # "pull the button out", "pull the drawer out completely from the desk"
    detach = detach or rx.search(
        r'\b(?:pull|yank|pry|prise|prize|take|tear|rip) (?:out )?(?:the )?(?:button|switch|lever|'
        r'led|bulb|lightbulb|lamp|handle)s? out\b|\b(?:pull|yank|pry|rip|tear) out the (?:button|'
        r'switch|lever|led|bulb|lightbulb|lamp|handle)\b|\b(?:pull|take|yank|remove|drag) '
        r'(?:the )?drawer (?:all the way )?out (?:completely|entirely|fully) (?:from|of) the '
        r'(?:desk|table)\b', low)
    if detach:
        raise Refusal("refused: '%s' would take the desk apart" % detach.group(0).strip())
    # on a fixture rather than in it: "on top of the sliding cabinet's roof"
    atop = rx.search(r'\b(?:on ?(?:to)? (?:the )?(?:top|roof|lid|surface) of|onto|on top of|atop) '
                     r'(?:the |a )?(?:sliding |slide )?(?:cabinet|cupboard|slider|shelf unit|'
                     r'drawer|door)\b(?! (?:handle|knob|grip|pull|(?:s )?shelf))|\b(?:cabinet|'
                     r'cupboard|slider|drawer) s (?:roof|top|lid)\b|\b(?:on top of|atop|on ?to '
                     r'the top of) (?:the )?(?:lamp|light bulb|lightbulb|bulb|led|button|'
                     r'switch)\b',
                     low)
    if atop:
        raise Refusal('I can put a block into the drawer or the sliding cabinet, or on another '
                      'block, but not "%s"' % atop.group(0).strip())
    one = rx.search(r'\b(?:second|third|other|another|top|bottom|upper|lower|middle)\s+(drawer|'
                    r'cabinet|cupboard|sliding door|door|button|switch|lamp|light bulb|bulb|'
                    r'led|slider|shelf|lever|desk|table|workbench|bench|robot|arm)s?\b', low)
    if one:
        raise Refusal('there is only one %s here' % one.group(1))
    _check_things(low)
    # a remark about the scene, with no order in it: "the pink block looks nice today"
    remark = rx.match(r'\s*(?:the|this|that|my|our|your) [a-z ]{2,30}? (?:looks|seems|is|are|was|'
                      r'were|feels|appears) (?:really |very |so |quite |pretty |rather )?(?:nice|'
                      r'good|great|fine|lovely|pretty|beautiful|bad|ugly|odd|weird|strange|cool|'
                      r'clean|dirty|shiny|dull|cute|boring|interesting)\b', low)
    if remark and not rx.search(r'\b(?:please|%s)\b' % _words(action_verbs()), low[remark.end():]):
        raise Refusal('"%s" describes the scene; tell me what to do' % raw.strip())
    # a state alone asks for nothing: "the red block is on the table", "the drawer is open"
    state = rx.fullmatch(r'\s*(?:there (?:is|are) (?:a |an |the )?(?:%s )?(?:block|cube|brick)|'
                         r'(?:a |an |the )?(?:%s )?(?:block|cube|brick) (?:is|sits|lies|rests|'
                         r'stands)(?: still| currently| now)?(?: sitting| lying| resting| '
                         r'standing)?) (?:on|in|inside|at|upon) (?:the |its )?'
                         r'(?:[a-z]+ ){0,2}?(?:table|desk|tabletop|drawer|cabinet|slider|shelf|'
                         r'spot|place)(?: (?:right )?now| still| already)?\s*' % (
                             (_words(lx.COLOUR_WORDS),) * 2), low)
    if state:
        raise Refusal('"%s" says how things are; tell me what to do' % raw.strip())
    # a share of a move: "open the drawer halfway", "slide the door a quarter of the way"
    share = rx.search(r'\b(?:halfway|half way|half-way|half (?:open|opened|closed|shut)|only half|'
                      r'half(?=\s*$)|partway|'
                      r'part way|part-way|partially|partly|'
                      r'(?:a|one) (?:quarter|third|half) of the way|(?:three|two) (?:quarters|'
                      r'thirds)(?: of the way)?)\b', low)
    if share and not rx.search(r'\b(?:is|are|s|looks|sits) (?:still )?(?:only )?%s' % rx.escape(
            share.group(0)), low):
        raise Refusal('my skills move things by their own fixed amounts; I cannot do "%s"'
                      % share.group(0))
    # the same thing asked to do a thing and its opposite: "open the drawer and keep it closed"
    if rx.search(r'\b(?:open|pull out)\b[^.;]*\b(?:keep|leave) (?:it|the drawer) (?:closed|'
                 r'shut)\b|\b(?:close|shut)\b[^.;]*\b(?:keep|leave) (?:it|the drawer) open\b',
                 low):
        raise Refusal('the command asks for the drawer both open and closed; say one')
    if rx.search(r'\b(?:on|onto|on top of|atop) (?:itself|themselves)\b', low):
        raise Refusal('a block cannot be stacked on itself')
    # a place beside a thing: "put the blue block behind the sliding cabinet"
    beside = rx.search(r'\b(?:put|place|set|drop|leave|stash|hide|tuck|stand|lay|position|move|'
                       r'slide|push|shove|nudge)\s+(?:it|them|the (?:[a-z-]+ ){0,3}?(?:block|cube|'
                       r'brick|one|object|stack|tower|pile))\s+(?:down\s+)?(?:behind(?! the '
                       r'slid(?:e|ing) (?:door|panel)\b)|beneath|'
                       r'underneath|under|'
                       r'below|beside|next to|in front of|alongside|near|close to|to the (?:left|'
                       r'right) of)\s+(?:the |a |another )?(?:[a-z-]+ )?(?:drawer|cabinet|slider|'
                       r'cupboard|'
                       r'shelf|lamp|bulb|lightbulb|switch|button|led|desk|table|block|cube|one|'
                       r'door|stuff|things|objects|others|rest)\b', low)
    if beside:
        raise Refusal('I can put a block only into the drawer or the sliding cabinet, or on '
                      'another block; not "%s"' % beside.group(0).strip())
    # "there's no need to turn off the LED": nothing left to do
    needless = rx.search(r'\b(?:no need to|(?:don t|do not) (?:need|have) to|needn t) [a-z]+'
                         r'(?:(?: it| them)(?: up)?| up)?(?= (?!it\b|them\b|up\b|first\b|'
                         r'beforehand\b|afterwards\b|again\b)[a-z])',
                         ' %s ' % rx.sub(
                             r'[^a-z ,;.!]+', ' ', raw.lower()))
    if needless and not rx.search(r'\b(?:just|only|instead|but|rather)\b', low):
        raise Refusal('the command says what need not be done; tell me only what to do ("%s")'
                      % needless.group(0))
    # the robot playing a part, or handing things to people
    role = rx.search(r'\b(?:let s play|play a game|pretend|make believe|imagine|'
                     r'hypothetically|what if|what would happen|you(?: re| are) now (?:a|an)|'
                     r'act as (?:a|an|if)|role ?play)\b', low)
    if role:
        raise Refusal('I do not play a part or imagine; give me the command alone ("%s")'
                      % role.group(0).strip())
    # code, shell, links or markup, and attempts to change the rules
    code = rx.search(r'`|\$\(|\b(?:rm -rf|sudo|shutdown|reboot|curl|wget|bash|os\.system|'
                     r'__import__|eval|exec|subprocess|chmod|mkfs|drop table|select \* from)\b|'
                     r'https?://|<\s*/?\s*[a-z]+[^>]*>|[;&|]\s*(?:rm|sh|ls|cat|kill|python3?|nc|'
                     r'netcat|bash|sudo)\b', raw.lower())
    if code:
        raise Refusal('I take plain commands only: no code, shell, links or markup ("%s")'
                      % code.group(0).strip())
    override = rx.search(r'\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier|'
                         r'other) (?:instructions|rules|commands|orders)\b|\bdeveloper mode\b|'
                         r'^\s*(?:system|admin|root)\s*:|\bsafety (?:is )?(?:off|disabled)\b|'
                         r'\bjailbreak\b|\bnew rules?\b', raw.lower())
    if override:
        raise Refusal('refused: "%s": commands cannot change my rules' % override.group(0))
    # waiting for something to happen, or for a time: "as soon as the green light goes out by
    # itself, close the drawer", "keep it open until lunch is over", "in five minutes"
    wait = rx.search(r'\b(?:goes|turns|comes|switches|opens|closes|lights|goes) (?:on |off |out '
                     r'|up |open |shut )?(?:by itself|on its own|of its own accord)\b|'
                     r'\buntil (?:lunch|noon|'
                     r'tomorrow|later|tonight|morning|evening|the end|[a-z]+ is over|i (?:say|'
                     r'tell|come|get|return))\b|\b(?:in|after|for) (?:one |two |three |five |ten '
                     r'|\d+ |a few |a couple of )(?:minutes?|seconds?|hours?)\b|\bat (?:noon|'
                     r'midnight|\d{1,2}(?: \d\d)?(?: ?[ap]m)?)\b|\b(?:when|once|as soon as|after) '
                     r'(?:i (?:tell you|give|come|get|return|leave)|(?:someone|somebody|he|she|'
                     r'they|nobody|everyone) (?:says|tells|comes|leaves|gives|returns|gets|is|'
                     r'are))\b', low)
    # "will you turn the lamp on later?"
    wait = wait or rx.search(r'\blater(?: on| today| tonight)?(?=\s*\?)', raw.lower())
    # a light that changes of itself: "when the lamp goes off, ...", "once the LED turns on";
    # said in the passive it is a step ("once the LED is switched off, ..."), and so is the
    # effect of a step said before it ("press the button until the LED comes on", "flip the
    # switch down and when the bulb goes out, ...")
    event = LIGHT_EVENT.search(raw.lower())
    if event and not rx.search(r'\b(?:(?:de)?press|flip|switch|turn|toggle|click|tap|hit)\b|'
                               r'\b(?:push|put)\b[^.;]*\b(?:button|switch|lever|light|lamp|bulb|'
                               r'led)s?\b', raw.lower()[:event.start()]):
        wait = wait or event
    # waiting for what the operator or someone else does: "after I close the drawer, ..."
    wait = wait or rx.search(r'\b(?:as soon as|when|once|after|before) (?:i|we|someone|'
                             r'somebody|he|she|they)(?: (?:have|ve|ll|will|am|m))? (?:close|open|'
                             r'shut|turn|switch|press|move|slide|put|take|push|pull|finish|'
                             r'done|leave|come|get|return|nod|clap|signal)\w*\b',
                             low)
    if wait:
        raise Refusal('I act at once, on what I can see; I cannot wait for "%s"'
                      % wait.group(0).strip())
    # what was done before: "as far as you did last time", "undo that", "like yesterday"
    memory = rx.search(r'\blast time\b|\bas (?:far|much) as (?:you did|before)\b|\bmore than '
                       r'(?:before|yesterday)\b|\b(?:like|same as|as) (?:yesterday|before)\b|'
                       r'\bundo (?:that|it|this|everything|what you (?:just )?did|the last [a-z]+)'
                       r'\b(?! by)|^\s*undo\s*$|\bthe last thing\b|\bthe same thing again\b', low)
    if memory:
        raise Refusal('I keep no memory of earlier commands; say the step itself ("%s")'
                      % memory.group(0).strip())
    # a block as a tool: "hit the switch with the pink block"
    tool = rx.search(r'\b(?:hit|strike|knock|bang|poke|tap|bump|smack) (?:\w+ )?with (?:it|them)'
                     r'\b', low) or rx.search(
        r'\b(?:hit|press|push|tap|strike|poke|flip|knock|bump|touch|close|open|nudge|slide|move|'
        r'shove|turn)\b[^,.;]*\b(?:switch|button|drawer|door|slider|lamp|bulb|led|handle|block|'
        r'cube)\b[^,.;]*(?<!same )(?<!again )(?<!then )(?<!that )(?<!likewise )\b(?:with|using) '
        r'(?:the |a |an )?(?:[a-z]+ )?(?:block|cube|'
        r'brick|one)\b(?! (?:inside|in it|in the|on top))', low)
    if tool:
        raise Refusal('I work things with the gripper, not with a block ("%s")'
                      % tool.group(0).strip())
    # a thing handed to a person: "..., and then hand the stack to Maria"
    handed = rx.search(r'\b(?:hand|give|pass|bring|show|deliver|toss)\b[^,.;!?]*? (?:over )?to '
                       r'(?:[A-Z][a-z]+|me|us|him|her|them|the (?:user|operator|person|'
                       r'technician|customer|visitor|student))\b', raw)
    if handed and not rx.search(r'\bto (?:the )?(?:left|right)\b', handed.group(0)):
        raise Refusal('I hand nothing to people; I work only the desk ("%s")' %
                      handed.group(0).strip())
    # a question with a tag, a bet, what someone else said
    said = rx.search(r'\b(?:can|could|will|would|do|did|are|is|have|has)(?: ?n t| not)? '
                     r'(?:you|it|i|we|they)\s*$', low) and raw.rstrip().endswith('?') and not (
        # a request with a tag: "I want the blue block pushed left, would you?"
        rx.search(r'\b(?:would|will|could|can) you\s*$', low) and not rx.match(r'\s*if\b', low)
        and not rx.search(
            r'\b(?:not|never|cannot|can t|won t|wouldn t|couldn t|don t|didn t)\b', low)) or \
        rx.match(r'\s*(?:i bet|you (?:can t|cannot|can not|won t|wouldn t|couldn t|never))\b',
                 low) or rx.search(r'\b(?:he|she|they|someone|somebody|bob|alice) (?:said|says|'
                                   r'told|tells|asked|wants|wanted)\b|\btold me (?:yesterday |'
                                   r'earlier |once )?to\b', low) or rx.search(
        r'\b[A-Z][a-z]+ (?:said|says|told|asked|wants|wanted)\b', raw)
    if said:
        raise Refusal('that is a question or what someone said, not a command to me; tell me '
                      'what to do')
    # "grab the block that's furthest away": which one is not said
    which = rx.search(r'\b%s\b' % _words(lx.WHICH_ONE), low)
    if which and not _has(low, lx.COLOUR_WORDS):
        raise Refusal('which block is "%s"? say its colour: red, blue or pink' % which.group(0))
    # orders for someone else: "tell Bob to open the drawer", "ask the intern to ..."
    other = rx.search(r'\b(?:tell|ask|instruct|get|have|let) (?!me\b|us\b|you\b|yourself\b|'
                      r'it\b|them\b)(?:[a-z]+|the [a-z]+) to (?!the\b|it\b)[a-z]+', low)
    if other and (rx.match(r'(?:tell|ask|instruct)', other.group(0)) or rx.search(
            r'\b(?:[Gg]et|[Hh]ave|[Ll]et) [A-Z][a-z]+ to\b', raw)):
        raise Refusal('I carry out commands myself; I do not pass them on ("%s")'
                      % other.group(0))
    # what happened, with nothing to do: "the red block was rotated to the left earlier",
    # "I opened the drawer yesterday"
    report = rx.match(r'\s*(?:(?:the [a-z -]{2,30}?|it|they) (?:was|were|had been|got) (?:already '
                      r'|just )?[a-z]+(?:ed|en)|(?:i|we|you|someone|somebody|he|she|they) '
                      r'(?:already |just |had )?(?!need)[a-z]+ed)\b[^.;!?,]*', raw.lower())
    report = report and not rx.search(r'[a-z]', raw.lower()[report.end():]) and report
    if report:
        raise Refusal('"%s" says what happened; tell me what to do' % raw.strip())
    # "give the blue cube to Sarah", "hand it to me"
    person = rx.search(r'\b(?:give|hand|pass|bring|deliver|offer) (?:it |them |the (?:[a-z]+ )?'
                       r'(?:block|cube|brick) )?(?:over )?to (?:him|her|them|us|someone|somebody|'
                       r'the (?:operator|user|person|man|woman|guy|kid|child|boss|customer|visitor'
                       r'|technician))\b|\b(?:give|hand|pass|offer) (?:him|her|us|someone|'
                       r'somebody) (?:the|a|that|this)\b', low) or rx.search(
        r'\b(?:[Gg]ive|[Hh]and|[Pp]ass|[Oo]ffer|[Bb]ring) (?!I\b)[A-Z][a-z]+ '
        r'(?:the|a|that|this)\b', raw) or rx.search(
        r'\b(?:[Gg]ive|[Hh]and|[Pp]ass|[Oo]ffer|[Bb]ring|[Dd]eliver)\b[^.;!?]{0,40}? to '
        r'(?:(?!I\b|LED\b)[A-Z][a-z]+|me)\b', raw)
    if person:
        raise Refusal('I cannot hand things to people; my skills move things on the desk ("%s")'
                      % person.group(0).strip())
    again = rx.search(r'\b(?:over and over|again and again|repeatedly|continuously|continually|'
                      r'nonstop|non-stop|constantly|on and on|endlessly|in a loop|keep '
                      r'(?:pressing|flipping|toggling|clicking|opening|closing|turning|rotating|'
                      r'spinning|switching)|'
                      r'(?<!ask )(?<!tell you )(?<!say it )(?<!think )twice|thrice|(?:[a-z]+|\d+)'
                      r'(?: more)? times)\b', low)
    if again:
        raise Refusal('each skill is one move, done once; I cannot do "%s": say each step'
                      % again.group(0))
    knock = rx.search(r'\bknock (?:the |that |this |it |them )?(?:[a-z]+ ){0,4}?(?:over|down)\b|'
                      r'\bdrop(?:s|ped|ping)? (?:it|them|the [a-z ]+?) (?:[a-z ]+ )?from (?:high '
                      r'up|a height|up high|high above|above|way up|as high|the highest|higher)\b|'
                      r'\buntil (?:it|they|the [a-z ]+?) (?:(?:falls?|drops?|tips?|topples?|goes|'
                      r'comes|rolls?) (?:off|over|down|onto)\b(?![^,.;]*\b(?:drawer|in|into)\b)|'
                      r'(?:hits?|reach(?:es)?|touch(?:es)?|bumps?|crash(?:es)?(?: into)?) '
                      r'(?:the )?'
                      r'(?:wall|edge|side|end|floor|ground|limit|stop)|breaks?|jams?|gets? '
                      r'stuck)\b|\b(?:off|out of|from) (?:its|the) (?:rails?|runners?|'
                      r'tracks?|hinges?)\b|\bso (?:that )?(?:it|they) (?:jams?|gets? stuck|'
                      r'breaks?)\b', low)
    if knock:
        raise Refusal("refused: '%s' asks for something destructive or unsafe"
                      % knock.group(0).strip())
    if rx.search(r'\bboth (?:on and off|off and on|(?:lit|on|glowing) and (?:dark|unlit|off|out)|'
                 r'(?:dark|unlit|off|out) and (?:lit|on|glowing))\b', low):
        raise Refusal('the command asks for a light both on and off; say one')
    low = rx.sub(r'\b(?:doesn t|does not|won t|will not|cannot|can t)\s+(?:bang|hit|knock|'
                 r'slam|bump|crash|scrape|fall|drop)\b', ' ', low)     # "... doesn't bang"
    low = rx.sub(r'\b(?:we|i) (?:don t|do not|dont|no longer) need (?:it|them|that|this|the '
                 r'[a-z ]+?)(?: any ?more| now| for now| today)?\s*$', ' ', low)
    # "shut the drawer, but don't slam it": a care, not an order
    low = rx.sub(r'\b(?:don t|do not|dont|never|without) (?:slam|slamming|toss|tossing|throw|'
                 r'throwing|bang|banging|drop|dropping|fling|flinging|smash|smashing|yank|yanking|'
                 r'jerk|jerking)(?: it| them)?\b', ' ', low)
    if rx.search(r'\b(?:lamp|light|bulb|lightbulb|led)s?\b', low):
        low = rx.sub(r'\bkill (?=it\b|them\b)', 'switch off ', low)     # "..., then kill it"
    if rx.search(r'\b%s\b' % _words(lx.UNSAFE + lx.UNSAFE_FORCE), low):
        # one search over all of them; the reason names the first the lists give
        word = next(w for w in lx.UNSAFE + lx.UNSAFE_FORCE
                    if rx.search(r'\b%s\b' % rx.escape(w), low))
        raise Refusal("refused: '%s' asks for something destructive or unsafe" % word)
    many = rx.search(r'\b(?:four|five|six|seven|eight|nine|ten|a dozen|dozens?|[4-9]|\d{2,}) '
                     r'(?:[a-z]+ )?(?:blocks|cubes|bricks)\b|\b(?:fourth|fifth|sixth|4th|5th) '
                     r'(?:[a-z]+ )?(?:block|cube|brick)\b', counted)
    if many:
        raise Refusal('there are only three blocks here (red, blue and pink); there is no "%s"'
                      % many.group(0))
    fixture = rx.search(r'\b(?:lift|pick up|raise|carry|move|shift|push|slide|tip|tilt|turn over|'
                        r'rotate|pull|take) (?:up )?the (?:whole|entire|complete) [a-z ]{0,20}?'
                        r'(?:cabinet|cupboard|shelf|drawer|desk|table|switch|lamp|button)\b|'
                        r'\b(?:lift|pick up|raise|carry) (?:up )?the (?:sliding )?(?:cabinet|'
                        r'cupboard|drawer|desk|table)\b(?! (?:door|handle))', low)
    if fixture:
        raise Refusal("refused: '%s': the desk and its fixtures stay where they are; I can only "
                      'open and close the drawer and slide the cabinet door' % fixture.group(0))
    # "stack the two blocks together": one on the other, one step
    pair = rx.sub(r'\bstack (?:the |both |two |the two )(?:blocks|cubes)(?: together| on top of '
                  r'each other| on each other| one on the other)?\b', 'stack the block', low)
    if rx.search(r'\b(?:at once|at the same time|simultaneously|together)\b', pair) or rx.search(
            r'\b(?:pick up|lift|grab|take|move|push|rotate|put|place|stack|carry|hold|turn|slide|'
            r'get|fetch|raise|sweep|store)\s+(?:up\s+)?(?:both|all (?:three|the)|all|(?:the )?'
            r'three)(?: of the| the)? (?:blocks|cubes)\b', pair):
        raise Refusal('I can hold and move only one block at a time; give one step per block')
    other = rx.search(r'\b(?:second|other|another|third|top|bottom|upper|lower|middle|left|right|'
                      r'big|small|kitchen) drawer\b', low)
    if other:
        raise Refusal('there is only one drawer here; "%s" is not on this desk' % other.group(0))
    room = rx.search(r'\b(?:kitchen|bathroom|bedroom|office|garage|hallway|hall|filing|file|'
                     r'medicine|tool|gun|wall|corner) (?:cabinet|cupboard|closet|shelf|locker)\b',
                     low)
    if room:
        raise Refusal('there is only one cabinet here; "%s" is not on this desk' % room.group(0))
    colours = _words(lx.COLOUR_WORDS)
    if rx.search(r'\b%s (?:block |cube |one )?and (?:the |a )?%s (?:blocks?|cubes?|ones?)\b' % (
            colours, colours), low):
        raise Refusal('the command names more than one block for one action; name one block '
                      'per step')
    if rx.match(r'\s*(?:stop|halt|freeze|abort|cancel)\b', low) and not LIGHT_CEASE.match(low):
        raise Refusal('a command cannot stop motion: publish /lam/cancel, or /lam/estop to '
                      'stop at once')
    # a state the thing must end in, said first, is the goal: "the drawer should not be
    # sticking out; push it in"
    goal = GOAL_FIRST.match(raw.lower())
    if goal:
        low = ' %s ' % rx.sub(r'[^a-z\- ]+', ' ', raw.lower()[goal.end():])
    # urgency and means the skill keeps anyway are not prohibitions: "don't dawdle", "there's
    # no need to pick it up"; nor is "leave it where it is" after the action on it
    low = rx.sub(r'\b(?:don t dawdle|don t make me ask twice|no dawdling)\b', ' ', low)
    low = rx.sub(r'\b(?:there s|there is) no need to \w+(?: it| them)?(?: up)?\b|\byou don t '
                 r'(?:need|have) to \w+(?: it| them)?(?: up)?\b|\b(?:do not|don t|dont) (?:lift|'
                 r'pick|carry|raise|grab|grasp)(?: (?:it|them|the (?:\w+ )?(?:block|cube)))?'
                 r'(?: up)?\b', ' ', low)     # "don't carry it": planner.NO_LIFT refuses a lift
    # "twist it, don't move it anywhere": planner.NO_MOVE refuses a plan that moves it
    low = rx.sub(r'\b(?:do not|don t|dont) (?:move|shift|slide|push|displace) (?:it|them)(?: '
                 r'anywhere| around| away| along| elsewhere)?\b', ' ', low)
    low = rx.sub(r'(?<=\w)\s+(?:and )?leave it (?:where|as) it is\s*$', ' ', low)
    # a light's goal state: "the LED should not be glowing anymore" is "off"
    low = rx.sub(r'\b(?:should|must) not (?:be )?(?:glowing|lit|shining|illuminated|on)\b', ' ',
                 low)
    away = rx.search(r'\b(?:keep|hold) (?:it|them|the [a-z ]{2,30}?) (?:well |far )?(?:away|'
                     r'clear) from [a-z ]+', low)
    if away:
        raise Refusal('I cannot promise "%s": my skills take no such conditions' % away.group(0)
                      .strip())
    negated = rx.search(r'(?:^|\band\b|\bthen\b|\bbut\b)\s*(?:please )?(?:don t|do not|dont|'
                        r'never|avoid|refrain from)\b', low) or rx.search(
        r'\b(?:under no circumstances|in no case|must not|mustn t|should not|shouldn t|'
        r'do not|don t|never|no need to|there is no need|not necessary)\b|\bleave (?:it|them|'
        r'everything|the \w+(?: \w+)?) (?:where|as) (?:it|they) (?:is|are)\b', low)
    if negated:
        raise Refusal('the command says what not to do; tell me only what to do')
    # a purpose said first may be vague: "to tidy the desk, push the block into the drawer"
    purpose = rx.match(r'\s*(?:in order )?to (?:tidy|clean up|organi[sz]e)[^,.;:]{0,50}[,;:]\s*'
                       r'(?=[a-z])', raw.lower())
    # ... or a tidy desk given as the reason: "shut the drawer so that the workspace is tidy"
    low = rx.sub(r'\bso (?:that )?(?:the )?(?:\w+ )?(?:is|looks|stays|will be) (?:tidy|neat|clean|'
                 r'organi[sz]ed)\b', ' ', low)
    vague = rx.search(r'\bwhere (?:it|they|that|this) (?:belongs?|goes|go)\b|\b(?:somewhere|'
                      r'anywhere|wherever|tidy|clean up|'
                      r'organi[sz]e|sort out|put (?:things|everything|stuff) away)\b',
                      rx.sub(r'\b(?:without|not) \w+(?: \w+)? anywhere\b', ' ',
                             low if purpose is None else raw.lower()[purpose.end():]))
    if vague:
        raise Refusal('"%s" is too vague: name the skill, for example "put the red block in '
                      'the drawer"' % vague.group(0).strip())
    # "first you open the drawer, after you push the blue block inside": "first" puts the
    # opening first, "after you push" puts it last; asked, not guessed
    if rx.match(r'\s*(?:first(?:ly)?|to start(?: with)?|start by)\b(?!\s*,)[^,.;]+,\s*(?:and )?'
                r'after (?:you|u) (?!(?:have|ve|are|re|did|do|done|finish|finished)\b)',
                raw.lower()):
        raise Refusal('the order is unclear: "first" and "after you" say different orders; say '
                      'it with "then"')
    # two places for one block, or a place left to me: "take the red block out of the drawer
    # and out of the cabinet", "... out of one of them"
    places = rx.search(r'\b(?:out of|from) the (?:\w+ )?(drawer|cabinet|cupboard|shelf|slider)'
                       r'(?: and| or|,)+ (?:then |also )?(?:out of|from) the (?:\w+ )?(drawer|'
                       r'cabinet|cupboard|shelf|slider)\b', low)
    if places and (places.group(1) == 'drawer') != (places.group(2) == 'drawer'):
        raise Refusal('"%s": one block comes from one place; say which' % places.group(0))
    either = rx.search(r'\b(?:out of|from|into|in|inside) (?:one of them|one of the two|either '
                       r'(?:of them|one)|one or the other|whichever(?: one)?)\b', low)
    if either:
        raise Refusal('"%s": say which place' % either.group(0))
    # everything in a place, however many blocks: "pull everything out of the drawer"
    emptied = rx.search(r'\b(?:(?:everything|all of it|all the contents|the contents|whatever '
                        r'is|whatever s) (?:\w+ ){0,3}?(?:out of|from|in|inside)|empty(?: out)?|'
                        r'clear out) (?:the|that|this|your) (?:\w+ )?(?:drawer|cabinet|cupboard|'
                        r'shelf|slider)\b', low)
    if emptied:
        raise Refusal('"%s": I take out one block at a time; name the block' %
                      emptied.group(0).strip())
    off = rx.search(r'\b(?:push|knock|throw|shove|sweep|drop|roll|slide|kick|fling) (?:\w+ ){0,6}'
                    r'off (?:of )?the (?:table|desk|edge)\b(?![^,.;]*\b(?:in|into|inside) '
                    r'(?:it\b|the (?:open |opened )?drawer))',
                    low)
    if off:
        raise Refusal("refused: '%s' would drop a block off the desk" % off.group(0))


def _lend_block(named, clause):
    """Put the block `named` mentions in place of "it" in `clause` (clauses reordered)."""
    block = rx.search(r'\bthe (?:\w+ )?%s (?:block|cube|one|brick|object)\b' % _words(
        lx.COLOUR_WORDS), named)
    picked = rx.match(r'(?:pick|lift|grab|grasp|take|raise|hold|get)\b', clause)
    if block and (picked or not rx.search(
            r'\b(?:drawer|door|slider|cabinet|switch|button|lamp|led|light)\b', named)):
        # "it" is the block, unless a fixture is named too; only a block is picked up
        return _name_it(clause, block.group(0))
    return clause


# Action verbs that start a clause of their own ("once ... <verb>", "... so <verb>"), and
# what follows such a verb ("the", "it", "off", a colour).
RUN_ON_VERBS = ('rotate', 'turn', 'twist', 'spin', 'push', 'slide', 'move', 'shift', 'pick',
                'lift', 'grab', 'take', 'put', 'place', 'stack', 'unstack', 'switch', 'press',
                'flip', 'toggle', 'open', 'close', 'shut', 'pull', 'drop', 'set', 'store')
VERB_TAKES = ('the', 'it', 'them', 'a', 'an', 'that', 'this', 'its', 'your', 'up', 'down', 'on',
              'off', 'out', 'over', 'back') + lx.COLOUR_WORDS
# Words a self-correction replaces: a colour, a direction or an action verb.
# Where from or where to: "from the table... wait, I mean from the drawer".
CORRECTED = (lx.COLOUR_WORDS + lx.OTHER_COLOURS, lx.LEFT + lx.RIGHT, RUN_ON_VERBS, ('on', 'off'),
             ('from', 'into', 'onto', 'in', 'inside', 'out'), lx.DRAWER + lx.SLIDER_PLACE)
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
        said = _words(words)
        text = rx.sub(r'\b(%s|the) no (?=(?:the |to the |to )?%s\b)' % (said, said), r'\1, no, ',
                      text)
    while True:
        match = rx.search(CORRECTION, text)
        if match is None:
            return text
        before, after = text[:match.start()], text[match.end():].lstrip(' :;,.')
        first = rx.match(r'(?:to the |to |the |a )?([\w-]+)', after)
        cut = None
        for words in CORRECTED:
            if first and first.group(1) in words:
                found = list(rx.finditer(r'\b%s\b' % _words(words), before))
                cut = found[-1].start() if found else None
                break
        short = first and rx.match(r'(?:to the |to |the |a )?[\w-]+(?: (?:one|block|cube))?'
                                   r'(?=\s*(?:,|\band\b|\bthen\b|&|$))', after)
        if cut is not None and short and rx.match(r'\w+\s+\w', before[cut:]):
            # only the word is corrected: "rotate the pink block to the right, no wait, the
            # blue one, and then ..." keeps "block to the right"
            word = rx.match(r'\w+', before[cut:]).group(0)
            before = before[:cut] + first.group(1) + before[cut + len(word):]
            after = after[short.end():]
        elif cut is not None:
            dropped, before = before[cut:], before[:cut]
            thing = rx.search(r'\bthe (?:\w+ )?%s (?:block|cube|brick|one)\b' % _words(
                lx.COLOUR_WORDS), dropped) or rx.search(r'\bthe (?:\w+ )?%s\b' % _words(
                    lx.LED + lx.LIGHTBULB + lx.DRAWER + lx.SLIDER_DOOR), dropped)
            if thing and first.group(1) in RUN_ON_VERBS:
                # "push the pink block left, sorry, I meant rotate it left", "turn on the
                # LED, no, turn it off": "it" is the thing said before the correction
                after = _name_it(after, thing.group(0))
            lead = rx.match(r'(?:to the |to |the |a )?', after).group(0)
            if lead and before.endswith(lead):
                before = before[:-len(lead)]       # "to the left, sorry, to the right"
        text = (before.rstrip() + ' ' + after).strip()


HEADERS = ('note', 'notes', 'task', 'tasks', 'request', 'instructions?', 'commands?', 'plan',
           'todo', 'to do', 'order', 'steps?', 'please', 'reminder', 'station', 'line', 'cell',
           'bay', 'zone', 'check', 'job', 'shift', 'sequence', 'routine', 'procedure',
           'checklist', 'list', 'update', 'operator', r'#?\d+')
OBJECT_WORDS = (lx.BLOCK_NOUNS + lx.DRAWER + lx.SLIDER_PLACE + lx.SLIDER_DOOR + lx.LIGHTBULB +
                lx.LED + ('switch', 'light', 'lights', 'handle', 'stack', 'tower') +
                lx.COLOUR_WORDS)


def _topics(text):
    """Read "topic: action on it" ("The drawer: open it. then the lamp: switch it on.")."""
    def one(match):
        topic, rest = match.group(2).strip(), match.group(3)
        header = (r'(?:the |an? |my |our )?(?:\w+ )?(?:%s)(?: \w+)?'
                  r'(?: (?:for|to) (?:the |my |our )?(?:robot|arm|you))?' % '|'.join(HEADERS))
        if rx.fullmatch(header, topic) and not _has(' %s ' % topic, OBJECT_WORDS):
            return match.group(1) + rest          # "operator note: ...", "station 3: ..."
        if not topic.startswith(('the ', 'a ')):
            topic = 'the ' + topic
        if rx.search(r'\b(?:it|them)\b', rest):
            return '%s%s' % (match.group(1), _name_it(rest, topic, r'\b(?:it|them)\b'))
        # "magenta block: push right, then rotate left": each part acts on the topic
        parts = rx.split(r'(,\s*(?:then\s+|and\s+)?|\s+then\s+|\s+and\s+)', rest)
        return match.group(1) + ''.join(
            rx.sub(r'^(\s*\w+)', r'\1 ' + topic, part) if k % 2 == 0 and part.strip() else part
            for k, part in enumerate(parts))
    return rx.sub(r'((?:^|[.;]\s*)(?:(?:first|then|next|finally|and then|after that),?\s+)?)'
                  r'((?:the )?[a-z][a-z0-9# -]{1,30}?)\s*:\s*([^.;:]+)', one, text)


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
    text = rx.sub(r'(?<= , )(?:and )?%s (?:%s)\b[^,;]*?(?: myself)? , ' % (OTHERS, _verb_words()),
                  '', text)
    # ... and said last: "pull out the drawer. I'll put the pink block in it myself"
    text = rx.sub(r' , (?:and )?%s (?:%s)\b[^,;]*$' % (OTHERS, _verb_words()), '', text)
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
                      r'(?=(?:%s)\b)' % _verb_words(), 'zzveryfirst ', text)
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
        if i > 0 and not rx.search(r'\b%s\b' % _words(lx.COLOUR_WORDS), step):
            step = _lend_block(parts[i - 1], step)     # "first, pick it up": the red block
        steps.append(step)
    return ' , then '.join(steps)


def _things_said(step):
    """Words of a step that tell it from another with the same verb (colours, fixtures, ways)."""
    return set(rx.findall(r'\b(?:%s|drawer|cabinet|slider|door|bulb|lamp|led|light|button|switch|'
                          r'on|off|left|right|up|down|open|closed|shut)\b' % _words(
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
            if thing and not _has(' %s ' % ' '.join(moved.split()[1:]), OBJECT_WORDS):
                moved = _name_it(moved, thing[-1])  # "after you switch the bulb on, and
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


@lru_cache(maxsize=4096)
def _clauses_of(text: str) -> tuple:
    """Split a normalised command into its clauses (cached: pure; a refusal is not cached).

    The planner splits each command twice, to read it and to check its words.
    """
    # between clauses ("right next to it" is a place, "the pink block is also in there" a state)
    separator = (r'\s*(?:,\s*)?\b%s\b(?<!\bnext(?= to\b))(?<!\bis also)(?<!\bare also)\s*|'
                 r'\s*,\s*' % _words(lx.SEQUENCE))
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
    # "..., and before that X": X goes before the step said just before it; "..., but first
    # X" and "..., but before you do that, X": before everything said so far
    text = rx.sub(r'(?:\s*,)?(?: and| but)?(?: ,)? (?:before that|prior to that|before doing '
                  r'(?:that|so|this))\b(?:\s*,)?', ' , zzbefore', text)
    text = rx.sub(r'(?:\s*,)?(?: and)? (?:but first|but before you do(?: that| so| it| this)?|'
                  r'but before doing (?:that|so|this|it)|but (?:begin|start) (?:by|with)|'
                  r'(?:but )?before (?:all|any|each|both|either) (?:of )?(?:that|this|those|'
                  r'these|them)|but before '
                  r'anything else)\b(?:\s*,)?', ' , zzfirst', text)
    # "switch on the bulb, and close the drawer first": the last step said goes first
    last_first = rx.search(r'(?:\s*,\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+)'
                           r'((?:(?!\b(?:and|then)\b)[^,])+?)\s+first$', text)
    if last_first and 'zzfirst' not in text:
        text = '%s , zzfirst %s' % (text[:last_first.start()], last_first.group(1))
    # "we're closing up for the night, so ...": context that names nothing on the desk
    context = rx.match(r'^(?:we|i|it|they)\b[^,]{0,60}?(?:\s*,)? so (?:please )?(?=(?:%s) )' %
                       '|'.join(RUN_ON_VERBS), text)
    if context and not _has(context.group(0), OBJECT_WORDS):
        text = text[context.end():]
    # "i need the rose block on the red one, so pick it up ...": the wish is the reason,
    # what follows "so" says how
    wish = rx.match(r'^(?:(?:for|before|after|during) [a-z ]{1,30}?,? )?'
                    r'(?:i|we) (?:need|want|would like|\'d like|wanna)\b(.*?)(?:\s*,)? so '
                    r'(?:please )?(?=(?:%s) )' % '|'.join(RUN_ON_VERBS), text)
    if wish:
        text = text[wish.end():]
        named = set(rx.findall(r'\b%s\b' % _words(lx.COLOUR_WORDS), wish.group(1)))
        if len(named) == 1:         # "it" is the one block the wish names
            text = _name_it(text, 'the %s block' % named.pop())
    text = rx.sub(r'(?:\s*,)? so (?:please )?(?=(?:%s) )' % '|'.join(RUN_ON_VERBS), ' , ', text)
    text = _split_run_on(text)
    # "switch off both lights, the LED first and then the bulb": the order said wins
    text = rx.sub(r'\b(?:both|all)(?: of)?(?: the)? (?:lights|lamps) , (the \w+(?: \w+)?) first '
                  r'(?:, )?(?:and then|then|and) ', r'\1 , then ', text)
    text = rx.sub(r'\b(?:both|all)(?: of)?(?: the)? (?:lights|lamps)\b(?! (?:are|were|is|s)\b)',
                  'the lamp and the led', text)
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
        ordered = [both.group(1), both.group(3), _name_it(both.group(2), thing.group(
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
                         r'(?=[^,]+ last$)', later)
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


PICK_VERBS = ('take', 'grab', 'pick', 'lift', 'get', 'grasp', 'fetch', 'raise', 'remove')
PUT_VERBS = ('put', 'place', 'drop', 'set', 'store', 'stack', 'insert', 'deposit', 'pop', 'tuck',
             'stick', 'stow', 'lay', 'bung', 'chuck')
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
    text = rx.sub(ends + r'(?=%s (?:%s)\b)' % (_words(RUN_ON_VERBS), _words(VERB_TAKES)),
                  r'\1 , ', text)
    # ... and after the thing a step ends on, before a verb and its object: "open the drawer
    # take the red block out" (not "the green led switch off": a state)
    text = rx.sub(r'\b(drawer|slider|cabinet|cupboard|shelf|block|cube|brick|led|lamp|bulb|'
                  r'lightbulb|button) (?=%s (?:the|it|them|a|an|%s)\b)' % (
                      _words(RUN_ON_VERBS), _words(lx.COLOUR_WORDS)), r'\1 , ', text)
    lead = rx.match(r'^(?:after|once|when|as soon as|before|prior to) (?:you(?:\'ve| have)? )?'
                    r'\w+ ', text)
    if lead is None or ' , ' in text:
        return text
    words = text[lead.end():].split(' ')
    for k in range(1, len(words) - 1):
        if words[k] in RUN_ON_VERBS and words[k + 1] in VERB_TAKES:
            return '%s%s , %s' % (text[:lead.end()], ' '.join(words[:k]), ' '.join(words[k:]))
    return text


def _colour(text):
    """(colour, mentioned_block) of the block a clause names; refuses missing colours."""
    noun = _words(lx.BLOCK_NOUNS)
    for colour in lx.OTHER_COLOURS:
        if rx.search(r'\b%s(?:ish)?\s+(?:\w+\s)?%s\b' % (colour, noun), text):
            raise Refusal('there is no %s block here; the blocks are red, blue and pink' %
                          colour)
    for colour in lx.OTHER_COLOURS + lx.COLOUR_WORDS:
        if colour not in ('green', 'yellow') and rx.search(
                r'\b%s\s+(?:light|lamp|bulb|led|button|switch)\b' % colour, text):
            raise Refusal('there is no %s light here; the lights are the yellow light bulb and '
                          'the green LED' % colour)
    found = [c for c, words in lx.COLOURS.items() if _has(text, words)]
    if len(found) > 1:
        return found, True
    return (found[0] if found else None), _has(text, lx.BLOCK_NOUNS) or bool(found)


def direction_of(text):
    """'left', 'right' or None: the direction a text states (the destination wins)."""
    left = _has(text, lx.LEFT)
    right = _has(rx.sub(r'\b%s\b' % _words(lx.LEFT), ' ', text), lx.RIGHT)
    if left and right:
        # "push it rightward on its left side": a side is where to touch, not a way
        sideless = rx.sub(r'\b%s(?:-hand| hand)? (?:side|face|flank|edge)\b' % _words(
            lx.LEFT + lx.RIGHT), ' ', text)
        if sideless != text and direction_of(sideless):
            return direction_of(sideless)
        # "from the right to the left": the destination wins
        m = rx.search(r'\bto(?: the)? %s' % _words(lx.LEFT + lx.RIGHT), text)
        if m:
            return 'left' if _has(m.group(0), lx.LEFT) else 'right'
        return None
    return 'left' if left else 'right' if right else None


def light_target(c, light):
    """'on', 'off' or None (a press or flip that only toggles) for a light clause."""
    on, off = light_states(c, light)
    if on and not off:
        return 'on'
    if off and not on:
        return 'off'
    return None


def light_states(c, light):
    """Return (says on, says off) for a light clause.

    Both where it says both ("switch it off so it stays on"), neither where it only
    presses or flips.
    """
    # "turn off the glowing led": the state it is in names it, and is not the goal
    c = rx.sub(r'\b(the|that|this) (?:currently |still )?(?:glowing|lit|lit-up|shining|'
               r'illuminated|dark|unlit|burning)(?= (?:green |yellow )?(?:led|lamp|light|'
               r'bulb|lightbulb|light bulb|diode)\b)', r'\1', c)
    # "on the table", "press down on the button", "pick up": places and presses, not states
    c = rx.sub(r'(?<!the )(?<!a )\b(turn|switch|power|flip|click|toggle|put|get|leave|keep|set|'
               r'is|be|stays?)(\s+)on\b', r'\1\2zzon', c)     # "switch on", not "the switch on"
    c = rx.sub(r'\bon (?=the\b|top\b|a\b|an\b|its\b|your\b|which\b|to\b|it\b|them\b)', ' ', c)
    c = c.replace('zzon', 'on')
    if light == 'led':      # the button is pressed down; the switch pushed down is off
        c = rx.sub(r'\b(?:press|push|hit|tap|click)(?:ed|es)? (?:it |the button )?down\b',
                   ' press ', c)
    stop = (r'\b(?:stops?|stopped|no longer|not|ceases?(?: to)?)(?: be| being| left| stay| '
            r'remain)? (?:glow|glows|glowing|shine|shines|shining|lit|on|illuminated)\b')
    if rx.search(stop, c):
        return False, True
    on = rx.search(r'\bon\b|\blight (?:up )?the\b|\blight(?:s)? up\b|\b(?:glow|glowing|shine|'
                   r'shining|lit|activate|enable|illuminate|brighten|power on|power up|fire up|'
                   r'(?<!de )(?<!de-)energi[sz]e)\b', c)
    off = rx.search(r'\boff\b|\bstop (?:glowing|shining)\b|\b(?:go(?:es)?|be|is|stays?|remains?) '
                    r'(?:dark|out)\b|\bunlit\b|'
                    r'\b(?:deactivate|disable|extinguish\w*|darken|dim|power down|shut down|'
                    r'de[- ]?energi[sz]e|quench|cut (?:the )?power|cut (?:the|it)|get rid of|shut|'
                    r'(?:put|turn|switch) (?:\w+ ){0,3}out|make (?:it|them|the (?:\w+ ){1,3})out|'
                    r'dark|douse|'
                    r'snuff \w+ out|kill|silence|interrupt|'
                    r'suspend|pause|halt|cease|terminate|discontinue|(?:turn|switch|go) out)\b|'
                    r'\b(?:end|stop|quit) (?:the|its|that|this)\b|\bstop(?:s|ped)?\s*[.!]?\s*$', c)
    if light == 'lightbulb' and not (on or off):
        on = rx.search(r'\b(?:up|upward|upwards|raise|lift|upper|top|higher)\b', c)
        off = rx.search(r'\b(?:down|downward|downwards|lower|bottom)\b', c)
    return bool(on), bool(off)


def _absent(text):
    """Whether a thing named (a block's, a light's colour) is not on the desk (`_colour`)."""
    try:
        _colour(' %s ' % text)
    except Refusal:
        return True
    return False


def _unknown_object(text):
    if not rx.search(r'\b%ss?\b' % _words(lx.UNKNOWN_OBJECTS), text):
        return None
    return next(noun for noun in lx.UNKNOWN_OBJECTS
                if rx.search(r'\b%ss?\b' % rx.escape(noun), text))


GRIPPER = (r'(?:the |your |its |my )?(?:closed |open |opened |empty |robot(?:ic)? |two )?'
           r'(?:gripper|arm|hand|fingers|fingertips|jaws|claw|end effector|tool|manipulator)')
MOTION_ONLY = rx.compile(
    r'\s*(?:gently |slowly |carefully |then |and |now |finally |first )*(?:'
    r'(?:close|shut|tighten|clamp|open|lower|raise|lift|move|bring) %s(?: gently| firmly| again)?'
    r'|(?:pull|back|move|draw|lift|raise|bring|step|go|come)(?: %s)? (?:back|away|off|clear|up '
    r'and away|up and out)(?: \w+){0,3}'
    r'|back off|back away|retreat|withdraw(?: %s)?(?: \w+){0,3}|return(?: to \w+(?: \w+)?)?'
    r'|move (?:it|them) (?:away|elsewhere|aside)'
    r'|make contact(?: with (?:it|them))?|descend(?: slowly| carefully)?|lower(?: slowly| '
    r'carefully)?|open|(?:go|move|come) up(?:ward|wards)?|rise|ascend)\s*' % (
        GRIPPER, GRIPPER, GRIPPER))
MOTION_TOWARD = rx.compile(
    r'^\s*(?:gently |slowly |carefully |first )?(?:(?:lower|move|bring|position|place|put|hover|'
    r'align|center|centre|drop|guide|steer|extend|reach|set|rest) %s|descend|hover)\b.*?\b(?:'
    r'onto|over|above|beside|next to|near|around|to|toward|towards|behind|in front of|at|by|'
    r'into|on|against)\b' % GRIPPER)


def _gripper_motion(c):
    """Read a clause that only moves the gripper: None if it does not; else an approach.

    "close the fingers", "pull back", "descend slowly": how the robot moves, not what it
    does; they are dropped (returns False). "Lower the gripper onto the pink block": an
    approach that names the block (or the drawer or cabinet) for the action that follows.
    """
    if MOTION_ONLY.fullmatch(c):
        return False
    if not MOTION_TOWARD.match(c):
        return None
    colour, _ = _colour(c)
    if isinstance(colour, str):
        return Intent('lift', {'block': colour, 'surface': None}, c.strip(), explicit=False)
    if colour is None and not _has(c, lx.DRAWER + lx.SLIDER_PLACE + lx.BLOCK_NOUNS):
        return False
    return None          # the drawer, the cabinet, or blocks: the clause rules read it


# a clause that says only how much, how or where, never what: "by ninety degrees", "about
# its vertical axis", "viewed from above", "right where it sits", "with a firm grip"
MANNER = rx.compile(r'\s*(?:%s)\s*' % '|'.join((
    r'(?:by |about |roughly |approximately |around |some |nearly |almost )?(?:a |an )?'
    r'(?:\w+ (?:to|or) )?(?:\w+ )?(?:degrees?|quarter(?: turn)?|half turn|bit|little|notch|tad|'
    r'smidge|smidgen|touch|hair|'
    r'short distance|few (?:centimet(?:re|er)s|inches)|quarter of a (?:full )?(?:revolution|'
    r'turn|rotation|circle))',
    r'(?:turn |rotate |spin )?(?:about|around|round|on) (?:its|the|their) (?:own )?'
    r'(?:vertical |upright |z |central )?(?:axis|center|centre)',
    r'(?:clockwise |counter-?clockwise |anti-?clockwise |counter clockwise )?(?:(?:as |when )?'
    r'(?:view|viewed|seen|look|looked|looking|watched)(?: down)? (?:at )?)?from '
    r'(?:above|the top|overhead|the ceiling)',
    r'(?:right |exactly |just )?where it (?:currently |now )?(?:sits|is|lies|rests|stands)',
    r'(?:away from|toward|towards) (?:the robot|the arm|you|yourself|me|the operator)',
    r'(?:and )?(?:held|hold it|holding it|keep it) (?:up|aloft|in the air)',
    r'(?:and )?(?:lift|raise|elevate) (?:it )?(?:vertically|straight up|upward|upwards|up)',
    r'(?:and )?(?:into|in) (?:the|your) (?:gripper|hand|grip|grasp)',
    r'(?:and )?let it (?:rest|sit|settle|stay) (?:there|inside|in it)',
    r'(?:staying|stay|while staying|remaining) on the (?:table|desk|tabletop|surface)',
    r'(?:with no|without (?:a |any )?|skip(?:ping)? the|no) (?:grasp|grasping|grip|gripping|'
    r'lifting|lift)',
    r'(?:upward |up )?(?:away|clear) (?:from|of) (?:the )?(?:table|desk|tabletop|table top|'
    r'surface)',
    r'(?:and )?(?:(?:so|until) )?(?:it |the block )?(?:fall|falls|drop|drops|tumble|tumbles|tip|'
    r'tips)(?: over)?(?: the (?:edge|rim|lip))?(?: and (?:fall|falls|drop|drops))? (?:in|inside|'
    r'into (?:it|the drawer))',
    r'(?:and )?let gravity (?:carry|pull|take|drop) it (?:in|into (?:it|the drawer)|down)',
    r'(?:and )?(?:then )?(?:release|open|relax) (?:the|your) (?:fingers|gripper|grip|hand|jaws)'
    r'(?: so (?:that )?it (?:rests|sits|lies|drops|falls) (?:in|inside|into) (?:it|the (?:drawer|'
    r'cabinet|slider|shelf)))?',
    r'(?:and )?(?:then )?(?:withdraw|retract|pull back|lift away|raise) (?:the|your) (?:empty )?'
    r'(?:gripper|hand|arm|fingers)',
    r'(?:centring|centering|centre|center|align|aligning) it(?: on top| over it| above it)?'
    r'(?: so (?:that )?it (?:doesn t|doesn\'t|does not|won t|won\'t|will not) (?:fall|topple|'
    r'tip)(?: off| over)?)?',
    r'(?:thereby |so )?(?:increas|rais)(?:e|ing) its (?:height|elevation)(?: (?:above|over) '
    r'(?:the )?(?:table|surface|desk|tabletop|table top))?',
    r'keep(?:ing)? (?:it )?(?:in )?contact with (?:the )?(?:table|surface|desk|tabletop)',
    r'(?:keep(?:ing)? clear of|(?:and )?away from) the (?:edge|edges)(?: of the (?:table|desk))?'
    r'(?: as (?:it|the \w+(?: \w+)?) moves)?',
    r'(?:at (?:a )?(?:slow|low|gentle|moderate|reduced|steady) (?:speed|pace|rate)|slow(?:ly)?)'
    r'(?: while you do it)?',
    r'keep (?:your|the) (?:gripper|hand|arm) (?:low|steady|slow)(?: and (?:slow|low|steady))?'
    r'(?: while you do it)?',
    r'(?:then )?(?:move|pull|draw|take) (?:your|the) (?:gripper|hand|arm) (?:away|back|clear)'
    r'(?: from (?:it|the [a-z ]+))?',
    r'keep (?:the|your) (?:gripper|hand|arm) out of the (?:drawer|cabinet)(?: while it closes)?',
    r'(?:it )?(?:should |must )?(?:stay|remain|stays|remains) on the (?:table|desk|surface|'
    r'tabletop)(?: the whole time| throughout| at all times| all the time)?',
    r'(?:which is |meaning |that is )?(?:clockwise|counter-?clockwise|anti-?clockwise|counter '
    r'clockwise)(?: when| as)? (?:viewed|seen|you look|looking|looked)(?: down)? (?:at|from) '
    r'(?:the )?(?:top|above|table|desk|ceiling)',
    r'(?:stay|remain|keep it|leave it|while it stays|so it stays) in (?:the same |its '
    r'(?:current |present |original |same )?)?(?:place|spot|position|location)'
    r'(?: on the (?:table|desk))?',
    r'with (?:a |an |your )?(?:\w+ )?grip',
    r'(?:using|with) (?:the|your) (?:side|tip|tips|edge|face|back|flat|fingers|jaws|'
    r'fingertips) of (?:the|your) (?:gripper|hand|claw)',
    r'(?:and )?(?:hold|held|keep|kept) (?:it )?(?:firmly|securely|tight|tightly|steady|'
    r'steadily)(?: in (?:the|your) gripper)?',
    r'(?:firmly |securely |tightly )?(?:grip|gripped|held|hold)(?: by (?:the|your) '
    r'(?:arm|gripper|robot|hand))?',
    r'(?:(?:be|is|stays?|remains?|ends? up) )?(?:held |kept |securely |firmly )?(?:in|into|'
    r'inside|within) (?:the|your|its) (?:gripper|hand|claw|fingers|jaws|grip|grasp)',
    r'(?:(?:be|is|stays?|remains?) )?(?:held|kept) (?:(?:in|by|inside|within) (?:the|your|its) '
    r'(?:gripper|hand|claw|fingers|jaws)|(?:above|over) (?:it|the (?:table|desk|tabletop|'
    r'surface|shelf|drawer|cabinet|slider))|(?:up )?in the air)',
    r'let (?:it|them) (?:fall|drop|tumble|slide|roll)(?: in| down| into (?:it|the drawer))?'
    r'(?: on its own| by itself)?',
    r'it(?: is|\'s| s) (?:balanced|stable|steady|settled|secure|level|in place|there)',
    r'(?:propelled|pushed|driven|shoved|nudged|slid|moved|propel|push)',
    r'(?:and )?leave (?:it|them)(?: resting| lying| sitting| there)*(?: on the (?:table|desk|'
    r'tabletop|surface))?')))


# Looking is not acting: "look at the red block" is nothing to do by itself
LOOKING = rx.compile(r'^\s*(?:see|look at|watch|observe|inspect|examine|notice|stare at|point at|'
                     r'point to|glance at|study|view)\b')


def read_clause(clause: str):
    """Intent of one clause, None for a pure approach/release clause, or Refusal."""
    c = ' %s ' % clause
    if rx.match(r'^\s*(?:keeping|without|while|leaving|making sure|being careful|taking care|'
                r'so that|so it|so its|until|not|rather than|instead of|(?:don\'t|don t|dont|'
                r'do not|never) (?:lift|pick|carry|raise))\b', c) or \
            MANNER.fullmatch(c) or rx.fullmatch(
            r'\s*(?:so )?(?:do|perform|execute|carry out) (?:that|it|this)(?: now| task)?\s*',
            c):
        return None                        # manner ("keeping it in place"), or "do that"
    if LOOKING.match(c):
        return None                        # looking is not acting: nothing to do by itself
    if rx.fullmatch(r'\s*(?:gently |slowly |then |and )*(?:release(?: it| your grip| the grip|'
                    r' the '
                    r'(?:block|cube|object|handle|door handle|drawer handle|switch|button))?|'
                    r'let (?:it |them )?go(?: of (?:it|them))?|letting go|'
                    r'open (?:your|the) (?:fingers|gripper|hand|grip)|drop it|let it drop|'
                    r'(?:set|put|place|leave) (?:it|them) (?:aside|down)'
                    r'(?: on the (?:table|desk))?)'
                    r'(?: there| gently)?(?: (?:above|over) (?:it|the (?:drawer|cabinet|slider|'
                    r'shelf|cupboard)))?\s*', c):
        return None                        # releasing is the end of a place, not a step
    motion = _gripper_motion(c)
    if motion is not None:
        return motion if isinstance(motion, Intent) else None
    if rx.match(r'^\s*(?:close|wrap|pinch|clamp|squeeze|hook|clasp|secure|hold|grip|grasp|grab|'
                r'approach|touch|press|put|place|contact|lock|cup)\b(?: \w+){0,3}? (?:around|onto|'
                r'between|against|on) (?:it|them|its|the (?:left|right|front|back|near|far|top) '
                r'(?:side|face|edge))\b', c) or rx.match(
            r'^\s*(?:wrap|pinch|clamp|squeeze|hook|clasp|grip|hold|secure) (?:it|them) (?:between|'
            r'with|in|using|tightly|firmly)\b', c) or rx.match(
            r'^\s*(?:close|wrap|pinch|clamp|squeeze|hook|clasp|grip|hold|touch|press|approach|'
            r'put|place|push)(?: on| onto| against)? its\b', c) or rx.fullmatch(
            r'\s*(?:wrap|pinch|clamp|squeeze|hook|clasp|grip|hold|touch|press|approach|secure)'
            r'(?: on| onto| against| around)? (?:it|them)'
            r'(?: firmly| gently| tightly| securely)?\s*',
            c):
        # grasping or touching: part of the action that follows, naming its block
        colour, _ = _colour(c)
        if isinstance(colour, str):
            return Intent('lift', {'block': colour, 'surface': None}, clause, explicit=False)
        return None
    if rx.match(r'^\s*(?:close|wrap|pinch|clamp|clasp|secure|lock)\b.*\b(?:around|on)\b', c) \
            and _has(c, lx.BLOCK_NOUNS + lx.COLOUR_WORDS):
        colour, _ = _colour(c)
        if not isinstance(colour, list):
            return Intent('lift', {'block': colour, 'surface': None}, clause, explicit=False)
    statement = rx.match(r'^\s*(?:the |a )?[\w ]*?\b(?:block|cube|one|brick)s? (?:is|are|sits|'
                         r'lies|rests|is sitting|is lying|is resting) (?:in|on|inside|at)\b', c)
    if statement:
        # "the cobalt block is in the drawer; ...": where a block is, for what follows
        colour, _ = _colour(c)
        surface = 'drawer' if _has(c, lx.DRAWER) else 'slider' if _has(
            c, lx.SLIDER_PLACE) else 'table' if _has(c, ('table', 'desk')) else None
        return Intent('lift', {'block': colour if isinstance(colour, str) else None,
                               'surface': surface}, clause, explicit=False)
    unknown = _unknown_object(c)
    keep = rx.match(r'^\s*keep(?:ing)?\b.*\b(?:on the (?:table|desk|countertop|tabletop|surface|'
                    r'same spot)|in place|where it is|steady|still|flat|upright|on the spot)\b', c)
    if keep and not unknown:
        # "keep the pink block on the table and push it ...": names the block, no action
        colour, _ = _colour(c)
        return Intent('lift', {'block': colour, 'surface': None}, clause, explicit=False)
    if unknown:
        raise Refusal('there is no %s here; I can handle the red, blue and pink blocks, the '
                      'drawer, the sliding door, the switch and the button' % unknown)
    colour, mentions_block = _colour(c)
    container = rx.search(r'\b(?:in|into|inside|onto|in to|on|out of|from|off)\s+'
                          r'(?:the |a |an |your |my )?'
                          r'%s\b' % _words(lx.ABSENT_PLACES), c)
    if container:
        raise Refusal('there is no %s here; the places are the drawer, the cabinet and the '
                      'table' % container.group(0).split()[-1])
    if isinstance(colour, list) and len(colour) == 2 and rx.search(
            r'\b(?:onto|on top of|atop|upon|on) (?:the |a )?(?:\w+ )?%s\b' % _words(
                lx.COLOUR_WORDS), c):
        # "put the pink block on the red one": stack the first named on the second
        first = min(colour, key=lambda k: rx.search(r'\b%s\b' % _words(lx.COLOURS[k]),
                                                    c).start())
        return Intent('stack', {'block': first}, clause)
    if isinstance(colour, list) and len(colour) == 2 and rx.search(
            r'^\s*(?:take|lift|remove|unstack|destack|get|pick|grab|pull)\b.*\b(?:off|from)'
            r'(?: (?:the )?top of)? (?:the |a )?(?:\w+ )?%s(?: block| cube| one| brick)?\s*$' %
            _words(lx.COLOUR_WORDS), c):
        return Intent('unstack', {}, clause)   # "take the blue block off the red one"
    if isinstance(colour, list):
        raise Refusal('"%s" names more than one block (%s); name one block per step' % (
            clause, ', '.join(colour)))
    # "slide the door left so the right side is open": the purpose is not the direction
    direction = direction_of(rx.sub(r' so (?:that )?(?:the|it|its) .*$', ' ', c) if _has(
        c, lx.SLIDER_DOOR + lx.SLIDER_PLACE) else c)
    slots = {'block': colour}
    pronoun = rx.search(r'\b(it|that|this|them|the grasped|the held|the one)\b', c) is not None
    drawer = _has(c, lx.DRAWER)
    slider_place = _has(c, lx.SLIDER_PLACE)
    door = _has(c, lx.SLIDER_DOOR)

    # Lights: the LED (button, green light) or the light bulb (switch, yellow light).
    light = None
    if _has(c, lx.LED):
        light = 'led'
    elif _has(c, lx.LIGHTBULB) or rx.search(r'\blights?\b', c):
        light = 'lightbulb'
    if light == 'lightbulb' and _has(c, ('switch', 'lever', 'toggle')) and rx.search(
            r'\b(?:sideways|horizontally|to the (?:left|right)|leftwards?|rightwards?|clockwise|'
            r'counter-?clockwise|anti-?clockwise)\b', c):
        raise Refusal('the switch only moves up (bulb on) or down (bulb off)')
    if light and rx.search(r'\b(?:percent|half|halfway|partly|partially|dimmer|blink|blinking|'
                           r'dim|dims|dimmed|dimming|brighten|brighter|brightens|'
                           r'flash|flashing|strobe|strobing|flicker|flickering|pulse|pulsing|'
                           r'\d+)\b', c):
        # a level between on and off, or a pattern; "full brightness" is just on
        raise Refusal('the lights can only be switched on or off')
    if light and not (mentions_block and colour):
        if all(light_states(c, light)):
            raise Refusal('"%s" says both on and off; say one' % clause.strip())
        return Intent('toggle', {'light': light, 'target': light_target(c, light)}, clause)

    into = r'\b(?:in|into|inside|within|to|in to)\b'
    if drawer:
        pushes = _has(c, ('push', 'sweep', 'slide', 'shove', 'nudge', 'drag', 'knock', 'roll',
                          'move'))
        places = (_has(c, ('place', 'put', 'store', 'drop', 'set', 'insert', 'deposit', 'stow',
                           'stash', 'lay', 'leave', 'stick', 'load', 'tuck', 'slot')) or (
            _has(c, lx.PLACE) and (mentions_block or pronoun))) and not _has(
                c, ('pull out', 'take out'))
        if (pushes and (mentions_block or pronoun) and rx.search(
                into + r'(?: the)?(?: open| opened| \w+)? drawer', c)
                and not rx.search(r'\bpush(?:es)? (?:the )?drawer\b', c)):
            return Intent('push_into_drawer', slots, clause)
        lifts = _has(c, lx.LIFT) and not rx.search(r'\b(?:open|pull)\b.*\bdrawer\b', c) \
            or (_has(c, ('pick', 'lift', 'grab', 'grasp', 'take')) and mentions_block) \
            or (mentions_block and rx.search(r'\bpull\b.*\bout (?:of|from)\b|\bpull (?:out the|'
                                             r'(?:the |that |this )?(?:\w+ ){0,2}?\w+ out\b)', c))
        where = r'(?: the)?(?: open| opened| \w+)? drawer'
        if (mentions_block or pronoun) and lifts and rx.search(
                r'\b(?:from|in|inside|out of|lying in|of|within|off)\b' + where, c):
            return Intent('lift', dict(slots, surface='drawer'), clause)
        if places and rx.search(into + where, c):
            return Intent('place', dict(slots, target='drawer'), clause)
        if rx.search(r'\btowards? (?:you|yourself|me|us|the robot|the robot s base|the base|'
                     r'your base|the robot base)\b', c) and not mentions_block:
            return Intent('drawer', {'target': 'open'}, clause)    # "retract it toward you"
        if _has(c, lx.CLOSE):
            return Intent('drawer', {'target': 'closed'}, clause)
        if _has(c, lx.OPEN):
            return Intent('drawer', {'target': 'open'}, clause)
        if _has(c, lx.APPROACH + ('handle',)):
            # approach clause: merged with its neighbour, lending it block and place
            return Intent('lift', dict(slots, surface='drawer'), clause, explicit=False)
    door_move = direction is not None and not mentions_block and (door or slider_place)
    if slider_place and not door_move and not (mentions_block or pronoun) and \
            _has(c, lx.APPROACH):
        return Intent('lift', dict(slots, surface='slider'), clause, explicit=False)
    if slider_place and (mentions_block or pronoun or _has(c, lx.PLACE + lx.LIFT)) \
            and not door_move:
        if _has(c, lx.LIFT) and (mentions_block or pronoun) and not _has(
                c, ('put', 'place', 'store', 'drop', 'set', 'insert')):
            return Intent('lift', dict(slots, surface='slider'), clause)
        if _has(c, ('push', 'shove', 'sweep', 'nudge', 'knock', 'roll')) and mentions_block and \
                rx.search(r'\b(?:into|in to|inside)\b', c):
            raise Refusal('I can push a block only into the drawer; a block I hold I can put '
                          'into the cabinet')
        if _has(c, lx.PLACE) or (rx.search(r'\b(?:into|in to)\b', c) and not _has(
                c, lx.LIFT + lx.APPROACH)):
            return Intent('place', dict(slots, target='slider'), clause)   # "relocate it into"
    if door or (slider_place and direction):
        if direction is None:
            if _has(c, lx.APPROACH):
                # "position the gripper above the red block in the slider"
                return Intent('lift', dict(slots, surface='slider'), clause,
                              explicit=False) if mentions_block else None
            return Intent('slider', {'direction': None}, clause)
        return Intent('slider', {'direction': direction}, clause)

    removing = _has(c, ('remove', 'take off', 'take down', 'lift off', 'get off', 'take away'))
    if (_has(c, lx.UNSTACK) and not rx.search(r'\bon top of (?:the |a |another )', c)) or (
            removing and rx.search(r'\b(?:on|on top of|atop) (?:the |an? )?(?:other|another|'
                                   r'second)\b', c)):
        return Intent('unstack', {}, clause)
    if rx.search(r'\b(?:grasp|grab|hold|take|reach|approach|go|move|hook|grip|clasp|catch|seize|'
                 r'clamp|latch|clutch|pinch|engage|press|touch|contact)\b.*\b(?:knob|handle)\b',
                 c) and not mentions_block:
        return None                        # "grab the knob and push the drawer in"
    approach_only = rx.match(r'^\s*(?:go|move|head|reach|walk|come|proceed|navigate)\b',
                             c) and not _has(
        c, ('stack', 'pile', 'put', 'place', 'on top of'))
    fixture = rx.search(r'\b(?:on|onto|on top of|atop|upon) (?:the |a )?(?:\w+ )?(bulb|lamp|light|'
                        r'switch|button|led|handle|knob|lever|door|slider|drawer front)\b', c)
    if rx.search(r'\b(?:put|place|set|drop|lay|leave|lower|release|stand|rest)\b(?: \w+){0,4}? '
                 r'(?:(?:back )?down )?(?:on|onto|on to|upon) (?:the |a )?(?:table|desk|tabletop|'
                 r'table top|floor|countertop|work surface|surface)\b', c) and not _has(
                     c, lx.STACK):
        raise Refusal('I have no skill to set a block down on the table; I can put it in the '
                      'drawer or the cabinet, or stack it on another block')
    if fixture and (_has(c, lx.STACK) or rx.search(r'\bon top of|\bonto|\batop', c)):
        raise Refusal('I can stack a block only on another block, not on the %s' %
                      fixture.group(1))
    if not approach_only and (_has(c, lx.STACK) or rx.search(
            r'\b(?:build|make)\b.*\btower\b', c)) or rx.search(
            r'\b(?:on|onto|on to|upon)(?: the)? top of\b|\b(?:onto|on) (?:another|the other|'
            r'a second|an other)\b', c) or ((mentions_block or pronoun) and rx.search(
                r'\b(?:onto|on|upon|atop) (?:the |a )?%s(?: (?:block|cube|one|brick)\b|\s*$)' %
                _words(lx.COLOUR_WORDS), c)):
        if colour and rx.search(r'\b(?:on|onto|on top of|atop|upon) (?:the |a )?(?:\w+ )?%s\b' % (
                _words(lx.COLOURS[colour])), c) and not rx.search(
                r'\b%s\b.*\b(?:on|onto|atop|upon)\b' % _words(lx.COLOURS[colour]), c):
            slots = {'block': None}        # "stack it on the magenta block": the target
        return Intent('stack', slots, clause)
    if (mentions_block or pronoun) and (_has(c, lx.ROTATE) and (direction or _has(
            c, ('degrees', 'rotate', 'twist', 'spin'))) or direction and _has(c, FACING)):
        return Intent('rotate', dict(slots, direction=direction), clause)
    if (mentions_block or pronoun) and direction and _has(c, lx.PUSH):
        return Intent('push', dict(slots, direction=direction), clause)
    if rx.search(r'\blet (?:it |them )?go\b|\brelease (?:it|the block|the object)\b|'
                 r'\bopen the (?:gripper|hand|fingers)\b', c):
        return None
    if (mentions_block or pronoun) and _has(c, lx.LIFT):
        surface = 'table' if _has(c, ('table', 'desk')) else None
        return Intent('lift', dict(slots, surface=surface), clause)
    if mentions_block and _has(c, lx.APPROACH):
        # "locate the blue block on the table": where it is, for the action that follows
        surface = 'slider' if slider_place else 'drawer' if drawer else 'table' if _has(
            c, ('table', 'desk', 'tabletop', 'countertop')) else None
        return Intent('lift', dict(slots, surface=surface), clause, explicit=False)
    return 'unknown'


FIXTURES = (('the drawer', lx.DRAWER), ('the cabinet', lx.SLIDER_PLACE),
            ('the sliding door', ('door', 'sliding door', 'slider')),
            ('the switch', ('switch', 'lever')), ('the button', ('button',)),
            ('the led', ('led', 'green light', 'green led', 'green lamp', 'diode')),
            ('the lamp', ('lamp', 'bulb', 'lightbulb', 'light bulb', 'yellow light')))


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
                 r'(?:\w+ ){0,3}?out\b(?! of)', clause) and not _has(
                     c, ('table', 'desk', 'drawer', 'cabinet', 'slider', 'from')):
        clause = rx.sub(r'^(\w+) out$', r'\1 it out', clause)    # "2) lift out"
        clause += ' from ' + place
    return clause


def _closes_drawer(clause):
    """Whether a clause closes the drawer ("close the drawer", "then shut it" does not say)."""
    return _has(' %s ' % clause, lx.DRAWER) and rx.search(
        r'\b(?:close|closing|closed|shut|shutting)\b', clause) is not None


def _resolve_containers(clauses):
    named_anywhere = {name for clause in clauses for name, words in FIXTURES[:2]
                      if _has(' %s ' % clause, words)}
    only_container = named_anywhere.pop() if len(named_anywhere) == 1 else None
    closed_later = [any(_closes_drawer(later) for later in clauses[k + 1:])
                    for k in range(len(clauses))]
    last, last_is_block, seen_block, out = None, False, False, []
    for k, clause in enumerate(clauses):
        moved = TRANSFER_INTO_IT.match(clause)
        into = 'the cabinet' if last == 'the sliding door' else last
        if moved and into in ('the drawer', 'the cabinet') and (into == 'the drawer') != _has(
                ' %s ' % moved.group(2), lx.DRAWER):
            # "open the drawer and move the pink block from the cabinet into it"
            out.append(['take %s from %s' % moved.groups(), 'put it into %s' % into])
            seen_block = last_is_block = True
            continue
        c = ' %s ' % clause
        nouns = rx.sub(r'^\s*switch (?=it|on|off|the|that|this|them)', ' ', c)   # the verb
        named = next((name for name, words in FIXTURES if _has(nouns, words)), None)
        colour = _has(c, lx.COLOUR_WORDS)
        block = colour or _has(c, lx.BLOCK_NOUNS)
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
            if container:
                clause = rx.sub(r'\b(?:out of|from(?: in)?) there\b', 'from ' + last, clause)
                clause = rx.sub(r'\b(?:inside(?: it)?|in there)$', 'inside ' + last, clause)
                clause = rx.sub(r'\b(push|sweep|slide|shove|nudge|put|place|drop) (.+) in$',
                                r'\1 \2 into ' + last, clause)
                clause = rx.sub(r'\b(?:into it|in it|in to it)$', 'into ' + last, clause)
                clause = rx.sub(r'\b(out of|from|from inside|inside|in) it\b', r'\1 ' + last,
                                clause)
                clause = _out_of(clause, c, last)     # "open the drawer, take out the block"
                if (_has(c, ('place', 'put', 'store', 'drop', 'set', 'leave', 'insert', 'lower',
                             'deposit', 'stow')) and not rx.search(
                        r'\b(?:in|into|inside|on|onto|atop|upon)\b', c)):
                    clause = '%s in %s' % (clause, last)
            fixture_verb = rx.search(r'\b(?:open|close|shut)\b', c) is not None
            grasp = rx.match(r'\s*(?:grab|grasp|pick|lift|take|get|hold|raise|seize|fetch)\b', c)
            gripper = rx.search(r'\b(?:gripper|fingers|claw|jaws)\b', c) is not None
            # only a block is rotated: "turn on the lamp, then rotate it right"
            turned = rx.match(r'\s*(?:rotate|twist|spin|stack)\b', c) and seen_block
            if (not last_is_block or fixture_verb and not gripper) and not colour and not _has(
                    c, lx.BLOCK_NOUNS) and not (grasp and seen_block) and not turned:
                clause = rx.sub(r'\bit\b', last, clause)
        seen_block = seen_block or block
        if named is not None:
            last = named
        if named is not None or block:
            last_is_block = block          # "it" then means the block, if one was named
        out.append([clause])
    return out


# a block's goal state said as which way it faces: "the blue block angled to the left"
FACING = ('angled', 'facing', 'oriented', 'orientated', 'pointing', 'pointed', 'heading')
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
    def colour(thing):
        thing = thing.lower().replace('-', ' ')
        return next(c for c, things in lx.COLOUR_OF.items()
                    if thing in (t.replace('-', ' ') for t in things))

    text = _COLOUR_OF_THING.sub(
        lambda m: '%s %s %s' % (m.group(1), colour(m.group(3)), m.group(2)), text)
    if rx.search(r'(?i)\b(?:lamp|light|bulb|lightbulb|led)s?\b', text):
        # "turn off the green lamp and leave the yellow one alone": the lights' own colours
        text = rx.sub(r'(?i)\bthe (green|yellow) one\b',
                      lambda m: 'the %s %s' % (m.group(1), 'light' if m.group(1).lower() ==
                                               'green' else 'lamp'), text)
    return _COLOURED_LIKE.sub(lambda m: colour(m.group(1)), text)


_BARE_BLOCK = rx.compile(r'(?:the |a |that |this )?(?:[a-z-]+ ){0,2}?(?:block|cube|brick)'
                         r'(?: (?:on|from|in) (?:the )?(?:table|desk|tabletop|drawer|cabinet|'
                         r'slider))?')
_BARE_STACK = rx.compile(r'(?:the |a |that |this )?(?:tower|stack|pile)(?: of (?:two |2 |the )?'
                         r'(?:blocks|cubes|bricks|two|2))?')


def _topics_said_alone(clauses):
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
            if not _has(' %s ' % after, lx.DRAWER + lx.SLIDER_PLACE):
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
        if bare(this) and _has(' %s ' % this, lx.BLOCK_NOUNS):
            if bare(after) and len(out) > i + 2:
                # "red block, blue block, push them left": one action for several blocks
                raise Refusal('I can hold and move only one block at a time; give one step '
                              'per block')
            if rx.search(r'\b(?:it|them)\b', after):
                out[i + 1] = _name_it(after, this, r'\b(?:it|them)\b')
            elif not _has(' %s ' % after, lx.BLOCK_NOUNS) and after.split()[0] in verbs | {
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


_ELLIPSIS = rx.compile(r'(?:(?:and|then|also|now|next|after that|too) )*(?:the |that )('
                       r'(?:[a-z-]+ )?'
                       r'(?:%s)) (?:block|cube|brick|one)(?: too| as well| also| again)?' %
                       '|'.join(lx.COLOUR_WORDS))
_NAMED_BLOCK = rx.compile(r'\b(?:the (?:[a-z-]+ )?)?(?:%s)(?: (?:block|cube|brick|one))?\b' %
                          '|'.join(lx.COLOUR_WORDS))


# A clause that says how things are: "the drawer is open", "the red block is too far right",
# "both lights are off", "there's a block in the cabinet", "I can see the lamp is on"
SEEN = r'(?:i can see|i see|i notice|i think|i believe|it looks like|looks like|apparently)'
COPULA = (r'(?:s|is|are|was|were|has been|have been|sits|lies|stands|looks|seems|remains|stays|'
          r'used to be)')
STATEMENT = rx.compile(
    r'(?:' + SEEN + r'(?: that)? )?(?:there (?:is|are|s) (?:a |an |the |two )?[a-z -]+|(?:both '
    r'lights|both of them|the [a-z -]{2,40}?|two (?:of the )?blocks|the blocks|it|they) ' +
    COPULA + r'(?! to\b(?! (?:the|its|their|your)\b)| being\b)(?: [a-z ,\'-]*)?)')
MODAL = rx.compile(r'\b(?:should|must|needs?|has to|have to|ought|want|wants|like|please|let|'
                   r'make|supposed|goal|aim|objective|task|idea|plan|target|job|outcome|result|'
                   r'desired|wish)\b')
# what a state may be said with: "the drawer is open", "the lamp is on"
STATE_WORDS = frozenset(('open', 'on', 'off', 'up', 'down', 'in', 'out', 'back', 'over', 'lit',
                         'still', 'left', 'right'))


def _statement(clause, captions=True):
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
                       r'%s)\b' % _words(OBJECT_WORDS), clause) or rx.match(
        hedge + r'((?:a |an |the |two )?[a-z -]+?) (?:s|is|are|was|were|has|have|sits|lies|'
        r'stands|looks|seems|remains|stays|used|in|on)\b', clause)
    return subject.group(1) if subject else 'it'


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
    kept = [c for c in clauses if _statement(c) is None]
    if len(kept) == len(clauses) and not rx.search(r'\b%s\b' % OTHERS, text):
        return None
    return ' , '.join(kept) or None


def _scene_first(text):
    """Drop the sentences said first that only say how things are (see `_statements`).

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
            thing = _statement(part, captions=False)
            if thing is None and things and things[-1] and not (
                    set(part.split()) & (set(action_verbs()) - STATE_WORDS)):
                # "the red block sits too far left and the pink block too far right"
                noun = rx.match(r'(?:the|a) (?:[a-z-]+ ){0,2}?%s\b' % _words(OBJECT_WORDS), part)
                thing = noun.group(0) if noun else None
            things.append(thing)
        if not all(things):
            break
        named = [rx.sub(r'^(?:a|an) ', 'the ', t) for t in things if t not in ('it', 'they')]
        subject = named[0] if len(named) == 1 else None
        colour = None
        for part in parts:
            place = rx.search(r'\b(?:in|inside) the (drawer|cabinet|slider|shelf|sliding '
                              r'cabinet)\b|\bon the (shelf)\b', part)
            said = rx.search(r'\b%s\b' % _words(lx.COLOUR_WORDS), part)
            colour = said.group(0) if said else colour if rx.match(r'it\b', part) else None
            if place and colour and not rx.search(r'\b(?:not (?:in|inside)|isn\'?t|is not|no '
                                                  r'longer|never)\b', part):
                places[colour] = place.group(1) or place.group(2)
        if any(rx.search(r'\b(?:stacked|piled|on top of)\b', part) for part in parts):
            stacked = True
        text = text[first.end():]
    if stacked:
        # "the red block is stacked on the blue one; take the red block off": off the stack
        text = rx.sub(r'\b((?:take|lift|pull|get) (?:the [a-z ]+?(?:block|one)|it)) off\b'
                      r'(?! (?:the|of)\b)', r'\1 off the stack', text)
    if subject and subject.startswith('the '):
        fixture = not _has(' %s ' % subject, lx.BLOCK_NOUNS + lx.COLOUR_WORDS)
        inside = r'\b(?:out of|from|into|in|inside) (?:it|them)\b'
        picked = r'\b(?:%s) (?:it|them)\b' % _words(PICK_VERBS)
        before = set(rx.split(r'\b(?:it|them)\b', text)[0].split()) - (
            {'switch'} if text.split()[:1] == ['switch'] else set())  # "switch it off": a verb
        if fixture and rx.search(inside, text):
            # "the drawer is open; slide the red block off the table and into it"
            text = rx.sub(inside, lambda m: m.group(0).rsplit(' ', 1)[0] + ' ' + subject, text,
                          count=1)
        elif not fixture and rx.match(r'\s*(?:please )?(?:open|close|shut|pull out|pull open) '
                                      r'(?:it|them)\b', text):
            if len(set(places.values())) == 1:
                # "the blue block is in the drawer. open it, ...": a block is not opened
                text = _name_it(text, 'the ' + next(iter(places.values())),
                                r'\b(?:it|them)\b')
        elif not fixture and rx.search(picked, text):
            # "the cobalt block is in the drawer; pull the drawer out, grab it, ..."
            text = rx.sub(picked, lambda m: m.group(0).rsplit(' ', 1)[0] + ' ' + subject, text,
                          count=1)
        elif not before & (set(OBJECT_WORDS) - {'handle', 'knob'} - set(subject.split())):
            text = _name_it(text, subject, r'\b(?:it|them)\b')
    if places:
        pieces = rx.split(r'(\s*(?:,|;|\bthen\b|\band\b)\s*)', text)
        for i, piece in enumerate(pieces):
            if not rx.search(r'\b(?:take|taken|taking|grab|pick|lift|get|got|grasp|fetch|raise|'
                             r'remove|removing|getting)(?:s|ed|ped|bed|ing|ping|bing)?\b', piece):
                continue
            colour = rx.search(r'\b%s\b' % _words(lx.COLOUR_WORDS), piece)
            place = places.get(colour.group(0)) if colour else (
                list(places.values())[0] if len(places) == 1 and rx.search(
                    r'\b(?:it|them)\b', piece) else None)
            if place:
                pieces[i] = _from_place(piece, place)
        text = ''.join(pieces)
    return text


def _statements(clauses):
    """Drop the clauses that say how things are; refuse a command that is only those.

    "the drawer is open and the lamp is on; turn the lamp off" is one step, and "the drawer's
    still hanging open; push it in" pushes the drawer ("it" is what the statement named).
    """
    clauses = _stays_expected(clauses)
    # "the red block is stored in the cabinet and I need it picked up": where it is
    where = [any(rx.search(r'\b(?:it|them)\b', c) for c in clauses[i + 1:]) and rx.search(
        r'\b(?:is|are) (?:stored|store|kept|keep|located|positioned|parked|sitting|lying|'
        r'resting) (?:in|inside|on)\b', clause) for i, clause in enumerate(clauses)]
    said = [_statement(c, captions=not w) for c, w in zip(clauses, where)]
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
            _colour(' %s ' % clause)    # "FYI the green block is next to it": no such block
            unknown = _unknown_object(' %s ' % clause)
            if unknown:
                raise Refusal('"%s": there is no %s here' % (clause, unknown))
            subject = thing
            # "the pink block is in the drawer": where a later step picks it up from
            place = rx.search(r'\b(?:in|inside) the (drawer|cabinet|slider|shelf|sliding '
                              r'cabinet)\b', clause)
            colour = rx.search(r'\b%s\b' % _words(lx.COLOUR_WORDS), thing)
            if place and colour:
                places[colour.group(0)] = place.group(1)
            # "grab the pink block; it's inside the sliding cabinet": where it is picked from
            if place and out and _has(' %s ' % out[-1], PICK_VERBS) and (thing == 'it' or (
                    colour and colour.group(0) in out[-1])):
                out[-1] = _from_place(out[-1], place.group(1))
            continue
        if subject and not any(_has(' %s ' % c, lx.COLOUR_WORDS + lx.BLOCK_NOUNS) for c in out) \
                and subject.startswith('the ') and rx.search(
                r'\b(?:it|them)\b', clause) and not _has(' %s ' % clause, OBJECT_WORDS):
            clause = _name_it(clause, subject, r'\b(?:it|them)\b')
        named = rx.search(r'\b%s\b' % _words(lx.COLOUR_WORDS), clause)
        # (or wants it held: "... and I need it in your gripper", "I need it out")
        if named and named.group(0) in places and (_has(' %s ' % clause, PICK_VERBS) or rx.search(
                r'\b(?:gripper|hand|out)\b', clause)):
            clause = _from_place(clause, places[named.group(0)])
        out.append(clause)
    return out


def _stays_expected(clauses):
    """Drop what a step keeps as it is, said as a wish; refuse it where a step breaks it.

    "push the pink block right; the block should remain on the table" is the push; with a
    lift or a put in the command it is refused, and alone it asks for nothing.
    """
    if not any(STAYS_PUT.fullmatch(c) for c in clauses):
        return clauses
    if all(STAYS_PUT.fullmatch(c) for c in clauses):
        raise Refusal('"%s" says how things should stay; tell me what to do' % ', '.join(
            clauses))
    if any(_has(' %s ' % c, PICK_VERBS + PUT_VERBS + ('stack', 'unstack')) for c in clauses):
        said = next(c for c in clauses if STAYS_PUT.fullmatch(c))
        raise Refusal('"%s", but the command moves a block off the table; say one' % said)
    return [c for c in clauses if not STAYS_PUT.fullmatch(c)]


def _ellipsis(clauses):
    """Read a block said alone after a step as that step again, on this block.

    "rotate the pink block left, then the red one" rotates both; "pick up the red block and
    put it in the drawer, then the blue one too" picks up and puts away both.
    """
    out = []
    for clause in clauses:
        said = _ELLIPSIS.fullmatch(clause)
        if not said or not out:
            out.append(clause)
            continue
        block = 'the %s block' % said.group(1)
        steps = out[-2:] if len(out) > 1 and out[-1].split()[0] in PUT_VERBS and \
            out[-2].split()[0] in PICK_VERBS else out[-1:]
        for step in steps:
            if _NAMED_BLOCK.search(step):
                out.append(_NAMED_BLOCK.sub(block, step, count=1))
            elif rx.search(r'\b(?:it|them)\b', step) and step is steps[0]:
                out.append(_name_it(step, block, r'\b(?:it|them)\b'))
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


def _drawer_it(text):
    """Name the drawer where "it" can only be the drawer (pure).

    Only the drawer opens and closes: "push the pink block into the drawer after opening
    it" (constraints.split_constraints reads "without opening it" by the same test).
    """
    if drawer_is_it(text):
        text = rx.sub(r'\b(open(?:ing|ed|s)?|clos(?:e|ing|ed|es)|shut(?:ting|s)?) it\b(?! (?:off|'
                      r'down|out|up|on)\b)', r'\1 the drawer', text, flags=rx.IGNORECASE)
    return text


def instead(text: str):
    """Return (text, verb ruled out or None), pure.

    "don't rotate the blue block, just push it right" is read as "push the blue block right";
    the planner refuses a plan that does what the verb ruled out.
    """
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


def parse(raw: str) -> list:
    """Intents of a command in execution order; raises Refusal with the reason."""
    raw, _ = instead(plain_colours(heard(raw)))
    return parse_read(raw)


def parse_read(raw: str) -> list:
    """Intents of a command already read by heard(), plain_colours() and instead().

    The planner reads a command that way itself (with the speller after heard()), so it
    calls this and does not read the command twice.
    """
    check_command(raw)
    text = normalise(raw)
    if not text:
        raise Refusal('the command has no instruction in it')
    nowhere = rx.search(r'\b(?:out of|from(?: in| inside| within)?) (?:it|there|in there)\b', text)
    if nowhere and not _has(' %s ' % raw.lower(), PLACE_NAMES):
        # "take the blue block out of it": nothing named to take it from
        raise Refusal('"%s": out of where? name the drawer or the cabinet' % nowhere.group(0))
    clauses = _ellipsis(_statements(_topics_said_alone(split_clauses(text))))
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
                    '|'.join(ROTATION_DEGREES), _words(lx.LEFT + lx.RIGHT)), clause):
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
                not _has(' %s ' % clause, lx.ROTATE + lx.PUSH) and \
                direction_of(' %s ' % clause) and isinstance(_colour(' %s ' % clause)[0], str):
            # "rotate the pink block right, the blue block left" ("red right & blue left"):
            # the verb is said once
            intent = Intent(previous.family, {'block': _colour(' %s ' % clause)[0],
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
        colour = _colour(' %s ' % clause)[0] if also or SAME_WITH.fullmatch(clause) else None
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
    if intents and read and read[-1][1] is None and LOOKING.match(' %s ' % read[-1][0]):
        raise Refusal('I cannot only "%s"; tell me what to do with it' % read[-1][0])
    intents = _merge_halves(intents)
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


# "and the blue one too", "then the red one as well": the step before, on another block
ALSO = rx.compile(r'(?:and |then |now )?(?:also )?(?:the )?(?:\w+ )?\w+'
                  r'(?: (?:block|cube|brick|one))?(?: (?:to the )?(?:left|right))?,? '
                  r'(?:too|as well|also|likewise)')
# "do the same with the blue block", "same for the red one", "repeat that with the pink one"
SAME_WITH = rx.compile(r'(?:and |then |now )?(?:please )?(?:(?:do|repeat) )?(?:exactly )?(?:the '
                       r'same|that|this|it|same|both of those|all of that|likewise)(?: thing)? '
                       r'(?:again )?(?:with|to|for) (?:the )?(?:\w+ )?\w+'
                       r'(?: (?:block|cube|brick|one))?(?: as well| too)?')
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
