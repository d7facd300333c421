"""Stage 2 of the parser: whole-command checks that refuse before any clause is read.

Size, hidden or odd characters, things that are not on the desk, unsafe or destructive
intent, questions, repeats and counts, amounts and durations, waiting for events. Each
refusal carries a reason an operator understands (`Refusal`).
"""

import unicodedata

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.intents import Refusal
from lam_ros.language.vocab import (A_LAMP, action_verbs, AMOUNT, ANGLE, any_of, choice_between,
                                    FIXTURE_COLOURS, GOAL_FIRST, has, LED_NAME, LIGHT_CEASE,
                                    LIGHT_EVENT, NUMBER_WORDS, OF_LIST, ORDINAL_ONE,
                                    OBJECT_WORDS, ROTATION_DEGREES, SAID_OF_EACH, verb_words)
from lam_ros.world.tasks import TASKS


MAX_CHARS = 300
# a block swept into the drawer, said by being nearest it (the sweep takes the block in front
# of the drawer; it needs no colour)
SWEPT_NEAREST = rx.compile(r'\b(?:push|sweep|slide|shove|nudge|knock) the (?:block|one|cube) '
                           r'(?:that is |which is |that s )?(?:nearest|closest)(?: to)? (?:the '
                           r'drawer|it) (?:in|into (?:it|the drawer))\b')


# What the request asks that no skill does: a pattern on check_command's `low` text, and the
# reason ({} is what matched)
REQUEST_LIMITS = (
    # a step done so that its fixture ends the other way: "open the drawer so the drawer stays
    # closed", "turn on the lamp so that it stays off"
    (r'\b(?:open|pull out)\b[^.;]{0,40}\bso (?:that )?(?:the drawer|it) (?:stays|remains|is|ends '
     r'up|will be|keeps) (?:closed|shut)\b|\b(?:close|shut|push in)\b[^.;]{0,40}\bso (?:that )?'
     r'(?:the drawer|it) (?:stays|remains|is|ends up|will be|keeps) open\b|\b(?:turn|switch) on\b'
     r'[^.;]{0,40}\bso (?:that )?(?:the (?:lamp|led|light|bulb)|it) (?:stays|remains|is|ends up|'
     r'will be|keeps) off\b|\b(?:turn|switch) off\b[^.;]{0,40}\bso (?:that )?(?:the (?:lamp|led|'
     r'light|bulb)|it) (?:stays|remains|is|ends up|will be|keeps) on\b',
     '"{}" says the opposite of the step; say which you want'),
    # a person's hand where the robot moves: "..., then close it while I reach in"
    (r'\b(?:while|as|when) (?:i|we|you|he|she|they|someone|somebody)(?: m| re| s| am| are| '
     r'is)? (?:(?:reach|reaching|stick|sticking)(?: (?:in|into|inside|over|across))?|(?:put|'
     r'putting|have|has|hold|holding|stick|sticking) (?:my|our|his|her|their|a) (?:hand|hands|'
     r'fingers?|arm))\b',
     'refused: "{}": I do not move where a person\'s hand may be; wait until it is clear'),
    # two blocks in one step: "put the blocks in it", "pick up the cubes"
    (r'\b(?:put|place|set|drop|lift|pick up|grab|take|push|sweep|move|rotate|turn) (?:all )?'
     r'(?:the|those|these) (?:blocks|cubes|bricks)\b(?! (?:apart|off|one by one|on top of each '
     r'other|on each other))',
     '"{}": I move one block at a time; name each block, one step for each'),
    # a light turned on so the room is dark, or off so it is bright
    (r'\b(?:turn|switch|flip|put) on\b[^.;]{0,60}\bso (?:that )?[a-z ]{0,40}?\b(?:is|gets|goes|'
     r'stays|will be|becomes) (?:dark|darker|unlit|pitch black)\b|\b(?:turn|switch|put) off\b'
     r'[^.;]{0,60}\bso (?:that )?[a-z ]{0,40}?\b(?:is|gets|goes|stays|will be|becomes) (?:bright|'
     r'brighter|lit|lighter)\b', '"{}" says the opposite of the step; say which you want'),
    # one block put in two places: "put the blue block in the drawer and in the cabinet"
    (r'\b(?:in|into|inside) the (drawer|cabinet|slider|cupboard)(?: and| or| as well as) '
     r'(?:also )?(?:in|into|inside) the (?!\1)(?:drawer|cabinet|slider|cupboard)\b',
     '"{}": one block goes in one place; say which'),
    # the most of something: "from maximum height", "at full reach"
    (r'\b(?:from |at |to |with )?(?:the )?(?:(?:maximum|max|highest|greatest) (?:height|speed|'
     r'force|power|reach|extension)|full (?:height|reach|extension))\b',
     'my skills move at their own fixed height and speed; I cannot do "{}"'),
    # a purpose that is a step of its own: "open the drawer so you can then put ... in it"
    (r'\bso (?:that )?(?:you|the robot|the arm|it) (?:can|could|will|may)(?: then| later| also)? '
     r'(?:put|place|set|drop|lift|pick|grab|take|push|sweep|stack|unstack|rotate|turn|switch|'
     r'press|flip|slide|move|open|close|shut)\b',
     '"{}" asks for another step in a reason; say each step'),
    # where it belongs, said as the reason: "..., because the drawer is where it should go"
    (r'\b(?:because|since|as|cause) (?:the )?[a-z ]{2,20}? (?:is|s) where (?:it|they|the '
     r'[a-z ]{2,20}?) (?:should go|should be|belongs?|goes|ought to go|needs to go)\b',
     '"{}": say where to put it, one place'),
    # emptied: of what, and where to? "the drawer is full of clutter, so empty it out"
    (r'\bempty (?:it|them)(?: out)?\b',
     '"{}": which block should I take out, and where to? name the steps'),
    # a few goes: "give the lamp a few quick flicks on and off"
    (r'\b(?:a few|several|a couple of|some|many|lots of) (?:quick |short |fast |little )?'
     r'(?:flicks|flips|times|presses|pushes|taps|turns|goes|tries|rounds|spins|clicks)\b',
     'each skill runs once; I cannot do "{}"; say each step'),
    # how far a thing ends up, compared: "..., making sure it ends up further left than it
    # started" (a skill moves by its own amount; a wish could contradict it)
    (r'\bmaking sure (?:that )?(?:it|they) (?:ends?|end|gets?) up (?:further|farther|more|less|'
     r'closer|nearer)\b',
     '"{}": I cannot check how far things end up; say only the steps'),
    # a way said by what it is not, left unclear: "any way except the right one"
    # ("whichever way except right" is the other way: normalise reads it)
    (r'(?<!way )(?<!direction )(?<!side )(?<!like )(?<!want )(?<!choose )(?<!prefer )\b(?:except|'
     r'other than|apart from|besides) (?:to |in )?(?:the )?(?:left|right)\b|\b(?:except|other '
     r'than|apart from|besides) (?:to |in )?(?:the )?(?:left|right) (?:one|block|cube|side|'
     r'hand)\b',
     '"{}": say the way to go, left or right'),
    # things made to "go crazy": "make all the lights go crazy"
    (r'\b(?:go|goes|going|act|acting) (?:crazy|wild|mad|bananas|nuts|bonkers|haywire|berserk|'
     r'disco)\b|\bdisco\b|\bparty mode\b',
     'I cannot make anything "{}"; each step is one skill, for example "turn on the lamp"'),
    # two steps said to happen together: "open the drawer and close it in the same moment"
    (r'\b(?:in|at) the (?:very )?same (?:moment|instant)\b',
     'I do one step at a time ("{}"); say the steps in the order to do them'),
    # a mode of the robot: "switch yourself into maintenance mode"
    (r'\b(?:maintenance|safe|debug|test|admin|developer|manual|service|override|god) mode\b',
     '"{}": I have no modes to switch; tell me the steps'),
    # a way done before: "close the drawer like I always do"
    (r'\b(?:like|the way|as) (?:i|we|you|they) (?:always|usually|normally|often) (?:do|did|'
     r'does)(?: it)?\b', 'I do not know "{}"; say only the step'),
    # the robot itself switched off: "switch off the robot", "the robot is switched off"
    (r'\b(?:switch|turn|shut|power)(?:ed)?(?: off| down)? (?:the robot|yourself|the arm|your '
     r'arm|the gripper|your gripper)\b|\b(?:the robot|the arm|the gripper) (?:is|be|gets?) '
     r'(?:switched|turned|powered|shut) (?:off|down)\b',
     '"{}": I only switch the lamp and the LED; to stop me, use the stop command'),
    # a speed: "at half speed", "at 50% speed", "at 2 cm/s"
    (r'\bat (?:(?:half|double|quarter|minimum|min|\d+ ?%%|\d+ percent|%s percent|a speed of)'
     r'(?: the)? speed|a speed of [^,;.]+)\b|\bat \d+(?:\.\d+)? ?(?:mm|cm|m|in)/s\b'
     % NUMBER_WORDS, 'each skill runs at its own pace; I cannot do anything "{}"'),
    # a hand the robot does not have: "with your other hand", "use both hands"
    (r'\b(?:with|using|use|in) (?:your |the |my |its |both |two )?(?:other|left|right|second|'
     r'spare|free|both|two) (?:hands?|arms?|grippers?)\b(?! side\b)|\b(?:both|two) (?:hands|'
     r'arms|grippers)\b', '"{}": I have one arm and one gripper; say the step without it'),
    # a light taken: "get the lamp", "> get lamp"
    (r'\b(?:get|grab|fetch|take|pick up|lift|carry|bring) (?:me )?(?:the |that |this )?(?:yellow '
     r'|green )?(?:lamp|light bulb|bulb|led|light)\b(?!\s*(?:on|off|lit|to|up|down|out|switched|'
     r'turned|bright|dark|switch|button|bulb|\w+ing|red|blue|pink|green|yellow|colou?red|block|'
     r'cube)\b)',
     '"{}": the lights stay where they are; I can only switch the lamp or the LED on or off'),
    # nothing wanted: "The lamp is to be neither activated nor deactivated.", "It is not
    # required that the drawer be closed."
    (r'\bneither\b[^.;!?]*\bnor\b', '"{}": then what should I do? tell me what to do'),
    (r'\b(?:it is|it\'s) not (?:required|necessary|needed|requested|essential|important) (?:that|'
     r'to|for)\b',
     'that says what is not needed; tell me what to do'),
    # the order asked to change, not said: "..., I mean the other order", "swap the order"
    (r'\b(?:the other order|reverse (?:that|the order|it)|swap (?:the order|them|those|the two)|'
     r'switch the order|(?:in )?(?:the )?reverse order)\b',
     '"{}": I do not reorder the steps; say the steps in the order to do them'),
    # two people who want different things: "Jess wants the blue block in the drawer but I
    # want it in the cabinet"
    (r'\b(?:[a-z]+|he|she|they) wants?\b[^.;!?]*\bbut (?:i|we) (?:want|need|would like)\b',
     'two wishes that differ; tell me one thing to do'),
    # a thing named and ruled out: "Open the drawer, but not the drawer."
    (r'\b(drawer|door|cabinet|cupboard|slider|lamp|bulb|led|button|switch)\b[^.;!?]*?\bbut not '
     r'(?:the )?\1\b', '"{}": it names a thing and rules it out; say what to do'),
    # a force that harms: "firmly enough to crack it", "hard enough to dent it"
    (r'\b(?:enough|so hard|so firmly|so tightly) (?:as )?to (?:crack|break|dent|chip|scratch|'
     r'smash|snap|crush|split|damage|bend|deform|squash|mark|hurt)\b',
     "refused: '{}' asks for something destructive or unsafe"),
    # a block held to the lamp: "hold the pink block against the bulb until it gets warm"
    (r'\b(?:hold|press|keep|rest|put|place|set) (?:it|them|the (?:red |blue |pink )?'
     r'(?:block|cube))(?: [a-z]+)? (?:against|onto|on|to|touching|near|next to|up to) the '
     r'(?:hot )?(?:bulb|lamp|light bulb|yellow light)\b|\buntil it (?:gets|is|becomes|feels) '
     r'(?:warm|hot|heated)\b',
     "refused: '{}' asks for something destructive or unsafe"),
    # acting whatever is in the way: "even if the red block is in the way"
    (r'\beven if\b[^,;.]*\b(?:in the way|blocks?|blocking|stuck|jammed|caught|there|inside|in it)'
     r'\b|\bwhatever is in the way\b|\bno matter what\b',
     "refused: '{}' asks for something destructive or unsafe"),
    # holding for a while: "hold it there for half a minute", "keep it up for a while"
    (r'\b(?:hold|keep|leave) (?:it|them|the [a-z ]{2,20}?) (?:up |there |still |raised |lifted |'
     r'in the air )*for (?:half a|a half|a quarter of an?|a|an|one|a few|some|a couple of|a good) '
     r'?(?:minute|second|hour|moment|while|bit|time)s?\b',
     'each skill runs once, at its own pace; I cannot do anything "{}"'),
    # a step done again and again: "keep doing it till I cough"
    (r'\bkeep (?:doing|repeating|going|on doing) (?:it|that|this|so)?\b',
     'each skill runs once; I cannot "{}"; say each step'),
)
# A whole command that tells or asks rather than requests: a pattern the lowered command
# matches whole, and the reason
NOT_REQUESTS = (
    # a question whose answer is yes or no: "The drawer, it is open or not?"
    (r'[^?]*\bor not\s*\?\s*', 'that is a question, not a command; tell me only what to do'),
    # what has been done: "The lamp has been switched off."
    (r'\s*(?:the|my|our|that|this) [a-z -]{2,40}? (?:has|have) (?:already |just |now )?been '
     r'[a-z]+(?: (?:on|off|up|down|in|out))?\b[^,;.!?]*[.!]?\s*',
     'that says what has been done, not what to do; tell me what to do'),
    # a question said with its verb first: "Has the red block been rotated clockwise?" (not
    # "Is it possible to ...?")
    (r'\s*(?:shall|should|has|have|had|is|are|was|were|does|did|do|must|will) (?:the|it|this|'
     r'that|my|our|all|both|any)\b(?!(?: it)? (?:possible|ok|okay|alright|all right|fine|'
     r'feasible)\b)[^?]*\?\s*', 'that is a question, not a command; tell me only what to do'),
    # a habit: "I always push the drawer in gently."
    (r'\s*(?:i|we)\s+(?:always|usually|normally|often|generally|typically|sometimes|never|tend '
     r'to)\s+(?!(?:want|need|like|prefer|would|d)\b)[^.;!?]*[.!]?\s*',
     'that says what you usually do, not what I should do now; tell me what to do'),
    # what does not matter: "whether the drawer is open or not doesn't matter today"
    (r'.*\b(?:whether|if)\b[^.;!?]*\bor not\b[^.;!?]*\b(?:doesn\'?t|does not|won\'?t|will not) '
     r'matter\b.*', 'that says what does not matter, not what to do; tell me what to do'),
)


def _check_request(raw, low):
    """Refuse what a request asks that no skill does, or a command that asks nothing."""
    # a light "done" with no state said anywhere: "now do the lamp" (on or off?)
    done = rx.search(r'\bdo (?:the )?(?:lamp|light|lights|bulb|light bulb|led)\b', low)
    if done and not rx.search(r'\b(?:on|off|up|down|dark|bright|lit|out)\b', low):
        raise Refusal('"%s": on or off? say which' % done.group(0))
    # beyond a fixture's end, or a block let go of over the edge (not "... into the drawer")
    # or from high up
    beyond = rx.search(r'\b(?:past|beyond|further than) (?:where it stops|its (?:stop|end|'
                       r'limit)s?|the (?:stop|end|limit)s?|where it can go)\b|\bfrom as high as\b|'
                       r'\bas high as (?:you|it) can\b', low)
    if not beyond and not rx.search(r'\bdrawer\b', low):
        beyond = rx.search(r'\bover the (?:edge|side)\b', low)
    if beyond:
        raise Refusal("refused: '%s' asks for something destructive or unsafe" % beyond.group(0))
    # what I can do, or how: "can you reach the pink block?", "describe how you'd open ..."
    able = rx.fullmatch(r'\s*(?:can|could) you (?:reach|get to|find|spot) (?:the |that |this |'
                        r'it\b)(?:(?! and )[^?,])*\?\s*', raw.lower())
    if (able and not rx.search(r'\bplease\b', raw.lower())) or rx.search(
            r'\b(?:describe|explain|tell me|show me) how\b', low):
        raise Refusal('that asks what I can do or how, not what to do; tell me what to do')
    each = rx.search(r'\beach (?:one|of them)\b', low)
    if each and not rx.search(r'\b(?:blocks|cubes|both|all|them|lamp|led|lights?|bulb|drawer|'
                              r'door|%s)\b' % '|'.join(lx.COLOUR_WORDS), low[:each.start()]):
        # "put each one in the drawer as you go": which ones?
        raise Refusal('"%s": which blocks? name each one' % each.group(0))
    for pattern, reason in REQUEST_LIMITS:
        limit = rx.search(pattern, low)
        if limit:
            raise Refusal(reason.format(limit.group(0).strip()))
    for pattern, reason in NOT_REQUESTS:
        if rx.fullmatch(pattern, raw.lower()):
            raise Refusal(reason)


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
                     r'cube|brick|one)\b' % any_of(lx.COLOUR_WORDS), low)
    if twin:
        raise Refusal('there is only one %s block here; there is no "%s"' % (
            twin.group(1), twin.group(0)))
    # several blocks of one colour: "both pink blocks", "each of the two red blocks"
    twins = rx.search(r'\b(?:both|two|three|all|each of the two|all three) (?:of )?(?:the )?(%s) '
                      r'(?:blocks|cubes|bricks|ones)\b' % any_of(lx.COLOUR_WORDS), low)
    if twins:
        raise Refusal('there is only one %s block here; there are no "%s"' % (
            twins.group(1), twins.group(0)))
    # some of a group, not said which: "one of the blocks", "either light", "the rest"
    # (a block stacked "on one of the other blocks" needs no colour for it)
    some = rx.search(r'\b(?:(?<!\bon )(?<!\bonto )(?<!\batop )(?<!\btop of )(?<!\bover )'
                     r'(?<!\bred )(?<!\bblue )(?<!\bpink )(?<!\bout of )(?<!\bfrom )(?:one|two|'
                     r'some|several|a few|a couple|'
                     r'any|either|neither) of (?!this\b|that\b|these\b|those\b|the other\b)'
                     r'(?:the |them\b|those\b|these\b)\s*(?:lights|lamps|blocks|cubes|bricks|'
                     r'ones)?|'
                     r'(?<!\bthe )(?:either|any|some|several|a few|a couple of) (?:lights?|lamps?|'
                     r'blocks?|cubes?|bricks?)|the rest\b(?! of\b)|(?:stack|put|place|move|push|'
                     r'take|lift|rotate|turn|pick up) them all)\b', low)
    if some and rx.match(r'\s*(?:lights|lamps|blocks|cubes|bricks|ones)?\s+(?:is|are)\b',
                         low[some.end():]):
        some = None         # "two of the blocks are stacked": how things are
    if some and not rx.search(r'\b(?:push|sweep|slide|shove|nudge|knock)\w*\b[^.;]*\b(?:into|'
                              r'lands in|drops in)\b', low):
        raise Refusal('"%s": which? say each thing by name' % some.group(0).strip())
    # a colour the thing does not have: "the pink drawer", "the yellow LED", "the green bulb"
    tinted = rx.search(r'\b(%s) (?:coloured |colored )?(drawer|cabinet|cupboard|slider|sliding '
                       r'door|door|handle|switch|lever|button|led|diode|light ?bulb|bulb|lamp)\b'
                       % any_of(lx.COLOUR_WORDS + lx.OTHER_COLOURS), low)
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
                             % any_of(lx.COLOUR_WORDS), low):
        rest = low[:ruled.start()] + ' ' + low[ruled.end():]
        named = {c for c, words in lx.COLOURS.items() if has(rest, words)}
        if named == {c for c, words in lx.COLOURS.items() if ruled.group(1) in words}:
            raise Refusal('the command names the %s block and rules it out; say which block'
                          % ruled.group(1))
    # a block on itself: "stack the red block on the red block"
    itself = rx.search(r'\b(?:the )?(%s) (?:block|cube|brick|one) (?:on|onto|on top of) '
                       r'(?:the )?\1 (?:block|cube|brick|one)\b' % any_of(lx.COLOUR_WORDS), low)
    if itself:
        raise Refusal('"%s": a block cannot go on itself; say which block goes on which'
                      % itself.group(0))
    # one block from or into two places, or to where it is: "out of both", "from the cabinet to
    # the cabinet"
    places = rx.search(r'\b(?:out of|from|into|in|inside) both\b|\b(?:from|out of) the (drawer|'
                       r'cabinet|cupboard|slider) (?:and )?(?:to|into|in|back into) the \1\b', low)
    if places:
        raise Refusal('"%s": say one place to take it from and one to put it in' %
                      places.group(0))
    # something not named: "put something in the drawer"
    thing = rx.search(r'\b(?:put|place|drop|set|stack|push|sweep|store|move) (?:something|'
                      r'anything|stuff|things) (?:in|into|inside|on|onto)\b', low)
    if thing:
        raise Refusal('"%s": which block? name it by its colour' % thing.group(0))
    # a choice left open: "open or close the drawer", "the LED or the light bulb"
    choice = choice_between(rx.sub(r'\bor (?:maybe|perhaps|possibly)\b', 'or', low))
    if choice:
        raise Refusal('"%s" leaves the choice to me; say which one' % choice)
    # a new colour: "turn it purple", "paint the red block blue"
    paint = rx.search(r'\b(?:turn|make|paint|dye|colou?r|change) (?:it|them|the (?:[a-z]+ ){0,2}?'
                      r'(?:block|cube|brick|lamp|light|bulb|lightbulb|led|drawer|door|switch|'
                      r'button)) (?:to |into )?(?:be )?(%s)\b' % any_of(
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


# Where a block cannot go: on top of a fixture ("on top of the sliding cabinet's roof"), into or
# onto a light, or moved over a light or the button ("push it left and then into the lamp",
# "stack the blue block over the lamp"). A block goes into the drawer or the cabinet, or onto
# another block.
NOT_A_PLACE = rx.compile(
    r'\b(?:on ?(?:to)? (?:the )?(?:top|roof|lid|surface) of|onto|on top of|atop) '
    r'(?:the |a )?(?:sliding |slide )?(?:cabinet|cupboard|slider|shelf unit|drawer|door)\b'
    r'(?! (?:handle|knob|grip|pull|(?:s )?shelf))|'
    r'\b(?:cabinet|cupboard|slider|drawer) s (?:roof|top|lid)\b|'
    r'\b(?:on top of|atop|on ?to the top of) (?:the )?(?:lamp|light bulb|lightbulb|bulb|led|'
    r'button|switch)\b|'
    r'(?<!gripper )(?<!hand )(?<!fingers )\b(?:into|in to|onto|on to) (?:the |a )?'
    r'(?:yellow |green )?(?:lamp|light bulb|lightbulb|bulb|led|lights?)\b|'
    r'\b(?:stack|put|place|set|drop|lay|push|slide|sweep|move) (?:it|them|the (?:[a-z]+ )?'
    r'(?:block|cube|brick|one))(?: [a-z]+){0,3}? (?:into|in to|onto|on to|over|above|'
    r'on top of) (?:the |a )?(?:yellow |green )?(?:lamp|light bulb|lightbulb|bulb|led|button|'
    r'switch|light)\b|'
    r'\b(?:block|cube|brick) (?:that is |which is |sitting |lying )?(?:inside|in|from|out of|'
    r'under) (?:the )?(?:lamp|light bulb|lightbulb|bulb|led|button|switch)\b')


def _check_not_a_place(low):
    place = NOT_A_PLACE.search(low)
    if place:
        raise Refusal('a block can go into the drawer or the cabinet or onto another block, not '
                      '"%s"' % place.group(0).strip())


def _lights_of(text):
    """Return which lights a text names, the LED by its button, the lamp by its switch."""
    return ({'led'} if LED_NAME.search(text) else set()) | (
        {'lamp'} if rx.search(r'\b(?:lamp|bulb|lightbulb|yellow|the (?:light |wall )?(?:switch|'
                              r'lever))\b', text) else set())


# the speaker is not sure what to ask: "open the drawer, no wait, maybe the cabinet, i dont
# know", "i'm not sure whether to open the drawer or the cabinet" (not "not sure if i closed the
# drawer, close it"), "close the drawer - no, open it - no, close... hmm"
UNSURE = rx.compile(r'\bnot sure what i want\b|\bi guess\s*[.!?]*\s*$|'
                    r'[.,;-]\s*hmm+\s*[.!?]*\s*$|\bor (?:was|is|should) it\b[^.;!]*\?\s*$|'
                    r'\bdo we (?:even |actually |really )?have\b[^.;!]*\?\s*$|'
                    r'\bwhatever,? you (?:choose|decide|pick)\b|'
                    r'(?:\bi (?:do not|don\'t|dont|really don\'t|really dont) know|'
                    r'\b(?:i(?:\'m| am|m) )?not (?:sure|certain)|\bi can(?:not|\'t|t) '
                    r'decide)\s*[.!?]*\s*$|^\s*(?:i(?:\'m| am|m) )?not sure (?:whether|which|'
                    r'what|if i should|if you should)\b|\b(?:not sure|no idea) what (?:to do|'
                    r'(?:we|i|you) (?:should|ought to|could|can|need to) do)\b')


def check_sure(raw: str):
    """Refuse a command whose speaker says they are not sure (before small talk is dropped)."""
    unsure = UNSURE.search(raw.lower())
    if unsure:
        raise Refusal('the command says "%s"; tell me the steps when you are sure' %
                      unsure.group(0))


# a thing said alone, with only "please": "The light, please." (on or off?)
_THING_PLEASE = (r'\s*(?:the )?(?:(?:green |yellow |little |small )?(?:light|lamp|bulb|light bulb|'
                 r'led)|drawer|(?:sliding |cabinet )?door|slider|cabinet|button|switch)\s*,?\s*'
                 r'please\s*[.!]*\s*')


def check_typed(raw: str):
    """Refuse what only the command as typed shows.

    A part to play ("you are now my cat, ..."), a thing alone ("The light, please."), code, a
    clock time, a blank step of a list, or what someone did ("drawer opened by tech").
    """
    low = raw.lower()
    unstamped = rx.sub(r'\[[^\]]*\]', ' ', low)
    role = rx.search(r'\byou(?:\'re| are) now (?:my|a|an|the)\b', low)
    if role:
        raise Refusal('I do not play a part or imagine; give me the command alone ("%s")'
                      % role.group(0))
    if rx.fullmatch(_THING_PLEASE, low):
        raise Refusal('what should I do with it? say the step, for example "turn on the lamp"')
    # a request taken back as a joke: "turn on the lamp lol jk dont" ("Knock knock! Just
    # kidding. Press the button ..." takes back the joke, said before the request)
    joke = rx.search(r'\b(?:jk|j/k|just kidding|only kidding|just joking|only joking|kidding)\b',
                     unstamped)
    if joke and rx.search(r'\b%s\b' % any_of(OBJECT_WORDS), unstamped[:joke.start()]):
        raise Refusal('"%s" takes the request back; say what to do' % joke.group(0))
    # a loop typed as code: "for i in range(5): open_drawer()"
    loop = rx.search(r'\bfor \w+ in (?:range|\[)|\bwhile (?:true|1)\b|\brange\s*\(', low)
    if loop:
        raise Refusal('I take plain commands only: no code, shell, links or markup ("%s")'
                      % loop.group(0))
    # a clock time, not a log's stamp: "[15:30] at 15:45 close drwr"
    when = rx.search(r'\b(?:at|by|before|after|until|till|from) \d{1,2}[:.]\d\d\b', unstamped)
    if when:
        raise Refusal('I act at once, on what I can see; I cannot wait for "%s"' % when.group(0))
    # a step of a list that says nothing: "1) open drwr 2) ??? 3) close drwr"
    blank = rx.search(r'(?:^|\s)\d+[.)]\s*[?.!-]*\s*(?=\d+[.)]\s)|\?{2,}', raw)
    if blank:
        raise Refusal('a step of the command is unclear ("%s"); say every step' %
                      blank.group(0).strip())
    # what someone did, said alone: "[14:02] drawer opened by tech"
    done = rx.fullmatch(r'[\s.]*(?:the |a )?[a-z ]{0,30}?(?:(?:was|were|is|got) )?(?:opened|'
                        r'closed|shut|moved|pushed|pulled|switched (?:on|off)|turned (?:on|off)|'
                        r'lifted|placed|stacked|rotated|slid) by (?:the |a )?[a-z]+\s*[.!]*\s*',
                        unstamped)
    if done:
        raise Refusal('"%s" says what was done, not what to do; tell me what to do' %
                      done.group(0).strip(' .'))


# words of harm in names of harmless things: "a crash course", "the fire drill", "the photo
# shoot", "a killer demo", "Shoot, I forgot the lights"
_HARMLESS = rx.compile(r'\b(?:crash course|fire (?:drill|alarm|exit|door|marshal|warden|'
                       r'extinguisher|safety|inspection)|photo ?shoot|video shoot|killer (?:demo|'
                       r'app|feature|idea))\b|^\s*shoot(?=\s+i\b)')


def harmless_names(low: str) -> str:
    """Return lower-case text with harmless names that hold a word of harm said as "event"."""
    return _HARMLESS.sub(' event ', low)


def check_command(raw: str):
    """Refuse empty, oversized or unsafe commands before reading them."""
    if raw is None or not raw.strip():
        raise Refusal('the command is empty')
    if len(raw) > MAX_CHARS:
        raise Refusal('the command is too long (%d characters; the limit is %d)' % (
            len(raw), MAX_CHARS))
    low = ' %s ' % rx.sub(r'[^a-z\- ]+', ' ', raw.lower())
    low = harmless_names(low)
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
    # a terse query: "drawer ok?", "status?", "lamp?" (no verb, nothing asked of me)
    if raw.strip().endswith('?') and len(low.split()) <= 4 and not rx.search(
            r'\b(?:%s|you|please|can|could|would|will)\b' % verb_words(), low):
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
                 r'would|can|will|might)\b)|\bdo you know\b|\b(?:check|find out|see|look|'
                 r'confirm|verify|report|determine|ascertain|establish|inspect) (?:whether|if)\b|'
                 r'^\s*(?:check|control|verify|confirm) (?:that )?(?:the|all|both) [a-z ]{2,30}? '
                 r'(?:is|are) (?:open|closed|shut|on|off|in|on the)\b', low):
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
    timed = rx.search(r'\b(?:for|during|throughout|over(?: the course of)?) (?:exactly |precisely '
                      r'|about |at least |only |just )?'
                      r'(?:\d+|%s|an?) '
                      r'(?:full |whole |entire )?(?:seconds?|minutes?|hours?|days?)\b'
                      r'(?! (?:block|cube|brick|one|stack|tower|pile|time)\b)' % NUMBER_WORDS,
                      counted) or rx.search(r'\b\d+ ?(?:s|secs?|ms|mins?|hrs?|h)\b', counted) or \
        rx.search(r'\b(?:leave|keep|stay|remain|run|hold|burn)s?\b[^,;.]{0,25}?\b(?:overnight|all '
                  r'(?:night|day|weekend)|over the weekend|for the (?:night|day|weekend))\b', low)
    # an angle said without its unit: "rotate blue left, 180", "spin it 45"
    angle = angle or rx.search(r'\b(?:rotate|rotation|turn|twist|spin)\b[^.;]*?(?<![\d.,])\b(?:15|'
                               r'30|45|120|135|180|270|360|720)\b(?![.,]\d)(?! ?(?:%|percent|cm|'
                               r'mm|m|inch|inches|times?|x|seconds?|s)\b)', raw.lower())
    if angle or exact:
        raise Refusal('my skills move things by their own fixed amounts; I cannot do "%s"'
                      % (angle or exact).group(0).strip())
    if timed:
        raise Refusal('each skill runs once, at its own pace; I cannot do anything "%s"'
                      % timed.group(0))
    _check_request(raw, low)
    # "exactly one block width", "precisely two centimetres"
    exactly = rx.search(r'\b(?:by |for )?(?:exactly|precisely) (?:%s|a|an|half|\d+)\b(?! times?\b)'
                        r'(?:[^,;.]|\.\d)*' % NUMBER_WORDS, raw.lower())
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
                             any_of(lx.COLOUR_WORDS + lx.OTHER_COLOURS),
                             any_of(lx.BLOCK_NOUNS + ('bulb', 'lightbulb', 'light', 'lamp', 'led',
                                                      'diode', 'button', 'one'))), low) or (
        # "...so it glows purple", "the bulb's colour": the lights' own colours may glow
        rx.search(r'\b(?:lamp|light|bulb|lightbulb|led|diode)s?\b', low) and rx.search(
            r'\b(?:colou?r|hue|tint|warm white|cool white)\b|\b(?:glows?|glowing|shines?|shining)'
            r' (?:in )?(?:a )?(?:bright |deep |soft )?%s\b' % any_of(
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
    # "open drawer 2", "block #3": one drawer, one cabinet, and blocks told apart by colour
    numbered = rx.search(r'\b(?:drawers?|cabinets?|cupboards?|sliders?|doors?|lamps?|leds?|'
                         r'buttons?|switch(?:es)?|blocks?|cubes?|blks?|drwrs?) (?:#|no\.? |'
                         r'number )?\d+\b'
                         r'(?=\s*(?:$|[,;!?]|[.)]\s*$|(?:and|then)\b))', raw.lower())
    if numbered:
        raise Refusal('"%s": the desk has one drawer, one cabinet and one of each light; the '
                      'blocks are told apart by colour' % numbered.group(0))
    lasting = rx.search(r'\b(?:permanently|indefinitely|forever|for good|in a loop|loop(?:ed|'
                        r'ing)?|while true|(?:three|four|five|six|'
                        r'seven|eight|nine|ten|eleven|twelve|a dozen|dozen|several|many|'
                        r'multiple|a few|\d+) times)\b', counted) or rx.search(
        r'(?<![\\\w])x ?\d+\b|\b\d+ ?x\b', raw.lower())     # "rot red cw x3", "push it 3x"
    if lasting:
        raise Refusal('each skill is one move, done once; I cannot do "%s": say each step' %
                      lasting.group(0))
    detach = rx.search(r'\b(?:take|pull|pry|remove|rip|yank|lift|tear|wrench)\b(?: \w+){0,3}? '
                       r'(?:drawer|switch|button|lever|bulb|lightbulb|led|lamp|door|handle)s?\b'
                       r'(?: \w+)? (?:out of the (?:desk|table|cabinet)(?: \w+)? (?:entirely|'
                       r'completely|altogether)|off (?:the|its) (?:desk|table|wall|rails?|hinges?|'
                       r'mount)|out of its (?:rails?|socket|slot|mount))\b', low)
    # "pull the drawer out all the way and take it off the desk": "it" is the drawer
    off = rx.search(r'\b(?:take|pull|pry|remove|rip|yank|lift|tear|wrench) (?:it|that) (?:off|'
                    r'out of|away from|clean off) (?:the|its) (?:desk|table|rails?|runners?|'
                    r'frame)\b', low)
    named = off and rx.findall(r'\b(?:drawer|block|cube|brick|red|blue|pink|button|switch|led|'
                               r'lamp|bulb|door|slider)\b', low[:off.start()])
    detach = detach or (off if named and named[-1] == 'drawer' and not set(named) & {
        'block', 'cube', 'brick', 'red', 'blue', 'pink'} else None)
    # "pull the button out", "pull the drawer out completely from the desk"
    detach = detach or rx.search(
        r'\b(?:pull|yank|pry|prise|prize|take|tear|rip) (?:out )?(?:the )?(?:button|switch|lever|'
        r'led|bulb|lightbulb|lamp|handle)s? out\b|\b(?:pull|yank|pry|rip|tear) out the (?:button|'
        r'switch|lever|led|bulb|lightbulb|lamp|handle)\b|\b(?:pull|take|yank|remove|drag) '
        r'(?:the )?drawer (?:all the way )?out (?:completely|entirely|fully) (?:from|of) the '
        r'(?:desk|table)\b', low)
    if detach:
        raise Refusal("refused: '%s' would take the desk apart" % detach.group(0).strip())
    # the cabinet's door is its one door (its "front door"): "shut the back door" names another
    one = rx.search(r'\b(?:back|rear|side)\s+(door)s?\b', low)
    one = one or rx.search(r'\b(?:second|third|other|another|top|bottom|upper|lower|middle)\s+'
                           r'(drawer|cabinet|cupboard|sliding door|door|button|switch|lamp|'
                           r'light bulb|bulb|led|slider|shelf|lever|desk|table|workbench|bench|'
                           r'robot|arm)s?\b', low)
    if one:
        raise Refusal('there is only one %s here' % one.group(1))
    lights = rx.search(r'\b(?:all )?(?:three|four|five|3|4|5) (?:of the )?(?:lights|lamps|leds|'
                       r'bulbs|light bulbs|lightbulbs)\b', low)
    if lights:
        raise Refusal('there are two lights here, the lamp and the LED, not "%s"'
                      % lights.group(0))
    _check_things(low)
    _check_not_a_place(low)
    held = rx.search(r'\b(?:hold|keep|hover) (?:it|them|the (?:[a-z]+ )?(?:block|cube|brick|'
                     r'one)) (?:over|above|under|below|next to|near|beside)\b', low)
    if held:
        raise Refusal('holding a block somewhere is not one of my skills: "%s"' %
                      held.group(0).strip())
    back = rx.search(r'\b(?:step|stand|walk) (?:back|away)\b', low)
    if back:
        raise Refusal('the arm stays at the desk; "%s" is not one of my skills' %
                      back.group(0).strip())
    # a remark about the scene, with no order in it: "the pink block looks nice today"
    remark = rx.match(r'\s*(?:the|this|that|my|our|your) [a-z ]{2,30}? (?:looks|seems|is|are|was|'
                      r'were|feels|appears) (?:really |very |so |quite |pretty |rather )?(?:nice|'
                      r'good|great|fine|lovely|pretty|beautiful|bad|ugly|odd|weird|strange|cool|'
                      r'clean|dirty|shiny|dull|cute|boring|interesting)\b', low)
    if remark and not rx.search(r'\b(?:please|%s)\b' % any_of(action_verbs()), low[remark.end():]):
        raise Refusal('"%s" describes the scene; tell me what to do' % raw.strip())
    # a state alone asks for nothing: "the red block is on the table", "the drawer is open"
    state = rx.fullmatch(r'\s*(?:there (?:is|are) (?:a |an |the )?(?:%s )?(?:block|cube|brick)|'
                         r'(?:a |an |the )?(?:%s )?(?:block|cube|brick) (?:is|sits|lies|rests|'
                         r'stands)(?: still| currently| now)?(?: sitting| lying| resting| '
                         r'standing)?) (?:on|in|inside|at|upon) (?:the |its )?'
                         r'(?:[a-z]+ ){0,2}?(?:table|desk|tabletop|drawer|cabinet|slider|shelf|'
                         r'spot|place)(?: (?:right )?now| still| already)?\s*' % (
                             (any_of(lx.COLOUR_WORDS),) * 2), low)
    if state:
        raise Refusal('"%s" says how things are; tell me what to do' % raw.strip())
    # closing on something in the way: "close the drawer while the blue block is sticking out"
    in_way = rx.search(r'\b(?:while|with|when|though|although|even though|even if)\b[^.;]*?'
                       r'\b(?:sticking|hanging|poking|jutting|stuck)(?: half| halfway| partly| '
                       r'partway)? out\b', low)
    if in_way:
        raise Refusal('refused: "%s": moving onto something in the way could break it; clear it '
                      'first' % in_way.group(0).strip())
    # how things were: "in the end, the drawer was open all the time"
    was = rx.fullmatch(r'\s*(?:(?:in|at) the end|finally|eventually|by then|before|earlier|'
                       r'yesterday)?\s*(?:the )?(?:[a-z]+ )?(?:drawer|door|slider|cabinet|'
                       r'cupboard|lamp|light|bulb|lightbulb|led|block|cube)s? (?:was|were|had '
                       r'been|has been|have been) (?:still |already )?(?:open|opened|closed|shut|'
                       r'on|off|lit|dark|there|left|right)(?: (?:all the time|the whole time|'
                       r'already|before|all along|anyway))?\s*', low)
    if was:
        raise Refusal('"%s" says how things were; tell me what to do' % raw.strip())
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
                       r'slide|push|shove|nudge)\s+(?P<what>it|them|the (?:[a-z-]+ ){0,3}?(?:'
                       r'block|cube|brick|one|object|stack|tower|pile))\s+(?:down\s+)?(?:behind'
                       r'(?! the slid(?:e|ing) (?:door|panel)\b)|beneath|underneath|under|below|'
                       r'beside|next to|in front of|alongside|near|close to|to the (?:left|'
                       r'right) of)\s+(?:the |a |another )?(?:[a-z-]+ )?(?:drawer|cabinet|slider|'
                       r'cupboard|shelf|lamp|bulb|lightbulb|switch|button|led|desk|table|block|'
                       r'cube|one|door|stuff|things|objects|others|rest)\b', low)
    if beside and has(' %s ' % beside.group('what'), lx.COLOUR_WORDS) and rx.match(
            r'\s+(?:to the |towards the |over to the )?(?:left|right|clockwise|counter|anti)\b',
            low[beside.end():]):
        beside = None       # "push the red block beside the cabinet to the left": which one
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
                     r'hypothetically|what if|what would happen|you(?: re| are) now (?:a|an|my)|'
                     r'act as (?:a|an|if)|role ?play)\b', low)
    if role:
        raise Refusal('I do not play a part or imagine; give me the command alone ("%s")'
                      % role.group(0).strip())
    # code, shell, links or markup, and attempts to change the rules
    code = rx.search(r'`|\$\(|\b(?:rm -rf|sudo|shutdown|reboot|curl|wget|bash|os\.system|'
                     r'__import__|eval|exec(?!\s*:?\s+(?:%s|%s)\b)|subprocess|chmod|mkfs|'
                     r'drop table|select \* from)\b|'
                     r'https?://|<\s*/?\s*[a-z]+[^>]*>|[;&|]\s*(?:rm|sh|ls|cat|kill|python3?|nc|'
                     r'netcat|bash|sudo)\b' % ('|'.join(TASKS), verb_words()), raw.lower())
    if code:
        raise Refusal('I take plain commands only: no code, shell, links or markup ("%s")'
                      % code.group(0).strip())
    override = rx.search(r'\b(?:ignore|forget|disregard|override|bypass) (?:all |any |the |your |'
                         r'my )?(?:(?:previous|prior|above|earlier|other|safety|own) )?'
                         r'(?:instructions|rules|commands|orders|limits|checks)\b|'
                         r'\bdeveloper mode\b|'
                         r'^\s*(?:system|admin|root)\s*:|\bsafety (?:is )?(?:off|disabled)\b|'
                         r'\bjailbreak\b|\bnew rules?\b', raw.lower())
    if override:
        raise Refusal('refused: "%s": commands cannot change my rules' % override.group(0))
    # the block under another: "lift the bottom block of the stack" (only the top one comes off)
    under = rx.search(r'\b(?:lift|pick up|pick|take|grab|remove|pull out|get|raise|grasp) (?:up )?'
                      r'the (?:bottom|lower|lowest) (?:block|cube|brick|one)\b', raw.lower())
    if under:
        raise Refusal('"%s": I can only take the top block off a stack; to lift a block, say its '
                      'colour' % under.group(0))
    check_sure(raw)
    # waiting for something to happen, or for a time: "as soon as the green light goes out by
    # itself, close the drawer", "keep it open until lunch is over", "in five minutes", "after
    # lunch"
    wait = rx.search(r'\bwhen the clock (?:hits|strikes|says|shows|reads|gets to)\b|'
                     r'\b(?:goes|turns|comes|switches|opens|closes|lights|goes) (?:on |off |out '
                     r'|up |open |shut )?(?:by itself|on its own|of its own accord)\b|'
                     r'\buntil (?:lunch|noon|'
                     r'tomorrow|later|tonight|morning|evening|the end|[a-z]+ is over|i (?:say|'
                     r'tell|come|get|return))\b|\b(?:in|after|for) (?:one |two |three |five |ten '
                     r'|\d+ |a few |a couple of )(?:minutes?|seconds?|hours?)\b|\bat (?:noon|'
                     r'midnight|\d{1,2}(?: \d\d)?(?: ?[ap]m)?)\b|\b(?:after|during|at) (?:lunch|'
                     r'lunchtime|breakfast|dinner|supper)\b|\b(?:after|during) (?:the (?:meeting|'
                     r'break|lecture|class)|class|work|school)\b|\b(?:when|once|as soon as|after|'
                     r'the (?:moment|second|minute|instant)) '
                     r'(?:i (?:tell you|give|come|get|return|leave|walk)|(?:someone|somebody|he|'
                     r'she|'
                     r'they|nobody|everyone) (?:says|tells|comes|leaves|gives|returns|gets|is|'
                     r'are))\b', low)
    # ... said in digits or any number: "in 5 minutes open the drawer", "wait 30 seconds"
    wait = wait or rx.search(r'\b(?:at |by |until |till )?(?:\d{1,2}|%s)(?: \d\d)? ?(?:o ?clock|'
                             r'[ap] ?m)\b|\b(?:half|quarter|twenty|ten) (?:past|to) '
                             r'(?:\d{1,2}|%s)\b' % (NUMBER_WORDS, NUMBER_WORDS), counted)
    # a bare hour: "turn the lamp off at six", "open the drawer at 6."
    wait = wait or rx.search(r'\bat (?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|'
                             r'eleven|twelve)(?:[:.]\d\d)?(?= sharp\b| today\b| tonight\b| '
                             r'tomorrow\b| in the (?:morning|afternoon|evening)\b|\s*(?:[.,;!?]|'
                             r'$|and\b|then\b))', raw.lower())
    wait = wait or rx.search(r'\b(?:in|within|after|wait(?: for)?) (?:another |a further |about |'
                             r'exactly )?(?:\d+|%s|an?|a couple of) (?:more )?(?:seconds?|'
                             r'minutes?|hours?|days?)\b' % NUMBER_WORDS, counted)
    # "will you turn the lamp on later?"
    wait = wait or rx.search(r'\blater(?: on| today| tonight)?(?=\s*\?)', raw.lower())
    # a light that changes of itself: "when the lamp goes off, ...", "once the LED turns on";
    # said in the passive it is a step ("once the LED is switched off, ..."), and so is the
    # effect of a step said before it ("press the button until the LED comes on", "flip the
    # switch down and when the bulb goes out, ...")
    event = LIGHT_EVENT.search(raw.lower())
    before = raw.lower()[:event.start()] if event else ''
    if event and not rx.search(r'\b(?:(?:de)?press|flip|switch|turn|toggle|click|tap|hit)\b|'
                               r'\b(?:push|put)\b[^.;]*\b(?:button|switch|lever|light|lamp|bulb|'
                               r'led)s?\b', before):
        wait = wait or event
    elif event:
        said, changes = _lights_of(before), _lights_of(event.group(0))
        if said and changes and not said & changes:
            wait = wait or event    # "turn off the led when the lamp goes off"
    # waiting for what the operator or someone else does: "after I close the drawer, ..."
    wait = wait or rx.search(r'\b(?:as soon as|when|once|after|before) (?:i|we|someone|'
                             r'somebody|he|she|they)(?: (?:have|ve|ll|will|am|m))? (?:close|open|'
                             r'shut|turn|switch|press|move|slide|put|take|push|pull|finish|'
                             r'done|leave|come|get|return|nod|clap|signal)\w*\b',
                             low)
    # an event or a time that is not now: "as soon as the soldering station beeps", "every
    # time I clap", "when it gets dark outside", "tomorrow you'll push ..."
    wait = wait or rx.search(r'\b(?:as soon as|when|once|after|the moment) (?:the|my|our|a|'
                             r'your) [a-z -]{2,30}? (?:beeps?|rings?|buzz(?:es)?|goes off|'
                             r'is ready|arrives?|comes (?:in|back))'
                             r'\b|\b(?:every time|each time) (?:i|you|we|someone|the|it|he|she|'
                             r'they)\b|\bwhen (?:it|the room|it s) (?:gets|getting|turns) (?:dark|'
                             r'light|late|bright|cold|warm)\b|'
                             r'\b(?:tomorrow|tonight|later today|this evening|next week|in an '
                             r'hour)\b', low)
    # "..., then you wait for the lamp to go off by itself"
    wait = wait or rx.search(r'\b(?:you |we |i )?(?:wait|waits|waiting) (?:for|until|till)\b'
                             r'[^,;.]*', low)
    if wait:
        raise Refusal('I act at once, on what I can see; I cannot wait for "%s"'
                      % wait.group(0).strip())
    # what was done before: "as far as you did last time", "undo that", "like yesterday"
    memory = rx.search(r'\blast time\b|\bas (?:far|much) as (?:you did|before)\b|\bmore than '
                       r'(?:before|yesterday)\b|\b(?:like|same as|as) (?:yesterday|before)\b|'
                       r'^\s*(?:please |now |ok |okay )?(?:undo|reverse|revert) (?:that|it|this|'
                       r'everything|what you (?:just )?did|the last [a-z]+)\b(?! by)|\bundo '
                       r'(?:everything|what you did)\b|^\s*undo\s*$|\bthe last thing\b|\bthe '
                       r'same thing again\b', low)
    if memory:
        raise Refusal('I keep no memory of earlier commands; say the step itself ("%s")'
                      % memory.group(0).strip())
    # a block as a tool: "hit the switch with the pink block"
    tool = rx.search(r'\b(?:hit|strike|knock|bang|poke|tap|bump|smack) (?:\w+ )?with (?:it|them)'
                     r'\b|\buse (?:it|them|the (?:\w+ )?(?:block|cube|brick))(?: for)? to '
                     r'(?:press|push|hit|open|close|shut|flip|switch|tap|knock|turn)\b',
                     low) or rx.search(
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
    # a question of what is seen: "can you see the blue block?" (not "..., and push it left?")
    seen = rx.search(r'\b(?:can|could|do|did) you (?:see|spot|notice|detect|perceive|make out)\b'
                     r'([^.!?;]*)\?', raw.lower())
    if seen and not (set(rx.findall(r'[a-z]+', seen.group(1))) & (
            action_verbs() - {'see', 'spot', 'look', 'find', 'locate'})):
        raise Refusal('"%s" asks what I see, not what to do; tell me what to do' %
                      seen.group(0))
    if said:
        raise Refusal('that is a question or what someone said, not a command to me; tell me '
                      'what to do')
    # a condition said with or after the step: "close the drawer, and only if the lamp is on",
    # "..., unless the LED is off", "as long as the drawer is open" (I check no conditions)
    condition = rx.search(r'\b(?:only if|unless|as long as|provided(?: that)?|on condition that)\b'
                          r'[^,;.]*', low)
    if condition:
        raise Refusal('"%s": I do not check conditions; say only the steps' %
                      condition.group(0).strip())
    # "grab the block that's furthest away": which one is not said
    which = rx.search(r'\b%s\b' % any_of(lx.WHICH_ONE), low)
    if which and SWEPT_NEAREST.search(low):
        which = None        # "push the block nearest the drawer into it": the sweep needs none
    if which and not has(low, lx.COLOUR_WORDS):
        raise Refusal('which block is "%s"? say its colour: red, blue or pink' % which.group(0))
    # ... or said only by where it is, for a step that needs its colour ("pick up the block by
    # the button"; "sweep the block at the front into the drawer" needs none)
    where = rx.search(
        r'\b(lift|pick up|pick|grab|take|get|grasp|raise|fetch|rotate|turn|spin|twist|push|slide|'
        r'shove|nudge) (?:up )?(the (?:block|cube|brick|object)(?: that is| which is| that s| '
        r'sitting| lying| resting| located| placed)? (?:(?:next to|near|beside|close to|in front '
        r'of|by|to the (?:left|right) of) the (?:[a-z]+ )?(?:drawer|cabinet|slider|cupboard|lamp|'
        r'bulb|light|led|button|switch|door)|on the (?:far )?(?:left|right)|at the (?:front|back|'
        r'far left|far right)))\b', low)
    if where and where.group(1) in ('push', 'slide', 'shove', 'nudge') and rx.match(
            r'[^,;.]*\b(?:into|in) (?:the drawer|it)\b', low[where.end():]):
        where = None        # swept into the drawer: the skill needs no colour
    if where and not has(low, lx.COLOUR_WORDS):
        raise Refusal('which block is "%s"? say its colour: red, blue or pink' % where.group(2))
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
                      r'nonstop|non-stop|constantly|on and on|endlessly|in a loop|keep (?:on )?'
                      r'(?:pressing|flipping|toggling|clicking|opening|closing|turning|rotating|'
                      r'spinning|switching|twisting|lifting|stacking)|keep (?:on )?(?:pushing|'
                      r'sliding|sweeping|shoving|nudging|moving)(?![^.;,]*\buntil it (?:falls|'
                      r'drops|goes|slides|tips|lands)\b)|'
                      r'(?<!ask )(?<!tell you )(?<!say it )(?<!think )twice|thrice|(?:[a-z]+|\d+)'
                      r'(?: more)? (?:times|iterations|repetitions|cycles|repeats|rounds))\b', low)
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
                      r'breaks?)\b|\bso (?:that )?(?:it|they|the [a-z ]+?) (?:falls?|drops?|'
                      r'tips?|topples?|tumbles?|rolls?) (?:off|over|down|onto|to)\b(?![^,.;]*\b'
                      r'(?:drawer|in|into|inside)\b)|\bso (?:that )?(?:it|they|the [a-z ]+?) '
                      r'(?:goes|slides?|comes) (?:off|over) the (?:edge|desk|table|side)\b'
                      r'(?![^,.;]*\b(?:drawer|in|into|inside)\b)', low)
    if knock:
        raise Refusal("refused: '%s' asks for something destructive or unsafe"
                      % knock.group(0).strip())
    if rx.search(r'\bboth (?:on and off|off and on|(?:lit|on|glowing) and (?:dark|unlit|off|out)|'
                 r'(?:dark|unlit|off|out) and (?:lit|on|glowing))\b', low):
        raise Refusal('the command asks for a light both on and off; say one')
    low = rx.sub(r'\b(?:doesn t|does not|won t|will not|cannot|can t)\s+(?:bang|hit|knock|'
                 r'slam|bump|crash|scrape|fall|drop|tip over|topple|fall over)\b', ' ', low)
    # ("... doesn't bang", "firmly so it doesn't tip over")
    low = rx.sub(r'\b(?:we|i) (?:don t|do not|dont|no longer) need (?:it|them|that|this|the '
                 r'[a-z ]+?)(?: any ?more| now| for now| today)?\s*$', ' ', low)
    # "shut the drawer, but don't slam it": a care, not an order
    low = rx.sub(r'\b(?:don t|do not|dont|never|without) (?:slam|slamming|toss|tossing|throw|'
                 r'throwing|bang|banging|drop|dropping|fling|flinging|smash|smashing|yank|yanking|'
                 r'jerk|jerking)(?: it| them)?\b', ' ', low)
    if rx.search(r'\b(?:lamp|light|bulb|lightbulb|led)s?\b', low):
        low = rx.sub(r'\bkill (?=it\b|them\b)', 'switch off ', low)     # "..., then kill it"
    # the drawer opens toward the operator; "the block closest to me" says which block
    low = rx.sub(r'\b((?:pull|open|draw|slide) (?:out |open )?(?:the )?drawer(?: out| open)?) '
                 r'towards? me\b|\b(?:closest|nearest|close|near|next) to me\b', r'\1', low)
    if rx.search(r'\b%s\b' % any_of(lx.UNSAFE + lx.UNSAFE_FORCE), low):
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
            r'three)(?: of the| the)? (?:blocks|cubes)\b', pair) or rx.search(
            # where all the blocks should end up: "I want the drawer open and all the blocks
            # inside it"
            r'\ball (?:of )?(?:the |three |3 )?(?:blocks|cubes|bricks) (?:in|inside|into|within|'
            r'on top|stacked|in there)\b', pair):
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
    colours = any_of(lx.COLOUR_WORDS)
    things = r'(?:drawer|door|slider|cabinet|cupboard|shelf|lamp|light|bulb|led)'
    listed = OF_LIST.match(raw.lower())
    if listed and ORDINAL_ONE.search(raw.lower(), listed.end()):
        # "of the red block and the blue block, rotate the first one": one block per step
        low = ' %s ' % rx.sub(r'[^a-z\- ]+', ' ', raw.lower()[listed.end():])
    if rx.search(r'\b%s (?:block |cube |one )?and (?:the |a )?%s (?:blocks?|cubes?|ones?)\b' % (
            colours, colours), SAID_OF_EACH.sub('', low)) or rx.search(
            r'\b(?:stack|lift|pick up|pick|grab|put|place|take|get|raise|drop|hold)\s+(?:up\s+)?'
            r'(?:both\s+)?(?:the )?%s(?: block| cube| one)?\s*,?\s*(?:and|&) (?:the )?%s\b' % (
                colours, colours), low):
        raise Refusal('the command names more than one block for one action; name one block '
                      'per step')
    # one verb for a block and a fixture: "push the red block and the drawer left", "turn on
    # the lamp and the red block"
    mixed = rx.search(r'\b(?:the )?%s (?:block|cube|one) and (?:the )?%s\b(?! (?:is|are|was|'
                      r'should|must|stays?|remains?|(?:%s))\b)|\b(?:turn|switch) (?:on|off) '
                      r'(?:the )?%s and (?:the )?%s (?:block|cube|one)\b' % (
                          colours, things, verb_words(), things, colours), low)
    if mixed:
        raise Refusal('"%s": one step names a block and a fixture; say a step for each'
                      % mixed.group(0).strip())
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
    low = rx.sub(r'\b(?:don t dawdle|don t make me ask twice|no dawdling|(?:there s |there is )?'
                 r'no (?:need|reason) to (?:hurry|rush)|(?:you )?(?:don t|do not) (?:need to |'
                 r'have to )?(?:hurry|rush)|no (?:hurry|rush))\b', ' ', low)
    low = rx.sub(r'\b(?:there s|there is) no need to \w+(?: it| them)?(?: up)?\b|\byou don t '
                 r'(?:need|have) to \w+(?: it| them)?(?: up)?\b|\b(?:do not|don t|dont) (?:lift|'
                 r'pick|carry|raise|grab|grasp)(?: (?:it|them|the (?:\w+ )?(?:block|cube)))?'
                 r'(?: up)?\b', ' ', low)     # "don't carry it": planner.NO_LIFT refuses a lift
    # "twist it, don't move it anywhere": planner.NO_MOVE refuses a plan that moves it
    low = rx.sub(r'\b(?:do not|don t|dont) (?:move|shift|slide|push|displace) (?:it|them)(?: '
                 r'anywhere| around| away| along| elsewhere)?\b(?! (?:to the |towards? the )?'
                 r'(?:left|right)(?:wards?)?\b)', ' ', low)
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
                      rx.sub(r'\b(?:without|not|rather than|instead of) \w+(?: \w+)? '
                             r'anywhere\b', ' ',
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
                    r'off (?:of )?(?:the )?(?:table|desk|edge)\b(?![^,.;]*\b(?:in|into|inside) '
                    r'(?:it\b|the (?:open |opened )?drawer))',
                    low)
    if off:
        raise Refusal("refused: '%s' would drop a block off the desk" % off.group(0))
