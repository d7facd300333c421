"""The 34 CALVIN tasks: preconditions and effects over the symbolic state, and success checks.

Task keys are exactly those of CALVIN's new_playtable_tasks.yaml. Each task has
- `unmet(state)`: the preconditions that a symbolic state (lam_ros.world.scene) does not
  satisfy, as operator-readable reasons (empty list: the task can start);
- `effects(state)`: the symbolic state expected after success (for planning);
- `begin(desk, oracle)` / `succeeded(desk, oracle, start)`: a success check that compares
  the physics before and after (poses, joint positions, contacts), as CALVIN's task
  checker does. It never reads a flag set by whoever acted.
"""

import copy
import math
from dataclasses import dataclass, field

import numpy as np

from lam_ros.world.desk import BLOCKS

ROTATE_DEG = 60.0          # CALVIN rotate_object: +-60 degrees about z
TILT_MAX_DEG = 30.0        # ... while staying within 30 degrees of upright
PUSH_DISTANCE = 0.10       # CALVIN push_object: 0.1 m sideways
SLIDER_DISTANCE = 0.15     # CALVIN move_door_rel on the slider: 0.15 m
DRAWER_DISTANCE = 0.10     # half the drawer's travel, as CALVIN's 0.12 of 0.24
LIFT_HEIGHT = {'table': 0.05, 'slider': 0.03, 'drawer': 0.05}
RIGHT = np.array([0.0, -1.0, 0.0])   # the robot's right is -y in the base frame


class _NotSeen(Exception):
    """What a check needs is not in the scene state (perception cannot see it)."""


@dataclass(frozen=True)
class Task:
    """One CALVIN task: its key, primitive and arguments."""

    name: str
    primitive: str
    args: dict = field(default_factory=dict)

    # --------------------------------------------------------------- symbolic model
    def unmet(self, state: dict) -> list:
        """Reasons the task cannot start in this symbolic state (empty when it can)."""
        p, a = self.primitive, self.args
        blocks, reasons = state['blocks'], []
        if p in ('rotate', 'push', 'lift', 'unstack', 'toggle', 'slider', 'drawer',
                 'push_into_drawer') and state.get('grasped'):
            reasons.append('the gripper is holding the %s block' % state['grasped'])
        if p in ('rotate', 'push') and blocks[a['block']] != 'table':
            reasons.append('the %s block is not free on the table (it is %s)' % (
                a['block'], blocks[a['block']].replace('_', ' ')))
        elif p == 'lift':
            where = blocks[a['block']]
            if a['surface'] == 'slider' and not where.startswith('slider'):
                reasons.append('the %s block is not in the cabinet' % a['block'])
            elif a['surface'] != 'slider' and where != a['surface']:
                reasons.append('the %s block is not in the %s (it is %s)' % (
                    a['block'], a['surface'], where.replace('_', ' ')))
            if a['surface'] == 'drawer' and state['drawer'] != 'open':
                reasons.append('the drawer is closed')
        elif p in ('place', 'stack'):
            if not state.get('grasped'):
                reasons.append('the gripper holds no block')
            if p == 'place' and a['target'] == 'drawer' and state['drawer'] != 'open':
                reasons.append('the drawer is closed')
            if p == 'stack' and not [c for c, loc in blocks.items() if loc == 'table']:
                reasons.append('no block is free on the table to stack on')
        elif p == 'unstack' and 'stacked_top' not in blocks.values():
            reasons.append('no block is stacked on another')
        elif p == 'slider' and state['slider'] == a['direction']:
            reasons.append('the sliding door is already on the %s' % a['direction'])
        elif p == 'drawer' and state['drawer'] == a['target']:
            reasons.append('the drawer is already %s' % a['target'])
        elif p == 'toggle' and state[a['light']] == a['target']:
            reasons.append('the %s is already %s' % (
                'light bulb' if a['light'] == 'lightbulb' else 'LED', a['target']))
        elif p == 'push_into_drawer':
            if state['drawer'] != 'open':
                reasons.append('the drawer is closed')
            if 'table' not in blocks.values():
                reasons.append('no block is free on the table')
        return reasons

    def effects(self, state: dict) -> dict:
        """Return the symbolic state after this task succeeds from `state`."""
        p, a = self.primitive, self.args
        new = copy.deepcopy(state)
        blocks = new['blocks']
        if p == 'lift':
            blocks[a['block']] = 'grasped'
            new['grasped'] = a['block']
        elif p == 'place':
            held = new['grasped']
            if a['target'] == 'slider':
                blocks[held] = 'slider_right' if new['slider'] == 'left' else 'slider_left'
            else:
                blocks[held] = 'drawer'
            new['grasped'] = None
        elif p == 'stack':
            held = new['grasped']
            base = next(c for c, loc in blocks.items() if loc == 'table')
            blocks[held], blocks[base] = 'stacked_top', 'stacked_bottom'
            new['grasped'] = None
        elif p == 'unstack':
            for color, loc in blocks.items():
                if loc in ('stacked_top', 'stacked_bottom'):
                    blocks[color] = 'table'
        elif p == 'slider':
            new['slider'] = a['direction']
        elif p == 'drawer':
            new['drawer'] = a['target']
        elif p == 'toggle':
            new[a['light']] = a['target']
        elif p == 'push_into_drawer':
            color = next(c for c, loc in blocks.items() if loc == 'table')
            blocks[color] = 'drawer'
        return new

    # --------------------------------------------------------------- physics check
    def begin(self, desk, oracle) -> dict:
        """Snapshot what the success check compares against."""
        state = oracle.state()
        poses = {c: desk.block_pose(c) for c in BLOCKS}
        return {'state': state, 'poses': poses,
                'joints': dict(state['joints'])}

    def succeeded(self, desk, oracle, start: dict) -> bool:
        """Whether the physics now shows this task done, relative to `start`."""
        p, a = self.primitive, self.args
        state = oracle.state()
        blocks = state['blocks']
        if p == 'rotate':
            q0 = start['poses'][a['block']][1]
            q1 = desk.block_pose(a['block'])[1]
            yaw, tilt = _relative_yaw_tilt(q0, q1)
            return a['sign'] * yaw >= ROTATE_DEG and tilt <= TILT_MAX_DEG
        if p == 'push':
            moved = desk.block_pose(a['block'])[0] - start['poses'][a['block']][0]
            direction = RIGHT if a['direction'] == 'right' else -RIGHT
            return (float(moved @ direction) >= PUSH_DISTANCE
                    and blocks[a['block']] == 'table')
        if p == 'slider':
            moved = state['joints']['slide_door'] - start['joints']['slide_door']
            sign = 1.0 if a['direction'] == 'left' else -1.0
            return sign * moved >= SLIDER_DISTANCE
        if p == 'drawer':
            moved = state['joints']['drawer'] - start['joints']['drawer']
            sign = 1.0 if a['target'] == 'open' else -1.0
            return sign * moved >= DRAWER_DISTANCE
        if p == 'lift':
            rise = desk.block_pose(a['block'])[0][2] - start['poses'][a['block']][0][2]
            return blocks[a['block']] == 'grasped' and rise >= LIFT_HEIGHT[a['surface']]
        if p in ('place', 'stack'):
            held = start['state']['grasped']
            if held is None or state['grasped'] is not None:
                return False
            if p == 'stack':
                return blocks[held] == 'stacked_top'
            if a['target'] == 'slider':
                return blocks[held] in ('slider_left', 'slider_right')
            return blocks[held] == 'drawer'
        if p == 'unstack':
            before = start['state']['blocks']
            tops = [c for c, loc in before.items() if loc == 'stacked_top']
            bottoms = [c for c, loc in before.items() if loc == 'stacked_bottom']
            return any(not oracle.blocks_touching(t, b) and blocks[t] in ('table', 'grasped')
                       for t in tops for b in bottoms)
        if p == 'toggle':
            return state[a['light']] == a['target']
        if p == 'push_into_drawer':
            before = start['state']['blocks']
            return any(before[c] == 'table' and blocks[c] == 'drawer' for c in BLOCKS)
        raise ValueError('unknown primitive %r' % p)

    # --------------------------------------------------------------- check from scene states
    def verify(self, before: dict, after: dict):
        """Say why the task did not succeed between two scene states; None when it did.

        This is the check the LAM node makes from scene-state messages (the simulator's
        oracle, or perception on a robot): locations, light and fixture states, block
        positions and yaw, fixture joint positions. It mirrors `succeeded` except for
        what a camera cannot see (a block's tilt, contacts).
        """
        try:
            return self._verify(before, after)
        except _NotSeen as err:
            return 'cannot confirm it: the %s is not visible' % err

    def _verify(self, before: dict, after: dict):
        p, a = self.primitive, self.args
        blocks0, blocks1 = before['blocks'], after['blocks']

        def pose(state, colour):
            if state['poses'].get(colour) is None:
                raise _NotSeen('%s block' % colour)
            return state['poses'][colour]

        def joint(state, name):
            if state['joints'].get(name) is None:
                raise _NotSeen('sliding door' if name == 'slide_door' else name)
            return state['joints'][name]

        if p == 'rotate':
            turn = (pose(after, a['block'])['yaw_deg'] - pose(before, a['block'])['yaw_deg']
                    + 180.0) % 360.0 - 180.0
            if a['sign'] * turn < ROTATE_DEG:
                return 'the %s block turned %.0f degrees %s (needs %.0f)' % (
                    a['block'], abs(turn), 'clockwise' if turn < 0 else 'counterclockwise',
                    ROTATE_DEG)
            return None
        if p == 'push':
            moved = (np.array(pose(after, a['block'])['position'])
                     - np.array(pose(before, a['block'])['position']))
            direction = RIGHT if a['direction'] == 'right' else -RIGHT
            if blocks1[a['block']] != 'table':
                return 'the %s block is %s, not on the table' % (
                    a['block'], blocks1[a['block']].replace('_', ' '))
            if float(moved @ direction) < PUSH_DISTANCE:
                return 'the %s block moved %.0f mm to the %s (needs %.0f)' % (
                    a['block'], 1000 * float(moved @ direction), a['direction'],
                    1000 * PUSH_DISTANCE)
            return None
        if p in ('slider', 'drawer'):
            fixture = 'slide_door' if p == 'slider' else 'drawer'
            sign = 1.0 if a.get('direction', a.get('target')) in ('left', 'open') else -1.0
            need = SLIDER_DISTANCE if p == 'slider' else DRAWER_DISTANCE
            moved = sign * (joint(after, fixture) - joint(before, fixture))
            if moved < need:
                return 'the %s moved %.0f mm (needs %.0f)' % (
                    'sliding door' if p == 'slider' else 'drawer', 1000 * moved, 1000 * need)
            return None
        if p == 'lift':
            rise = pose(after, a['block'])['position'][2] - pose(before, a['block'])['position'][2]
            if blocks1[a['block']] != 'grasped':
                return 'the %s block is not in the gripper (it is %s)' % (
                    a['block'], blocks1[a['block']].replace('_', ' '))
            if rise < LIFT_HEIGHT[a['surface']]:
                return 'the %s block rose %.0f mm (needs %.0f)' % (
                    a['block'], 1000 * rise, 1000 * LIFT_HEIGHT[a['surface']])
            return None
        if p in ('place', 'stack'):
            held = before['grasped']
            if held is None:
                return 'no block was in the gripper'
            if after['grasped'] is not None:
                return 'the %s block is still in the gripper' % after['grasped']
            wanted = {'stack': ('stacked_top',), 'slider': ('slider_left', 'slider_right'),
                      'drawer': ('drawer',)}[a.get('target', 'stack')]
            if blocks1[held] not in wanted:
                return 'the %s block ended %s' % (held, blocks1[held].replace('_', ' '))
            return None
        if p == 'unstack':
            tops = [c for c, loc in blocks0.items() if loc == 'stacked_top']
            if not any(blocks1[c] in ('table', 'grasped') for c in tops):
                return 'the stack is still there'
            return None
        if p == 'toggle':
            if after[a['light']] != a['target']:
                return 'the %s is %s' % ('light bulb' if a['light'] == 'lightbulb' else 'LED',
                                         after[a['light']])
            return None
        if p == 'push_into_drawer':
            if not any(blocks0[c] == 'table' and blocks1[c] == 'drawer' for c in BLOCKS):
                return 'no block went from the table into the drawer'
            return None
        raise ValueError('unknown primitive %r' % p)


def _relative_yaw_tilt(q0, q1):
    """Yaw (deg, about world z) and tilt (deg) of the rotation taking q0 to q1."""
    r0, r1 = _quat_to_mat(q0), _quat_to_mat(q1)
    rel = r1 @ r0.T
    yaw = math.degrees(math.atan2(rel[1, 0], rel[0, 0]))
    tilt = math.degrees(math.acos(max(-1.0, min(1.0, rel[2, 2]))))
    return yaw, tilt


def _quat_to_mat(q):
    w, x, y, z = q
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]])


def _build():
    tasks = {}
    for color in BLOCKS:
        for direction, sign in (('right', -1), ('left', 1)):
            tasks['rotate_%s_block_%s' % (color, direction)] = Task(
                'rotate_%s_block_%s' % (color, direction), 'rotate',
                {'block': color, 'sign': sign})
    for color in BLOCKS:
        for direction in ('right', 'left'):
            tasks['push_%s_block_%s' % (color, direction)] = Task(
                'push_%s_block_%s' % (color, direction), 'push',
                {'block': color, 'direction': direction})
    tasks['move_slider_left'] = Task('move_slider_left', 'slider', {'direction': 'left'})
    tasks['move_slider_right'] = Task('move_slider_right', 'slider', {'direction': 'right'})
    tasks['open_drawer'] = Task('open_drawer', 'drawer', {'target': 'open'})
    tasks['close_drawer'] = Task('close_drawer', 'drawer', {'target': 'closed'})
    for color in BLOCKS:
        for surface in ('table', 'slider', 'drawer'):
            name = 'lift_%s_block_%s' % (color, surface)
            tasks[name] = Task(name, 'lift', {'block': color, 'surface': surface})
    tasks['place_in_slider'] = Task('place_in_slider', 'place', {'target': 'slider'})
    tasks['place_in_drawer'] = Task('place_in_drawer', 'place', {'target': 'drawer'})
    tasks['stack_block'] = Task('stack_block', 'stack')
    tasks['unstack_block'] = Task('unstack_block', 'unstack')
    for light in ('lightbulb', 'led'):
        for target in ('on', 'off'):
            name = 'turn_%s_%s' % (target, light)
            tasks[name] = Task(name, 'toggle', {'light': light, 'target': target})
    tasks['push_into_drawer'] = Task('push_into_drawer', 'push_into_drawer')
    return tasks


TASKS = _build()
TASK_NAMES = tuple(TASKS)


def resolve_tasks(spec: str) -> list:
    """'all' or a comma-separated list of task keys -> list of task keys (validated)."""
    if spec.strip() == 'all':
        return list(TASK_NAMES)
    names = [n.strip() for n in spec.split(',') if n.strip()]
    unknown = [n for n in names if n not in TASKS]
    if unknown or not names:
        raise ValueError('unknown task(s) %s; known tasks: %s' % (
            unknown or spec, ', '.join(TASK_NAMES)))
    return names
