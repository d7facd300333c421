"""Tests of the MuJoCo desk, the scene oracle, scene sampling and the task checks."""

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint, TrajectoryRejected
from lam_ros.world.desk import ARM_JOINTS, CalvinDesk, GripperCommandRejected
from lam_ros.world.sampling import sample_scene
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import resolve_tasks, TASK_NAMES, TASKS

CALVIN = Path(__file__).resolve().parents[1].parent / 'shared' / 'calvin'


@pytest.fixture(scope='module')
def desk():
    d = CalvinDesk()
    yield d
    d.close()


def test_task_keys_are_calvins():
    assert len(TASK_NAMES) == 34
    tasks_file = CALVIN / 'new_playtable_tasks.yaml'
    if not tasks_file.is_file():
        pytest.skip('CALVIN data not found at %s' % CALVIN)
    calvin = yaml.safe_load(tasks_file.read_text())['tasks']
    assert set(calvin) == set(TASK_NAMES)


def test_resolve_tasks_rejects_unknown():
    assert resolve_tasks('all') == list(TASK_NAMES)
    with pytest.raises(ValueError, match='unknown task'):
        resolve_tasks('open_drawer,fly_away')


def test_default_scene_is_deterministic(desk):
    first = sample_scene(desk, 0)
    second = sample_scene(desk, 0)
    assert first == second
    json.dumps(first)
    assert sample_scene(desk, 1) != first


@pytest.mark.parametrize('task', TASK_NAMES)
def test_sampled_scene_satisfies_preconditions(desk, task):
    state = sample_scene(desk, 11, task)
    assert TASKS[task].unmet(state) == []
    assert 'floor' not in state['blocks'].values()


def test_preconditions_and_effects_are_symbolic():
    state = {'blocks': {'red': 'table', 'blue': 'slider_left', 'pink': 'table'},
             'slider': 'right', 'drawer': 'closed', 'lightbulb': 'off', 'led': 'on',
             'grasped': None}
    assert TASKS['place_in_drawer'].unmet(state) == [
        'the gripper holds no block', 'the drawer is closed']
    assert TASKS['turn_on_led'].unmet(state) == ['the LED is already on']
    lifted = TASKS['lift_red_block_table'].effects(state)
    assert lifted['grasped'] == 'red' and lifted['blocks']['red'] == 'grasped'
    opened = TASKS['open_drawer'].effects(lifted)
    placed = TASKS['place_in_drawer'].effects(opened)
    assert placed['blocks']['red'] == 'drawer' and placed['grasped'] is None
    assert TASKS['place_in_drawer'].unmet(opened) == []


def test_success_reads_the_physics_not_a_flag(desk):
    oracle = SceneOracle(desk)
    sample_scene(desk, 3, 'open_drawer')
    task = TASKS['open_drawer']
    start = task.begin(desk, oracle)
    assert not task.succeeded(desk, oracle, start)
    # Move the drawer by writing its joint: the check must see the world change.
    desk.data.qpos[desk.model.joint('drawer_joint').qposadr[0]] = 0.19
    desk.run(0.05)
    assert task.succeeded(desk, oracle, start)
    assert oracle.state()['drawer'] == 'open'


def test_button_press_toggles_led(desk):
    oracle = SceneOracle(desk)
    sample_scene(desk, 4, 'turn_on_led')
    assert oracle.state()['led'] == 'off'
    adr = desk.model.joint('button_joint').qposadr[0]
    desk.data.qpos[adr] = -0.013
    desk.step(1)
    assert oracle.state()['led'] == 'on'
    desk.run(0.3)          # the spring returns the button; the LED stays on
    assert oracle.state()['led'] == 'on'


def test_controller_layer_rejects_bad_input_and_holds(desk):
    sample_scene(desk, 0)
    before = desk.arm_positions()
    bad = JointTrajectory(list(ARM_JOINTS), [TrajectoryPoint([0.0] * 6 + [float('nan')], 1.0)])
    with pytest.raises(TrajectoryRejected):
        desk.send_arm_goal(bad)
    with pytest.raises(GripperCommandRejected):
        desk.send_gripper([0.5])
    with pytest.raises(GripperCommandRejected):
        desk.send_gripper([])
    desk.run(0.5)
    assert np.max(np.abs(desk.arm_positions() - before)) < 1e-3


def test_arm_follows_a_trajectory(desk):
    sample_scene(desk, 0)
    start = desk.arm_positions()
    target = start + np.array([0.3, -0.2, 0.2, 0.3, -0.3, 0.2, 0.5])
    desk.send_arm_goal(JointTrajectory(list(ARM_JOINTS), [TrajectoryPoint(list(target), 1.5)]))
    desk.run(2.0)
    assert np.max(np.abs(desk.arm_positions() - target)) < 0.01


def test_cameras_render_rgb_and_depth(desk):
    sample_scene(desk, 0)
    rgb = desk.render('static_camera', 160, 120)
    depth = desk.render('wrist_camera', 160, 120, depth=True)
    assert rgb.shape == (120, 160, 3) and rgb.dtype == np.uint8 and rgb.std() > 10
    assert depth.shape == (120, 160) and 0.05 < float(np.median(depth)) < 3.0
    with pytest.raises(ValueError, match='unknown camera'):
        desk.render('nope')
