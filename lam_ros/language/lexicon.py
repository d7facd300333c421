"""Words lam_ros understands, and words that make it refuse.

Plain data, so an operator can read and extend it. Matching is on lower-case word
boundaries (see lam_ros.language.parser).
"""

# Colours of the blocks that exist, with the synonyms operators use.
COLOURS = {
    'red': ('red', 'crimson', 'scarlet', 'ruby', 'cherry', 'maroon', 'vermilion', 'reddish',
            'vermillion', 'carmine', 'burgundy', 'claret', 'ruddy', 'cardinal'),
    'blue': ('blue', 'cobalt', 'navy', 'azure', 'sapphire', 'cerulean', 'ultramarine',
             'bluish', 'indigo', 'blueish', 'denim', 'cornflower', 'lapis'),
    'pink': ('pink', 'rose', 'magenta', 'fuchsia', 'rosy', 'pinkish', 'salmon', 'bubblegum',
             'blush', 'roseate', 'pinky'),
}
# Things whose colour names a block's: "the tomato-coloured cube", "the cube the colour of a
# flamingo", "the fire-engine red block" (lam_ros.language.context.plain_colours).
COLOUR_OF = {
    'red': ('tomato', 'tomatoes', 'cherry', 'cherries', 'strawberry', 'strawberries',
            'fire engine', 'fire truck', 'fire-engine', 'fire-truck', 'firetruck', 'lipstick',
            'ladybird', 'ladybug', 'stop sign', 'postbox', 'post box', 'pillar box'),
    'blue': ('the sea', 'the deep sea', 'deep sea', 'the ocean', 'ocean', 'sapphire',
             'sapphires', 'blueberry', 'blueberries', 'navy'),
    'pink': ('flamingo', 'flamingos', 'flamingoes', 'bubblegum', 'bubble gum', 'candyfloss',
             'candy floss', 'cotton candy', 'piglet', 'a piglet', 'pig', 'a pig'),
}
# Words that describe a block, its colour or a place without changing which one is
# meant ("the deep red wooden cube", "the aforementioned block", "from the workspace",
# "precisely"): known words with no meaning of their own, so the planner reads around
# them instead of refusing them as unknown things.
DESCRIPTIVE = tuple("""
deep pale dark bright vivid soft pastel baby royal sky powder midnight steel electric hot
neon true pure primary rich vibrant brilliant muted dusty ice ocean sea hued tinted toned
shade tone tint hue
wooden wood cubic cubical cuboid rectangular boxy blocky solid compact miniature mini
painted lightweight smooth plain simple shaped sided geometric sturdy lone single
petite diminutive squat squarish chunky stubby palm sized movable shallow
individual particular specific aforementioned designated respective specified indicated
mentioned selected chosen target corresponding relevant appropriate identical uniform
standard regular ordinary toy play prism chunk component element article workpiece shape
storage desktop worktop worksurface workbench benchtop workspace playtable platform
heap column structure arrangement assembly formation uppermost topmost overlying
superimposed lower upper
precisely delicately cautiously accurately swiftly rapidly promptly deftly gingerly
meticulously deliberately calmly gradually safely correctly cleanly immediately instantly
simply smoothly wee
modest moderate comfortable neat luminous slight short brief firm secure steady
controlled gentle careful precise lateral sideways horizontal vertical tidy orderly
quietly silently perfectly delicate cautious efficiently shiny polished plastic
""".split())
COLOUR_WORDS = tuple(w for words in COLOURS.values() for w in words)
# Colours no block has: refused when they name a block ("the green block").
OTHER_COLOURS = ('green', 'yellow', 'orange', 'purple', 'violet', 'black', 'white', 'grey',
                 'gray', 'brown', 'gold', 'golden', 'silver', 'teal', 'beige', 'turquoise',
                 'cyan', 'lime', 'olive', 'tan', 'khaki', 'lavender', 'mauve', 'amber')
BLOCK_NOUNS = ('block', 'blocks', 'cube', 'cubes', 'brick', 'bricks', 'box', 'object',
               'objects', 'thing', 'piece', 'item', 'one',
               # what else a small block is called: "the red cuboid", "the pink tile"
               'cuboid', 'prism', 'square', 'rectangle', 'tile', 'slab', 'shape', 'chunk',
               'hexahedron', 'solid')
# Objects that are not on this desk.
UNKNOWN_OBJECTS = ('cup', 'mug', 'bottle', 'ball', 'banana', 'apple', 'phone', 'book', 'pen',
                   'pencil', 'plate', 'bowl', 'spoon', 'knife', 'fork', 'sponge', 'laptop',
                   'window', 'chair', 'fridge', 'microwave', 'coffee', 'tea', 'water', 'food',
                   'sandwich', 'pizza', 'screwdriver', 'hammer', 'wrench', 'person', 'human',
                   'child', 'cat', 'dog', 'doll', 'fruit', 'bag', 'vase', 'towel', 'shoe',
                   'wallet', 'remote', 'bread', 'egg', 'ketchup', 'cable', 'cord', 'wire',
                   'plug', 'socket', 'outlet')
# Words that pick one block by a comparison, not by its colour: refused where no colour is
# said ("grab the block that's furthest away").
WHICH_ONE = ('furthest', 'farthest', 'nearest', 'closest', 'heaviest', 'lightest', 'biggest',
             'smallest', 'largest', 'tallest', 'shortest', 'leftmost', 'rightmost', 'left most',
             'right most', 'oldest', 'newest')
# Places to put things that this desk does not have.
ABSENT_PLACES = ('oven', 'bin', 'trash', 'trash can', 'garbage', 'basket', 'sink', 'pocket',
                 'box', 'cardboard box', 'toolbox', 'tray', 'bowl', 'cup', 'wall shelf', 'wall',
                 'bucket', 'jar', 'crate', 'toilet', 'box of', 'suitcase', 'backpack',
                 'cupboard under the sink', 'dishwasher', 'freezer', 'floor', 'ground',
                 'chair', 'bed', 'sofa', 'couch', 'window', 'car', 'mouth')

# Intent lam_ros refuses whatever the object.
UNSAFE = ('throw', 'throwing', 'smash', 'smashing', 'break it', 'break the', 'destroy',
          'destroying', 'damage', 'damaging', 'strike', 'punch', 'kick',
          'hurt', 'injure', 'kill', 'attack', 'burn', 'crush', 'crushing', 'shatter', 'wreck',
          'slam', 'slamming', 'fling', 'hurl', 'toss', 'tossing', 'rip', 'tear', 'stab',
          'knock over', 'knock it over', 'knock down', 'knock off', 'onto the floor',
          'on the floor', 'to the floor', 'on the ground', 'as hard as', 'full speed',
          'maximum speed', 'as fast as you can', 'as fast as', 'bang', 'banging', 'whack',
          'disable the safety', 'ignore the safety',
          'override', 'self destruct', 'explode', 'fire', 'on fire', 'set fire', 'ignite',
          'melt', 'flame', 'flames', 'lighter', 'electrocute', 'violently', 'aggressively',
          'forcefully', 'as hard as possible', 'rip apart', 'short-circuit', 'short circuit',
          'burns', 'burn out', 'burns out', 'jam', 'jams', 'jamming',
          'speed limit', 'speed limits', 'force limit', 'force limits', 'torque limit',
          'torque limits', 'safety limit', 'safety limits', 'faster than', 'collision checking',
          'collision detection', 'collision avoidance', 'snaps off', 'snap off', 'snap it off',
          'till it snaps', 'until it snaps', 'short out', 'some welly', 'a good boot',
          'give it a boot', 'boot it', 'chuck it at', 'chuck them at', 'chuck away',
          'chuck out', 'chuck it away', 'chuck it out',
          # from a blind reading of the 12,000 commonest English words the planner did not
          # know (stop 26): "shoot the red block into the drawer", "ruin the stack"
          'crushed', 'destroyed', 'damaged', 'smashed', 'shattered', 'shattering', 'wrecked',
          'wrecking', 'hurled', 'hurling', 'flung', 'flinging', 'melted',
          'melting', 'exploding', 'explosive', 'explosives', 'grenade', 'axe', 'shoot',
          'shooting', 'crash', 'crashed', 'crashing', 'ruin', 'ruined', 'violent', 'attacked',
          'attacking',
          # people: the robot never acts on or at a person
          'my finger', 'my fingers', 'my hand', 'my hands', 'my arm', 'my face', 'my head',
          'my leg', 'my foot', 'my feet', 'his hand', 'her hand', 'someone',
          'somebody', 'anyone', 'at me', 'on me', 'at him', 'at her', 'at them')
# More of the same, said with force or at a person (not phrases for the voice model).
UNSAFE_FORCE = ('with force', 'by force', 'much force', 'full force', 'brute force',
                'until it breaks', 'it breaks', 'till it breaks', 'falls over', 'fall over',
                'top speed', 'tip over', 'tip it over', 'ram', 'toward me', 'towards me',
                'to me', 'bend the', 'bend it')
# Words for the desk and its fixtures that can modify another noun: "the desk fan", "the
# drawer key" name something else (a word the model never saw there is refused).
FIXTURE_NOUNS = ('desk', 'table', 'tabletop', 'drawer', 'cabinet', 'cupboard', 'shelf', 'door',
                 'switch', 'button', 'light', 'lamp', 'bulb', 'led', 'wall', 'room')
# Politeness and filler removed before parsing (longest first).
FILLER = ('when you have a moment', 'when you get a moment', 'when you have a minute',
          'when you get a minute', 'when you have a chance', 'when you get a chance',
          'when you have time', 'i would like you to', 'i would like to', "i'd like you to",
          'i want you to',
          'i need you to', 'could you please', 'can you please', 'would you please',
          'will you please', 'could you', 'can you', 'would you', 'will you',
          'would you mind', 'is there any chance you could', 'any chance you could',
          'any chance you can', 'why not', 'is it okay if you', 'is it ok if you',
          'is it alright if you', 'is it all right if you', 'ooh', 'oooh', 'wow', 'now then',
          'my turn', 'sweetheart', 'dear', 'my dear',
          'go ahead and', 'be so kind and', 'be so kind as to',
          'robot,', 'hey robot', 'hey', 'ok robot', 'okay', 'ok', 'please', 'kindly',
          'thank you', 'thanks', 'for me', 'right now', 'now', 'just', 'quickly', 'carefully',
          'gently', 'the robot should', 'you should', 'you need to', 'you have to', "let's",
          'lets', 'try to', 'make sure to', 'go and', 'and then go', 'alright',
          'ensure that you', 'ensure you', 'make sure you', 'make sure that you',
          'thanks a lot', 'thank you very much', 'thanks so much', 'many thanks', 'cheers',
          'hi robot', 'hello robot', 'hi there', 'hello there', 'good morning',
          'good afternoon', 'good evening', 'hi', 'hello', 'greetings', 'shall we',
          'if you would', 'if you please', 'if you could', 'if you can',
          'your assignment is to', 'your mission is to', 'your goal is to',
          'the objective is to', 'the goal is to', 'your objective is to', 'yo', 'my friend',
          'buddy', 'mate', 'dear robot', 'um', 'uh', 'uhm', 'erm', 'er', 'hmm', 'um yeah',
          'yeah', 'ugh', 'k', 'eventually', 'okay so', 'ok so', 'ta', 'thank you so much',
          'obviously', 'of course', 'attempt to', 'endeavour to', 'endeavor to', 'strive to',
          'see to it that you', 'see to it that',
          'be sure to', 'i request that you', 'i ask that you', "i'd appreciate it if you",
          'i would appreciate it if you', 'do me a favour and', 'do me a favor and',
          'feel free to', 'thank', 'the next thing is to', 'next thing is to',
          'the next thing to do is',
          'the next thing to do is to', 'next thing to do is', 'the next step is to',
          'next step is to', 'next up is to', 'what i need is for you to',
          'what i need you to do is', 'what i need you to do is to', 'all i need is for you to',
          # playful registers: a pirate, a drill sergeant, old English, a bedtime story, slang
          'prithee', 'pray', 'hark', 'arr', 'avast', 'ahoy', 'me hearty', 'matey', 'ye scallywag',
          'ye landlubber', 'ye swab', 'ye bilge rat', 'ye scurvy dog', 'attention', 'soldier',
          'recruit', 'maggot', 'pronto', 'hup', 'little robot', 'sleepy robot', 'bestie', 'ngl',
          'fr fr', 'fr', 'no cap', 'lowkey', 'slay', 'shh', "and bob's your uncle",
          # a live chat's shorthand
          'lol', 'lmao', 'rofl', 'haha', 'hahaha', 'omg', 'rn', 'asap', 'brb', 'tbh', 'imo',
          'imho')
# Contractions typed without the apostrophe: words, not slips for the speller to correct
# ("dont lift it" is not "done lift it").
BARE_CONTRACTIONS = ('dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'hasnt',
                     'havent', 'shouldnt', 'wouldnt', 'couldnt', 'mustnt', 'neednt', 'im', 'ive',
                     'youre', 'youve', 'theyre', 'thats', 'whats', 'theres', 'heres', 'lets')
# Requests said as a question of ability (removed like FILLER; not voice-model phrases).
ABLE_TO = ('are you able to', 'would you be able to', 'could you be able to')

# Words that carry no object or action of their own: with the words above and the
# intent model's training vocabulary, a command made only of known words is one the
# planner may read; any other word ("windowsill", "batteries") makes it refuse.
FUNCTION_WORDS = tuple("""
a about above across after afterwards again against ago all along already also although
always am an and another any anything are around as aside at away back be because been
before being below beneath beside besides between beyond both but by can could did do does
doing done down during each either else enough even ever every everything exactly few final first
for from further gently had has have having he her here hers him his how however i if in
instead into is it its itself just last later least left less let lets like little lot many
may me might mine more most much must my myself near nearly neither never next no none nor
not now of off often on once one only onto or other others our out over own past perhaps
please quite rather really right same second several shall she should since so some
something somewhat soon still such than that the their them then there these they thing
things third this those though through throughout thus till to together too toward towards
under underneath until up upon us very via was we well were what whatever when where whether
which while who whom whose why will with within without would yet you your yours yourself
hi hello hey thanks thank okay ok sure kindly cheers ve re ll d s t m earliest
ends end stays stay staying remains remain remaining exposed clear clears opposite current
new slight slightly roughly approximately about fully completely halfway partway steady
steadily smoothly firmly slowly carefully gently softly quickly lightly briefly tightly
securely properly fully entirely axis vertical horizontal orientation revolution distance
rail track direction position angle degree degrees centimeter centimeters centimetre
centimetres inch inches bit amount spot place places side sides face faces edge edges
surface top bottom front rear middle center centre corner upright flat level
gripper grippers hand hands finger fingers claw claws jaw jaws wrist arm robot effector
pinch wrap hook touch tap clasp clamp squeeze grip release let drop lower raise rest settle
align center centre slide slid glide travel roll tumble fall drag tug hold grasp seize
outward outwards inward inwards upward upwards downward downwards sideways sideway aside
apart away open opened closed shut accessible exposed visible free empty contents content
stable stably secure balanced become becomes change changes form forming make made keep
stay stays remain remains sit sits lie lies lay rests resting sitting lying placed located
stored held grasped squarely neatly gently firm tight loose motion movement turn turning
move moving rotation spin twist quarter half full whole entire entirely clockwise partial
slight slow slower speed pace
counterclockwise anticlockwise leftward rightward leftwards rightwards backward backwards
forward forwards toward towards into onto inside outside beneath behind
coloured colored colour color short long small big large tiny taken took start starts
started begin begins point points pointing good morning afternoon evening great nice
alright sorry excuse mind bother need want like would wish ready go going
height elevation plane location anymore noticeable noticeably inner interior rim lip
fourth fifth sixth eighth tenth twelfth
planar prehensile non prismatic trajectory yaw world wrong positive negative x y z
tad smidge smidgen notch
""".split())
LEFT = ('left', 'leftward', 'leftwards', 'leftmost', 'counterclockwise', 'counter-clockwise',
        'counter clockwise', 'anticlockwise', 'anti-clockwise', 'anti clockwise', 'widdershins')
RIGHT = ('right', 'rightward', 'rightwards', 'rightmost', 'clockwise', 'sunwise', 'deasil')
ON = ('on', 'up', 'upward', 'upwards', 'activate', 'enable', 'light up', 'illuminate',
      'brighten', 'glow', 'shine', 'lit', 'fire up')
OFF = ('off', 'down', 'downward', 'downwards', 'deactivate', 'disable', 'extinguish',
       'darken', 'dim', 'shut off', 'switch off', 'stop glowing', 'stop shining', 'go dark',
       'go out', 'goes out', 'unlit', 'extinguished', 'extinguishing', 'dark', 'put out',
       'douse', 'snuff out', 'kill')

# Nouns of the desk's fixtures.
DRAWER = ('drawer',)
SLIDER_PLACE = ('slider', 'cabinet', 'cupboard', 'shelf', 'closet', 'sliding cabinet',
                'compartment', 'cubby', 'enclosure', 'locker', 'cubbyhole', 'nook', 'alcove',
                'niche', 'recess', 'hutch', 'armoire', 'wardrobe', 'sideboard', 'credenza',
                'storage unit', 'storage space', 'storage area')
SLIDER_DOOR = ('door', 'sliding door', 'slide door', 'slider', 'panel', 'shutter', 'partition',
               'divider', 'hatch', 'sliding cover', 'sliding lid', 'sliding screen')
LIGHTBULB = ('bulb', 'lightbulb', 'light bulb', 'yellow light', 'yellow lamp', 'lamp',
             'amber light', 'amber lamp', 'amber bulb',
             'switch', 'lever', 'light switch', 'incandescent', 'filament', 'luminaire',
             'illuminator', 'luminary', 'light source', 'light fixture', 'rocker',
             'rocker switch', 'toggle switch', 'tumbler switch')
LED = ('led', 'green light', 'green lamp', 'green led', 'button', 'green button',
       'push button', 'diode', 'indicator', 'light-emitting diode', 'light emitting diode',
       'status light', 'status indicator', 'status led', 'indicator lamp', 'signal light',
       'emerald light', 'pushbutton', 'push-button', 'plunger')
# What a light itself is called, either light ("the green lamp", "the yellow light"); the
# words for its switch, its button and its colour are in LIGHTBULB and LED.
LIGHT_NOUNS = ('light bulb', 'lightbulb', 'bulb', 'lamp', 'led', 'light')

# Verbs, in stem form (parser maps -ing forms back to these).
OPEN = ('open', 'opened', 'pull', 'slide out', 'draw', 'extend', 'ajar', 'outward', 'outwards')
CLOSE = ('close', 'closed', 'shut', 'push', 'shove', 'slide in', 'inward', 'inwards')
LIFT = ('lift', 'pick', 'pick up', 'grab', 'grasp', 'grip', 'clasp', 'take', 'raise', 'hold',
        'get', 'hoist', 'acquire', 'obtain', 'pick out',
        'collect', 'retrieve', 'remove', 'fetch', 'elevate', 'pluck', 'seize', 'clutch',
        'snatch', 'take out', 'pull out', 'lift up')
PLACE = ('place', 'put', 'store', 'drop', 'set', 'leave', 'insert', 'deposit', 'stow', 'bung',
         'chuck',
         'release', 'lay', 'position', 'move', 'bring', 'carry', 'transfer', 'stash', 'pop',
         'keep', 'return', 'lower', 'convey', 'transport', 'deliver')
STACK = ('stack', 'pile', 'atop')
UNSTACK = ('unstack', 'destack', 'de-stack', 'take off the top', 'take the top',
           'collapse', 'dismantle', 'disassemble', 'take apart', 'off the stack',
           'from the stack', 'off the tower', 'from the tower', 'off the pile',
           'from the pile', 'top block', 'top one', 'take down', 'split the stack',
           'from the top of the stack', 'off the top of the stack', 'from the top of the pile',
           'from the top of the tower', 'off the block below', 'off the one below',
           'off the block beneath', 'off the block underneath', 'off the bottom block',
           'from the block below', 'topple the stack', 'topple the tower', 'topple the pile',
           'separate the', 'break up the stack', 'remove the block on top',
           'block that is on top', 'stacked block', 'stacked blocks', 'stacked cube',
           'unpile', 'apart', 'off the top', 'upper block', 'upper one', 'off the lower',
           'off the other', 'off of the other', 'from the other block', 'from on top')
ROTATE = ('rotate', 'turn', 'twist', 'spin', 'swivel', 'revolve', 'pivot', 'reorient',
          'rotation')
PUSH = ('push', 'slide', 'sweep', 'nudge', 'shove', 'move', 'shift', 'drag', 'roll',
        'displace', 'poke', 'press', 'relocate', 'reposition', 'transfer', 'scoot', 'bump')

# Moving toward something before acting on it ("go to the drawer and open it").
APPROACH = ('grasp', 'grab', 'grip', 'hold', 'go', 'reach', 'approach', 'move', 'head', 'walk',
            'come', 'navigate', 'proceed', 'get to', 'position yourself', 'locate', 'find',
            'identify', 'spot', 'look for', 'search for', 'hover', 'align', 'target', 'focus on',
            'close your fingers', 'close the gripper', 'secure', 'get a grip on')

# A step said again on another block: "repeat that with the blue block", "do likewise"
SAID_AGAIN = ('repeat', 'likewise', 'same')

# Order words: split a command into clauses.
SEQUENCE = ('and then', 'and after that', 'after that', 'afterwards', 'and afterwards',
            'and next', 'next', 'then', 'and finally', 'finally', 'and also', 'also',
            'subsequently', 'followed by', 'and lastly', 'lastly', 'later', 'thereafter',
            'and thereafter', 'and')
# A technician's shorthand on a tablet: "grab pnk blk from drwr, move slider rt".
ABBREVIATIONS = {'outta': 'out of',
                 'blk': 'block', 'blok': 'block', 'drwr': 'drawer', 'drw': 'drawer',
                 'cab': 'cabinet', 'sldr': 'slider', 'btn': 'button', 'rt': 'right',
                 'lft': 'left', 'lt': 'left', 'pnk': 'pink', 'blu': 'blue', 'grn': 'green',
                 'opn': 'open', 'psh': 'push', 'rot': 'rotate', 'mv': 'move', 'lmp': 'lamp',
                 'cw': 'clockwise', 'ccw': 'counterclockwise'}
# Irregular past forms of the verbs above ("the block swept into the drawer").
IRREGULAR = {'swept': 'sweep', 'slid': 'slide', 'took': 'take', 'brought': 'bring',
             'spun': 'spin', 'shoved': 'shove', 'threw': 'throw', 'thrown': 'throw',
             'drew': 'draw', 'drawn': 'draw', 'gotten': 'get', 'got': 'get', 'laid': 'lay',
             'struck': 'strike', 'broke': 'break', 'broken': 'break'}
GERUNDS = {'opening': 'open', 'closing': 'close', 'shutting': 'shut', 'picking': 'pick',
           'lifting': 'lift', 'pushing': 'push', 'turning': 'turn', 'rotating': 'rotate',
           'sliding': 'slide', 'moving': 'move', 'placing': 'place', 'putting': 'put',
           'stacking': 'stack', 'unstacking': 'unstack', 'grasping': 'grasp',
           'grabbing': 'grab', 'taking': 'take', 'pressing': 'press',
           'switching': 'switch', 'storing': 'store', 'pulling': 'pull',
           'sweeping': 'sweep', 'toggling': 'toggle', 'raising': 'raise', 'dropping': 'drop',
           'getting': 'get', 'doing': 'do', 'twisting': 'twist', 'flipping': 'flip'}
