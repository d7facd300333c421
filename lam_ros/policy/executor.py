"""Closed-loop execution of one skill with the policy, in-process, for evaluation.

The control law is lam_ros.execution.stepper's, the same one lam_node runs over ROS: at
a fixed control rate, read the scene (a WorldView), run the network, move the commanded
TCP one bounded step toward its keyframe (IK, then a one-point JointTrajectory to the
arm controller, like a streaming ROS client) and switch the gripper when the network
says so, within the skill spec's safety limits (workspace box, TCP and joint speed,
timeout). Here the simulator's controller layer is driven directly, so it runs faster
than real time. Success is the task's physics check, never the network's `done`.
"""

from dataclasses import dataclass

from lam_ros.control.ik import ArmIK
from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint, TrajectoryRejected
from lam_ros.execution.stepper import LOOK_SECONDS, SafetyLimits, SkillStepper
from lam_ros.policy.features import view_from_desk
from lam_ros.world.desk import ARM_JOINTS
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASKS


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

    def __init__(self, desk, policy, control_hz: float = 20.0, view_source=None, specs=None):
        from lam_ros.skills.library import skills_dir
        from lam_ros.skills.spec import load_library
        self.desk = desk
        self.policy = policy
        self.control_hz = float(control_hz)
        self.oracle = SceneOracle(desk)
        self.stepper = SkillStepper(policy, ArmIK(desk.model), control_hz,
                                    desk.arm_limits.max_velocity)
        self.specs = specs if specs is not None else load_library([skills_dir()])
        self._per_control = max(1, int(round(1.0 / self.control_hz / desk.dt)))
        # where the scene comes from: the simulator's physics by default
        self.view_source = view_source or (lambda d: view_from_desk(d, self.oracle))

    @property
    def last(self):
        """(view, observation, anchor, command) of the last control step, for debugging."""
        return self.stepper.last

    def limits(self, task: str) -> SafetyLimits:
        """Return the task's safety limits from its skill spec (defaults if it has none)."""
        spec = self.specs.get(task)
        return SafetyLimits.from_safety(spec.safety) if spec else SafetyLimits()

    def run(self, task: str, timeout: float = None, on_step=None) -> SkillResult:
        """Execute `task` from the current state; on_step(desk, step) after each step.

        timeout: seconds of simulated time (default: the skill spec's).
        """
        desk = self.desk
        limits = self.limits(task)
        timeout = limits.timeout if timeout is None else timeout
        start = TASKS[task].begin(desk, self.oracle)
        self.stepper.start(task, desk.arm.setpoint(desk.time), limits)
        t_start = desk.time
        steps = 0
        reason = 'timeout after %.0f s' % timeout
        while desk.time < t_start + timeout:
            motion = self.stepper.step(self.view_source(desk), desk.time)
            if motion is None:
                reason = 'the target of %s is not visible (looked for it for %.0f s)' % (
                    task, LOOK_SECONDS)
                break
            if motion.done:
                reason = self.stepper.ended
                break
            if motion.gripper is not None:
                desk.send_gripper([motion.gripper])
            if motion.joints is not None:
                goal = JointTrajectory(list(ARM_JOINTS),
                                       [TrajectoryPoint(list(motion.joints), motion.duration)])
                try:
                    desk.send_arm_goal(goal)
                except TrajectoryRejected:          # the arm holds its last setpoint
                    self.stepper.q = desk.arm.setpoint(desk.time)
            desk.step(max(self._per_control, int(round(motion.duration / desk.dt))))
            steps += 1
            if on_step is not None:
                on_step(desk, steps)
        success = TASKS[task].succeeded(desk, self.oracle, start)
        return SkillResult(task, bool(success), 'succeeded' if success else reason, steps,
                           round(desk.time - t_start, 3))
