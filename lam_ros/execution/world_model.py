"""What the policy sees, built from what the LAM node hears: joint states and scene states.

On ROS the node knows the world only from topics: `/joint_states` (arm and fingers) and
a scene-state message (block poses and locations, fixture joint positions, light
states; from the simulator's oracle today, from perception on a robot). The kinematic
model of the robot and the desk (the same MJCF the simulator loads, in the role of a
robot_description) turns them into the policy's `WorldView`: the TCP pose by forward
kinematics of the measured arm joints, the drawer knob, door handle, switch and button
from the fixture joint positions. No physics is stepped.
"""

import math

import mujoco
import numpy as np

from lam_ros.control.ik import ArmIK
from lam_ros.policy.features import WorldView
from lam_ros.world.assets import desk_xml_path
from lam_ros.world.desk import ARM_JOINTS, BLOCKS

FINGER_JOINT = 'panda_finger_joint1'
HANDLE_SITES = {'drawer': 'drawer_knob_site', 'slide_door': 'slide_door_handle_site',
                'switch': 'switch_knob_site'}
FIXTURE_JOINTS = ('drawer', 'slide_door', 'switch', 'button')


class SceneStateError(ValueError):
    """A scene-state message lacks what the policy needs."""


class KinematicWorld:
    """Forward kinematics of the arm and the desk's fixtures (no dynamics)."""

    def __init__(self, xml_path=None):
        self.model = mujoco.MjModel.from_xml_path(str(xml_path or desk_xml_path()))
        self.data = mujoco.MjData(self.model)
        self.ik = ArmIK(self.model)
        m = self.model
        self._arm = np.array([m.joint(n).qposadr[0] for n in ARM_JOINTS])
        self._fixtures = {n: m.joint(n + '_joint').qposadr[0] for n in FIXTURE_JOINTS}
        self._sites = {k: m.site(v).id for k, v in HANDLE_SITES.items()}
        self._button = m.body('button').id
        jnt = [m.joint(n).id for n in ARM_JOINTS]
        self.arm_lower = m.jnt_range[jnt, 0].copy()
        self.arm_upper = m.jnt_range[jnt, 1].copy()

    def tcp(self, arm_q):
        """TCP (position, yaw) for arm joint positions."""
        pos, rot = self.ik.forward(arm_q)
        return pos, math.atan2(rot[1, 0], rot[0, 0])

    def handles(self, joints: dict) -> dict:
        """Positions of the drawer knob, door handle, switch knob and button (known ones)."""
        for name, adr in self._fixtures.items():
            self.data.qpos[adr] = float(joints.get(name) or 0.0)
        mujoco.mj_kinematics(self.model, self.data)
        out = {k: self.data.site_xpos[i].copy() for k, i in self._sites.items()
               if joints.get(k) is not None}
        if joints.get('button') is not None:
            out['button'] = self.data.xpos[self._button].copy()
        return out

    def view(self, arm_q, finger: float, gripper_command: float, scene: dict) -> WorldView:
        """Build the policy's WorldView from measured joints and a scene-state dict."""
        try:
            poses, joints = scene['poses'], scene['joints']
            # a block perception cannot see has no pose: it is simply not in the view
            blocks = {c: (np.asarray(poses[c]['position'], float),
                          math.radians(float(poses[c]['yaw_deg'])))
                      for c in BLOCKS if poses.get(c)}
            # a fixture perception cannot see is None, and its handle is left out: a
            # skill that needs it finds no target and fails with that reason
            fixtures = {k: None if joints[k] is None else float(joints[k])
                        for k in ('drawer', 'slide_door', 'switch')}
            fixtures['led'] = {'on': 1.0, 'off': 0.0}.get(scene['led'])
            locations, held = dict(scene['blocks']), scene.get('grasped')
        except (KeyError, TypeError, ValueError) as err:
            raise SceneStateError('scene state lacks %s' % err) from err
        tcp, yaw = self.tcp(arm_q)
        return WorldView(tcp_position=tcp, tcp_yaw=yaw, gripper_opening=float(finger),
                         gripper_command=float(gripper_command), blocks=blocks,
                         fixtures=fixtures, handles=self.handles(joints),
                         locations=locations, held=held)
