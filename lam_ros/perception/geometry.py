"""What perception knows about the desk and the robot beforehand: their description.

`DeskGeometry` reads the fixtures' rest poses and sizes from the desk MJCF (the same file
the simulator loads, in the role of a robot/desk description on a real system): drawer,
sliding door, switch, button, LED, light bulb and block size. `RobotSelfFilter` marks
3-D points that lie on the arm, from forward kinematics of the measured joints, so that
fixture estimates ignore the robot's own body (like ROS robot_self_filter).

Frames and units: robot base frame, metres. Nothing here reads images.
"""

from dataclasses import dataclass

import mujoco
import numpy as np

from lam_ros.perception.camera import CameraKinematics
from lam_ros.world.desk import ARM_JOINTS


@dataclass
class DeskGeometry:
    """Fixture geometry of the desk at joint position zero (base frame, metres)."""

    block_half: float
    drawer_origin: np.ndarray        # drawer body origin when closed
    drawer_front_x: float            # outer (robot-side) face of the closed drawer front
    drawer_front_thickness: float
    drawer_front_half: np.ndarray    # (y, z) half extents of the front panel
    door_origin: np.ndarray          # door body origin at joint 0 (door on the right)
    door_half: np.ndarray            # panel half extents (x, y, z)
    switch_knob: np.ndarray          # knob axis centre at joint 0
    switch_knob_half_length: float
    switch_knob_radius: float
    button_cap: np.ndarray           # cap centre at joint 0
    button_cap_radius: float
    button_cap_half_height: float
    led: np.ndarray
    led_radius: float
    bulb: np.ndarray
    bulb_radius: float

    @classmethod
    def from_model(cls, model) -> 'DeskGeometry':
        """Read the desk description from an MjModel (no simulation state used)."""
        def body(name):
            return model.body(name).pos.copy()

        def geom(name):
            g = model.geom(name)
            return g.pos.copy(), g.size.copy()

        drawer = body('drawer')
        front_pos, front_size = geom('drawer_front')
        door = body('slide_door')
        _, door_size = geom('slide_door_panel')
        knob_pos, knob_size = geom('switch_knob')
        cap_pos, cap_size = geom('button_cap')
        led_pos, led_size = geom('led')
        bulb_pos, bulb_size = geom('lightbulb')
        return cls(
            block_half=float(model.geom('block_red').size[0]),
            drawer_origin=drawer,
            drawer_front_x=float(drawer[0] + front_pos[0] - front_size[0]),
            drawer_front_thickness=float(2 * front_size[0]),
            drawer_front_half=front_size[1:3].copy(),
            door_origin=door, door_half=door_size.copy(),
            switch_knob=body('switch') + knob_pos,
            switch_knob_half_length=float(knob_size[1]),
            switch_knob_radius=float(knob_size[0]),
            button_cap=body('button') + cap_pos,
            button_cap_radius=float(cap_size[0]),
            button_cap_half_height=float(cap_size[1]),
            led=body('button_base') + led_pos, led_radius=float(led_size[0]),
            bulb=body('cabinet') + bulb_pos, bulb_radius=float(bulb_size[0]))


class RobotSelfFilter:
    """Which 3-D points are on the arm, for measured joint positions."""

    def __init__(self, model, margin: float = 0.01, root_body: str = 'panda_link0'):
        self.kinematics = CameraKinematics(model, ARM_JOINTS)
        self.model = model
        root = model.body(root_body).id
        self.margin = margin
        self.geoms = [g for g in range(model.ngeom)
                      if model.body_rootid[model.geom_bodyid[g]] == root]
        self._tcp = model.site('tcp').id

    def update(self, arm_q, finger_q):
        """Pose the arm model at the measured joints."""
        self.kinematics.set_joints(arm_q, finger_q)

    def tcp(self):
        """TCP (position, yaw in radians) of the last `update`."""
        data = self.kinematics.data
        rot = data.site_xmat[self._tcp].reshape(3, 3)
        return data.site_xpos[self._tcp].copy(), float(np.arctan2(rot[1, 0], rot[0, 0]))

    def on_robot(self, points) -> np.ndarray:
        """Boolean per point (N x 3): inside an arm geom grown by the margin."""
        pts = np.asarray(points, float).reshape(-1, 3)
        hit = np.zeros(len(pts), bool)
        if not len(pts):
            return hit
        data, model, margin = self.kinematics.data, self.model, self.margin
        for g in self.geoms:
            local = (pts - data.geom_xpos[g]) @ data.geom_xmat[g].reshape(3, 3)
            size = model.geom_size[g]
            kind = model.geom_type[g]
            if kind in (mujoco.mjtGeom.mjGEOM_CAPSULE, mujoco.mjtGeom.mjGEOM_CYLINDER):
                z = np.clip(local[:, 2], -size[1], size[1])
                inside = (np.hypot(local[:, 0], local[:, 1]) ** 2 + (local[:, 2] - z) ** 2
                          <= (size[0] + margin) ** 2)
            elif kind == mujoco.mjtGeom.mjGEOM_SPHERE:
                inside = np.einsum('ij,ij->i', local, local) <= (size[0] + margin) ** 2
            else:
                half = size[:3] if kind == mujoco.mjtGeom.mjGEOM_BOX else model.geom_rbound[g]
                inside = np.all(np.abs(local) <= np.asarray(half) + margin, axis=1)
            hit |= inside
        return hit
