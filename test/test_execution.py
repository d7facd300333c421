"""Plan execution without ROS.

The kinematic world model, the control law's safety bounds, the scene-state checks and
the plan runner on the in-process simulator.
"""

import numpy as np
import pytest

from lam_ros.control.ik import down_rotation
from lam_ros.execution.desk_robot import DeskRobot
from lam_ros.execution.runner import PlanRunner, RunnerConfig
from lam_ros.execution.stepper import bounded_goal, LOOK_SECONDS, SafetyLimits, SkillStepper
from lam_ros.execution.world_model import KinematicWorld, SceneStateError
from lam_ros.expert.scripted import ScriptedExpert
from lam_ros.policy.features import view_from_desk
from lam_ros.policy.runtime import PolicyRunner
from lam_ros.skills.library import skills_dir
from lam_ros.skills.spec import load_library
from lam_ros.world.desk import CalvinDesk, HOME_ARM
from lam_ros.world.sampling import sample_scene
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASKS


@pytest.fixture(scope='module')
def world():
    return KinematicWorld()


@pytest.fixture
def desk():
    desk = CalvinDesk()
    yield desk
    desk.close()


@pytest.mark.parametrize('seed', [0, 3, 11])
def test_world_model_sees_what_the_physics_shows(world, desk, seed):
    """From joint states + a scene-state message, the same WorldView as from the physics."""
    sample_scene(desk, seed)
    oracle = SceneOracle(desk)
    _, pos, _, _ = desk.joint_state()
    view = world.view(pos[:7], pos[7], desk.gripper_target, oracle.state())
    truth = view_from_desk(desk, oracle)
    assert np.allclose(view.tcp_position, truth.tcp_position, atol=1e-4)
    assert abs(view.tcp_yaw - truth.tcp_yaw) < 1e-4
    for name, position in truth.handles.items():
        assert np.allclose(view.handles[name], position, atol=1e-3), name
    for colour, (position, yaw) in truth.blocks.items():
        assert np.allclose(view.blocks[colour][0], position, atol=1e-3)
        assert abs(view.blocks[colour][1] - yaw) < 1e-3
    assert view.locations == truth.locations and view.held == truth.held


def test_world_model_refuses_an_incomplete_scene_state(world):
    with pytest.raises(SceneStateError, match='lacks'):
        world.view(np.zeros(7), 0.04, 0.04, {'blocks': {}})


def test_stepper_looks_for_a_hidden_target_then_gives_up(world, desk, runner_parts):
    """No target in view: move back, aside and up for LOOK_SECONDS, then None."""
    stepper, _ = runner_parts
    world.reset()
    sample_scene(desk, 5, 'lift_red_block_table')
    state = SceneOracle(desk).state()
    hidden = dict(state, poses=dict(state['poses'], red=None))
    arm = desk.arm_positions()
    stepper.start('lift_red_block_table', arm)
    view = world.view(arm, 0.04, 0.04, hidden)
    motion = stepper.step(view, 0.0)
    assert motion is not None and motion.joints is not None and not motion.done
    moved = world.tcp(motion.joints)[0] - view.tcp_position
    assert moved[0] < 0 and moved[2] > 0 and np.linalg.norm(moved) < 0.02   # back and up
    assert stepper.step(view, LOOK_SECONDS + 0.1) is None
    seen = world.view(arm, 0.04, 0.04, state)
    stepper.start('lift_red_block_table', arm)
    assert stepper.step(seen, 0.0).command is not None                    # the network runs


def test_bounded_goal_never_leaves_the_box_further():
    low, high = np.array([0.0, 0.0, 0.0]), np.array([1.0, 1.0, 1.0])
    inside = bounded_goal(np.array([0.5, 0.5, 0.5]), [5.0, 0.5, -3.0], 10.0, 1.0, low, high)
    assert np.allclose(inside, [1.0, 0.5, 0.0])
    # outside on z: may come back, never go further out; x/y stay bounded by the step
    pos = np.array([0.5, 0.5, 1.4])
    assert bounded_goal(pos, [0.5, 0.5, 2.0], 1.0, 0.1, low, high)[2] == pytest.approx(1.4)
    assert bounded_goal(pos, [0.5, 0.5, 0.0], 1.0, 0.1, low, high)[2] == pytest.approx(1.3)
    step = bounded_goal(pos, [0.9, 0.5, 1.4], 0.2, 0.05, low, high) - pos
    assert np.linalg.norm(step) == pytest.approx(0.01)


def test_safety_limits_come_from_the_skill_spec():
    specs = load_library([skills_dir()])
    limits = SafetyLimits.from_safety(specs['open_drawer'].safety)
    assert limits.contact_tcp_speed == 0.15 and limits.timeout == 20.0
    assert limits.low[1] == -0.50 and limits.high[0] == 0.60


@pytest.mark.parametrize('task', ['open_drawer', 'turn_off_led', 'push_red_block_left',
                                  'lift_red_block_table', 'rotate_pink_block_right'])
def test_scene_state_check_agrees_with_the_physics_check(desk, task):
    """Task.verify (scene states, what lam_node sees) agrees with Task.succeeded."""
    sample_scene(desk, 5, task)
    oracle = SceneOracle(desk)
    before, start = oracle.state(), TASKS[task].begin(desk, oracle)
    assert TASKS[task].verify(before, oracle.state()) is not None     # nothing happened yet
    ScriptedExpert(desk).solve(task)
    desk.run(0.3)
    assert TASKS[task].succeeded(desk, oracle, start)
    assert TASKS[task].verify(before, oracle.state()) is None


def test_scene_state_check_says_what_it_cannot_see(desk):
    sample_scene(desk, 5, 'lift_red_block_table')
    before = SceneOracle(desk).state()
    hidden = dict(before, poses=dict(before['poses'], red=None),
                  joints=dict(before['joints'], drawer=None))
    assert TASKS['lift_red_block_table'].verify(hidden, before) == \
        'cannot confirm it: the red block is not visible'
    assert TASKS['open_drawer'].verify(before, hidden) == \
        'cannot confirm it: the drawer is not visible'


def test_world_model_reads_a_held_handle_from_the_hand(world, desk):
    """Fingers closed on the drawer knob: the drawer is where the hand is, not where a
    stale scene state says; after letting go, until the cameras see it again."""
    world.reset()
    sample_scene(desk, 5, 'open_drawer')
    state = SceneOracle(desk).state()
    knob = world.handles(dict(state['joints'], drawer=0.12))['drawer']
    arm = world.ik.solve(knob, down_rotation(0.0), desk.arm.setpoint(desk.time))
    # perception: the drawer hidden by the arm, its last sighting (0.05) from memory
    stale = dict(state, joints=dict(state['joints'], drawer=0.05), stamp=10.0,
                 seen_s_ago={'drawer': 1.0})
    assert world.view(arm, 0.04, 0.04, stale).fixtures['drawer'] == 0.05   # open fingers
    assert world.view(arm, 0.0, 0.0, stale).fixtures['drawer'] == 0.05     # nothing held
    held = world.view(arm, 0.012, 0.0, stale)
    assert held.fixtures['drawer'] == pytest.approx(0.12, abs=0.005)
    assert np.linalg.norm(held.handles['drawer'] - knob) < 0.005
    let_go = world.view(arm, 0.04, 0.04, dict(stale, stamp=10.2))
    assert let_go.fixtures['drawer'] == pytest.approx(0.12, abs=0.005)
    early = dict(stale, stamp=10.3, seen_s_ago={})          # a frame from before the release
    assert world.view(arm, 0.04, 0.04, early).fixtures['drawer'] == pytest.approx(0.12, abs=0.005)
    seen = dict(stale, joints=dict(stale['joints'], drawer=0.118), stamp=10.7, seen_s_ago={})
    assert world.view(arm, 0.04, 0.04, seen).fixtures['drawer'] == 0.118
    # the knob slipped out (fingers shut on nothing): where the hand went says nothing
    world.view(arm, 0.012, 0.0, stale)
    assert world.view(arm, 0.0, 0.0, stale).fixtures['drawer'] == 0.05
    # a hand holding a block holds no handle
    world.reset()
    assert world.view(arm, 0.012, 0.0, dict(stale, grasped='red')).fixtures['drawer'] == 0.05


@pytest.fixture(scope='module')
def runner_parts(world):
    return (SkillStepper(PolicyRunner(), world.ik), load_library([skills_dir()]))


def _runner(desk, world, runner_parts, robot=None, **config):
    stepper, specs = runner_parts
    return PlanRunner(robot or DeskRobot(desk), stepper, world, specs, RunnerConfig(**config))


def test_runner_executes_and_verifies_a_three_step_plan(desk, world, runner_parts):
    """The README demo's plan, in-process: every step runs with the policy and is checked."""
    sample_scene(desk, 0)
    events = []
    result = _runner(desk, world, runner_parts).run(
        [{'task': 'open_drawer'}, {'task': 'lift_red_block_table', 'auto': True},
         {'task': 'place_in_drawer'}], emit=lambda *e: events.append(e))
    assert result['state'] == 'succeeded', result
    assert SceneOracle(desk).state()['blocks']['red'] == 'drawer'
    assert [e[1] for e in events] == ['running', 'succeeded'] * 3
    assert [s['auto'] for s in result['steps']] == [False, True, False]


def test_runner_stops_at_the_first_step_that_cannot_start(desk, world, runner_parts):
    sample_scene(desk, 0)           # drawer closed
    result = _runner(desk, world, runner_parts).run(
        [{'task': 'close_drawer'}, {'task': 'turn_off_led'}])
    assert result['state'] == 'failed'
    assert result['reason'] == 'step 1 (close_drawer): cannot start: the drawer is already closed'
    assert len(result['steps']) == 1


def test_runner_interrupt_holds_the_arm(desk, world, runner_parts):
    sample_scene(desk, 0)
    robot = DeskRobot(desk)
    calls = []

    def interrupted():
        calls.append(desk.time)
        return ('stopped', 'e-stop') if len(calls) > 10 else None

    runner = _runner(desk, world, runner_parts, robot)
    result = runner.run([{'task': 'open_drawer'}], interrupted=interrupted)
    assert result['state'] == 'stopped' and 'e-stop' in result['reason']
    desk.run(0.1)
    assert np.max(np.abs(desk.arm_velocities())) < 0.1         # from ~0.9 rad/s at the stop
    desk.run(0.1)
    assert np.max(np.abs(desk.arm_velocities())) < 0.05        # stopped within 0.2 s
    held = desk.arm_positions()
    desk.run(0.5)
    assert np.max(np.abs(desk.arm_positions() - held)) < 5e-3
    assert np.max(np.abs(desk.arm_velocities())) < 0.02


class HiddenDrawerRobot(DeskRobot):
    """Cameras that lose the drawer behind the arm: away from its ready pose, the scene
    state shows the drawer where it was last seen (perception's memory, marked so)."""

    def __init__(self, desk, world):
        super().__init__(desk)
        self.world, self.frozen = world, None

    def scene(self):
        state, age = super().scene()
        tcp, _ = self.world.tcp(self.desk.arm_positions())
        if np.linalg.norm(tcp - self.world.tcp(HOME_ARM)[0]) > 0.05:
            if self.frozen is None:
                self.frozen = state['joints']['drawer']
            state['joints']['drawer'] = self.frozen
            state['seen_s_ago'] = {'drawer': 1.0}
        else:
            self.frozen = None
        return state, age


def test_runner_checks_again_once_the_arm_no_longer_hides_the_scene(desk, world, runner_parts):
    """A check that fails on remembered items is made again from the ready pose."""
    sample_scene(desk, 0)
    world.reset()
    result = _runner(desk, world, runner_parts, HiddenDrawerRobot(desk, world)).run(
        [{'task': 'open_drawer'}])
    assert result['state'] == 'succeeded', result
    assert SceneOracle(desk).state()['drawer'] == 'open'


class DeafRobot(DeskRobot):
    """A controller that takes goals and does nothing with them."""

    def send_arm(self, joints, duration):
        pass

    def send_arm_path(self, points):
        pass


class SilentRobot(DeskRobot):
    """Joint states stop after `after` seconds of simulated time."""

    def wait_state(self, not_before, timeout):
        if not_before > 1.0:
            return None
        return super().wait_state(not_before, timeout)


def test_watchdog_controller_that_does_not_follow(desk, world, runner_parts):
    sample_scene(desk, 0)
    result = _runner(desk, world, runner_parts, DeafRobot(desk), follow_tolerance=0.05,
                     follow_timeout=0.5).run([{'task': 'push_red_block_left'}])
    assert result['state'] == 'failed'
    assert 'watchdog: the arm controller does not follow' in result['reason']


def test_watchdog_no_joint_states(desk, world, runner_parts):
    sample_scene(desk, 0)
    result = _runner(desk, world, runner_parts, SilentRobot(desk)).run(
        [{'task': 'push_red_block_left'}])
    assert result['state'] == 'failed'
    assert 'watchdog: no joint states' in result['reason']
