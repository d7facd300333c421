"""Demonstrations from the scripted expert, recorded as observation/action pairs.

For each task and episode: a random valid scene (lam_ros.world.sampling, seeded), half
of the time a random start pose of the arm, then the expert solves the task while the
recorder samples the observation at the control rate. Only episodes the physics judges
successful are kept. Labels come from the expert's own plan (its list of moves and
gripper actions): at each sample, the keyframe it is heading to, or the next one once
the TCP has arrived, so the policy learns where to go next from what it sees.

On-disk format (`lam-ros demos --out DIR`, read by `lam-ros train`):
  DIR/demos.npz   obs float32 [N, 55], out float32 [N, 8] (see lam_ros.policy.features),
                  episode int32 [N], task int16 [N] (index in TASK_NAMES)
  DIR/demos.json  tasks, episodes per task, seed, control_hz, kept/total episodes,
                  observation and action layouts, sha256 of demos.npz
"""

import hashlib
import json
import logging
import time
from pathlib import Path

import numpy as np

from lam_ros.control.ik import wrap_angle
from lam_ros.expert.evaluate import episode_seed
from lam_ros.expert.scripted import ExpertFailed, ScriptedExpert
from lam_ros.policy.features import (ACT_LAYOUT, encode_action, OBS_LAYOUT, Observer,
                                     view_from_desk)
from lam_ros.world.desk import CalvinDesk, GRIPPER_OPEN
from lam_ros.world.sampling import sample_scene
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASK_NAMES, TASKS

log = logging.getLogger(__name__)

CONTROL_HZ = 20.0
REACHED_POSITION = 0.0025    # m: a move counts as done within this distance ...
REACHED_FREE = 0.01          # m: ... or this one for free-space moves (speed >= 0.25 m/s),
REACHED_GRASP = 0.006        # m: ... or this one before a gripper action (it holds the TCP),
REACHED_YAW = 0.05           # rad ... and this yaw
DONE_HOLD = 0.5              # s recorded after the expert finished (label: done)


def _label(segments, t, tcp, tcp_yaw, command, target):
    """Label (OUT_DIM) at time t from the expert's segments."""
    i = max([k for k, s in enumerate(segments) if s['t0'] <= t + 1e-9] or [0])
    last_move = next((s for s in reversed(segments[:i + 1]) if s['kind'] == 'move'),
                     segments[i])
    if t >= segments[-1]['t1']:
        return encode_action(last_move['position'], last_move['yaw'], 0.0,
                             command > GRIPPER_OPEN / 2, True, target, tcp_yaw)
    seg = segments[i]
    reached = REACHED_FREE if seg.get('speed', 0.0) >= 0.25 else REACHED_POSITION
    if i + 1 < len(segments) and segments[i + 1]['kind'] == 'gripper':
        reached = max(reached, REACHED_GRASP)
    if seg['kind'] == 'move' and np.linalg.norm(seg['position'] - tcp) < reached \
            and abs(wrap_angle(seg['yaw'] - tcp_yaw)) < REACHED_YAW:
        if i + 1 >= len(segments):
            return encode_action(seg['position'], seg['yaw'], 0.0,
                                 command > GRIPPER_OPEN / 2, True, target, tcp_yaw)
        seg = segments[i + 1]
    if seg['kind'] == 'gripper':
        return encode_action(seg['position'], seg['yaw'], 0.0,
                             seg['value'] > GRIPPER_OPEN / 2, False, target, tcp_yaw)
    return encode_action(seg['position'], seg['yaw'], seg['speed'],
                         command > GRIPPER_OPEN / 2, False, target, tcp_yaw)


def record_episode(desk, expert, oracle, task, scene_seed, rng):
    """Run one expert episode; return (obs, out) arrays and success."""
    sample_scene(desk, scene_seed, task)
    if rng.random() < 0.5:
        # a random start pose, so the policy does not only know the home pose
        pos, yaw = expert.tcp()
        start = pos + np.array([rng.uniform(-0.08, 0.08), rng.uniform(-0.12, 0.12),
                                rng.uniform(-0.03, 0.06)])
        start[2] = max(start[2], 0.10)
        expert.move(start, yaw + rng.uniform(-0.5, 0.5), settle=0.05)
    observer = Observer(task)
    samples = []
    expert.segments = []

    def on_frame(d):
        view = view_from_desk(d, oracle)
        obs, target = observer.observe(view, d.time)
        if obs is not None:
            samples.append((d.time, obs, target, view.tcp_position.copy(), view.tcp_yaw,
                            d.gripper_target))

    expert.on_frame = on_frame
    start = TASKS[task].begin(desk, oracle)
    on_frame(desk)
    try:
        expert.solve(task)
        expert.wait(DONE_HOLD)
        success = TASKS[task].succeeded(desk, oracle, start)
    except ExpertFailed:
        success = False
    expert.on_frame = None
    if not success or not expert.segments:
        return None, None, False
    obs = np.stack([s[1] for s in samples])
    out = np.stack([_label(expert.segments, t, p, y, c, target)
                    for t, _, target, p, y, c in samples])
    return obs, out, True


def collect(out_dir, tasks=None, episodes=40, seed=1000, noise=0.015, yaw_noise=0.2,
            log_fn=print) -> dict:
    """Record demonstrations for `tasks` (default all) into out_dir; return the metadata.

    noise, yaw_noise: every other episode, free-space moves of the expert go to a target
    perturbed by this much (m and rad, standard deviation) while the labels keep the
    intended one.
    """
    tasks = list(tasks or TASK_NAMES)
    desk = CalvinDesk()
    oracle = SceneOracle(desk)
    expert = ScriptedExpert(desk, frame_rate=CONTROL_HZ)
    expert.rng = np.random.default_rng(seed + 1)
    rng = np.random.default_rng(seed)
    all_obs, all_out, episode_ids, task_ids = [], [], [], []
    kept = total = 0
    started = time.time()
    for name in tasks:
        index = TASK_NAMES.index(name)
        for episode in range(episodes):
            total += 1
            expert.noise = noise if episode % 2 else 0.0
            expert.yaw_noise = yaw_noise if episode % 2 else 0.0
            obs, out, ok = record_episode(desk, expert, oracle, name,
                                          episode_seed(seed, index, episode), rng)
            if not ok:
                continue
            all_obs.append(obs)
            all_out.append(out)
            episode_ids.append(np.full(len(obs), kept, np.int32))
            task_ids.append(np.full(len(obs), index, np.int16))
            kept += 1
        log_fn('%-26s %d episodes, %d samples so far (%.0f s)' % (
            name, episodes, sum(len(o) for o in all_obs), time.time() - started))
    desk.close()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / 'demos.npz'
    np.savez_compressed(path, obs=np.concatenate(all_obs), out=np.concatenate(all_out),
                        episode=np.concatenate(episode_ids), task=np.concatenate(task_ids))
    meta = {'tasks': tasks, 'episodes_per_task': episodes, 'seed': seed, 'noise': noise,
            'yaw_noise': yaw_noise,
            'control_hz': CONTROL_HZ, 'kept_episodes': kept, 'total_episodes': total,
            'samples': int(sum(len(o) for o in all_obs)),
            'observation': [list(x) for x in OBS_LAYOUT], 'action': [list(x) for x in ACT_LAYOUT],
            'sha256': hashlib.sha256(path.read_bytes()).hexdigest(),
            'seconds': round(time.time() - started, 1)}
    (out_dir / 'demos.json').write_text(json.dumps(meta, indent=1) + '\n')
    return meta
