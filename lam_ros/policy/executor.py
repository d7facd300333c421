"""Closed-loop execution of one skill with the policy, through the controller layer.

At a fixed control rate: read the scene (a WorldView), build the observation, run the
network, decode its keyframe, and move the commanded TCP one bounded step toward it
(IK, then a one-point JointTrajectory to the arm controller, like a streaming ROS
client); switch the gripper when the network says so. Safety lives here, outside the
network: a workspace box for the TCP, a TCP speed limit, the controller's joint speed
and position limits, a timeout per skill. Success is the task's physics check, never
the network's `done`.
"""

import math
from dataclasses import dataclass

import numpy as np

from lam_ros.control.ik import ArmIK, down_rotation, IKFailed, wrap_angle
from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint, TrajectoryRejected
from lam_ros.policy.features import decode_action, Observer, view_from_desk
from lam_ros.world.desk import ARM_JOINTS, GRIPPER_OPEN
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASKS

WORKSPACE = (np.array([0.0, -0.55, -0.13]), np.array([0.85, 0.55, 0.50]))
MAX_TCP_SPEED = 0.35          # m/s
MIN_TCP_SPEED = 0.03          # m/s: the network's speed is never below this
MAX_YAW_SPEED = 1.5           # rad/s
DONE_THRESHOLD = 0.5
DONE_STEPS = 2                # consecutive control steps with done above the threshold


@dataclass
class SkillResult:
    """Outcome of one skill execution."""

    task: str
    success: bool
    reason: str
    steps: int
    sim_seconds: float


class PolicyExecutor:
    """Executes skills on a CalvinDesk with a PolicyRunner."""

    def __init__(self, desk, policy, control_hz: float = 20.0, view_source=None):
        self.desk = desk
        self.policy = policy
        self.control_hz = float(control_hz)
        self.oracle = SceneOracle(desk)
        self.ik = ArmIK(desk.model)
        self._per_control = max(1, int(round(1.0 / self.control_hz / desk.dt)))
        # where the scene comes from: the simulator's physics by default
        self.view_source = view_source or (lambda d: view_from_desk(d, self.oracle))

    def _commanded_tcp(self):
        q = self.desk.arm.setpoint(self.desk.time)
        pos, rot = self.ik.forward(q)
        return q, pos, math.atan2(rot[1, 0], rot[0, 0])

    def run(self, task: str, timeout: float = 20.0, on_step=None) -> SkillResult:
        """Execute `task` from the current state; on_step(desk, step) after each step."""
        desk, dt = self.desk, 1.0 / self.control_hz
        observer = Observer(task)
        start = TASKS[task].begin(desk, self.oracle)
        t_end = desk.time + timeout
        steps = done_count = 0
        reason = 'timeout after %.0f s' % timeout
        while desk.time < t_end:
            view = self.view_source(desk)
            obs, target = observer.observe(view, desk.time)
            if obs is None:
                reason = 'the target of %s is not visible' % task
                break
            command = decode_action(self.policy(obs), target, view.tcp_yaw)
            self.last = (view, obs, target, command)       # for logs and debugging
            done_count = done_count + 1 if command.done > DONE_THRESHOLD else 0
            if done_count >= DONE_STEPS:
                reason = 'done'
                break
            wanted = GRIPPER_OPEN if command.gripper_open else 0.0
            if abs(wanted - desk.gripper_target) > 1e-4:
                desk.send_gripper([wanted])
            duration = self._step_towards(command, dt)
            desk.step(max(self._per_control, int(round(duration / desk.dt))))
            steps += 1
            if on_step is not None:
                on_step(desk, steps)
        success = TASKS[task].succeeded(desk, self.oracle, start)
        return SkillResult(task, bool(success), reason if not success else 'succeeded', steps,
                           round(desk.time - (t_end - timeout), 3))

    def _solve(self, goal, yaw, q, dt):
        """(joint positions, duration) for the TCP step, or None.

        From the current joints first. Near a joint limit the arm may have to change
        its configuration (as the expert's trajectories sometimes do): then the IK is
        seeded from the rest posture and the move gets the time the joint speed limits
        need, at half speed.
        """
        for seed, iterations in ((q, 60), (q, 300), (self.ik.rest, 300),
                                 (0.5 * (q + self.ik.rest), 300)):
            try:
                joints = self.ik.solve(goal, down_rotation(yaw), seed, iterations=iterations)
            except IKFailed:
                continue
            need = float(np.max(np.abs(joints - q) / (0.5 * self.desk.arm_limits.max_velocity)))
            return joints, max(dt, need)
        return None

    def _step_towards(self, command, dt):
        q, pos, yaw = self._commanded_tcp()
        speed = min(max(command.speed, MIN_TCP_SPEED), MAX_TCP_SPEED)
        delta = command.keyframe - pos
        distance = float(np.linalg.norm(delta))
        if distance > speed * dt:
            delta *= speed * dt / distance
        goal = np.clip(pos + delta, *WORKSPACE)
        turn = MAX_YAW_SPEED * dt
        dyaw = float(np.clip(wrap_angle(command.yaw - yaw), -turn, turn))
        solved = self._solve(goal, yaw + dyaw, q, dt)
        if solved is None:
            return dt                  # hold: the arm keeps its last setpoint
        joints, duration = solved
        trajectory = JointTrajectory(list(ARM_JOINTS), [TrajectoryPoint(list(joints), duration)])
        try:
            self.desk.send_arm_goal(trajectory)
        except TrajectoryRejected:
            return dt                  # too fast or out of limits: hold
        return duration
