"""One skill, one control step at a time: the policy's closed-loop control law.

Shared by the in-process evaluation (lam_ros.policy.executor, driving the simulator's
controller layer directly) and the LAM node (driving the controller topics), so both
run exactly the same law. Each `step(view, now)`: build the observation, run the
network, decode its keyframe and return a `Motion`: a bounded TCP step toward the
keyframe solved to joint positions (one JointTrajectory point and the time to reach
it) and, when the network switches it, a gripper command. The motion ends when the
network says `done`, or when the loop has settled (the TCP and gripper have not moved
for a second: nothing more will happen); then the caller checks the scene.

Safety lives here, outside the network, from the skill's spec (`SafetyLimits`): the
TCP never moves further out of the skill's workspace box than it already is, moves no
faster than the skill's TCP speed limit while within touching distance of its target or
holding a block (0.35 m/s otherwise), and no joint moves faster than the skill's
fraction of its speed limit.
The caller enforces the timeout and judges success from the scene, never from `done`.

When the skill's target is not in the view (typically the arm itself hides it from the
cameras: a block under the hand), the stepper first looks: it moves the TCP back,
sideways away from the middle of the table and up (`LOOK_OFFSET`), for up to
`LOOK_SECONDS`, and carries on as soon as the target shows; only then does it give up
(`step` returns None). The network never runs without its target.
"""

from dataclasses import dataclass

import numpy as np

from lam_ros.control.ik import down_rotation, IKFailed, wrap_angle
from lam_ros.policy.features import decode_action, GRIPPER_OPEN, Observer, TOUCH_RADIUS
from lam_ros.world.desk import ARM_MAX_VELOCITY

FREE_TCP_SPEED = 0.35         # m/s: the speed limit away from objects
TARGET_FROM_TCP = slice(10, 13)   # in the observation (lam_ros.policy.features)
MIN_TCP_SPEED = 0.03          # m/s: the network's speed is never below this
MAX_YAW_SPEED = 1.5           # rad/s
DONE_THRESHOLD = 0.5
DONE_STEPS = 2                # consecutive control steps with done above the threshold
SETTLED_SECONDS = 1.0         # the motion is over when for this long ...
SETTLED_DISTANCE = 0.003      # ... the TCP moved less than this (m) ...
SETTLED_YAW = 0.02            # ... and turned less than this (rad), the gripper unchanged
LOOK_OFFSET = (-0.15, 0.20, 0.10)   # m: back, sideways (away from y = 0) and up
LOOK_SECONDS = 3.0            # s of looking for a target before giving up


@dataclass(frozen=True)
class SafetyLimits:
    """A skill's limits, enforced outside the network."""

    low: tuple = (0.0, -0.55, -0.13)        # workspace box of the TCP, m (base frame)
    high: tuple = (0.85, 0.55, 0.50)
    contact_tcp_speed: float = 0.35         # m/s while touching or holding
    joint_speed_fraction: float = 0.5       # of each joint's speed limit
    timeout: float = 20.0                   # s per execution

    @classmethod
    def from_safety(cls, safety: dict) -> 'SafetyLimits':
        """From a skill spec's `safety` mapping (lam_ros.skills.spec)."""
        box = safety['workspace']
        return cls(low=tuple(box[a][0] for a in 'xyz'), high=tuple(box[a][1] for a in 'xyz'),
                   contact_tcp_speed=float(safety['max_tcp_speed']),
                   joint_speed_fraction=float(safety['max_joint_speed_fraction']),
                   timeout=float(safety['timeout_s']))


@dataclass
class Motion:
    """What to send for one control step."""

    joints: np.ndarray = None     # arm joint goal (one trajectory point); None: hold
    duration: float = 0.0         # s to reach it: the next step comes after this
    gripper: float = None         # new gripper opening command (m), None: unchanged
    done: bool = False            # the network says the skill's motion is over
    command: object = None        # the decoded network output, for logs


def bounded_goal(pos, keyframe, speed, dt, low, high):
    """Next TCP position: one step toward the keyframe, never further out of the box."""
    delta = np.asarray(keyframe, float) - pos
    distance = float(np.linalg.norm(delta))
    if distance > speed * dt:
        delta *= speed * dt / distance
    goal = pos + delta
    return np.clip(goal, np.minimum(low, pos), np.maximum(high, pos))


class SkillStepper:
    """Runs one skill at a time with a policy; the caller sends the Motions."""

    def __init__(self, policy, ik, control_hz: float = 20.0, max_velocity=ARM_MAX_VELOCITY):
        self.policy = policy
        self.ik = ik
        self.dt = 1.0 / float(control_hz)
        self.max_velocity = np.asarray(max_velocity, float)
        self.limits = SafetyLimits()
        self.observer = None
        self.q = None
        self._done_count = 0
        self.last = None

    def start(self, task: str, q_commanded, limits: SafetyLimits = None):
        """Begin `task` from the arm's commanded joint positions."""
        self.observer = Observer(task)
        self.limits = limits or SafetyLimits()
        self.q = np.asarray(q_commanded, float).copy()
        self._done_count = 0
        self._still_since = None
        self._look = None           # (since, TCP goal) while looking for the target
        self.ended = None

    def step(self, view, now: float):
        """Motion for this control step, or None when the skill's target is not visible."""
        obs, target = self.observer.observe(view, now)
        if obs is None:
            return self._look_for_target(view, now)
        self._look = None
        command = decode_action(self.policy(obs), target, view.tcp_yaw)
        self.last = (view, obs, target, command)
        self._done_count = self._done_count + 1 if command.done > DONE_THRESHOLD else 0
        if self._done_count >= DONE_STEPS:
            self.ended = 'done'
        elif self._settled(view, now):
            self.ended = 'settled'
        if self.ended:
            return Motion(done=True, duration=self.dt, command=command)
        motion = Motion(command=command, duration=self.dt)
        wanted = GRIPPER_OPEN if command.gripper_open else 0.0
        if abs(wanted - view.gripper_command) > 1e-4:
            motion.gripper = wanted
        near = float(np.linalg.norm(obs[TARGET_FROM_TCP])) < TOUCH_RADIUS
        self._towards(command, motion, near or view.held is not None)
        return motion

    def _look_for_target(self, view, now):
        """Motion toward a vantage point, or None once LOOK_SECONDS have passed."""
        if self._look is None:
            tcp = np.asarray(view.tcp_position, float)
            side = -1.0 if tcp[1] > 0.0 else 1.0
            goal = tcp + np.array([LOOK_OFFSET[0], side * LOOK_OFFSET[1], LOOK_OFFSET[2]])
            self._look = (now, np.clip(goal, self.limits.low, self.limits.high))
        since, goal = self._look
        if now - since > LOOK_SECONDS:
            return None
        pos, rot = self.ik.forward(self.q)
        motion = Motion(duration=self.dt)
        step = bounded_goal(pos, goal, FREE_TCP_SPEED, self.dt, self.limits.low,
                            self.limits.high)
        solved = self._solve(step, float(np.arctan2(rot[1, 0], rot[0, 0])))
        if solved is not None:
            motion.joints, motion.duration = solved
            self.q = motion.joints
        return motion

    def _settled(self, view, now):
        """Whether the closed loop has come to rest (the network's commands converged)."""
        here = (view.tcp_position.copy(), view.tcp_yaw, view.gripper_command)
        if self._still_since is None:
            self._still_since = (now, here)
            return False
        since, (pos, yaw, grip) = self._still_since
        if (np.linalg.norm(here[0] - pos) > SETTLED_DISTANCE
                or abs(wrap_angle(here[1] - yaw)) > SETTLED_YAW or here[2] != grip):
            self._still_since = (now, here)
            return False
        return now - since >= SETTLED_SECONDS

    def _towards(self, command, motion, contact):
        limits, dt = self.limits, self.dt
        pos, rot = self.ik.forward(self.q)
        yaw = float(np.arctan2(rot[1, 0], rot[0, 0]))
        top = limits.contact_tcp_speed if contact else FREE_TCP_SPEED
        speed = min(max(command.speed, MIN_TCP_SPEED), max(top, MIN_TCP_SPEED))
        goal = bounded_goal(pos, command.keyframe, speed, dt, limits.low, limits.high)
        turn = MAX_YAW_SPEED * dt
        dyaw = float(np.clip(wrap_angle(command.yaw - yaw), -turn, turn))
        solved = self._solve(goal, yaw + dyaw)
        if solved is not None:
            motion.joints, motion.duration = solved
            self.q = motion.joints

    def _solve(self, goal, yaw):
        """(joint positions, duration) for the TCP step, or None (hold).

        From the current joints first. Near a joint limit the arm may have to change
        its configuration (as the expert's trajectories sometimes do): then the IK is
        seeded from the rest posture and the move gets the time the joint speed
        limits need.
        """
        q = self.q
        cap = self.limits.joint_speed_fraction * self.max_velocity
        for seed, iterations in ((q, 60), (q, 300), (self.ik.rest, 300),
                                 (0.5 * (q + self.ik.rest), 300)):
            try:
                joints = self.ik.solve(goal, down_rotation(yaw), seed, iterations=iterations)
            except IKFailed:
                continue
            need = float(np.max(np.abs(joints - q) / cap))
            return joints, max(self.dt, need)
        return None
