"""What the policy sees, built from what the LAM node hears: joint states and scene states.

On ROS the node knows the world only from topics: `/joint_states` (arm and fingers) and
a scene-state message (block poses and locations, fixture joint positions, light
states; from the simulator's oracle today, from perception on a robot). The kinematic
model of the robot and the desk (the same MJCF the simulator loads, in the role of a
robot_description) turns them into the policy's `WorldView`: the TCP pose by forward
kinematics of the measured arm joints, the drawer knob, door handle, switch and button
from the fixture joint positions. No physics is stepped.

A handle the gripper holds moves with the hand: while the fingers are closed on the
drawer knob, the door handle or the switch knob, that fixture's position is read from the
TCP (forward kinematics at the joint-state rate) rather than from the scene state, which
comes slower and goes stale when the arm hides the fixture from the cameras. After the
fingers let go, that position stands until the cameras see the fixture again in a frame
taken after the release (a perceived value from memory, or from an older frame, would put
the handle back where it was before the pull).
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
# fingers closed on a handle: commanded shut and stopped this far apart (a knob is ~24 mm
# thick, a block 50 mm, nothing ~0)
HOLD_COMMAND = 0.005        # m, commanded opening below this: closing
HOLD_OPENING = (0.006, 0.018)   # m, per finger
HOLD_RADIUS = 0.05          # m, TCP within this of the handle's line of travel
HOLD_REACH = 0.10           # m, and this far along it from where the scene puts the handle
# m, ... where a camera saw it just now (frames lag ~0.25 s): a hand further ahead has
# slid along the knob, and the camera is right
HOLD_REACH_SEEN = 0.06
FRESH_AFTER = 0.5           # s, of scene stamps: a frame this long after the release is new
PERCEIVED_ITEM = {'drawer': 'drawer', 'slide_door': 'slider', 'switch': 'switch'}


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
        self._ranges = {n: tuple(m.jnt_range[m.joint(n + '_joint').id]) for n in HANDLE_SITES}
        # each handle's direction of travel in the world (all fixtures are slide joints)
        zero = self.handles({n: 0.0 for n in FIXTURE_JOINTS})
        one = self.handles({n: 1.0 for n in FIXTURE_JOINTS})
        self._travel = {n: one[n] - zero[n] for n in HANDLE_SITES}
        self._holding = None        # (fixture, position) while the fingers hold its handle
        self._released = {}         # fixture -> (position, scene stamp) since let go

    def reset(self):
        """Forget handles held and let go (a new scene)."""
        self._holding, self._released = None, {}

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

    def held_fixture(self, tcp, finger: float, gripper_command: float, joints: dict,
                     block_held=None, seen=()):
        """(fixture, position) of a handle the closed fingers hold, from the TCP; or None.

        block_held: the scene state's 'grasped' (a hand holding a block holds no handle).
        seen: fixtures whose joint position a camera has just measured.
        """
        if (block_held is not None or gripper_command >= HOLD_COMMAND
                or not HOLD_OPENING[0] < finger < HOLD_OPENING[1]):
            return None
        for name, handle in self.handles(joints).items():
            if name not in self._travel:
                continue
            offset = np.asarray(tcp) - handle
            along = float(offset @ self._travel[name])
            across = np.linalg.norm(offset - along * self._travel[name])
            reach = HOLD_REACH_SEEN if name in seen else HOLD_REACH
            if across < HOLD_RADIUS and abs(along) < reach:
                low, high = self._ranges[name]
                return name, float(np.clip(joints[name] + along, low, high))
        return None

    @staticmethod
    def _seen_since(scene, name, stamp) -> bool:
        """Whether the scene state shows the fixture as seen after a release at `stamp`."""
        if scene['joints'].get(name) is None:
            return False
        if PERCEIVED_ITEM[name] in scene.get('seen_s_ago', {}):
            return False                                 # perception's memory, not a sighting
        if stamp is None or scene.get('stamp') is None:
            return True                                  # the simulator's oracle, or in-process
        return scene['stamp'] >= stamp + FRESH_AFTER

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
        joints = dict(joints)
        for name, (position, stamp) in list(self._released.items()):
            if self._seen_since(scene, name, stamp):
                del self._released[name]
            else:
                joints[name] = position
        seen = [n for n, item in PERCEIVED_ITEM.items() if n not in self._released
                and 'stamp' in scene and item not in scene.get('seen_s_ago', {})]
        holding = self.held_fixture(tcp, finger, gripper_command, joints, held, seen)
        if holding is None and self._holding is not None and finger >= HOLD_OPENING[0]:
            name, position = self._holding           # let go (a slip, fingers shut, is not)
            self._released[name] = (position, scene.get('stamp'))
            joints[name] = position
        self._holding = holding
        if holding is not None:
            joints[holding[0]] = holding[1]
        for name in PERCEIVED_ITEM:
            if joints.get(name) is not None:
                fixtures[name] = float(joints[name])
        return WorldView(tcp_position=tcp, tcp_yaw=yaw, gripper_opening=float(finger),
                         gripper_command=float(gripper_command), blocks=blocks,
                         fixtures=fixtures, handles=self.handles(joints),
                         locations=locations, held=held)
