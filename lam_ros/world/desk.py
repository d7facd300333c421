"""The CALVIN-style desk in MuJoCo with its controller layer.

`CalvinDesk` owns the physics, the two controllers a ros2_control robot would expose
(a joint trajectory controller for the arm, a forward position controller for the
gripper), the button/LED latch that is part of the world, and camera rendering on
demand. It is ROS-free: the sim node and the expert both drive it through
`send_arm_goal` and `send_gripper`, the same layer that the ROS topics map to.

It must not decide task success itself: that is `lam_ros.world.scene` and
`lam_ros.world.tasks`, which read only the physics state.
"""

import mujoco
import numpy as np

from lam_ros.control.trajectory import JointLimits, TrajectoryFollower
from lam_ros.world.assets import desk_xml_path

ARM_JOINTS = tuple('panda_joint%d' % i for i in range(1, 8))
FINGER_JOINTS = ('panda_finger_joint1', 'panda_finger_joint2')
ARM_MAX_VELOCITY = np.array([2.175, 2.175, 2.175, 2.175, 2.61, 2.61, 2.61])
GRIPPER_OPEN = 0.04
HOME_ARM = np.array([0.0, -0.3, 0.0, -2.2, 0.0, 1.9, 0.785])
BLOCKS = ('red', 'blue', 'pink')
CAMERAS = ('static_camera', 'wrist_camera')

# Button travel (m, negative is pressed) at which a press toggles the LED, and the travel
# above which the latch re-arms for the next press.
BUTTON_PRESSED = -0.009
BUTTON_RELEASED = -0.004


class GripperCommandRejected(ValueError):
    """A gripper command was refused; the message says why."""


class CalvinDesk:
    """Physics, controllers and cameras of the default lam_ros world."""

    def __init__(self, xml_path=None):
        self.model = mujoco.MjModel.from_xml_path(str(xml_path or desk_xml_path()))
        self.data = mujoco.MjData(self.model)
        m = self.model
        self.dt = m.opt.timestep
        self._arm_qpos = np.array([m.joint(n).qposadr[0] for n in ARM_JOINTS])
        self._arm_dof = np.array([m.joint(n).dofadr[0] for n in ARM_JOINTS])
        self._finger_qpos = np.array([m.joint(n).qposadr[0] for n in FINGER_JOINTS])
        self._finger_dof = np.array([m.joint(n).dofadr[0] for n in FINGER_JOINTS])
        self._arm_act = np.array([m.actuator(n).id for n in ARM_JOINTS])
        self._gripper_act = m.actuator('panda_gripper').id
        self._arm_kp = m.actuator_gainprm[self._arm_act, 0].copy()
        self._arm_kv = -m.actuator_biasprm[self._arm_act, 2].copy()
        # setpoint offset from `neutral` at 98% of each drive's torque limit
        self._arm_reach = 0.98 * m.actuator_forcerange[self._arm_act, 1] / self._arm_kp
        self._fixture_qpos = {
            name: m.joint(name + '_joint').qposadr[0]
            for name in ('drawer', 'slide_door', 'switch', 'button')}
        self._block_qpos = {c: m.joint('block_%s_joint' % c).qposadr[0] for c in BLOCKS}
        self._block_dof = {c: m.joint('block_%s_joint' % c).dofadr[0] for c in BLOCKS}
        self._led_geom = m.geom('led').id
        self._bulb_geom = m.geom('lightbulb').id
        jnt = [m.joint(n).id for n in ARM_JOINTS]
        self.arm_limits = JointLimits(
            names=ARM_JOINTS, lower=m.jnt_range[jnt, 0].copy(), upper=m.jnt_range[jnt, 1].copy(),
            max_velocity=ARM_MAX_VELOCITY.copy())
        self.arm = TrajectoryFollower(self.arm_limits, HOME_ARM)
        self.gripper_target = GRIPPER_OPEN
        self.led_on = False
        self._button_armed = True
        self._renderers = {}
        self.reset_home()

    # ------------------------------------------------------------------ state access
    @property
    def time(self) -> float:
        """Simulated time in seconds since the last reset."""
        return float(self.data.time)

    def arm_positions(self) -> np.ndarray:
        return self.data.qpos[self._arm_qpos].copy()

    def arm_velocities(self) -> np.ndarray:
        return self.data.qvel[self._arm_dof].copy()

    def joint_state(self):
        """(names, positions, velocities, efforts) of all arm and finger joints."""
        names = ARM_JOINTS + FINGER_JOINTS
        pos = np.concatenate([self.data.qpos[self._arm_qpos], self.data.qpos[self._finger_qpos]])
        vel = np.concatenate([self.data.qvel[self._arm_dof], self.data.qvel[self._finger_dof]])
        eff = np.concatenate([self.data.actuator_force[self._arm_act],
                              [self.data.actuator_force[self._gripper_act]] * 2])
        return names, pos, vel, eff

    def fixture(self, name: str) -> float:
        """Joint position of a fixture: drawer, slide_door, switch or button."""
        return float(self.data.qpos[self._fixture_qpos[name]])

    def block_pose(self, color: str):
        """(position xyz, quaternion wxyz) of a block's centre."""
        adr = self._block_qpos[color]
        return self.data.qpos[adr:adr + 3].copy(), self.data.qpos[adr + 3:adr + 7].copy()

    def move_block(self, color: str, position) -> None:
        """Put a block's centre at `position` (keeping its orientation) and stop it."""
        adr, dof = self._block_qpos[color], self._block_dof[color]
        self.data.qpos[adr:adr + 3] = position
        self.data.qvel[dof:dof + 6] = 0.0

    def site_pose(self, name: str):
        """(position, 3x3 rotation) of a model site, e.g. 'tcp'."""
        site = self.data.site(name)
        return site.xpos.copy(), site.xmat.reshape(3, 3).copy()

    # ------------------------------------------------------------------ controllers
    def send_arm_goal(self, goal) -> float:
        """Start a JointTrajectory goal now; returns its duration. Raises TrajectoryRejected."""
        return self.arm.set_goal(goal, self.time)

    def send_gripper(self, values) -> None:
        """Forward position command for panda_finger_joint1 (m, 0 closed .. 0.04 open)."""
        values = list(values)
        if len(values) != 1:
            raise GripperCommandRejected(
                'gripper command needs exactly 1 value (panda_finger_joint1 position in m), '
                'got %d' % len(values))
        value = float(values[0])
        if not np.isfinite(value):
            raise GripperCommandRejected('gripper command is not a finite number')
        if value < -1e-6 or value > GRIPPER_OPEN + 1e-6:
            raise GripperCommandRejected(
                'gripper command %.4f m is outside [0, %.2f] m' % (value, GRIPPER_OPEN))
        self.gripper_target = min(max(value, 0.0), GRIPPER_OPEN)

    def hold_arm(self):
        """Stop following any goal and hold the current measured arm position."""
        self.arm.hold(self.arm_positions())

    # ------------------------------------------------------------------ stepping
    def step(self, n: int = 1):
        """Advance the physics n steps, updating controller setpoints each step.

        The arm's position setpoints move no faster than the joint speed limits, and
        stay where the drive's torque (kp (setpoint - q) - kv v) is within its limit,
        as a current-limited servo drive does: an abrupt stop brakes at full torque
        instead of driving MuJoCo's force clamp, which makes a light joint chatter.
        """
        d = self.data
        max_step = self.arm_limits.max_velocity * self.dt
        for _ in range(n):
            target = self.arm.setpoint(d.time)
            previous = d.ctrl[self._arm_act]
            ctrl = np.clip(target, previous - max_step, previous + max_step)
            neutral = d.qpos[self._arm_qpos] + self._arm_kv * d.qvel[self._arm_dof] / self._arm_kp
            d.ctrl[self._arm_act] = np.clip(ctrl, neutral - self._arm_reach,
                                            neutral + self._arm_reach)
            d.ctrl[self._gripper_act] = self.gripper_target
            mujoco.mj_step(self.model, d)
            self._update_button()

    def run(self, seconds: float):
        """Advance the physics by a duration in seconds."""
        self.step(max(1, int(round(seconds / self.dt))))

    def _update_button(self):
        travel = self.data.qpos[self._fixture_qpos['button']]
        if self._button_armed and travel < BUTTON_PRESSED:
            self.led_on = not self.led_on
            self._button_armed = False
        elif not self._button_armed and travel > BUTTON_RELEASED:
            self._button_armed = True

    # ------------------------------------------------------------------ resets
    def reset_home(self):
        """Reset to the model's home keyframe."""
        mujoco.mj_resetDataKeyframe(self.model, self.data, self.model.key('home').id)
        self._set_arm_state(HOME_ARM, GRIPPER_OPEN)
        self.led_on = False
        self._button_armed = True
        mujoco.mj_forward(self.model, self.data)

    def _set_arm_state(self, arm_q, finger_q):
        d = self.data
        d.qpos[self._arm_qpos] = arm_q
        d.qvel[self._arm_dof] = 0.0
        d.qpos[self._finger_qpos] = finger_q
        d.qvel[self._finger_dof] = 0.0
        d.ctrl[self._arm_act] = arm_q
        self.arm.hold(arm_q)

    def set_state(self, arm_q, finger_q, gripper_target, fixtures, blocks, led_on):
        """Write a full world state (used by scene sampling); call `settle` afterwards.

        fixtures: {name: joint position}; blocks: {color: (position, quaternion wxyz)}.
        """
        mujoco.mj_resetData(self.model, self.data)
        self._set_arm_state(np.asarray(arm_q, float), finger_q)
        self.gripper_target = gripper_target
        self.data.ctrl[self._gripper_act] = gripper_target
        for name, value in fixtures.items():
            self.data.qpos[self._fixture_qpos[name]] = value
        for color, (pos, quat) in blocks.items():
            adr = self._block_qpos[color]
            self.data.qpos[adr:adr + 3] = pos
            self.data.qpos[adr + 3:adr + 7] = quat
        self.led_on = bool(led_on)
        self._button_armed = True
        mujoco.mj_forward(self.model, self.data)

    def settle(self, seconds: float = 0.3):
        """Let contacts settle, then restart the clock at zero."""
        self.run(seconds)
        self.data.time = 0.0
        self.arm.hold(self.data.ctrl[self._arm_act].copy())

    # ------------------------------------------------------------------ cameras
    def _renderer(self, width: int, height: int):
        key = (width, height)
        if key not in self._renderers:
            try:
                self._renderers[key] = mujoco.Renderer(self.model, height=height, width=width)
            except mujoco.FatalError as err:
                raise RuntimeError(
                    'cannot create an offscreen OpenGL context (%s). Headless machines need '
                    'MUJOCO_GL=egl in the environment before MuJoCo is imported (importing '
                    'lam_ros first sets it) and libEGL (Debian: libegl1 libgl1-mesa-dri).'
                    % err) from err
        return self._renderers[key]

    def _update_lights(self):
        rgba = self.model.geom_rgba
        rgba[self._led_geom] = (0.1, 1.0, 0.2, 1) if self.led_on else (0.1, 0.25, 0.1, 1)
        bulb_on = self.fixture('switch') >= 0.04
        rgba[self._bulb_geom] = (1.0, 0.95, 0.5, 1) if bulb_on else (0.6, 0.6, 0.55, 1)

    def render(self, camera: str = 'static_camera', width: int = 640, height: int = 480,
               depth: bool = False) -> np.ndarray:
        """RGB image (uint8 HxWx3) or depth image (float32 metres HxW) from a camera."""
        if camera not in CAMERAS:
            raise ValueError('unknown camera %r; cameras are %s' % (camera, CAMERAS))
        self._update_lights()
        renderer = self._renderer(width, height)
        if depth:
            renderer.enable_depth_rendering()
        else:
            renderer.disable_depth_rendering()
        renderer.update_scene(self.data, camera)
        image = renderer.render()
        return image.astype(np.float32) if depth else image.copy()

    def camera_intrinsics(self, camera: str, width: int, height: int):
        """Pinhole (fx, fy, cx, cy) of a camera rendered at width x height."""
        fovy = np.deg2rad(self.model.cam_fovy[self.model.camera(camera).id])
        fy = 0.5 * height / np.tan(0.5 * fovy)
        return fy, fy, 0.5 * width, 0.5 * height

    def close(self):
        """Free renderers (GL contexts)."""
        for renderer in self._renderers.values():
            renderer.close()
        self._renderers.clear()
