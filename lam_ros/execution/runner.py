"""Execute a checked plan step by step with the policy, and verify each step in the scene.

Pure Python over a `Robot` (the controller topics and /joint_states in lam_node; the
in-process simulator in tests and evaluations), so the whole execution of a command is
testable without ROS. For each step: take a scene-state snapshot, run the skill's
closed loop (lam_ros.execution.stepper) at the control rate, paced by the stamps of the
joint states, then let the scene settle and check the step's effect
(`Task.verify`) against the snapshot. The first step that fails ends the command, with
the reason. Nothing here trusts the network's `done`.

Watchdogs, each of which holds the arm and fails the step with its reason:
- no joint state for `joint_state_timeout` seconds (wall clock): the robot or its
  driver is gone;
- the arm further than `follow_tolerance` rad from where it was sent, for
  `follow_timeout` seconds: the controller does not follow;
- no scene state for `scene_timeout` seconds (wall clock);
- the skill's timeout (from its spec), in the joint states' clock.
`interrupted()` is polled every control step: cancel, e-stop or a preempting command.
"""

import math
import time
from dataclasses import dataclass

import numpy as np

from lam_ros.control.ik import down_rotation, IKFailed
from lam_ros.execution.stepper import LOOK_SECONDS, SafetyLimits
from lam_ros.execution.world_model import SceneStateError
from lam_ros.world.desk import ARM_JOINTS, ARM_MAX_VELOCITY, GRIPPER_OPEN, HOME_ARM
from lam_ros.world.sampling import HOLD_POSITION
from lam_ros.world.tasks import TASKS

READY_RADIUS = 0.08          # m: a TCP this close to the ready pose starts from where it is
READY_Z = 0.22               # m: height the TCP rises to before moving to the ready pose
READY_SPEED = 0.3            # fraction of the joint speed limits for moves to the ready pose
RELEASE_SECONDS = 0.4        # s to open the gripper before leaving a handle
STATES = ('accepted', 'rejected', 'running', 'succeeded', 'failed', 'cancelled', 'stopped')


@dataclass
class RobotState:
    """One joint-state sample."""

    stamp: float              # s, the clock of the joint states (sim time in simulation)
    arm: np.ndarray           # arm joint positions, ARM_JOINTS order (rad)
    arm_velocity: np.ndarray  # rad/s
    finger: float             # panda_finger_joint1 position (m)


BLOCK_GRIP = (0.018, 0.034)     # m, finger joint of a hand closed on a 5 cm block


def holds_block(scene: dict, finger: float) -> bool:
    """Whether the hand holds a block, by the scene or by the fingers.

    Fingers closed on something block-wide count too: a moment in which the cameras lose
    the block in the hand must not send it to the empty-handed ready pose.
    """
    return scene.get('grasped') is not None or BLOCK_GRIP[0] < finger < BLOCK_GRIP[1]


@dataclass
class RunnerConfig:
    """Control rate and watchdog limits."""

    control_hz: float = 20.0
    joint_state_timeout: float = 0.5      # s, wall clock
    scene_timeout: float = 2.0            # s, wall clock
    follow_tolerance: float = 0.3         # rad
    follow_timeout: float = 1.0           # s
    settle: float = 0.4                   # s after a skill's motion before its check
    # send the next goal this long before the current one ends: joint states, planning
    # and DDS take a few ms, and a goal that arrives after the last one ended stops the
    # arm at every control step (a jerk that can shake a handle out of the fingers)
    lead: float = 0.015                   # s
    # a check that fails while the scene shows remembered items (the arm hides them
    # from the cameras) is made again from the ready pose, this long after arriving
    relook: float = 0.8                   # s


class StepFailed(Exception):
    """A step ended without success; `state` is failed, cancelled or stopped."""

    def __init__(self, state: str, reason: str):
        super().__init__(reason)
        self.state, self.reason = state, reason


class PlanRunner:
    """Runs plans on a Robot with a SkillStepper and a KinematicWorld."""

    def __init__(self, robot, stepper, world, specs: dict, config: RunnerConfig = None):
        self.robot = robot
        self.stepper = stepper
        self.world = world
        self.specs = specs
        self.config = config or RunnerConfig()

    def run(self, steps: list, emit=None, interrupted=None) -> dict:
        """Execute the steps in order; return {'state', 'reason', 'steps', 'timing'}.

        emit(index, outcome, reason) is called when a step starts ('running') and when it
        ends ('succeeded', 'failed', 'cancelled', 'stopped'); interrupted() returns None
        or (state, reason) to stop now.
        """
        emit = emit or (lambda *a: None)
        interrupted = interrupted or (lambda: None)
        report, timing = [], {}
        for index, step in enumerate(steps):
            emit(index, 'running', None)
            started = time.perf_counter()
            try:
                sim_seconds = self._run_step(step['task'], interrupted, timing)
            except StepFailed as err:
                self.robot.hold()
                report.append({'task': step['task'], 'auto': step.get('auto', False),
                               'outcome': err.state, 'reason': err.reason})
                emit(index, err.state, err.reason)
                reason = 'step %d (%s): %s' % (index + 1, step['task'], err.reason)
                return {'state': err.state, 'reason': reason, 'steps': report,
                        'timing': timing}
            report.append({'task': step['task'], 'auto': step.get('auto', False),
                           'outcome': 'succeeded', 'seconds': round(sim_seconds, 2),
                           'wall_seconds': round(time.perf_counter() - started, 2)})
            emit(index, 'succeeded', None)
        return {'state': 'succeeded', 'reason': None, 'steps': report, 'timing': timing}

    # ------------------------------------------------------------------ one step
    def _state(self, not_before, interrupted=None):
        state = self.robot.wait_state(not_before, self.config.joint_state_timeout)
        if state is None and interrupted is not None and interrupted() is not None:
            raise StepFailed(*interrupted())            # e.g. shutting down: not the robot
        if state is None:
            raise StepFailed('failed', 'watchdog: no joint states for %.1f s (is the robot '
                             'driver or simulator running?)' % self.config.joint_state_timeout)
        return state

    def _scene(self):
        scene, age = self.robot.scene()
        if scene is None or age > self.config.scene_timeout:
            raise StepFailed('failed', 'watchdog: no scene state for %.1f s' % (
                self.config.scene_timeout))
        return scene

    def ready_pose(self, arm, holding: bool):
        """Joint positions of the ready pose: HOME_ARM, or HOLD_POSITION with a block."""
        if not holding:
            return HOME_ARM.copy()
        ik = self.world.ik
        _, rot = ik.forward(arm)
        yaw = float(np.clip(math.atan2(rot[1, 0], rot[0, 0]), -0.4, 0.4))
        try:
            return ik.solve(HOLD_POSITION, down_rotation(yaw), HOME_ARM)
        except IKFailed:
            return HOME_ARM.copy()

    def _to_ready(self, state, holding, interrupted):
        """Bring the arm to its ready pose unless it is near it; return the new state.

        Skills start from a ready pose (like MoveIt's named 'ready' state), the region
        the policy was trained from: the home posture, or with a block in the gripper
        the holding pose above the table centre. First straight up to READY_Z, then a
        joint-space move, at READY_SPEED of the joint speed limits.
        """
        if not holding and state.finger < 0.5 * GRIPPER_OPEN:
            # a closed gripper holding no block may still hold a handle (a cancelled
            # skill): let go before moving away
            self.robot.send_gripper(GRIPPER_OPEN)
            state = self._wait(state.stamp + RELEASE_SECONDS, interrupted)
        ik = self.world.ik
        ready = self.ready_pose(state.arm, holding)
        pos, _ = ik.forward(state.arm)
        target, _ = ik.forward(ready)
        if np.linalg.norm(pos - target) < READY_RADIUS:
            return state
        points, q, t = [], state.arm, 0.0
        cap = READY_SPEED * ARM_MAX_VELOCITY
        if pos[2] < READY_Z:
            _, rot = ik.forward(state.arm)
            try:
                up = ik.solve([pos[0], pos[1], READY_Z], rot, state.arm)
                t += max(0.3, (READY_Z - pos[2]) / 0.15)
                points.append((up, t))
                q = up
            except IKFailed:
                pass
        t += max(0.5, float(np.max(np.abs(ready - q) / cap)))
        points.append((ready, t))
        self.robot.send_arm_path(points)
        return self._wait(state.stamp + t + 0.2, interrupted)

    def _wait(self, end, interrupted):
        """Wait until the joint states' clock reaches `end`, checking for interruptions."""
        state = self._state(0.0, interrupted)
        while state.stamp < end:
            stop = interrupted()
            if stop is not None:
                raise StepFailed(*stop)
            state = self._state(min(end, state.stamp + 1.0 / self.config.control_hz),
                                interrupted)
        return state

    def _run_step(self, task, interrupted, timing):
        spec = self.specs.get(task)
        limits = SafetyLimits.from_safety(spec.safety) if spec else SafetyLimits()
        state = self._state(0.0, interrupted)
        before = self._scene()
        unmet = TASKS[task].unmet(before)
        if unmet:
            raise StepFailed('failed', 'cannot start: %s' % '; '.join(unmet))
        state = self._to_ready(state, holds_block(before, state.finger), interrupted)
        self.stepper.start(task, state.arm, limits)
        gripper = GRIPPER_OPEN if state.finger > 0.5 * GRIPPER_OPEN else 0.0
        start = state.stamp
        due, goal, off_since = state.stamp, None, None
        while True:
            stop = interrupted()
            if stop is not None:
                raise StepFailed(*stop)
            state = self._state(due, interrupted)
            if state.stamp - start > limits.timeout:
                raise StepFailed('failed', 'timeout: not done after %.0f s' % limits.timeout)
            if goal is not None and state.stamp >= goal[1]:
                error = np.abs(state.arm - goal[0])
                if float(np.max(error)) > self.config.follow_tolerance:
                    off_since = state.stamp if off_since is None else off_since
                    if state.stamp - off_since > self.config.follow_timeout:
                        j = int(np.argmax(error))
                        raise StepFailed('failed', 'watchdog: the arm controller does not '
                                         'follow (%s is %.2f rad off for %.1f s)' % (
                                             ARM_JOINTS[j], error[j],
                                             self.config.follow_timeout))
                else:
                    off_since = None
            try:
                view = self.world.view(state.arm, state.finger, gripper, self._scene())
            except SceneStateError as err:
                raise StepFailed('failed', str(err)) from err
            tick = time.perf_counter()
            motion = self.stepper.step(view, state.stamp)
            if motion is None:
                raise StepFailed('failed', 'the target of %s is not visible (looked for it '
                                 'for %.0f s)' % (task, LOOK_SECONDS))
            timing.setdefault('first_inference_ms', round(
                (time.perf_counter() - tick) * 1000.0, 3))
            if motion.done:
                break
            if motion.gripper is not None:
                self.robot.send_gripper(motion.gripper)
                gripper = motion.gripper
            # the next control step (and the goal's deadline) comes `lead` early
            due = state.stamp + motion.duration - min(self.config.lead, 0.5 * motion.duration)
            if motion.joints is not None:
                self.robot.send_arm(motion.joints, motion.duration)
                goal = (motion.joints, due)
            timing.setdefault('first_command_at', time.perf_counter())
        state = self._wait(state.stamp + self.config.settle, interrupted)
        after = self._scene()
        reason = TASKS[task].verify(before, after)
        if reason is not None and after.get('seen_s_ago'):
            # part of the scene is memory: the arm is in front of it (a drawer pulled
            # open with the hand still at its handle). Judge on what the cameras show
            # once the arm is out of the way, never on a stale memory.
            state = self._to_ready(state, holds_block(after, state.finger), interrupted)
            state = self._wait(state.stamp + self.config.relook, interrupted)
            reason = TASKS[task].verify(before, self._scene())
        if reason is not None:
            raise StepFailed('failed', reason)
        return state.stamp - start
