"""Skill specifications: operator-readable YAML, validated before anything uses it.

One YAML file per skill family (config/skills/*.yaml, plus user files added with
`lam-ros skills add`). A family file has:

    family: drawer                       # snake_case name, unique
    description: text                    # what the family does, for operators and retrieval
    parameters:                          # typed arguments of the family's tasks
      target: {type: enum, values: [open, closed], description: text}
    executor: {primitive: drawer}        # scripted fallback primitive (lam_ros.world.tasks)
    safety:                              # enforced outside the policy
      max_tcp_speed: 0.15                # m/s, (0, 1]
      max_joint_speed_fraction: 0.5      # of the joint speed limits, (0, 1]
      timeout_s: 20                      # per execution, (0, 300]
      workspace: {x: [lo, hi], y: [lo, hi], z: [lo, hi]}   # metres, base frame
    tasks:                               # task key -> its definition
      open_drawer:
        policy_skill_id: 14              # the action policy's skill index, unique
        args: {target: open}             # one allowed value per parameter
        description: text
        preconditions: {drawer: closed, grasped: null}
        effects: {drawer: open}
    phrasings:                           # example utterances (own wording) per task
      open_drawer: [open the drawer, ...]
    templates: ["pick up the {block} block", ...]   # optional, expanded per task
    words: {block: {red: [red, crimson]}}            # optional words per parameter value

Conditions (preconditions and effects) map a state key to a value. Keys: drawer, slider,
lightbulb, led, grasped, and blocks.<colour>, where <colour> may be `{param}` (the
task's argument) or `*` (some block; preconditions only). Values: a string, a list
(any of), null, or "*" (anything but null); `{param}` is replaced by the argument.
Effects may name `blocks.{grasped}`: the block held when the task starts.

Validation errors name the file, the field and the reason (SpecError).
"""

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PRIMITIVES = ('rotate', 'push', 'slider', 'drawer', 'lift', 'place', 'stack', 'unstack',
              'toggle', 'push_into_drawer')
STATE_KEYS = ('drawer', 'slider', 'lightbulb', 'led', 'grasped')
NAME = re.compile(r'^[a-z][a-z0-9_]{0,63}$')
PLACEHOLDER = re.compile(r'\{(\w+)\}')
MAX_PHRASE = 200


class SpecError(ValueError):
    """A skill specification is invalid: `path`, `field` and `reason` say where and why."""

    def __init__(self, path, field_name, reason):
        super().__init__('%s: %s: %s' % (path, field_name, reason))
        self.path, self.field, self.reason = str(path), field_name, reason


@dataclass(frozen=True)
class TaskSpec:
    """One task of a family, with everything needed to plan, retrieve and execute it."""

    name: str
    family: str
    primitive: str
    policy_skill_id: int
    args: dict
    description: str
    preconditions: dict
    effects: dict
    safety: dict
    phrasings: tuple = ()

    def text(self) -> str:
        """Text embedded for skill retrieval."""
        return '%s: %s' % (self.name.replace('_', ' '), self.description)

    def _key_value(self, key, value, state):
        key = PLACEHOLDER.sub(lambda m: str(self._arg(m.group(1), state)), key)
        if isinstance(value, str):
            value = PLACEHOLDER.sub(lambda m: str(self._arg(m.group(1), state)), value)
        elif isinstance(value, list):
            value = [PLACEHOLDER.sub(lambda m: str(self._arg(m.group(1), state)), v)
                     for v in value]
        return key, value

    def _arg(self, name, state):
        if name == 'grasped':
            return state.get('grasped')
        return self.args[name]

    def unmet(self, state: dict) -> list:
        """Preconditions not satisfied by a symbolic state, as 'key: wanted, is actual'."""
        missing = []
        for raw_key, raw_value in self.preconditions.items():
            key, wanted = self._key_value(raw_key, raw_value, state)
            if key == 'blocks.*':
                values = list(state['blocks'].values())
                if not any(_matches(v, wanted) for v in values):
                    missing.append('%s: %s, none is' % (key, wanted))
                continue
            actual = _lookup(state, key)
            if not _matches(actual, wanted):
                missing.append('%s: %s, is %s' % (key, wanted, actual))
        return missing

    def apply(self, state: dict) -> dict:
        """Symbolic effects applied to a copy of `state` (keys the spec names only)."""
        new = {k: (dict(v) if isinstance(v, dict) else v) for k, v in state.items()}
        for raw_key, raw_value in self.effects.items():
            key, value = self._key_value(raw_key, raw_value, state)
            if key.startswith('blocks.'):
                new['blocks'][key.split('.', 1)[1]] = value
            else:
                new[key] = value
        return new


def _lookup(state, key):
    if key.startswith('blocks.'):
        return state['blocks'].get(key.split('.', 1)[1])
    return state.get(key)


def _matches(actual, wanted):
    if wanted == '*':
        return actual is not None
    if isinstance(wanted, list):
        return actual in wanted
    return actual == wanted


@dataclass
class Family:
    """A validated family file."""

    name: str
    path: str
    description: str
    parameters: dict
    primitive: str
    safety: dict
    tasks: dict = field(default_factory=dict)     # name -> TaskSpec


def _require(mapping, key, path, where, kind=None):
    if not isinstance(mapping, dict) or key not in mapping:
        raise SpecError(path, where + key if where else key, 'is required')
    value = mapping[key]
    if kind is not None and not isinstance(value, kind):
        raise SpecError(path, where + key, 'must be a %s, got %r' % (
            kind.__name__ if isinstance(kind, type) else 'number', value))
    return value


def _check_condition(path, where, conditions, params, effect):
    if not isinstance(conditions, dict):
        raise SpecError(path, where, 'must be a mapping of state key to value')
    for key, value in conditions.items():
        base = key.split('.', 1)
        if key in STATE_KEYS:
            pass
        elif base[0] == 'blocks' and len(base) == 2:
            colour = base[1]
            if colour == '*' and effect:
                raise SpecError(path, '%s.%s' % (where, key), 'effects must name one block')
            names = PLACEHOLDER.findall(colour)
            if colour != '*' and not names and not NAME.match(colour):
                raise SpecError(path, '%s.%s' % (where, key), 'unknown block %r' % colour)
            for n in names:
                if n not in params and not (effect and n == 'grasped'):
                    raise SpecError(path, '%s.%s' % (where, key), 'unknown parameter {%s}' % n)
        else:
            raise SpecError(path, '%s.%s' % (where, key), 'unknown state key; use %s or '
                            'blocks.<colour>' % ', '.join(STATE_KEYS))
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v is not None and not isinstance(v, str):
                raise SpecError(path, '%s.%s' % (where, key), 'values are strings or null')


def _expand_templates(path, data, family_params, tasks):
    templates = data.get('templates') or []
    words = data.get('words') or {}
    if not isinstance(templates, list) or not isinstance(words, dict):
        raise SpecError(path, 'templates', 'templates is a list and words a mapping')
    out = {name: [] for name in tasks}
    for name, task in tasks.items():
        for template in templates:
            used = PLACEHOLDER.findall(template)
            unknown = [u for u in used if u not in family_params]
            if unknown:
                raise SpecError(path, 'templates', 'unknown parameter {%s} in %r' % (
                    unknown[0], template))
            choices = []
            for param in used:
                value = task['args'][param]
                choices.append(words.get(param, {}).get(value, [value]))
            for combo in itertools.product(*choices):
                phrase = template
                for param, word in zip(used, combo):
                    phrase = phrase.replace('{%s}' % param, word)
                out[name].append(phrase)
    return out


def load_family(path) -> Family:
    """Load and validate one family file; raises SpecError naming file, field and reason."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as err:
        raise SpecError(path, '(file)', 'cannot be read: %s' % err) from err
    except yaml.YAMLError as err:
        raise SpecError(path, '(file)', 'is not valid YAML: %s' % err) from err
    if not isinstance(data, dict):
        raise SpecError(path, '(file)', 'must be a YAML mapping')
    name = _require(data, 'family', path, '', str)
    if not NAME.match(name):
        raise SpecError(path, 'family', 'must be snake_case, got %r' % name)
    description = _require(data, 'description', path, '', str).strip()
    if not description:
        raise SpecError(path, 'description', 'must not be empty')
    params = data.get('parameters') or {}
    if not isinstance(params, dict):
        raise SpecError(path, 'parameters', 'must be a mapping')
    for pname, p in params.items():
        if not NAME.match(str(pname)):
            raise SpecError(path, 'parameters.%s' % pname, 'must be snake_case')
        if not isinstance(p, dict) or p.get('type') != 'enum':
            raise SpecError(path, 'parameters.%s.type' % pname, 'only type: enum is supported')
        values = p.get('values')
        if not isinstance(values, list) or not values or not all(
                isinstance(v, str) for v in values):
            raise SpecError(path, 'parameters.%s.values' % pname, 'must be a list of strings')
    executor = _require(data, 'executor', path, '', dict)
    primitive = _require(executor, 'primitive', path, 'executor.', str)
    if primitive not in PRIMITIVES:
        raise SpecError(path, 'executor.primitive', '%r is not one of %s' % (
            primitive, ', '.join(PRIMITIVES)))
    safety = _require(data, 'safety', path, '', dict)
    for key, low, high in (('max_tcp_speed', 0.0, 1.0), ('max_joint_speed_fraction', 0.0, 1.0),
                           ('timeout_s', 0.0, 300.0)):
        value = _require(safety, key, path, 'safety.', (int, float))
        if not low < value <= high:
            raise SpecError(path, 'safety.' + key, 'must be in (%g, %g], got %r' % (
                low, high, value))
    workspace = _require(safety, 'workspace', path, 'safety.', dict)
    for axis in 'xyz':
        bounds = _require(workspace, axis, path, 'safety.workspace.', list)
        if len(bounds) != 2 or not all(isinstance(b, (int, float)) for b in bounds) or \
                bounds[0] >= bounds[1]:
            raise SpecError(path, 'safety.workspace.' + axis,
                            'must be [low, high] with low < high')
    raw_tasks = _require(data, 'tasks', path, '', dict)
    if not raw_tasks:
        raise SpecError(path, 'tasks', 'must define at least one task')
    for tname, task in raw_tasks.items():
        where = 'tasks.%s' % tname
        if not NAME.match(str(tname)):
            raise SpecError(path, where, 'task names must be snake_case')
        if not isinstance(task, dict):
            raise SpecError(path, where, 'must be a mapping')
        sid = _require(task, 'policy_skill_id', path, where + '.', int)
        if isinstance(sid, bool) or sid < 0:
            raise SpecError(path, where + '.policy_skill_id', 'must be an integer >= 0')
        args = task.get('args') or {}
        if set(args) != set(params):
            raise SpecError(path, where + '.args', 'must give exactly the parameters %s' %
                            sorted(params))
        for pname, value in args.items():
            if value not in params[pname]['values']:
                raise SpecError(path, '%s.args.%s' % (where, pname), '%r is not one of %s' % (
                    value, params[pname]['values']))
        if not str(_require(task, 'description', path, where + '.', str)).strip():
            raise SpecError(path, where + '.description', 'must not be empty')
        _check_condition(path, where + '.preconditions', task.get('preconditions') or {},
                         params, effect=False)
        _check_condition(path, where + '.effects', task.get('effects') or {}, params,
                         effect=True)
    phrasings = data.get('phrasings') or {}
    if not isinstance(phrasings, dict):
        raise SpecError(path, 'phrasings', 'must map task names to lists of phrases')
    expanded = _expand_templates(path, data, params, raw_tasks)
    for tname, phrases in phrasings.items():
        if tname not in raw_tasks:
            raise SpecError(path, 'phrasings.%s' % tname, 'names no task of this family')
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise SpecError(path, 'phrasings.%s' % tname, 'must be a list of strings')
        expanded[tname].extend(phrases)
    family = Family(name, str(path), description, params, primitive, safety)
    for tname, task in raw_tasks.items():
        phrases = [' '.join(p.split()) for p in expanded[tname]]
        long = [p for p in phrases if not p or len(p) > MAX_PHRASE]
        if long:
            raise SpecError(path, 'phrasings.%s' % tname, 'phrases must be 1-%d characters' %
                            MAX_PHRASE)
        family.tasks[tname] = TaskSpec(
            name=tname, family=name, primitive=primitive,
            policy_skill_id=task['policy_skill_id'], args=dict(task.get('args') or {}),
            description=' '.join(task['description'].split()),
            preconditions=dict(task.get('preconditions') or {}),
            effects=dict(task.get('effects') or {}), safety=dict(safety),
            phrasings=tuple(dict.fromkeys(phrases)))
    return family


def load_library(paths) -> dict:
    """Load families from files or folders; returns task name -> TaskSpec.

    Rejects duplicate family names, task names and policy skill ids across files.
    """
    files = []
    for p in paths:
        p = Path(p)
        files.extend(sorted(p.glob('*.yaml')) if p.is_dir() else [p])
    tasks, families, skill_ids = {}, {}, {}
    for path in files:
        family = load_family(path)
        if family.name in families:
            raise SpecError(path, 'family', '%r is already defined in %s' % (
                family.name, families[family.name]))
        families[family.name] = path
        for name, task in family.tasks.items():
            if name in tasks:
                raise SpecError(path, 'tasks.%s' % name, 'is already defined by family %r' %
                                tasks[name].family)
            if task.policy_skill_id in skill_ids:
                raise SpecError(path, 'tasks.%s.policy_skill_id' % name,
                                '%d is already used by %s' % (
                                    task.policy_skill_id, skill_ids[task.policy_skill_id]))
            skill_ids[task.policy_skill_id] = name
            tasks[name] = task
    return tasks
