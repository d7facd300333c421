"""Random but valid initial scenes, from a seed, optionally satisfying a task's preconditions.

A scene is drawn symbolically (fixture states, where each block is), then given poses
in free space, written into the physics and settled; the scene oracle must then agree
with what was drawn, otherwise the draw is repeated. Seed 0 without a task is the
documented default scene (README).
"""

import numpy as np

from lam_ros.control.ik import ArmIK, down_rotation
from lam_ros.world.desk import BLOCKS, GRIPPER_OPEN, HOME_ARM
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASKS

DRAWER_OPEN_Q = (0.18, 0.20)
DRAWER_CLOSED_Q = (0.0, 0.01)
SLIDER_LEFT_Q = (0.37, 0.40)
SLIDER_RIGHT_Q = (0.0, 0.03)
SWITCH_ON_Q, SWITCH_OFF_Q = 0.075, 0.0
TABLE_X, TABLE_Y = (0.36, 0.48), (-0.30, 0.28)
CABINET_X = (0.67, 0.73)
MIN_BLOCK_SPACING = 0.095
HOLD_POSITION = np.array([0.45, 0.0, 0.16])


class SceneSampleError(RuntimeError):
    """No valid scene could be drawn."""


def _uniform(rng, bounds):
    return float(rng.uniform(bounds[0], bounds[1]))


def _yaw_quat(yaw):
    return np.array([np.cos(yaw / 2), 0.0, 0.0, np.sin(yaw / 2)])


def _symbolic_draw(rng, task_name):
    """Fixture states and block locations satisfying `task_name`'s preconditions."""
    task = TASKS[task_name] if task_name else None
    p = task.primitive if task else None
    a = task.args if task else {}
    fixtures = {
        'drawer': 'open' if rng.random() < 0.5 else 'closed',
        'slider': 'left' if rng.random() < 0.5 else 'right',
        'lightbulb': 'on' if rng.random() < 0.5 else 'off',
        'led': 'on' if rng.random() < 0.5 else 'off',
    }
    if p == 'slider':
        fixtures['slider'] = 'right' if a['direction'] == 'left' else 'left'
    elif p == 'drawer':
        fixtures['drawer'] = 'closed' if a['target'] == 'open' else 'open'
    elif p == 'toggle':
        fixtures[a['light']] = 'off' if a['target'] == 'on' else 'on'
    elif (p in ('push_into_drawer',) or (p == 'lift' and a['surface'] == 'drawer')
          or (p == 'place' and a['target'] == 'drawer')):
        fixtures['drawer'] = 'open'

    order = list(BLOCKS)
    rng.shuffle(order)
    locations = {}
    if p in ('rotate', 'push'):
        locations[a['block']] = 'table'
    elif p == 'lift':
        locations[a['block']] = a['surface']
    elif p in ('place', 'stack'):
        locations[order[0]] = 'grasped'
        if p == 'stack':
            locations[order[1]] = 'table'
    elif p == 'unstack':
        locations[order[0]] = 'stacked_top'
        locations[order[1]] = 'stacked_bottom'
    elif p == 'push_into_drawer':
        locations[order[0]] = 'table_front'
    stack_free = p not in ('place', 'stack', 'unstack')
    for color in order:
        if color in locations:
            continue
        choices = ['table', 'table', 'table', 'slider']
        if fixtures['drawer'] == 'open' and p not in ('drawer',):
            choices.append('drawer')
        if stack_free and rng.random() < 0.15 and 'stacked_top' not in locations.values():
            base = [c for c, loc in locations.items() if loc == 'table'
                    and not (task and task.args.get('block') == c)]
            if base:
                locations[base[0]] = 'stacked_bottom'
                locations[color] = 'stacked_top'
                continue
        locations[color] = choices[int(rng.integers(len(choices)))]
    return fixtures, {c: locations[c] for c in BLOCKS}


def _place_blocks(rng, fixtures, locations, drawer_q):
    """Concrete block poses (position, quaternion) for drawn locations; None if crowded."""
    poses = {}
    taken = []

    def free(xy):
        return all(np.linalg.norm(xy - other) >= MIN_BLOCK_SPACING for other in taken)

    def draw(bounds_x, bounds_y):
        for _ in range(50):
            xy = np.array([_uniform(rng, bounds_x), _uniform(rng, bounds_y)])
            if free(xy):
                taken.append(xy)
                return xy
        return None

    open_half = (0.08, 0.30) if fixtures['slider'] == 'right' else (-0.30, -0.08)
    # In the drawer the hand passes between its front panel and the desk edge: keep
    # blocks central and nearly square to the drawer so a top grasp fits.
    drawer_x = (0.30 - drawer_q + 0.06, 0.30 - 0.06)
    for color in sorted(BLOCKS, key=lambda c: locations[c] != 'stacked_bottom'):
        where = locations[color]
        yaw = _uniform(rng, (-np.pi / 4, np.pi / 4))
        if where in ('table', 'stacked_bottom'):
            xy = draw(TABLE_X, TABLE_Y)
            z = 0.025
        elif where == 'table_front':
            xy = draw((0.34, 0.37), (-0.37, -0.23))
            z = 0.025
        elif where == 'slider':
            xy = draw(CABINET_X, open_half)
            z = 0.035
        elif where == 'drawer':
            yaw = _uniform(rng, (-0.35, 0.35))
            xy = draw(drawer_x, (-0.35, -0.25))
            z = -0.115 + 0.025 + 0.002
        else:
            continue
        if xy is None:
            return None
        poses[color] = (np.array([xy[0], xy[1], z]), _yaw_quat(yaw))
    for color, where in locations.items():
        if where == 'stacked_top':
            base = next(c for c, loc in locations.items() if loc == 'stacked_bottom')
            pos, quat = poses[base]
            yaw = 2 * np.arctan2(quat[3], quat[0]) + _uniform(rng, (-0.15, 0.15))
            poses[color] = (pos + np.array([0.0, 0.0, 0.0505]), _yaw_quat(yaw))
    return poses


def expected_location(drawn: str, fixtures: dict) -> str:
    """Name a drawn location as the oracle does."""
    if drawn == 'slider':
        return 'slider_left' if fixtures['slider'] == 'right' else 'slider_right'
    if drawn == 'table_front':
        return 'table'
    return drawn


def sample_scene(desk, seed: int = 0, task: str = None, attempts: int = 20) -> dict:
    """Reset `desk` to a random valid scene drawn from `seed`; returns the oracle state.

    With `task`, the scene satisfies that task's preconditions.
    """
    if task is not None and task not in TASKS:
        raise ValueError('unknown task %r' % task)
    rng = np.random.default_rng(seed)
    oracle = SceneOracle(desk)
    ik = ArmIK(desk.model)
    for _ in range(attempts):
        fixtures, locations = _symbolic_draw(rng, task)
        drawer_q = _uniform(
            rng, DRAWER_OPEN_Q if fixtures['drawer'] == 'open' else DRAWER_CLOSED_Q)
        poses = _place_blocks(rng, fixtures, locations, drawer_q)
        if poses is None:
            continue
        arm_q, finger_q, gripper = HOME_ARM.copy(), GRIPPER_OPEN, GRIPPER_OPEN
        held = [c for c, loc in locations.items() if loc == 'grasped']
        if held:
            yaw = _uniform(rng, (-0.4, 0.4))
            hold = HOLD_POSITION + np.array([0.0, _uniform(rng, (-0.1, 0.1)), 0.0])
            arm_q = ik.solve(hold, down_rotation(yaw), HOME_ARM)
            pos, rot = ik.forward(arm_q)
            poses[held[0]] = (pos, _yaw_quat(yaw))
            finger_q, gripper = 0.0245, 0.0
        joint = {
            'drawer': drawer_q,
            'slide_door': _uniform(rng, SLIDER_LEFT_Q if fixtures['slider'] == 'left'
                                   else SLIDER_RIGHT_Q),
            'switch': SWITCH_ON_Q if fixtures['lightbulb'] == 'on' else SWITCH_OFF_Q,
            'button': 0.0,
        }
        desk.set_state(arm_q, finger_q, gripper, joint, poses, fixtures['led'] == 'on')
        desk.settle(0.4)
        state = oracle.state()
        wanted = {c: expected_location(loc, fixtures) for c, loc in locations.items()}
        if state['blocks'] != wanted:
            continue
        if any(state[k] != fixtures[k] for k in ('drawer', 'slider', 'lightbulb', 'led')):
            continue
        if task is not None and TASKS[task].unmet(state):
            continue
        return state
    raise SceneSampleError('no valid scene for task %r from seed %d after %d attempts' % (
        task, seed, attempts))
