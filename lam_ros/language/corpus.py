"""Generated training commands for the intent model: many ways to say each of the 34 tasks.

A small grammar per skill family (verbs, object names, places, frames, politeness), sampled
with a seed, so the corpus is reproducible and readable. It also generates commands that
are none of the skills (label NONE): other chores, questions, chit-chat, so the model
learns to say "not mine" instead of picking the least bad skill.

Written for lam_ros from the task definitions alone; no CALVIN evaluation text is used.
"""

import random

NONE = 'none'

COLOURS = ('red', 'blue', 'pink')
COLOUR_WORDS = {
    'red': ['red', 'red', 'red', 'crimson', 'scarlet', 'ruby', 'cherry red', 'bright red',
            'dark red', 'reddish', 'carmine', 'burgundy', 'deep red', 'blood-red', 'vermillion',
            'red-hued', 'claret', 'ruddy'],
    'blue': ['blue', 'blue', 'blue', 'navy', 'cobalt', 'azure', 'sapphire', 'dark blue',
             'light blue', 'bluish', 'navy blue', 'royal blue', 'sky blue', 'denim',
             'cornflower blue', 'midnight blue', 'blue-tinted', 'deep blue', 'cerulean'],
    'pink': ['pink', 'pink', 'pink', 'magenta', 'rose', 'fuchsia', 'light pink', 'hot pink',
             'pinkish', 'rosy', 'salmon', 'bubblegum pink', 'pastel pink', 'pale pink',
             'blush pink', 'rose-colored', 'pink-hued', 'roseate'],
}
NOUNS = ['block', 'block', 'block', 'cube', 'cube', 'brick', 'object', 'box', 'piece',
         'square block', 'toy block', 'wooden block', 'small block', 'little cube', 'one',
         'cuboid', 'component', 'item', 'solid', 'rectangular block', 'wooden cube',
         'cubic block', 'element', 'article', 'workpiece', 'chunk', 'shape', 'miniature cube',
         'painted block', 'designated block', 'aforementioned block', 'specified cube']
PREFIXES = ['', '', '', '', 'please ', 'can you ', 'could you please ', 'I want you to ',
            'go ahead and ', 'now ', 'robot, ', 'your task is to ', 'try to ',
            'make sure to ', 'I need you to ', 'you should ', "let's ", "it's time to ",
            "I'd like you to ", 'would you ', 'kindly ', 'next, ', 'the goal is to ',
            'your job is to ', 'proceed to ', 'use the gripper to ', 'use your arm to ',
            'attempt to ', 'be sure to ', 'see to it that you ', 'endeavour to ',
            'carefully ', 'gently ', 'precisely ', 'cautiously ', 'swiftly ', 'deftly ']
SUFFIXES = ['', '', '', '', '.', '.', ' please', ' now', ' carefully', ' gently', ' for me',
            ' slowly', ' with your gripper', ' using the gripper', ' if you can', ' quickly',
            ' with care', ' right away', ', thanks', ' smoothly', ' precisely', ' cautiously',
            ' delicately', ' gingerly', ' swiftly', ' accurately', ' in a controlled manner',
            ' with precision', ' immediately', ' deliberately', ' safely']
SIDE = {'left': ['left', 'left', 'left side', 'left-hand side', 'leftmost side'],
        'right': ['right', 'right', 'right side', 'right-hand side', 'rightmost side']}
SPIN = {'left': ['counterclockwise', 'anticlockwise', 'counter-clockwise', 'anti-clockwise'],
        'right': ['clockwise']}
WARD = {'left': ['leftward', 'leftwards', 'to the left'],
        'right': ['rightward', 'rightwards', 'to the right']}

ROTATE_VERBS = ['rotate', 'turn', 'twist', 'spin', 'swivel', 'pivot', 'revolve', 'reorient',
                'rotate', 'turn', 'twirl', 'whirl', 'gyrate', 'wheel', 'orient', 'turn around',
                'swing']
PUSH_VERBS = ['push', 'slide', 'nudge', 'shove', 'move', 'shift', 'sweep', 'push', 'slide',
              'drag', 'scoot', 'displace', 'glide', 'prod', 'thrust', 'budge', 'jostle', 'ease',
              'steer', 'guide', 'propel', 'shunt', 'relocate', 'reposition', 'translate']
LIFT_VERBS = ['lift', 'pick up', 'grab', 'grasp', 'take', 'raise', 'hoist', 'get',
              'retrieve', 'collect', 'pick', 'elevate', 'lift up', 'take hold of', 'seize',
              'fetch', 'pluck', 'snatch', 'grip', 'pick up', 'lift', 'remove', 'heft', 'heave',
              'uplift', 'nab', 'procure', 'extract', 'withdraw', 'raise aloft', 'elevate',
              'clutch', 'secure']
PLACE_VERBS = ['place', 'put', 'drop', 'set', 'store', 'deposit', 'leave', 'insert',
               'put down', 'stow', 'lay', 'position', 'move', 'release', 'place', 'put',
               'slip', 'fit', 'load', 'lodge', 'situate', 'plonk', 'plunk', 'house', 'stash',
               'tuck', 'nestle', 'slot', 'relocate', 'transfer']
GRASP = ['grasp', 'grab', 'take', 'hold', 'grip', 'take hold of', 'seize', 'pick up']

TABLE = ['from the table', 'off the table', 'on the table', 'that is on the table',
         'lying on the table', 'from the desk', 'off the desk', 'on the desk',
         'from the tabletop', 'sitting on the table', 'from the table surface',
         'resting on the desk', 'off the countertop', 'from the work surface',
         'on the tabletop', 'off the tabletop', 'from the workspace', 'off the worktop',
         'from the desktop', 'on the work surface', 'from the platform',
         'resting on the workbench']
SLIDER = ['sliding cabinet', 'slider', 'cabinet', 'shelf', 'cupboard', 'sliding cupboard',
          'cabinet behind the sliding door', 'slide cabinet', 'compartment', 'sliding shelf',
          'sliding enclosure', 'storage unit', 'storage compartment', 'locker', 'cubbyhole',
          'nook', 'alcove', 'niche', 'recess', 'hutch', 'armoire', 'wardrobe', 'sideboard',
          'enclosure with the sliding door', 'storage space behind the sliding door',
          'sliding compartment', 'storage area']
DRAWER = ['drawer', 'drawer', 'open drawer', 'desk drawer', 'drawer below the table',
          'pulled-out drawer']
SLIDER_DOOR = ['sliding door', 'slider', 'door', 'cabinet door', 'sliding panel',
               'door of the cabinet', 'slide door', 'sliding door of the cabinet', 'shutter',
               'sliding shutter', 'partition', 'sliding partition', 'divider', 'hatch',
               'sliding cover', 'panel of the storage unit', 'sliding screen',
               'door of the enclosure']
BULB = ['light bulb', 'lightbulb', 'yellow light', 'lamp', 'yellow lamp', 'bulb',
        'yellow bulb', 'light', 'incandescent bulb', 'filament lamp', 'luminaire',
        'illuminator', 'luminary', 'yellow light source', 'light fixture']
SWITCH = ['switch', 'lever', 'light switch', 'toggle switch', 'rocker switch', 'rocker',
          'tumbler switch', 'control lever', 'switch lever']
LED = ['LED', 'led', 'green light', 'green LED', 'green lamp', 'LED light', 'green led light',
       'indicator light', 'light-emitting diode', 'green diode', 'status light',
       'status indicator', 'green indicator', 'signal light', 'emerald light',
       'green status led']
BUTTON = ['button', 'push button', 'green button', 'round button', 'the button on the desk',
          'pushbutton', 'push-button', 'plunger', 'control button']

# Rarer, mostly written words (a thesaurus: "luminaire", "armoire", "gingerly"). The intent
# model learns them; the speech recogniser's language model (lam_ros.voice.grammar)
# leaves out every sentence with one, since each word it knows is one more a spoken
# command can be misheard as ("slide the drawer out" heard as "slide the wardrobe").
WRITTEN_ONLY = frozenset("""
accurately aforementioned alcove aloft area armoire article attempt blood blush bubblegum
budge burgundy carmine cautiously cerulean chunk claret clutch column component control
controlled cornflower cover cubbyhole cubic cuboid deep deftly deliberately delicately denim
designated desktop detach diode disassemble dislodge divider douse ease element emerald
emitting enclosure endeavour energise energize extract filament fit fixture gingerly guide
gyrate hatch heap heave heft house hued hutch illuminator immediately incandescent jostle
load locker lodge luminaire luminary manner midnight miniature nab nestle niche nook orient
overlying painted pale partition pastel platform plonk plunger plunk precisely precision
procure prod propel pushbutton quench recess rectangular relocate reposition rocker roseate
royal ruddy safely screen secure see shape shunt shutter sideboard signal situate sky slip
slot solid source space specified stash status steer storage structure superimposed swiftly
swing thrust tinted topmost transfer tuck tumbler twirl unit uplift uppermost vermillion
wardrobe wheel whirl withdraw workbench workpiece workspace worktop
""".split())

NONE_COMMANDS = [
    'wave hello', 'dance for me', 'tell me a joke', 'what time is it', 'how are you today',
    'sing a song', 'clean the whole table', 'make me a cup of coffee', 'pour some water',
    'fold the laundry', 'go to the kitchen', 'bring me a snack', 'charge your battery',
    'what can you do', 'take a picture', 'count the blocks', 'sort the blocks by size',
    'paint the block green', 'weigh the red block', 'measure the drawer', 'water the plants',
    'open the window', 'turn on the television', 'call my mother', 'play some music',
    'close your eyes', 'jump up and down', 'write your name', 'draw a circle', 'say hello',
    'do a backflip', 'vacuum the floor', 'wash the dishes', 'set an alarm', 'order a pizza',
    'shake hands with me', 'spin around', 'look at me', 'follow me', 'go to sleep',
    'read the newspaper', 'turn on the air conditioning', 'lock the door', 'feed the cat',
    'juggle the blocks', 'balance the block on its corner', 'hide behind the desk',
    'describe the scene', 'how many blocks are there', 'which block is the biggest',
    'what colour is the drawer', 'is the light on', 'repeat after me', 'never mind',
    'do something interesting', 'surprise me', 'do the thing', 'you know what to do',
    'hmm', 'test test one two three', 'hello robot', 'good morning', 'thank you very much',
    'nice work', 'the weather is nice today', 'I am hungry', 'where is my phone',
    'calibrate the camera', 'update your software', 'restart the computer',
    'shut down the robot', 'move your base forward', 'drive to the door',
    'pet the dog', 'cut the paper', 'glue the blocks together', 'melt the block',
    'fix the drawer', 'clean the drawer', 'polish the button', 'dust the cabinet',
    'open the fridge', 'close the curtains', 'make the bed', 'tie my shoes',
    'write a poem about blocks', 'translate this sentence', 'search the internet',
    'send an email', 'give me a high five', 'nod your head', 'bow', 'point at the lamp',
    'look at the drawer', 'stare at the blue block', 'think about the pink block',
    'remember where the red block is', 'wait here', 'listen carefully', 'be quiet',
    'lift the table', 'open the cabinet wall', 'move the desk', 'tilt the table',
    'eat the pink block', 'lick the button', 'smell the lamp',
]
NONE_FRAMES = ['{}', '{}', 'please {}', 'can you {}', 'could you {}', 'I want you to {}',
               '{} now', 'robot, {}', '{}?', '{} please', 'now {}', 'go and {}']


def _block(rng, colour):
    c, n = rng.choice(COLOUR_WORDS[colour]), rng.choice(NOUNS)
    form = rng.random()
    if form < 0.7 or n == 'one':
        return 'the %s %s' % (c, n)
    if form < 0.8:
        return 'the %s that is %s' % (n, c)
    if form < 0.9:
        return 'the %s-colored %s' % (c, n)
    return 'the %s %s' % (c, n) if rng.random() < 0.5 else '%s %s' % (
        rng.choice(['that', 'this']), '%s %s' % (c, n))


def _any_block(rng):
    return rng.choice(['the block', 'it', 'the object', 'the cube', 'the grasped block',
                       'the block you are holding', 'the held block', 'the item',
                       'the block in your gripper', 'the object in the gripper',
                       'the piece', 'the block you picked up', 'what you are holding'])


def _say(rng, core):
    text = rng.choice(PREFIXES) + core + rng.choice(SUFFIXES)
    if rng.random() < 0.45:
        text = text[0].upper() + text[1:]
    if rng.random() < 0.35 and not text.endswith(('.', '?')):
        text += '.'
    return text


def _rotate(rng, colour, side):
    b, v = _block(rng, colour), rng.choice(ROTATE_VERBS)
    d = side
    frames = [
        lambda: '%s %s to the %s' % (v, b, rng.choice(SIDE[d])),
        lambda: '%s %s %s' % (v, b, rng.choice(SPIN[d])),
        lambda: '%s %s %s' % (v, b, rng.choice(WARD[d])),
        lambda: '%s %s in a %s direction' % (v, b, rng.choice(SPIN[d])),
        lambda: '%s %s towards the %s' % (v, b, rng.choice(SIDE[d])),
        lambda: '%s %s and %s it %s' % (rng.choice(GRASP), b, v, rng.choice(
            WARD[d] + SPIN[d])),
        lambda: 'give %s a %s %s' % (b, rng.choice(SPIN[d] + [d]), rng.choice(
            ['turn', 'twist', 'spin', 'rotation', 'quarter turn'])),
        lambda: '%s %s by %s degrees to the %s' % (v, b, rng.choice(['45', '60', '90', 'ninety',
                                                                     'sixty']), d),
        lambda: '%s %s %s in place' % (v, b, rng.choice(SPIN[d] + WARD[d])),
        lambda: 'make %s face %s' % (b, rng.choice(['left', 'to the left'] if d == 'left'
                                                   else ['right', 'to the right'])),
        lambda: '%s %s around to the %s' % (v, b, d),
        lambda: 'perform a %s rotation of %s' % (rng.choice(SPIN[d]), b),
        lambda: '%s %s so that it turns %s' % (rng.choice(GRASP), b, rng.choice(
            SPIN[d] + WARD[d])),
    ]
    return rng.choice(frames)()


def _push(rng, colour, side):
    b, v = _block(rng, colour), rng.choice(PUSH_VERBS)
    d = side
    frames = [
        lambda: '%s %s to the %s' % (v, b, rng.choice(SIDE[d])),
        lambda: '%s %s %s' % (v, b, rng.choice(WARD[d])),
        lambda: '%s %s towards the %s' % (v, b, rng.choice(SIDE[d])),
        lambda: '%s %s over to the %s' % (v, b, rng.choice(SIDE[d])),
        lambda: '%s %s a bit to the %s' % (v, b, d),
        lambda: '%s %s %s across the table' % (v, b, rng.choice(WARD[d])),
        lambda: '%s %s to the %s along the table' % (v, b, d),
        lambda: 'give %s a push to the %s' % (b, d),
        lambda: '%s %s to the %s side of the table' % (v, b, d),
        lambda: '%s %s in the %s direction' % (v, b, d),
        lambda: 'use the gripper to %s %s %s' % (v, b, rng.choice(WARD[d])),
        lambda: '%s %s sideways to the %s' % (v, b, d),
        lambda: '%s %s a few centimeters to the %s' % (v, b, d),
    ]
    return rng.choice(frames)()


def _slider(rng, side):
    door, d = rng.choice(SLIDER_DOOR), side
    v = rng.choice(['move', 'slide', 'push', 'shift', 'pull', 'move', 'slide', 'drag',
                    'glide', 'open'])
    frames = [
        lambda: '%s the %s to the %s' % (v, door, rng.choice(SIDE[d])),
        lambda: '%s the %s %s' % (v, door, rng.choice(WARD[d])),
        lambda: '%s the %s all the way to the %s' % (v, door, d),
        lambda: '%s the %s towards the %s' % (v, door, rng.choice(SIDE[d])),
        lambda: '%s the %s and %s it to the %s' % (rng.choice(GRASP + ['reach for']), door,
                                                   v, d),
        lambda: 'move the %s over to the %s' % (door, rng.choice(SIDE[d])),
        lambda: '%s the %s to its %s position' % (
            v, door, d if rng.random() < 0.5 else d + 'most'),
        lambda: 'shift the %s in the %s direction' % (door, d),
        lambda: 'slide the door of the %s to the %s' % (rng.choice(
            ['cabinet', 'cupboard', 'shelf']), d),
        lambda: 'slide the %s so it is on the %s' % (door, d),
    ]
    return rng.choice(frames)()


def _drawer(rng, target):
    d = rng.choice(DRAWER[:1] * 3 + ['desk drawer', 'drawer under the table',
                                     'drawer of the desk'])
    if target == 'open':
        frames = ['open the %s', 'pull the %s open', 'pull out the %s', 'pull the %s out',
                  'slide the %s open', 'draw out the %s', 'open up the %s',
                  'grasp the handle and pull the %s open', 'pull the handle of the %s',
                  'grab the %s handle and pull it', 'extend the %s', 'slide out the %s',
                  'take hold of the %s handle and open it', 'get the %s open',
                  'pull the %s towards you', 'reach for the handle and open the %s',
                  'tug the %s open', 'make the %s open']
    else:
        frames = ['close the %s', 'shut the %s', 'push the %s closed', 'push the %s shut',
                  'push the %s in', 'slide the %s closed', 'push the %s back in',
                  'slide the %s shut', 'grasp the handle and push the %s closed',
                  'close up the %s', 'push the handle of the %s', 'get the %s closed',
                  'push the %s all the way in', 'nudge the %s shut',
                  'grab the %s handle and push it in', 'slam the %s gently closed',
                  'make the %s closed', 'return the %s to its closed position']
    frame = rng.choice(frames)
    if 'slam' in frame:
        frame = 'slide the %s closed'
    return frame % d


def _lift(rng, colour, surface):
    b, v = _block(rng, colour), rng.choice(LIFT_VERBS)
    if surface == 'table':
        where = '' if rng.random() < 0.35 else ' ' + rng.choice(TABLE)
        frames = ['%s %s%s' % (v, b, where),
                  '%s %s%s and lift it up' % (rng.choice(GRASP), b, where),
                  '%s %s%s up into the air' % (rng.choice(['lift', 'raise', 'hoist', 'pick']),
                                               b, where),
                  '%s %s%s off the surface' % (v, b, ''),
                  'pick %s up%s' % (b, where)]
        if where:
            frames.append('from the %s, %s %s' % (rng.choice(['table', 'desk']), v, b))
        return rng.choice(frames)
    place = rng.choice(SLIDER if surface == 'slider' else DRAWER)
    prep = rng.choice(['from the', 'from the', 'out of the', 'from inside the', 'in the',
                       'inside the', 'that is in the', 'sitting in the', 'lying in the',
                       'off the' if surface == 'slider' else 'out of the',
                       'from within the', 'on the' if surface == 'slider' else 'in the'])
    frames = ['%s %s %s %s' % (v, b, prep, place),
              '%s %s %s and lift it up' % (rng.choice(GRASP), b, '%s %s' % (prep, place)),
              'reach into the %s and %s %s' % (place, v, b),
              '%s %s %s' % (rng.choice(['take', 'get', 'pull', 'lift', 'grab']), b,
                            'out of the %s' % place),
              'from the %s, %s %s' % (place, v, b),
              'pick %s up %s %s' % (b, prep, place)]
    return rng.choice(frames)


def _place(rng, target):
    v = rng.choice(PLACE_VERBS)
    b = _any_block(rng) if rng.random() < 0.7 else _block(rng, rng.choice(list(COLOUR_WORDS)))
    place = rng.choice(SLIDER if target == 'slider' else DRAWER)
    prep = rng.choice(['in the', 'into the', 'inside the', 'in the', 'into the',
                       'down in the', 'back in the'])
    frames = ['%s %s %s %s' % (v, b, prep, place),
              'move %s %s %s' % (b, prep, place),
              'put %s away %s %s' % (b, prep, place),
              'carry %s to the %s and %s it there' % (b, place, rng.choice(
                  ['drop', 'place', 'set', 'leave', 'put'])),
              '%s %s %s %s and let it go' % (v, b, prep, place),
              'store %s %s %s' % (b, prep, place),
              'bring %s to the %s and %s it inside' % (b, place, rng.choice(
                  ['put', 'place', 'drop', 'release']))]
    return rng.choice(frames)


def _stack(rng):
    b = _any_block(rng) if rng.random() < 0.6 else _block(rng, rng.choice(list(COLOUR_WORDS)))
    other = rng.choice(['the other block', 'another block', 'the other one', 'a second block',
                        'the other cube', 'another cube', 'the block on the table',
                        _block(rng, rng.choice(list(COLOUR_WORDS)))])
    v = rng.choice(['place', 'put', 'set', 'stack', 'position', 'lay', 'drop', 'move'])
    frames = ['%s %s on top of %s' % (v, b, other), '%s %s onto %s' % (v, b, other),
              'stack %s on %s' % (b, other), 'stack the blocks', 'stack the blocks on top of '
              'each other', 'build a tower with the blocks', 'make a stack of two blocks',
              'pile %s on %s' % (b, other), 'put one block on top of another',
              'stack %s on top of %s' % (b, other), 'place %s on %s' % (b, other),
              'create a stack by putting %s on %s' % (b, other), 'stack up the cubes',
              'set %s atop %s' % (b, other)]
    return rng.choice(frames)


def _unstack(rng):
    top = rng.choice(['the top block', 'the upper block', 'the block on top', 'the top cube',
                      'the block that is stacked', 'the stacked block', 'the top one',
                      'the block sitting on the other block', 'the uppermost block',
                      'the topmost cube', 'the upper cube', 'the overlying block',
                      'the block at the top of the tower', 'the superimposed block'])
    v = rng.choice(['remove', 'take', 'lift', 'take off', 'pick up', 'grab', 'move', 'detach',
                    'dislodge', 'extract', 'lift away'])
    frames = ['unstack the blocks', 'unstack the block', '%s %s off the stack' % (v, top),
              '%s %s off the other block' % (v, top), '%s %s from the stack' % (v, top),
              'take the stack apart', 'separate the stacked blocks', 'undo the stack',
              'dismantle the stack', 'take down %s' % top, 'remove %s from the tower' % top,
              '%s %s and put it on the table' % (v, top), 'unstack the tower',
              'take the blocks apart', 'separate the two blocks that are stacked',
              'take the block off the top of the other', 'lift %s off the block below it' % top,
              'break the stack into two blocks', 'de-stack the cubes',
              '%s from the top of the stack' % v.replace('take off', 'take a block'),
              'disassemble the stack', 'dismantle the tower', 'take apart the structure',
              'separate the two stacked cubes', '%s %s from the heap' % (v, top),
              'unstack the column of blocks', 'dismantle the pile']
    return rng.choice(frames)


def _light(rng, light, target):
    on = target == 'on'
    if light == 'lightbulb':
        thing, device = rng.choice(BULB), rng.choice(SWITCH)
        flip = rng.choice(['up', 'upward', 'upwards'] if on else
                          ['down', 'downward', 'downwards'])
        frames = ['turn %s the %s' % (target, thing), 'switch %s the %s' % (target, thing),
                  'turn the %s %s' % (thing, target), 'switch the %s %s' % (thing, target),
                  '%s the %s' % (rng.choice(['activate', 'light up', 'illuminate', 'power on',
                                             'energize', 'energise', 'power up']
                                            if on else ['deactivate', 'extinguish',
                                                        'power off', 'darken', 'douse',
                                                        'power down', 'shut off', 'quench',
                                                        'de-energize']), thing),
                  'move the %s %s' % (device, flip), 'push the %s %s' % (device, flip),
                  'flip the %s %s' % (device, flip), 'slide the %s %s' % (device, flip),
                  'move the %s %s to turn %s the %s' % (device, flip, target, thing),
                  'use the %s to turn %s the %s' % (device, target, thing),
                  'turn %s the %s with the %s' % (target, thing, device),
                  'make the %s %s' % (thing, 'glow' if on else 'go dark'),
                  'flip the %s so the %s is %s' % (device, thing, target),
                  'get the %s %s' % (thing, 'shining' if on else 'switched off')]
    else:
        thing, device = rng.choice(LED), rng.choice(BUTTON)
        press = rng.choice(['press', 'push', 'hit', 'tap', 'click', 'press down'])
        frames = ['turn %s the %s' % (target, thing), 'switch %s the %s' % (target, thing),
                  'turn the %s %s' % (thing, target), 'switch the %s %s' % (thing, target),
                  '%s the %s' % (rng.choice(['activate', 'light up', 'illuminate', 'power on',
                                             'enable'] if on else
                                            ['deactivate', 'extinguish', 'power off',
                                             'disable']), thing),
                  '%s the %s to turn %s the %s' % (press, device, target, thing),
                  '%s the %s so that the %s turns %s' % (press, device, thing, target),
                  '%s the %s to switch the %s %s' % (press, device, thing, target),
                  'turn %s the %s by pressing the %s' % (target, thing, device.replace(
                      'the ', '')),
                  '%s the %s and turn the %s %s' % (press, device, thing, target),
                  'make the %s %s' % (thing, 'glow' if on else 'go dark'),
                  'use the %s to turn %s the %s' % (device, target, thing),
                  '%s the %s once to %s the %s' % (press, device, 'activate' if on else
                                                   'deactivate', thing)]
    return rng.choice(frames)


def _push_into_drawer(rng):
    b = _block(rng, rng.choice(list(COLOUR_WORDS))) if rng.random() < 0.5 else rng.choice(
        ['the block', 'the cube', 'the object', 'a block'])
    v = rng.choice(['push', 'slide', 'sweep', 'shove', 'nudge', 'push', 'drag', 'move'])
    into = rng.choice(['into the drawer', 'into the open drawer', 'in the drawer',
                       'inside the drawer', 'into the opened drawer', 'into the drawer below'])
    frames = ['%s %s %s' % (v, b, into), '%s %s off the table %s' % (v, b, into),
              '%s %s from the table %s' % (v, b, into),
              '%s %s across the table and %s' % (v, b, into),
              'without lifting it, %s %s %s' % (v, b, into),
              '%s %s over the edge %s' % (v, b, into)]
    return rng.choice(frames)


APPROACH = ['locate {b}', 'find {b}', 'move your gripper to {b}', 'reach for {b}',
            'go to {b}', 'position the gripper above {b}', 'identify {b}', 'approach {b}']


def _approach(rng, task, text):
    """Sometimes say where to go first: "locate the red block, then ..." (block tasks)."""
    parts = task.split('_')
    if len(parts) < 3 or parts[1] not in COLOURS or rng.random() > 0.2:
        return text
    where = ''
    if parts[0] == 'lift':
        where = {'table': ' on the table', 'slider': ' in the ' + rng.choice(SLIDER),
                 'drawer': ' in the drawer'}[parts[3]]
    first = rng.choice(APPROACH).format(b=_block(rng, parts[1]) + where)
    joint = rng.choice([', then ', ' and ', '. ', ', grasp it and ', ' and carefully '])
    return first + joint + text


def _task_text(rng, task):
    return _approach(rng, task, _task_text_core(rng, task))


def _task_text_core(rng, task):
    parts = task.split('_')
    if parts[0] == 'rotate':
        return _rotate(rng, parts[1], parts[3])
    if parts[0] == 'push' and task != 'push_into_drawer':
        return _push(rng, parts[1], parts[3])
    if task.startswith('move_slider'):
        return _slider(rng, parts[2])
    if task in ('open_drawer', 'close_drawer'):
        return _drawer(rng, parts[0])
    if parts[0] == 'lift':
        return _lift(rng, parts[1], parts[3])
    if parts[0] == 'place':
        return _place(rng, parts[2])
    if task == 'stack_block':
        return _stack(rng)
    if task == 'unstack_block':
        return _unstack(rng)
    if parts[0] == 'turn':
        return _light(rng, parts[2], parts[1])
    if task == 'push_into_drawer':
        return _push_into_drawer(rng)
    raise KeyError(task)


def generate(tasks, per_task: int = 300, none_count: int = 1200, seed: int = 0):
    """Return [(text, label)] with `per_task` commands per task plus NONE commands."""
    rng = random.Random(seed)
    out = []
    for task in tasks:
        seen = set()
        for _ in range(per_task * 20):
            text = _say(rng, _task_text(rng, task))
            if text not in seen:
                seen.add(text)
                out.append((text, task))
            if len(seen) >= per_task:
                break
    for _ in range(none_count):
        out.append((_say(rng, rng.choice(NONE_FRAMES).format(rng.choice(NONE_COMMANDS))),
                    NONE))
    rng.shuffle(out)
    return out
