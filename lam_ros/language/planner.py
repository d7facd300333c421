"""Command -> checked, grounded plan of CALVIN tasks, or a refusal with a reason.

1. `addressed` keeps what is said to the robot and drops what a request is for,
   `normalise.heard` reads the command as its words, `formal.plain` says formal wording
   the plain way ("Lamp deactivation shall be performed."), the speller mends slips, and
   `parser.parse_read` reads it into ordered intents (or refuses: empty, too long,
   unsafe, unknown or absent objects, colours no block has).
2. Every clause (and the whole command) goes through the text encoder once. The learned
   intent model (lam_ros.language.intent_model) reads the token states; the embedding is
   looked up among the skill library's exemplars in Milvus. The model reads clauses the
   rules do not know, and overrules a rule reading only when it is near certain and
   gives that reading almost no chance; the model and the neighbours set the confidence
   and the top alternatives. A clause nothing can read, or that the model calls none of
   the skills, refuses the whole command. A one-task command whose clauses the rules
   could not read is read whole by the model when it is confident.
3. Grounding against a symbolic scene state: each intent becomes a task key (a block is
   lifted from where it is now), steps the operator left out are inserted with
   "auto": true (open the drawer before placing into it, pick up the block to be put
   away, unstack before lifting a covered block), and the plan is simulated with the
   tasks' preconditions and effects; any step that cannot run refuses the command.
   With scene None the intent alone is returned: no checks, no inserted steps.

The planner never executes anything and never reads the simulator.
"""

import collections
import logging
import time

from lam_ros.language import lexicon as lx, rx
from lam_ros.language.constraints import contradicted, drop_wishes, notes_of, \
    split_constraints, violation
from lam_ros.language.checks import check_typed, check_sure
from lam_ros.language.corpus import NONE
from lam_ros.language.fit import misfit
from lam_ros.language.clauses import split_clauses
from lam_ros.language.context import instead, plain_colours, without_notes
from lam_ros.language.intents import Intent, NO_BLOCK, Refusal, which_step
from lam_ros.language.normalise import courteous, heard, normalise
from lam_ros.language.addressed import for_what, to_me
from lam_ros.language.formal import plain
from lam_ros.language.reasons import drop_reasons
from lam_ros.language.small_talk import drop_small_talk
from lam_ros.language.parser import parse_read, PLACED_BY, repeats, SAID_AGAIN
from lam_ros.language.reading import light_target
from lam_ros.language.spelling import encoder_words, Speller
from lam_ros.language.vocab import (action_verbs, direction_of, GOES_INTO, lexicon_phrases,
                                    OBJECT_WORDS, PUT_VERBS)
from lam_ros.skills.spec import load_library
from lam_ros.world.assets import skills_dir
from lam_ros.world.tasks import TASKS

RETRIEVAL_K = 5
ACCEPT_UNKNOWN = 0.80       # similarity at which retrieval alone may read a clause
ACCEPT_WHOLE = 0.60         # ... a whole one-step command the rules could not read
MODEL_ACCEPT = 0.50         # model probability at which it reads a clause the rules cannot
MODEL_WHOLE = 0.50          # ... a whole one-task command the rules could not read
MODEL_OVERRULE = 0.90       # ... at which it overrules the rules' reading, if that reading
MODEL_DOUBT = 0.02          # has at most this probability
MODEL_PREFER = 0.60         # ... at which its reading of a whole one-task command wins
MODEL_PREFER_DOUBT = 0.20   # over the rules' reading, if that has at most this probability
MODEL_NONE = 0.50           # ... at which a clause it calls none of the skills is refused
MODEL_NONE_WHOLE = 0.80     # ... and at which such a clause refuses the whole command
MODEL_SURE = 0.90           # ... at which it replaces the rules' several-step reading
MODEL_SURE_WORD = 0.75      # ... at which it may read an action word it never saw
ORDER_WORDS = rx.compile(r'\b(?:then|after|afterwards|before|next|finally|first|once|later|'
                         r'followed|second|lastly|subsequently)\b|;')
WORD = rx.compile(r'[a-z]+')
OTHER_WAY = rx.compile(r'\b(?:other|opposite|reverse) (?:way|direction|side)\b|\bin reverse\b')
DETERMINERS = frozenset(('the', 'a', 'an', 'my', 'your', 'his', 'her', 'their', 'our', 'this',
                         'that', 'these', 'those', 'some', 'any', 'its', 'each', 'every'))
REFUSAL_LISTS = ('UNKNOWN_OBJECTS', 'ABSENT_PLACES', 'UNSAFE', 'UNSAFE_FORCE', 'OTHER_COLOURS',
                 'WHICH_ONE')
# "do not lift", "there's no need to pick it up": the parser reads these as how, not what;
# a plan that lifts anyway is refused
NO_LIFT = rx.compile(r'\b(?:do not|don\'t|dont|never|no need to|not need to|don\'t need to|'
                     r'don\'t have to|without)\s+(?:\w+\s+)?(?:lift|lifting|raise|carry|carrying|'
                     r'pick(?:ing)? (?:it |them |the (?:\w+ )?(?:block|cube) )?up)\b|'
                     r'\bno (?:pick|grasp|lift|picking|grasping|lifting)\b|\b(?:do not|don\'t|'
                     r'dont|never) (?:grab|grasp) (?:it|them)\b|\bkeep (?:it|them) '
                     r'(?:touching|on) the (?:table|desk|tabletop|surface)\b')
# "don't rotate the blue block, just push it right": the plan must not do what was ruled out
RULED_OUT = {'rotate': 'rotate', 'spin': 'rotate', 'twist': 'rotate', 'turn': 'rotate',
             'push': 'push', 'shove': 'push', 'nudge': 'push', 'slide': 'push', 'sweep': 'push',
             'lift': 'lift', 'pick': 'lift', 'raise': 'lift', 'grab': 'lift', 'grasp': 'lift'}
# "twist it, don't move it anywhere": only a rotation keeps the block where it is
NO_MOVE = rx.compile(r'\b(?:do not|don\'t|dont|never) (?:move|shift|slide|push|displace) (?:it|'
                     r'them)\b(?! (?:to the |towards? the )?(?:left|right)(?:wards?)?\b)|'
                     r'\bwithout (?:moving|shifting|displacing|sliding) (?:it|them)\b')
# what works each light: the switch (and its lever) the bulb, the button the LED
DEVICES = {'led': ('button', 'push button', 'pushbutton', 'push-button'),
           'lightbulb': ('switch', 'lever', 'light switch', 'toggle switch', 'rocker switch')}
PRONOUN = rx.compile(r'\b(?:it|them|that one|this one|the same block)\b')


def default_scene() -> dict:
    """Return the default simulator scene (seed 0), symbolic part only."""
    from lam_ros.world.desk import CalvinDesk
    from lam_ros.world.sampling import sample_scene
    desk = CalvinDesk()
    try:
        state = sample_scene(desk, 0)
    finally:
        desk.close()
    return symbolic(state)


def symbolic(state: dict) -> dict:
    """Return the keys planning uses, from an oracle or perception state."""
    missing = [k for k in ('blocks', 'drawer', 'slider', 'lightbulb', 'led') if k not in state]
    if missing:
        raise ValueError('scene state lacks %s' % ', '.join(missing))
    return {'blocks': dict(state['blocks']), 'drawer': state['drawer'],
            'slider': state['slider'], 'lightbulb': state['lightbulb'], 'led': state['led'],
            'grasped': state.get('grasped')}


def _lift_key(block, surface):
    return 'lift_%s_block_%s' % (block, surface)


def _words(text, options):
    return rx.search(r'\b(?:%s)\b' % '|'.join(rx.escape(o) for o in options), text)


def intent_for_task(task: str, text: str) -> Intent:
    """Return the intent a task key stands for, so grounding can still use the scene.

    A lift keeps its place only when the text names one (otherwise the scene decides);
    a place or push keeps the block colour the text names.
    """
    p, a, low = TASKS[task].primitive, TASKS[task].args, ' %s ' % text.lower()
    colour = next((c for c, words in lx.COLOURS.items() if _words(low, words)), None)
    if p == 'rotate':
        return Intent('rotate', {'block': a['block'], 'direction': 'right' if a['sign'] < 0
                                 else 'left'}, text)
    if p == 'push':
        return Intent('push', {'block': a['block'], 'direction': a['direction']}, text)
    if p == 'lift':
        named = _words(low, lx.DRAWER + lx.SLIDER_PLACE + ('table', 'desk', 'tabletop'))
        return Intent('lift', {'block': a['block'], 'surface': a['surface'] if named
                               else None}, text)
    if p in ('place', 'stack', 'push_into_drawer'):
        return Intent(p, dict(a, block=colour), text)
    if p == 'toggle':
        # on or off only as the text says; otherwise a press toggles and the scene decides
        return Intent(p, dict(a, target=light_target(low, a['light'])), text)
    return Intent(p, dict(a), text)


def _stems(word):
    """Return base forms of an inflected word: 'batteries' -> 'battery', 'gripping' -> 'grip'."""
    out = []
    if word.endswith('ies'):
        out.append(word[:-3] + 'y')
    if word.endswith('es'):
        out.append(word[:-2])
    if word.endswith('s') and not word.endswith('ss'):
        out.append(word[:-1])
    if word.endswith('ed'):
        out += [word[:-2], word[:-1], word[:-3]]
    if word.endswith('ing'):
        out += [word[:-3], word[:-3] + 'e', word[:-4]]
    if word.endswith('ly'):
        out.append(word[:-2])
    return [w for w in out if len(w) > 2]


def unstated(task: str, text: str, strict: bool = False):
    """Why the text does not say what the model read (a block or a direction), or None.

    The model may read verbs the rules do not know, but it must not guess the block
    or the direction: those come from words the operator said. A light's on/off may be
    left unsaid (a press toggles), unless `strict` (the model overruling the rules).
    """
    p, a, low = TASKS[task].primitive, TASKS[task].args, ' %s ' % text.lower()
    if 'block' in a and p != 'push_into_drawer':
        named = {c for c, words in lx.COLOURS.items() if _words(low, words)}
        if named != {a['block']}:
            return 'which block? %s' % NO_BLOCK
    direction = None
    if p == 'rotate':
        direction = 'right' if a['sign'] < 0 else 'left'
    elif p in ('push', 'slider'):
        direction = a['direction']
    if direction is not None and direction != (
            direction_of(low) or direction_of(' %s ' % normalise(text))):
        return 'which way: left or right?'
    if p == 'toggle' and light_target(low, a['light']) not in (
            (a['target'],) if strict else (None, a['target'])):
        return 'on or off?'
    # where a block goes is said, never guessed: "slide the block" is not "put it in the slider"
    if (p == 'place' or p == 'push_into_drawer') and not any(
            _words(t, lx.DRAWER if a.get('target', 'drawer') == 'drawer' else lx.SLIDER_PLACE)
            for t in (low, ' %s ' % normalise(text))):
        return 'where to: the drawer or the sliding cabinet?'
    # a lift from where the command says the block goes: "get the red block into the drawer"
    if p == 'lift' and a['surface'] != 'table' and (GOES_INTO.search(low) or (
            rx.search(r'(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bbeen )\b(?:%s)\b' % '|'.join(
                PUT_VERBS), low) and not rx.search(r'\b(?:from|out of|out from|off)\b',
                                                   low))):
        return 'the command says where the block goes, not where to pick it up'
    if p == 'toggle' and strict:
        other = 'lightbulb' if a['light'] == 'led' else 'led'
        if _words(low, DEVICES[other]) and not _words(low, DEVICES[a['light']]):
            return 'which light? the button works the LED, the switch the bulb'
    return None


# The lights' own colours (the blocks' are lx.COLOUR_WORDS)
LIGHT_COLOURS = ('green', 'yellow', 'amber')


class Planner:
    """Plans commands; holds the skill specs, and optionally the skill library."""

    def __init__(self, library=None, intent_model=None):
        self.library = library
        self.model = intent_model
        self._vocabulary = None
        self._speller = None
        self.last_timing = {}
        self.specs = load_library(library.spec_paths() if library else [skills_dir()])

    def warm_up(self):
        """Load the store and index the speller, so the first command does not pay for it."""
        self._understand(['open the drawer'])
        self._spelling()

    # ------------------------------------------------------------------ understanding
    def _known(self):
        if self._vocabulary is None:
            words = set(lx.FUNCTION_WORDS) | set(self.model.vocabulary if self.model else ())
            # (words the parser refuses are not words to act on)
            words.update(w for phrase in lexicon_phrases(skip=REFUSAL_LISTS)
                         for w in WORD.findall(phrase))
            self._vocabulary = frozenset(words)
        return self._vocabulary

    def _spelling(self):
        """Return the speller over the planner's vocabulary, or None (no model, no word list)."""
        if self._speller is None:
            self._speller = False       # tried once; False: no speller for this planner
            if self.model is None or not self.model.vocabulary:
                return None
            from lam_ros.skills.encoder import EncoderUnavailable, model_dir
            try:
                english = encoder_words(model_dir() / 'tokenizer.json')
            except (EncoderUnavailable, OSError, ValueError, KeyError):
                return None     # without the list of real words, no word is safe to correct
            # a slip of a word the planner refuses is read as that word, and refused
            refused = {w for name in REFUSAL_LISTS for phrase in getattr(lx, name)
                       for w in WORD.findall(phrase.lower())}
            self._speller = Speller(self._known() | refused, english, _stems,
                                    nouns=set(OBJECT_WORDS) - set(lx.COLOUR_WORDS),
                                    before_noun=DETERMINERS | set(lx.COLOUR_WORDS) | {
                                        'open', 'close', 'shut', 'in', 'into', 'from', 'of',
                                        'inside', 'pull', 'push'},
                                    colours=lx.COLOUR_WORDS + LIGHT_COLOURS,
                                    block_nouns=lx.BLOCK_NOUNS, other_colours=set(
                                        lx.OTHER_COLOURS) - set(LIGHT_COLOURS))
        return self._speller or None

    def _check_words(self, text):
        """Refuse a command that names an object the planner has never seen; list others.

        "Turn off the ceiling light" must not become "turn off the light bulb", nor "hide
        the red block" become "lift the red block". A word outside the model's training
        vocabulary, the lexicon (its refusal lists aside) and the function words is
        refused at once where it names a thing (right after a determiner: "the ceiling
        light", "my car keys"), unless it only describes a block its colour names ("the
        wooden red block") or comes right before a block noun; so is one after a colour no
        block has ("the green triangle") or ending a noun phrase after a fixture's name
        ("the desk fan"). Where it names the action (a clause's first word: "yank the
        drawer open", "hide the red block"), follows a colour ("the red car") or comes
        right before a block noun ("the uppermost block", "the checkered block") it is
        returned, and the command goes ahead only if the model reads
        it, whole, as one task it is sure of (`_sure_of`); elsewhere (an unusual adverb,
        say) the model reads around it. Only with the model loaded.
        """
        if self.model is None or not self.model.vocabulary:
            return []
        known, things, actions = self._known(), [], []
        for clause in split_clauses(normalise(text)):
            words = WORD.findall(clause)
            for i, word in enumerate(words):
                if word in known or any(stem in known for stem in _stems(word)):
                    continue
                if i > 0 and words[i - 1] in DETERMINERS and not _describes_block(words, i):
                    if _before_described_noun(words, i):
                        actions.append(word)    # "the uppermost block": the model must be sure
                    else:
                        things.append(word)
                elif i > 0 and words[i - 1] in lx.OTHER_COLOURS:
                    things.append(word)     # "the green triangle": no block is green
                elif i > 1 and words[i - 2] in DETERMINERS and words[i - 1] in lx.FIXTURE_NOUNS \
                        and not word.endswith('ly') and (
                            i + 1 == len(words) or words[i + 1] in lx.FUNCTION_WORDS):
                    things.append(word)     # "the desk fan": a thing named after a fixture
                elif i == 0 or words[i - 1] in lx.COLOUR_WORDS:
                    actions.append(word)
        if things:
            raise Refusal(_unknown_words(things))
        return actions

    def _sure_of(self, text, steps, whole_probs):
        """Whether the model reads the whole command as the plan's one task, and is sure."""
        if whole_probs is None or ORDER_WORDS.search(text.lower()):
            return False
        mine = [s['task'] for s in steps if not s['auto']]
        label, p = self._top(whole_probs)
        return len(mine) == 1 and label == mine[0] and p >= MODEL_SURE_WORD

    def _understand(self, texts, search=None):
        """Exemplar neighbours and model probabilities ({label: p}) per text, one pass.

        search: which texts to look up in Milvus (default all); the others get no
        neighbours. With the model, the planner looks up only the whole command and
        the clauses the rules could not read: Milvus Lite's search costs about as much
        as the encoder per vector, and the model already ranks the alternatives.
        """
        if self.library is None or not texts:
            return [[] for _ in texts], [None for _ in texts]
        # a one-clause command is often its own clause: encode and look up each text once
        unique = list(dict.fromkeys(texts))
        row = [unique.index(t) for t in texts]
        search = [True] * len(texts) if search is None else search
        wanted = sorted({row[i] for i, s in enumerate(search) if s})
        vectors, tokens, mask = self.library.encoder.encode_tokens(unique)
        found = dict(zip(wanted, self.library.store.search_vectors(
            vectors[wanted], 'exemplars', RETRIEVAL_K))) if wanted else {}
        hits = [found.get(row[i], []) if s else [] for i, s in enumerate(search)]
        if self.model is None:
            return hits, [None for _ in texts]
        probs = [dict(zip(self.model.labels, (float(p) for p in r)))
                 for r in self.model.predict(tokens, mask)]
        return hits, [probs[r] for r in row]

    @staticmethod
    def _top(probs):
        label = max(probs, key=probs.get)
        return label, probs[label]

    def _read(self, intent, hits, probs):
        """Check one parsed intent with the model (and retrieval); may replace it."""
        if probs is None:
            if intent.family == 'unknown':
                return self._from_retrieval(intent, hits)
            return intent
        label, p = self._top(probs)
        if intent.family == 'unknown':
            if label != NONE and p >= MODEL_ACCEPT:
                read = intent_for_task(label, intent.text)
                if unstated(label, intent.text) is None:
                    return read
                if PRONOUN.search(intent.text) and unstated(label, intent.text).startswith(
                        'which block') and 'block' in read.slots:
                    read.slots['block'] = None     # "it": the block named before
                    return read
                raise Refusal('"%s": %s' % (intent.text, unstated(label, intent.text)),
                              final=False)
            if label == NONE and p >= MODEL_NONE:
                raise Refusal('"%s" is not one of my skills' % intent.text, final=False)
            return self._from_retrieval(intent, hits)
        if label == NONE or p < MODEL_OVERRULE or intent.elided:
            return intent       # an elided clause has its verb from the one before
        try:
            mine = [k for k, auto in self._ground(intent, None) if not auto]
        except Refusal:
            mine = []
        if len(mine) == 1 and mine[0] != label and probs.get(mine[0], 0.0) <= MODEL_DOUBT \
                and unstated(label, intent.text, strict=True) is None:
            return intent_for_task(label, intent.text)
        return intent

    @staticmethod
    def _agreement(task, hits):
        """Similarity-weighted share of neighbours that agree with a task (family: half)."""
        if not hits:
            return 0.6
        total = sum(max(h['score'], 0.0) for h in hits) or 1.0
        family = TASKS[task].primitive if task in TASKS else None
        agree = 0.0
        for h in hits:
            if h['task'] == task:
                agree += max(h['score'], 0.0)
            elif family and h['task'] in TASKS and TASKS[h['task']].primitive == family:
                agree += 0.5 * max(h['score'], 0.0)
        return agree / total

    # ------------------------------------------------------------------ planning
    def plan(self, text: str, scene=None) -> dict:
        """Plan one command. scene: a symbolic state dict, or None for intent only."""
        started = time.perf_counter()
        parsed = retrieved = None
        try:
            speller = self._spelling()
            check_typed(text)
            typed = plain(heard(for_what(to_me(courteous(text)))))
            typed, fixes = speller.correct(typed) if speller else (typed, [])
            check_sure(typed)
            typed = drop_reasons(drop_small_talk(plain_colours(typed)))
            typed, ruled_out = instead(typed)
            said, promises = split_constraints(typed)
            if promises and not rx.search(r'[a-z]', said.lower()):
                raise Refusal('the command says only what not to do; tell me what to do')
            said, wishes, doubtful = drop_wishes(said)
            if doubtful:
                raise Refusal('"%s": I cannot check how things end up beyond the steps; say '
                              'only the steps' % doubtful[0])
            if wishes and not rx.search(r'[a-z]', said.lower()):
                raise Refusal('"%s" says how things should end up; tell me what to do' %
                              wishes[0])
            try:
                intents, error = parse_read(said), None
                _refuse_unnamed_repeat(intents)
            except Refusal as err:
                if err.final:
                    raise
                intents, error = [], err
            # the model reads the whole command as the rules normalise it ("the compartment
            # under the table" is the drawer), like the clauses
            unknown = self._check_words(said)
            parsed = time.perf_counter()
            search = [self.model is None or i.family == 'unknown' for i in intents] + [True]
            hits, probs = self._understand([i.text for i in intents] + [normalise(said)],
                                           search)
            retrieved = time.perf_counter()
            whole = (hits.pop(), probs.pop())
            if len(intents) == 1 and not hits[0]:
                hits[0] = whole[0]          # one clause: the command's neighbours are its own
            if error is None:
                try:
                    read = self._pronouns([self._read(i, h, p) for i, h, p in
                                           zip(intents, hits, probs)])
                    preferred = self._prefer_whole(said, read, whole[1])
                    if preferred:
                        read, hits, probs = [preferred], [whole[0]], [whole[1]]
                    steps, per_step = self._resolve(read, hits, probs, scene)
                except Refusal as err:
                    if err.final:
                        raise
                    error = err
            if error is not None:
                fallback = self._whole(said, error, intents, hits, probs, whole)
                steps, per_step = self._resolve([fallback], [whole[0]], [whole[1]], scene)
                per_step = [(min(c, 0.6), alts) for c, alts in per_step]
            if unknown and not self._sure_of(said, steps, whole[1]):
                raise Refusal(_unknown_words(unknown))
            for promise in promises:
                broken = violation(promise, steps, said)
                if broken:
                    raise Refusal(broken)
            unlike = contradicted(notes_of(said), steps, said)
            if unlike:
                raise Refusal(unlike)
            _refuse_ruled_out(said, ruled_out, steps)
            _refuse_light_conflict(said, steps)
            _refuse_other_light(said, steps)
            _refuse_closed_before(steps)
            confidence = min(c for c, _ in per_step) if per_step else 0.0
            result = {'text': text, 'ok': True, 'steps': steps,
                      'confidence': round(confidence, 3),
                      'alternatives': [alts for _, alts in per_step]}
            if fixes:
                result['spelling'] = [{'typed': a, 'read': b} for a, b in fixes]
            if promises:
                result['constraints'] = [dict({'thing': p.thing, 'hands_off': p.hands_off,
                                               'text': p.text}, **(
                    {'end': p.end} if p.end else {}), **({'way': p.way} if p.way else {}))
                    for p in promises]
        except Refusal as err:
            result = {'text': text, 'ok': False, 'reason': str(err)}
        except Exception as err:    # a fault of mine: refuse this command, keep serving others
            logging.getLogger('lam_ros').exception('planning %r failed', text)
            result = {'text': text, 'ok': False, 'reason': 'I could not read that command (an '
                      'internal error: %s); nothing was done, say it another way' %
                      type(err).__name__}
        ended = time.perf_counter()
        result['latency_ms'] = round((ended - started) * 1000.0, 2)
        # stages for the latency breakdown: parse (rules), retrieve (encoder, intent
        # model, Milvus), ground (reading, grounding, checks); a refusal ends early
        marks = [started] + [m for m in (parsed, retrieved) if m is not None] + [ended]
        self.last_timing = {k: round((b - a) * 1000.0, 3) for k, a, b in zip(
            ('parse', 'retrieve', 'ground')[:len(marks) - 1], marks, marks[1:])}
        return result

    def _resolve(self, intents, hits, probs, scene):
        state = symbolic(scene) if scene is not None else None
        steps, per_step = [], []
        for intent, neighbours, model in zip(intents, hits, probs):
            keys = self._ground(intent, state)
            for key, auto in keys:
                odd = None if auto else misfit(normalise(intent.text), key)
                if odd:
                    raise Refusal('"%s": %s' % (intent.text, odd), final=False)
                if state is not None:
                    unmet = TASKS[key].unmet(state)
                    if unmet:
                        raise Refusal('cannot %s: %s' % (key.replace('_', ' '),
                                                         '; '.join(unmet)))
                    state = TASKS[key].effects(state)
                steps.append({'task': key, 'args': dict(self.specs[key].args), 'auto': auto})
                if auto:
                    per_step.append((1.0, []))
                else:
                    per_step.append(self._confidence(key, neighbours, model))
        return steps, per_step

    def _prefer_whole(self, text, read, whole_probs):
        """Return the model reading of a one-task command where it clearly beats the rules.

        The rules were written against our own development sets and know their phrasings
        well; the model generalises better to phrasings nobody wrote down. For a command
        the rules read as one step (and that has no order words), a clear model reading
        wins. Where the rules read several steps, a sure model reading of one step wins
        if the rules' steps are that step said twice, or a grasp of the block it then
        rotates or pushes ("pinch the pink block and rotate it the way a clock turns",
        read as lift, then rotate); any other sequence stays as the rules read it. The
        model's block and direction must be words of the command, and it must read the
        command the same way without the notes the rules dropped. Returns the intent, or
        None.
        """
        if whole_probs is None or len({i.slots.get('block') for i in read} - {None}) > 1:
            return None     # steps on two blocks: "sweep the red and then the pink block in"
        try:
            mine = [k for i in read for k, auto in self._ground(i, None) if not auto]
        except Refusal:
            return None
        label, p = self._top(whole_probs)
        if label == NONE or unstated(label, text, strict=True) is not None:
            return None
        if len(mine) == 1:
            if ORDER_WORDS.search(text.lower()) or label == mine[0] or p < MODEL_PREFER or \
                    whole_probs.get(mine[0], 0.0) > MODEL_PREFER_DOUBT:
                return None
        elif p < MODEL_SURE or not ((set(mine) == {label} and not SAID_AGAIN.search(
                text.lower())) or (
                len(mine) == 2 and mine[1] == label and TASKS[mine[0]].primitive == 'lift' and
                TASKS[label].primitive in ('rotate', 'push') and
                _thing(mine[0]) == _thing(label))):
            return None
        kept = without_notes(text)
        if kept is not None:
            # the rules dropped a note or someone else's step: the model must read the rest
            # the same way ("pull out the drawer, I'll put the pink block in it myself")
            if self._top(self._understand([kept], [False])[1][0])[0] != label:
                return None
        return intent_for_task(label, text)

    @staticmethod
    def _pronouns(intents):
        """Give "it" the block named by an earlier step; join steps said twice."""
        last, out = None, []
        for intent in intents:
            if 'block' in intent.slots and intent.slots['block'] is None and last and \
                    PRONOUN.search(intent.text):
                intent.slots['block'] = last
            last = intent.slots.get('block') or last
            if out and repeats(out[-1], intent):
                out[-1].slots.update({k: v for k, v in intent.slots.items() if v is not None})
                continue
            out.append(intent)
        return out

    def _confidence(self, key, neighbours, model):
        """(confidence, top alternatives) of one step from the model and the neighbours."""
        agreement = self._agreement(key, neighbours)
        if model is None:
            ranked = [(h['task'], h['score']) for h in neighbours]
            confidence = 0.5 + 0.5 * agreement
        else:
            ranked = sorted(((k, v) for k, v in model.items() if k != NONE),
                            key=lambda kv: -kv[1])
            confidence = 0.7 * model.get(key, 0.0) + 0.3 * agreement
        alternatives = []
        for task, score in ranked:
            if task != key and task not in [a['task'] for a in alternatives]:
                alternatives.append({'task': task, 'score': round(float(score), 3)})
        return confidence, alternatives[:3]

    def _whole(self, text, error, intents, hits, probs, whole):
        """Read a one-task command whose clauses the rules could not read, or re-raise.

        Only when the block and the direction the model reads are words of the command,
        never when a clause is one the model calls none of the skills, and never when a
        clause the rules did read is another task: a command with an impossible part is
        refused as a whole, never half done. With order words ("grip it, then twist it
        clockwise") the model must be sure, and a clause it leans to calling none of the
        skills, or that names a fixture the task does not act on ("before you grab the red
        block from the drawer, pull the knob-thing open"), is enough to refuse. Nor when
        the rules read another step beside the model's (`_beside`), a lift naming no block
        (`_unnamed_lift`), or, with order words, a clause they could not read that says the
        step again or the other way ("move the panel left, then move it back the other way").
        """
        whole_hits, whole_probs = whole
        ordered = ORDER_WORDS.search(text.lower()) is not None
        if whole_probs is not None:
            none_limit = MODEL_NONE if ordered else MODEL_NONE_WHOLE
            label, p = self._top(whole_probs)
            for intent, q in zip(intents, probs):
                if intent.family != 'unknown' or q is None:
                    continue
                if q.get(NONE, 0.0) >= none_limit:
                    raise error
                actions = collections.Counter()
                for key, share in q.items():
                    if key in TASKS:
                        actions[TASKS[key].primitive] += share
                own, share = actions.most_common(1)[0]
                verb = intent.text.split()[0] in action_verbs()
                # another action: "push the red block and rotate it"; with order words, a
                # step of its own ("before you grab the red block, pull the knob-thing open")
                if (verb or ordered) and label != NONE and \
                        share >= MODEL_ACCEPT * sum(actions.values()) \
                        and own not in ('lift', TASKS[label].primitive):
                    raise error
                if ordered and label != NONE and _names_another_fixture(intent.text, label):
                    raise error
            if label == NONE or p < (MODEL_SURE if ordered else MODEL_WHOLE) or \
                    unstated(label, text) is not None:
                raise error
            for intent in intents:
                if intent.family == 'unknown':
                    continue
                try:
                    mine = [k for k, auto in self._ground(intent, None) if not auto]
                except Refusal:
                    if len(intents) > 1 and _unnamed_lift(intent, label):
                        raise error
                    continue
                if any(_thing(k) != _thing(label) or _beside(k, intent, intents, label)
                       for k in mine):
                    raise error
                if ordered and mine == [label] and any(i.family == 'unknown' and (
                        SAID_AGAIN.search(i.text) or OTHER_WAY.search(i.text)) for i in intents):
                    # the model's one step is a step the rules read in another clause, and the
                    # clause they could not read says it again or the other way: it would be
                    # dropped ("move the panel left, then move it back the other way")
                    raise error
            return intent_for_task(label, text)
        if ordered or len(intents) != 1 or not whole_hits:
            raise error
        top = whole_hits[0]
        if top['score'] < ACCEPT_WHOLE or top['task'] not in TASKS:
            raise error
        return Intent('task', {'task': top['task']}, text)

    @staticmethod
    def _from_retrieval(intent, neighbours):
        """Read a clause the rules do not know from its nearest exemplar, or refuse."""
        if neighbours and neighbours[0]['score'] >= ACCEPT_UNKNOWN:
            task = neighbours[0]['task']
            if task in TASKS:
                missing = unstated(task, intent.text)
                if missing is not None:       # a neighbour's block or direction is a guess
                    raise Refusal('"%s": %s' % (intent.text, missing), final=False)
                return Intent('task', {'task': task}, intent.text)
        raise Refusal('I do not know how to "%s"; it matches none of my skills' % intent.text,
                      final=False)

    # ------------------------------------------------------------------ grounding
    def _ground(self, intent, state):
        """Task keys (with auto flags) for one intent, given the state before it."""
        f, s = intent.family, intent.slots
        if state is not None:
            _refuse_unseen(f, s, state)
        if f == 'task':
            return [(s['task'], False)]
        if f in ('rotate', 'push'):
            block = s.get('block') or (state or {}).get('grasped')
            if block is None:
                raise Refusal('which block should I %s? %s' % (f, NO_BLOCK), final=False)
            if s.get('direction') is None:
                raise Refusal('which way should I %s the %s block: left or right?' % (
                    f, block), final=False)
            return [('%s_%s_block_%s' % (f, block, s['direction']), False)]
        if f == 'slider':
            direction = s.get('direction')
            if direction is None:
                if state is None:
                    raise Refusal('which way should the sliding door go: left or right?',
                                  final=False)
                direction = 'left' if state['slider'] == 'right' else 'right'
            return [('move_slider_%s' % direction, False)]
        if f == 'drawer':
            return [('open_drawer' if s['target'] == 'open' else 'close_drawer', False)]
        if f == 'toggle':
            target = s.get('target')
            if target is None:
                # a press or flip toggles: the scene decides; without one, assume "on"
                target = 'on' if state is None else (
                    'off' if state[s['light']] == 'on' else 'on')
            return [('turn_%s_%s' % (target, s['light']), False)]
        if f == 'unstack':
            return [('unstack_block', False)]
        if f == 'push_into_drawer':
            return self._open_drawer_first(state) + [('push_into_drawer', False)]
        if f == 'lift':
            return self._lift(s.get('block'), s.get('surface'), state, auto=False)
        if f in ('place', 'stack'):
            return self._hold(s.get('block'), s.get('target'), state) + [
                ('place_in_%s' % s['target'] if f == 'place' else 'stack_block', False)]
        raise Refusal('I do not know how to "%s"' % intent.text)

    @staticmethod
    def _open_drawer_first(state):
        if state is not None and state['drawer'] == 'closed':
            return [('open_drawer', True)]
        return []

    def _lift(self, block, surface, state, auto):
        if block is None:
            raise Refusal('which block should I pick up? %s' % NO_BLOCK, final=False)
        if state is None:
            return [(_lift_key(block, surface or 'table'), auto)]
        where = state['blocks'][block]
        if state.get('grasped') == block:
            raise Refusal('I am already holding the %s block' % block)
        if state.get('grasped'):
            raise Refusal('I am holding the %s block; tell me where to put it first' %
                          state['grasped'])
        actual = 'slider' if where.startswith('slider') else where
        if surface and surface != actual and where != 'stacked_top':
            raise Refusal('the %s block is not in the %s, it is %s' % (
                block, surface if surface != 'slider' else 'cabinet', _where(where)))
        if where == 'stacked_bottom':
            raise Refusal('the %s block is under another block; unstack them first' % block)
        steps = []
        if where == 'stacked_top':
            steps.append(('unstack_block', True))
            actual = 'table'
        if actual == 'drawer':
            steps += self._open_drawer_first(state)
        return steps + [(_lift_key(block, actual), auto)]

    def _hold(self, block, target, state):
        """Return steps that make the gripper hold `block` (or any) before placing it."""
        if state is None:
            return []
        held = state.get('grasped')
        opening = self._open_drawer_first(state) if target == 'drawer' else []
        if block is None:
            if held is None:
                raise Refusal('I am not holding a block; %s' % NO_BLOCK)
            return opening
        if held == block:
            return opening
        if held is not None:
            raise Refusal('I am holding the %s block, not the %s one' % (held, block))
        if opening:
            # open first: the drawer cannot be opened with a block in the gripper
            state = TASKS['open_drawer'].effects(state)
        return opening + self._lift(block, None, state, auto=True)


UNSEEN = 'unknown'            # what perception reports for an item it cannot see
FIXTURE_OF = {'drawer': 'drawer', 'slider': 'slider', 'push_into_drawer': 'drawer'}


def _refuse_unseen(family, slots, state):
    """Refuse an intent whose block, fixture or light the scene reports as unknown."""
    items = []
    if slots.get('block'):
        items.append((slots['block'] + ' block', state['blocks'].get(slots['block'])))
    if family in FIXTURE_OF:
        name = FIXTURE_OF[family]
        items.append(('sliding door' if name == 'slider' else name, state.get(name)))
    if family == 'toggle' and slots.get('light'):
        light = slots['light']
        items.append(('light bulb' if light == 'lightbulb' else 'LED', state.get(light)))
    if family == 'place' and slots.get('target') == 'drawer':
        items.append(('drawer', state.get('drawer')))
    if state.get('grasped') == UNSEEN:
        raise Refusal('I cannot see what the gripper is holding right now, and I do not act '
                      'on what I cannot see')
    for name, value in items:
        if value == UNSEEN:
            raise Refusal('I cannot see the %s right now, and I do not act on what I cannot '
                          'see' % name)


# A step said again without saying which: "do the same with the other one", "..., and then do
# it again" after several steps
SAME_AGAIN = rx.compile(r'\bthe same\b|\blikewise\b|\brepeat (?:it|that|this)\b|\bdo (?:it|that|'
                        r'this) (?:again|once more|one more time|too|as well)\b')


def _refuse_unnamed_repeat(intents):
    """Refuse a clause the rules could not read that repeats an unnamed earlier step.

    The model would read "do the same with the other one" as some step, and a step said
    twice is joined: the command would run with one step fewer than it said.
    """
    for i, intent in enumerate(intents):
        if intent.family != 'unknown' or not SAME_AGAIN.search(intent.text.lower()):
            continue
        earlier = {(x.family, tuple(sorted(x.slots.items()))) for x in intents[:i]}
        if len(earlier) != 1 or rx.search(r'\bother\b', intent.text.lower()):
            raise which_step(intent.text)


def _refuse_ruled_out(text, verb, steps):
    """Refuse a plan that does what the command ruled out.

    "push it left, don't lift it" (NO_LIFT), "don't rotate the blue block, just push it
    right" (`verb`, from instead), "twist it, don't move it anywhere" (NO_MOVE).
    """
    primitives = [TASKS[s['task']].primitive for s in steps]
    if NO_LIFT.search(text.lower()) and 'lift' in primitives:
        raise Refusal('the command says not to lift the block, but the plan lifts it')
    if verb in RULED_OUT and any(p.startswith(RULED_OUT[verb]) for p in primitives):
        raise Refusal('the command says not to %s the block, but the plan does' % verb)
    if NO_MOVE.search(text.lower()) and any(p != 'rotate' for p in primitives):
        raise Refusal('the command says not to move the block, but the plan moves it')


# a light's state to keep or to end in: "turn it on and leave it off", "keep it glowing"
LIGHT_END_STATE = rx.compile(r'\b(?:leave|keep|stay|remain)s? (?:it|them|the (?:\w+ )?(?:light|'
                             r'lamp|bulb|led|lightbulb|switch|button))\b|\b(?:should|must|'
                             r'needs? to) (?:be|stay|remain|end up) (?:on|off|lit|dark|glowing|'
                             r'down|up)\b')


def _refuse_light_conflict(text, steps):
    """Refuse a plan that turns a light both on and off where the text says how it ends.

    "Turn it on and then off" is two steps; "turn it on and leave it off" asks for two end
    states at once, and is refused rather than guessed.
    """
    tasks = {s['task'] for s in steps}
    for light, name in (('led', 'LED'), ('lightbulb', 'light bulb')):
        if {'turn_on_' + light, 'turn_off_' + light} <= tasks and LIGHT_END_STATE.search(
                text.lower()):
            raise Refusal('the command asks for the %s to end both on and off; say one' % name)


_PURPOSE_LIGHT = rx.compile(r'\bso (?:that )?(?:the )?(?:(lamp|light ?bulb|bulb|yellow light|'
                            r'yellow lamp)|(led|green light|green led|diode))\b')
# each light: its name, what works it, and the words that say it was meant before a purpose
_LIGHTS = {
    'lightbulb': ('light bulb', 'switch', rx.compile(r'\b(?:lamp|bulb|lightbulb|switch|yellow '
                                                     r'light)\b')),
    'led': ('LED', 'button', rx.compile(r'\b(?:led|button|diode|green light)\b')),
}


def _refuse_other_light(text, steps):
    """Refuse a step on one light done so that the other light changes.

    "Press the button so the lamp goes on": the button works the LED, not the lamp; which is
    meant is not clear, so nothing is done.
    """
    low = text.lower()
    purpose = _PURPOSE_LIGHT.search(low)
    lights = {s['task'].rsplit('_', 1)[-1] for s in steps if s['task'].startswith('turn_')}
    if purpose and lights:
        meant = 'lightbulb' if purpose.group(1) else 'led'
        other = 'led' if meant == 'lightbulb' else 'lightbulb'
        said = {light: bool(words.search(low[:purpose.start()]))
                for light, (_, _, words) in _LIGHTS.items()}
        if meant not in lights or (said[other] and not said[meant]):
            raise Refusal('"%s": the %s is worked by the %s, and the command works the %s; say '
                          'which light' % (purpose.group(0), _LIGHTS[meant][0],
                                           _LIGHTS[meant][1], _LIGHTS[other][1]))


def _refuse_closed_before(steps):
    """Refuse steps in the drawer that the command itself has just closed.

    "Close the drawer and take the pink block out of it", "take the red block out of the
    drawer after you've closed it": the words put the closing first; reopening it unasked
    would guess at what was meant.
    """
    closed = False
    for step in steps:
        if step['auto']:
            continue
        closed = step['task'] == 'close_drawer' or (closed and step['task'] != 'open_drawer')
        if closed and step['task'] in IN_DRAWER:
            raise Refusal('the command closes the drawer before "%s"; say the order again' %
                          step['task'].replace('_', ' '))


# the steps done in the drawer
IN_DRAWER = frozenset(t for t, task in TASKS.items() if task.primitive in (
    'push_into_drawer',) or task.args.get('surface') == 'drawer' or task.args.get(
        'target') == 'drawer')


# the words that name each fixture's action (a clause that says one acts on that fixture)
FIXTURE_WORDS = {'drawer': r'\b(?:drawer|open|opened|close|closed|shut)\b',
                 'slider': r'\b(?:door|slider|sliding)\b',
                 'light': r'\b(?:light|lights|lamp|bulb|lightbulb|led|button|switch|lever)\b'}


def _names_another_fixture(text, task):
    """Whether a clause names a fixture (or its action) that the task does not act on."""
    thing = _thing(task)
    own = 'light' if thing in ('led', 'lightbulb') else thing
    # the gripper opens and closes too: "open your gripper wide, then ..."
    text = rx.sub(r'\b(?:open|opened|opening|close|closed|closing|shut)\b(?= (?:the |your |its |'
                  r'my )?(?:gripper|hand|fingers|claw|jaws|grip)\b)|\b(?:gripper|hand|fingers|'
                  r'claw|jaws|grip)s? (?:is |are )?(?:wide |fully )?(?:open|opened|closed|shut)\b',
                  ' ', text.lower())
    return any(rx.search(words, text) for name, words in FIXTURE_WORDS.items() if name != own)


def _unnamed_lift(intent, label):
    """Whether a clause is a lift, from a place or by where the block is, naming no block.

    "slide the door left and get the block out of the cabinet": the model reads the slide,
    and the lift, which block unsaid, would be dropped. ("Store the cube you're gripping in
    the drawer" is no lift from the drawer.)
    """
    said_from = intent.slots.get('surface') and rx.search(r'\b(?:out of|from)\b', intent.text)
    return intent.family == 'lift' and TASKS[label].primitive != 'lift' and bool(
        PLACED_BY.search(intent.text) or said_from)


def _beside(key, intent, intents, label):
    """Whether a step the rules read is a step of its own beside the one the model reads.

    "rotate the red block on the right counter clockwise and push the same block to the
    left": the model reads the rotation, which another clause says; the push is more. Where
    no other clause says the model's kind of step, the model reads what the rules misread
    ("shift the red block's orientation clockwise" is no push).
    """
    primitive = TASKS[label].primitive
    return TASKS[key].primitive not in (primitive, 'lift') and any(
        i is not intent and i.family == primitive for i in intents)


def _thing(task):
    """Return what a task acts on: a block colour, the drawer, the slider, a light, or itself."""
    p, a = TASKS[task].primitive, TASKS[task].args
    if p in ('rotate', 'push', 'lift'):
        return a['block']
    return {'drawer': 'drawer', 'slider': 'slider'}.get(p, a.get('light', task))


def _describes_block(words, i):
    """Whether words[i] only describes a block its colour names: "the wooden red block".

    Three blocks, told apart by colour: with the colour said, another word about the
    block ("plastic", "toy") changes nothing. A fixture's modifier still names another
    thing ("the ceiling light"); a block's without a colour may ("the checkered block",
    see `_before_described_noun`).
    """
    phrase = words[i + 1:i + 3]
    for j, word in enumerate(phrase):
        if word in lx.BLOCK_NOUNS:
            return any(w in lx.COLOUR_WORDS for w in words[max(0, i - 2):i + 1 + j])
    return False


# Nouns an unknown word before them may only describe: a block ("the uppermost block") and
# the desk's one drawer and one cabinet ("the glide cabinet"); not a door or a light ("the
# glass door", "the ceiling light" name other things)
DESCRIBED_NOUNS = frozenset(lx.BLOCK_NOUNS) | frozenset(
    w for phrase in lx.DRAWER + lx.SLIDER_PLACE for w in WORD.findall(phrase)) - {
        'sliding', 'storage'}


def _before_described_noun(words, i):
    """Whether words[i] comes right before a block's, the drawer's or the cabinet's name.

    It may only describe that thing ("the uppermost block", "the glide cabinet") or name
    one the desk lacks ("the checkered block"), so the command goes ahead only where the
    model reads it, whole, as one task it is sure of.
    """
    return i + 1 < len(words) and words[i + 1] in DESCRIBED_NOUNS


def _unknown_words(words):
    return ('I do not know %s; I act only on the red, blue and pink blocks, the drawer, the '
            'sliding door, the switch and the button' % ', '.join(
                '"%s"' % w for w in dict.fromkeys(words)))


def _where(location):
    return {'table': 'on the table', 'drawer': 'in the drawer', 'grasped': 'in the gripper',
            'slider_left': 'in the cabinet', 'slider_right': 'in the cabinet',
            'stacked_top': 'on top of another block',
            'stacked_bottom': 'under another block'}.get(location, location)
