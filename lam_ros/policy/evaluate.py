"""Evaluate the policy: every task from random valid scenes, in-process, faster than real time.

Scenes come from `episode_seed(seed, task index, episode)`, the same scheme as the
expert's evaluation; demonstrations are recorded from seed 1000 and evaluations use
other seeds (123 in the README), so no evaluated scene was seen in training.

With `disturb=True` the target block is moved 3 to 5 cm across the table while the
gripper is on its way (the first control step it is within 12 cm of the block and has
not touched it): a policy that does not look at the scene would miss it.
"""

import logging
import time

import numpy as np

from lam_ros.expert.evaluate import episode_seed
from lam_ros.policy.executor import PolicyExecutor
from lam_ros.world.desk import CalvinDesk
from lam_ros.world.sampling import sample_scene
from lam_ros.world.tasks import TASK_NAMES, TASKS

log = logging.getLogger(__name__)

DISTURB_RADIUS = 0.12       # m from the target when the block is moved
DISTURB_RANGE = (0.03, 0.05)


def _disturber(desk, task, rng):
    """on_step callback moving the task's block once, mid-approach; None if no block."""
    block = TASKS[task].args.get('block')
    if TASKS[task].primitive not in ('rotate', 'push', 'lift') or block is None:
        return None, None
    state = {'moved': False}

    def on_step(d, step):
        if state['moved']:
            return
        pos, quat = d.block_pose(block)
        tcp, _ = d.site_pose('tcp')
        distance = float(np.linalg.norm(tcp - pos))
        if 0.05 < distance < DISTURB_RADIUS and pos[2] < 0.05 and 0.34 < pos[0] < 0.58:
            angle = rng.uniform(0, 2 * np.pi)
            shift = rng.uniform(*DISTURB_RANGE) * np.array([np.cos(angle), np.sin(angle), 0.0])
            new = pos + shift
            new[0] = np.clip(new[0], 0.36, 0.56)
            new[1] = np.clip(new[1], -0.25, 0.25)
            d.move_block(block, new)
            state['moved'] = True

    return on_step, state


def run_policy(tasks, episodes: int, seed: int, policy, control_hz: float = 20.0,
               disturb: bool = False, timeout: float = None, on_episode=None,
               scene: str = 'oracle') -> dict:
    """Run the policy on each task `episodes` times; return the score.

    timeout: seconds of simulated time per episode (default: each skill spec's).
    scene: where the policy's view of the scene comes from: 'oracle' (the physics) or
    'perception' (camera images through lam_ros.perception, as on a robot).
    """
    desk = CalvinDesk()
    view_source = None
    if scene == 'perception':
        from lam_ros.execution.perceived import PerceivedView
        view_source = PerceivedView(desk)
    elif scene != 'oracle':
        raise ValueError("scene must be 'oracle' or 'perception', got %r" % scene)
    executor = PolicyExecutor(desk, policy, control_hz=control_hz, view_source=view_source)
    rng = np.random.default_rng(seed)
    per_task, disturbed = {}, 0
    sim_seconds, steps = 0.0, 0
    started = time.perf_counter()
    for name in tasks:
        index = TASK_NAMES.index(name)
        wins = 0
        for episode in range(episodes):
            scene_seed = episode_seed(seed, index, episode)
            sample_scene(desk, scene_seed, name)
            if view_source is not None:
                view_source.reset()
            on_step, state = _disturber(desk, name, rng) if disturb else (None, None)
            result = executor.run(name, timeout=timeout, on_step=on_step)
            if state and state['moved']:
                disturbed += 1
            wins += result.success
            sim_seconds += result.sim_seconds
            steps += result.steps
            record = {'task': name, 'episode': episode, 'seed': scene_seed,
                      'success': result.success, 'reason': result.reason,
                      'sim_seconds': result.sim_seconds,
                      'disturbed': bool(state and state['moved'])}
            if not result.success:
                log.info('failed: %s', record)
            if on_episode is not None:
                on_episode(record)
        per_task[name] = round(wins / episodes, 3) if episodes else 0.0
    desk.close()
    wall = time.perf_counter() - started
    return {'success_rate': round(float(np.mean(list(per_task.values()))), 4),
            'per_task': per_task, 'provider': policy.provider, 'control_hz': control_hz,
            'episodes': episodes * len(tasks), 'disturbed_episodes': disturbed,
            'scene': scene, 'sim_seconds': round(sim_seconds, 1), 'wall_seconds': round(wall, 1),
            'control_steps': steps}
