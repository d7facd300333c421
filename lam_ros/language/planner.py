"""Command -> checked, grounded plan of CALVIN tasks, or a refusal with a reason.

1. `parser.parse` reads the command into ordered intents (or refuses: empty, too long,
   unsafe, unknown or absent objects, colours no block has).
2. Every clause is embedded once and looked up among the skill library's exemplars in
   Milvus: the neighbours confirm the parser's reading (confidence), give the top
   alternatives, and read clauses the rules do not know. A clause neither knows is
   refused, and so is the whole command.
3. Grounding against a symbolic scene state: each intent becomes a task key (a block is
   lifted from where it is now), steps the operator left out are inserted with
   "auto": true (open the drawer before placing into it, pick up the block to be put
   away, unstack before lifting a covered block), and the plan is simulated with the
   tasks' preconditions and effects; any step that cannot run refuses the command.
   With scene None the intent alone is returned: no checks, no inserted steps.

The planner never executes anything and never reads the simulator.
"""

import time

from lam_ros.language.parser import Intent, parse, Refusal
from lam_ros.skills.spec import load_library
from lam_ros.world.assets import skills_dir
from lam_ros.world.tasks import TASKS

RETRIEVAL_K = 5
ACCEPT_UNKNOWN = 0.80       # similarity at which retrieval alone may read a clause
ACCEPT_WHOLE = 0.60         # ... a whole one-step command the rules could not read
NO_BLOCK = 'say which block: the red, blue or pink one'


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


class Planner:
    """Plans commands; holds the skill specs, and optionally the skill library."""

    def __init__(self, library=None):
        self.library = library
        self.specs = load_library(library.spec_paths() if library else [skills_dir()])

    def warm_up(self):
        """Run one lookup so the first command does not pay for loading the store."""
        self._neighbours(['open the drawer'])

    # ------------------------------------------------------------------ retrieval
    def _neighbours(self, clauses):
        if self.library is None or not clauses:
            return [[] for _ in clauses]
        vectors = self.library.encoder.encode(clauses)
        return self.library.store.search_vectors(vectors, 'exemplars', RETRIEVAL_K)

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
        try:
            intents = parse(text)
            hits = self._neighbours([i.text for i in intents])
            try:
                steps, per_step = self._resolve(intents, hits, scene)
            except Refusal as err:
                fallback = self._whole_by_retrieval(err, intents, hits)
                if fallback is None:
                    raise
                steps, per_step = self._resolve([fallback], [hits[0]], scene)
                per_step = [(min(c, 0.5), alts) for c, alts in per_step]
            confidence = min(c for c, _ in per_step) if per_step else 0.0
            result = {'text': text, 'ok': True, 'steps': steps,
                      'confidence': round(confidence, 3),
                      'alternatives': [alts for _, alts in per_step]}
        except Refusal as err:
            result = {'text': text, 'ok': False, 'reason': str(err)}
        result['latency_ms'] = round((time.perf_counter() - started) * 1000.0, 2)
        return result

    def _resolve(self, intents, hits, scene):
        state = symbolic(scene) if scene is not None else None
        steps, per_step = [], []
        for intent, neighbours in zip(intents, hits):
            if intent.family == 'unknown':
                intent = self._from_retrieval(intent, neighbours)
            keys = self._ground(intent, state)
            for key, auto in keys:
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
                    alternatives = []
                    for h in neighbours:
                        if h['task'] != key and h['task'] not in [a['task'] for a in
                                                                  alternatives]:
                            alternatives.append({'task': h['task'],
                                                 'score': round(h['score'], 3)})
                    confidence = 0.5 + 0.5 * self._agreement(key, neighbours)
                    per_step.append((confidence, alternatives[:3]))
        return steps, per_step

    @staticmethod
    def _whole_by_retrieval(err, intents, hits):
        """Read a one-clause command the rules could not read by its nearest exemplar."""
        if getattr(err, 'final', True) or len(intents) != 1 or not hits[0]:
            return None
        top = hits[0][0]
        if top['score'] < ACCEPT_WHOLE or top['task'] not in TASKS:
            return None
        return Intent('task', {'task': top['task']}, intents[0].text)

    def _from_retrieval(self, intent, neighbours):
        """Read a clause the rules do not know from its nearest exemplar, or refuse."""
        if neighbours and neighbours[0]['score'] >= ACCEPT_UNKNOWN:
            task = neighbours[0]['task']
            if task in TASKS:
                return Intent('task', {'task': task}, intent.text)
        raise Refusal('I do not know how to "%s"; it matches none of my skills' % intent.text,
                      final=False)

    # ------------------------------------------------------------------ grounding
    def _ground(self, intent, state):
        """Task keys (with auto flags) for one intent, given the state before it."""
        f, s = intent.family, intent.slots
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


def _where(location):
    return {'table': 'on the table', 'drawer': 'in the drawer', 'grasped': 'in the gripper',
            'slider_left': 'in the cabinet', 'slider_right': 'in the cabinet',
            'stacked_top': 'on top of another block',
            'stacked_bottom': 'under another block'}.get(location, location)
