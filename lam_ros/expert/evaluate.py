"""Run the scripted expert over tasks and episodes and score it with the physics checks."""

import logging
import time

import numpy as np

from lam_ros.expert.scripted import ExpertFailed, ScriptedExpert
from lam_ros.world.desk import CalvinDesk
from lam_ros.world.sampling import sample_scene
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASKS

log = logging.getLogger(__name__)


def episode_seed(seed: int, task_index: int, episode: int) -> int:
    """Independent scene seed for one (task, episode) of a run seeded with `seed`."""
    return int(np.random.SeedSequence([seed, task_index, episode]).generate_state(1)[0])


def run_expert(tasks, episodes: int, seed: int, on_episode=None, on_frame=None,
               frame_rate: float = 15.0, desk=None) -> dict:
    """Solve each task `episodes` times from random valid scenes; return the score.

    on_episode(record) is called after each episode with a dict: task, episode, seed,
    success, sim_seconds, error. on_frame(desk) is called at `frame_rate` Hz of sim time.
    """
    desk = desk or CalvinDesk()
    oracle = SceneOracle(desk)
    expert = ScriptedExpert(desk, on_frame=on_frame, frame_rate=frame_rate)
    per_task = {}
    sim_seconds = 0.0
    started = time.perf_counter()
    for index, name in enumerate(tasks):
        task = TASKS[name]
        wins = 0
        for episode in range(episodes):
            scene_seed = episode_seed(seed, index, episode)
            sample_scene(desk, scene_seed, name)
            if on_frame is not None:
                on_frame(desk)
            start = task.begin(desk, oracle)
            error = None
            try:
                expert.solve(name)
                success = task.succeeded(desk, oracle, start)
            except ExpertFailed as err:
                success, error = False, str(err)
            sim_seconds += desk.time
            wins += success
            record = {'task': name, 'episode': episode, 'seed': scene_seed,
                      'success': bool(success), 'sim_seconds': round(desk.time, 3),
                      'error': error}
            if not success:
                log.info('failed: %s', record)
            if on_episode is not None:
                on_episode(record)
        per_task[name] = wins / episodes if episodes else 0.0
    wall = time.perf_counter() - started
    rate = float(np.mean(list(per_task.values()))) if per_task else 0.0
    return {'success_rate': round(rate, 4), 'per_task': per_task,
            'episodes': episodes * len(tasks), 'sim_seconds': round(sim_seconds, 2),
            'wall_seconds': round(wall, 2)}
