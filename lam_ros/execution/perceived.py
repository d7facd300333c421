"""The policy's WorldView from rendered camera images through perception, in-process.

For evaluating the whole loop with perception instead of the simulator's oracle
(`lam-ros eval --scene perception`): each call renders the static and wrist cameras of
an in-process CalvinDesk, runs lam_ros.perception on them with the measured joints, and
builds the WorldView from the perceived scene state (lam_ros.execution.world_model), as
lam_perception + lam_node do over ROS; items a frame does not show are held for a short
while (SceneMemory). Nothing but the images and the joints is read
from the simulator.
"""

from lam_ros.execution.world_model import KinematicWorld
from lam_ros.perception import CameraKinematics, SceneFilter, ScenePerception, View
from lam_ros.world.desk import ARM_JOINTS

CAMERAS = ('static_camera', 'wrist_camera')


class PerceivedView:
    """view_source for PolicyExecutor: camera images -> perception -> WorldView."""

    def __init__(self, desk, width: int = 640, height: int = 480, every: int = 2):
        self.width, self.height, self.every = width, height, every
        self.perception = ScenePerception(desk.model)
        self.cameras = CameraKinematics(desk.model, ARM_JOINTS)
        self.world = KinematicWorld()
        self.filter = SceneFilter(self.world.handles)
        self._calls, self._state = 0, None

    def reset(self):
        """Forget tracked yaws and the last state (a new scene)."""
        self.filter.reset()
        self.world.reset()
        self._calls, self._state = 0, None

    def scene(self, desk) -> dict:
        """Perceive the scene state from the desk's cameras and joints."""
        _, pos, _, _ = desk.joint_state()
        arm, finger = pos[:7], float(pos[7])
        views = [View(self.cameras.camera(cam, arm, self.width, self.height),
                      desk.render(cam, self.width, self.height),
                      desk.render(cam, self.width, self.height, depth=True))
                 for cam in CAMERAS]
        state = self.perception.perceive(views, arm, finger)
        tcp, _ = self.perception.self_filter.tcp()
        return self.filter.update(state, desk.time, tcp)

    def __call__(self, desk):
        """Return the WorldView for the policy; perceive every `every` calls (camera rate)."""
        if self._state is None or self._calls % self.every == 0:
            self._state = self.scene(desk)
        self._calls += 1
        _, pos, _, _ = desk.joint_state()
        return self.world.view(pos[:7], float(pos[7]), desk.gripper_target, self._state)
