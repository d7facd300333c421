"""The runner's Robot interface on an in-process simulator (tests and evaluations).

Same contract as the ROS side of lam_node: joint states with stamps, the scene state,
one-point arm goals and gripper commands through the simulator's controller layer. Time
advances only when the runner waits for a later joint state, so it runs faster than
real time.
"""

from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint, TrajectoryRejected
from lam_ros.execution.runner import RobotState
from lam_ros.world.desk import ARM_JOINTS
from lam_ros.world.scene import SceneOracle


class DeskRobot:
    """A CalvinDesk behind the runner's Robot interface."""

    def __init__(self, desk, oracle=None):
        self.desk = desk
        self.oracle = oracle or SceneOracle(desk)
        self.rejected = []          # reasons of goals the controller refused

    def wait_state(self, not_before: float, timeout: float) -> RobotState:
        """Step the physics until the clock reaches `not_before`; return the state."""
        desk = self.desk
        if not_before > desk.time:
            desk.step(max(1, int(round((not_before - desk.time) / desk.dt))))
        _, pos, vel, _ = desk.joint_state()
        return RobotState(stamp=desk.time, arm=pos[:7].copy(), arm_velocity=vel[:7].copy(),
                          finger=float(pos[7]))

    def scene(self):
        """Return (scene state, age in s)."""
        return self.oracle.state(), 0.0

    def send_arm(self, joints, duration):
        """Send a one-point goal."""
        goal = JointTrajectory(list(ARM_JOINTS), [TrajectoryPoint(list(joints), duration)])
        try:
            self.desk.send_arm_goal(goal)
        except TrajectoryRejected as err:
            self.rejected.append(str(err))

    def send_arm_path(self, points):
        """Send a multi-point goal: [(joint positions, time from start), ...]."""
        goal = JointTrajectory(list(ARM_JOINTS), [TrajectoryPoint(list(q), t) for q, t in points])
        try:
            self.desk.send_arm_goal(goal)
        except TrajectoryRejected as err:
            self.rejected.append(str(err))

    def send_gripper(self, opening):
        """Send a gripper command."""
        self.desk.send_gripper([opening])

    def hold(self):
        """Stop the arm where it is."""
        self.desk.hold_arm()
