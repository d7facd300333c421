"""Stage 4 of the parser: one clause -> one `Intent` (skill family and slots).

Which block (colour), which way (direction), which light and what state, and the gripper
motions ("grasp the handle", "let it go") that only approach or release an object.
"""

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.intents import Intent, NO_BLOCK, Refusal
from lam_ros.language.vocab import any_of, block_colour, direction_of, FACING, has


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


def unknown_object(text):
    if not rx.search(r'\b%ss?\b' % any_of(lx.UNKNOWN_OBJECTS), text):
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
    colour, _ = block_colour(c)
    if isinstance(colour, str):
        return Intent('lift', {'block': colour, 'surface': None}, c.strip(), explicit=False)
    if colour is None and not has(c, lx.DRAWER + lx.SLIDER_PLACE + lx.BLOCK_NOUNS):
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
                r'take care not to|be careful not to|'
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
        colour, _ = block_colour(c)
        if isinstance(colour, str):
            return Intent('lift', {'block': colour, 'surface': None}, clause, explicit=False)
        return None
    if rx.match(r'^\s*(?:close|wrap|pinch|clamp|clasp|secure|lock)\b.*\b(?:around|on)\b', c) \
            and has(c, lx.BLOCK_NOUNS + lx.COLOUR_WORDS):
        colour, _ = block_colour(c)
        if not isinstance(colour, list):
            return Intent('lift', {'block': colour, 'surface': None}, clause, explicit=False)
    statement = rx.match(r'^\s*(?:the |a )?[\w ]*?\b(?:block|cube|one|brick)s? (?:is|are|sits|'
                         r'lies|rests|is sitting|is lying|is resting) (?:in|on|inside|at)\b', c)
    if statement:
        # "the cobalt block is in the drawer; ...": where a block is, for what follows
        colour, _ = block_colour(c)
        surface = 'drawer' if has(c, lx.DRAWER) else 'slider' if has(
            c, lx.SLIDER_PLACE) else 'table' if has(c, ('table', 'desk')) else None
        return Intent('lift', {'block': colour if isinstance(colour, str) else None,
                               'surface': surface}, clause, explicit=False)
    unknown = unknown_object(c)
    keep = rx.match(r'^\s*keep(?:ing)?\b.*\b(?:on the (?:table|desk|countertop|tabletop|surface|'
                    r'same spot)|in place|where it is|steady|still|flat|upright|on the spot)\b', c)
    if keep and not unknown:
        # "keep the pink block on the table and push it ...": names the block, no action
        colour, _ = block_colour(c)
        return Intent('lift', {'block': colour, 'surface': None}, clause, explicit=False)
    if unknown:
        raise Refusal('there is no %s here; I can handle the red, blue and pink blocks, the '
                      'drawer, the sliding door, the switch and the button' % unknown)
    colour, mentions_block = block_colour(c)
    container = rx.search(r'\b(?:in|into|inside|onto|in to|on|out of|from|off)\s+'
                          r'(?:the |a |an |your |my )?'
                          r'%s\b' % any_of(lx.ABSENT_PLACES), c)
    if container:
        raise Refusal('there is no %s here; the places are the drawer, the cabinet and the '
                      'table' % container.group(0).split()[-1])
    if isinstance(colour, list) and len(colour) == 2 and rx.search(
            r'\b(?:onto|on top of|atop|upon|on) (?:the |a )?(?:\w+ )?%s\b' % any_of(
                lx.COLOUR_WORDS), c):
        # "put the pink block on the red one": stack the first named on the second
        first = min(colour, key=lambda k: rx.search(r'\b%s\b' % any_of(lx.COLOURS[k]),
                                                    c).start())
        return Intent('stack', {'block': first}, clause)
    if isinstance(colour, list) and len(colour) == 2 and rx.search(
            r'^\s*(?:take|lift|remove|unstack|destack|get|pick|grab|pull)\b.*\b(?:off|from)'
            r'(?: (?:the )?top of)? (?:the |a )?(?:\w+ )?%s(?: block| cube| one| brick)?\s*$' %
            any_of(lx.COLOUR_WORDS), c):
        return Intent('unstack', {}, clause)   # "take the blue block off the red one"
    if isinstance(colour, list):
        raise Refusal('"%s" names more than one block (%s); name one block per step' % (
            clause, ', '.join(colour)))
    # "slide the door left so the right side is open": the purpose is not the direction
    direction = direction_of(rx.sub(r' so (?:that )?(?:the|it|its) .*$', ' ', c) if has(
        c, lx.SLIDER_DOOR + lx.SLIDER_PLACE) else c)
    slots = {'block': colour}
    pronoun = rx.search(r'\b(it|that|this|them|the grasped|the held|the one)\b', c) is not None
    drawer = has(c, lx.DRAWER)
    slider_place = has(c, lx.SLIDER_PLACE)
    door = has(c, lx.SLIDER_DOOR)

    # Lights: the LED (button, green light) or the light bulb (switch, yellow light).
    light = None
    if has(c, lx.LED):
        light = 'led'
    elif has(c, lx.LIGHTBULB) or rx.search(r'\blights?\b', c):
        light = 'lightbulb'
    if light == 'lightbulb' and has(c, ('switch', 'lever', 'toggle')) and rx.search(
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
        pushes = has(c, ('push', 'sweep', 'slide', 'shove', 'nudge', 'drag', 'knock', 'roll',
                         'move'))
        places = (has(c, ('place', 'put', 'store', 'drop', 'set', 'insert', 'deposit', 'stow',
                          'stash', 'lay', 'leave', 'stick', 'load', 'tuck', 'slot')) or (
            has(c, lx.PLACE) and (mentions_block or pronoun))) and not has(
                c, ('pull out', 'take out'))
        if (pushes and (mentions_block or pronoun) and rx.search(
                into + r'(?: the)?(?: open| opened| \w+)? drawer', c)
                and not rx.search(r'\bpush(?:es)? (?:the )?drawer\b', c)):
            return Intent('push_into_drawer', slots, clause)
        lifts = has(c, lx.LIFT) and not rx.search(r'\b(?:open|pull)\b.*\bdrawer\b', c) \
            or (has(c, ('pick', 'lift', 'grab', 'grasp', 'take')) and mentions_block) \
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
        if has(c, lx.CLOSE):
            return Intent('drawer', {'target': 'closed'}, clause)
        if has(c, lx.OPEN):
            return Intent('drawer', {'target': 'open'}, clause)
        if has(c, lx.APPROACH + ('handle',)):
            # approach clause: merged with its neighbour, lending it block and place
            return Intent('lift', dict(slots, surface='drawer'), clause, explicit=False)
    door_move = direction is not None and not mentions_block and (door or slider_place)
    if slider_place and not door_move and not (mentions_block or pronoun) and \
            has(c, lx.APPROACH):
        return Intent('lift', dict(slots, surface='slider'), clause, explicit=False)
    if slider_place and (mentions_block or pronoun or has(c, lx.PLACE + lx.LIFT)) \
            and not door_move:
        if has(c, lx.LIFT) and (mentions_block or pronoun) and not has(
                c, ('put', 'place', 'store', 'drop', 'set', 'insert')):
            return Intent('lift', dict(slots, surface='slider'), clause)
        if has(c, ('push', 'shove', 'sweep', 'nudge', 'knock', 'roll')) and mentions_block and \
                rx.search(r'\b(?:into|in to|inside)\b', c):
            raise Refusal('I can push a block only into the drawer; a block I hold I can put '
                          'into the cabinet')
        if has(c, lx.PLACE) or (rx.search(r'\b(?:into|in to)\b', c) and not has(
                c, lx.LIFT + lx.APPROACH)):
            return Intent('place', dict(slots, target='slider'), clause)   # "relocate it into"
    if door or (slider_place and direction):
        if direction is None:
            if has(c, lx.APPROACH):
                # "position the gripper above the red block in the slider"
                return Intent('lift', dict(slots, surface='slider'), clause,
                              explicit=False) if mentions_block else None
            return Intent('slider', {'direction': None}, clause)
        return Intent('slider', {'direction': direction}, clause)

    if has(c, ('top block', 'top one')) and rx.match(r'\s*(?:rotate|turn|twist|spin|push|slide|'
                                                     r'shove|nudge|move)\b', c):
        # "rotate the one on top clockwise": a block said by where it is, not by its colour
        raise Refusal('"%s": which block is on top? %s' % (clause, NO_BLOCK), final=False)
    removing = has(c, ('remove', 'take off', 'take down', 'lift off', 'get off', 'take away'))
    if (has(c, lx.UNSTACK) and not rx.search(r'\bon top of (?:the |a |another )', c)) or (
            removing and rx.search(r'\b(?:on|on top of|atop) (?:the |an? )?(?:other|another|'
                                   r'second)\b', c)):
        return Intent('unstack', {}, clause)
    if rx.search(r'\b(?:grasp|grab|hold|take|reach|approach|go|move|hook|grip|clasp|catch|seize|'
                 r'clamp|latch|clutch|pinch|engage|press|touch|contact)\b.*\b(?:knob|handle)\b',
                 c) and not mentions_block:
        return None                        # "grab the knob and push the drawer in"
    approach_only = rx.match(r'^\s*(?:go|move|head|reach|walk|come|proceed|navigate)\b',
                             c) and not has(
        c, ('stack', 'pile', 'put', 'place', 'on top of'))
    fixture = rx.search(r'\b(?:on|onto|on top of|atop|upon) (?:the |a )?(?:\w+ )?(bulb|lamp|light|'
                        r'switch|button|led|handle|knob|lever|door|slider|drawer front)\b', c)
    if rx.search(r'\b(?:put|place|set|drop|lay|leave|lower|release|stand|rest)\b(?: \w+){0,4}? '
                 r'(?:(?:back )?down )?(?:on|onto|on to|upon) (?:the |a )?(?:table|desk|tabletop|'
                 r'table top|floor|countertop|work surface|surface)\b', c) and not has(
                     c, lx.STACK):
        raise Refusal('I have no skill to set a block down on the table; I can put it in the '
                      'drawer or the cabinet, or stack it on another block')
    if fixture and (has(c, lx.STACK) or rx.search(r'\bon top of|\bonto|\batop', c)):
        raise Refusal('I can stack a block only on another block, not on the %s' %
                      fixture.group(1))
    if not approach_only and (has(c, lx.STACK) or rx.search(
            r'\b(?:build|make)\b.*\btower\b', c)) or rx.search(
            r'\b(?:on|onto|on to|upon)(?: the)? top of\b|\b(?:onto|on) (?:another|the other|'
            r'a second|an other)\b', c) or ((mentions_block or pronoun) and rx.search(
                r'\b(?:onto|on|upon|atop) (?:the |a )?%s(?: (?:block|cube|one|brick)\b|\s*$)' %
                any_of(lx.COLOUR_WORDS), c)):
        if colour and rx.search(r'\b(?:on|onto|on top of|atop|upon) (?:the |a )?(?:\w+ )?%s\b' % (
                any_of(lx.COLOURS[colour])), c) and not rx.search(
                r'\b%s\b.*\b(?:on|onto|atop|upon)\b' % any_of(lx.COLOURS[colour]), c):
            slots = {'block': None}        # "stack it on the magenta block": the target
        return Intent('stack', slots, clause)
    if (mentions_block or pronoun) and (has(c, lx.ROTATE) and (direction or has(
            c, ('degrees', 'rotate', 'twist', 'spin'))) or direction and has(c, FACING)):
        return Intent('rotate', dict(slots, direction=direction), clause)
    if (mentions_block or pronoun) and direction and has(c, lx.PUSH):
        return Intent('push', dict(slots, direction=direction), clause)
    if rx.search(r'\blet (?:it |them )?go\b|\brelease (?:it|the block|the object)\b|'
                 r'\bopen the (?:gripper|hand|fingers)\b', c):
        return None
    if (mentions_block or pronoun) and has(c, lx.LIFT):
        surface = 'table' if has(c, ('table', 'desk')) else None
        return Intent('lift', dict(slots, surface=surface), clause)
    if mentions_block and has(c, lx.APPROACH):
        # "locate the blue block on the table": where it is, for the action that follows
        surface = 'slider' if slider_place else 'drawer' if drawer else 'table' if has(
            c, ('table', 'desk', 'tabletop', 'countertop')) else None
        return Intent('lift', dict(slots, surface=surface), clause, explicit=False)
    return 'unknown'


FIXTURES = (('the drawer', lx.DRAWER), ('the cabinet', lx.SLIDER_PLACE),
            ('the sliding door', ('door', 'sliding door', 'slider')),
            ('the switch', ('switch', 'lever')), ('the button', ('button',)),
            ('the led', ('led', 'green light', 'green led', 'green lamp', 'diode')),
            ('the lamp', ('lamp', 'bulb', 'lightbulb', 'light bulb', 'yellow light')))
