"""Pinhole RGB-D camera models in the robot base frame, and back-projection of depth images.

A `CameraModel` is what a ROS `sensor_msgs/CameraInfo` plus the TF from the robot base
to the camera's optical frame give on a robot: intrinsics (fx, fy, cx, cy in pixels) and
the extrinsic pose. Here the extrinsics come from the desk's MJCF (the static camera is
fixed in the world; the wrist camera follows the arm, so its pose is computed by forward
kinematics of the measured arm joints, as robot_state_publisher would).

Frames and units: the world frame is the robot base (x across the desk, y to the robot's
left, z up), metres. `rotation` maps optical-frame vectors (OpenCV convention: x right,
y down, z forward along the view) into the base frame. Depth images are float32 metres
along the optical axis (z-depth), 0 or non-finite where there is no measurement. Pixel
(u, v) has its centre at (u + 0.5, v + 0.5).

This module must not look at images beyond geometry: no colour, no detection.
"""

from dataclasses import dataclass

import mujoco
import numpy as np

# MuJoCo cameras look along -z with y up; OpenCV optical frames look along +z with y down.
_MUJOCO_FROM_OPTICAL = np.diag([1.0, -1.0, -1.0])


@dataclass
class CameraModel:
    """Intrinsics and base-frame pose of one RGB-D camera."""

    name: str
    width: int
    height: int
    fx: float
    fy: float
    cx: float
    cy: float
    position: np.ndarray   # optical centre in the base frame (m)
    rotation: np.ndarray   # 3x3, optical frame -> base frame

    @classmethod
    def from_mujoco(cls, model, data, camera: str, width: int, height: int) -> 'CameraModel':
        """Build from an MJCF camera; `data` must have had mj_forward or mj_kinematics run."""
        cam = model.camera(camera).id
        fy = 0.5 * height / np.tan(0.5 * np.deg2rad(model.cam_fovy[cam]))
        rotation = data.cam_xmat[cam].reshape(3, 3) @ _MUJOCO_FROM_OPTICAL
        return cls(camera, int(width), int(height), float(fy), float(fy), 0.5 * width,
                   0.5 * height, data.cam_xpos[cam].copy(), rotation)

    def project(self, points):
        """Project base-frame points (N x 3) to pixel coordinates (N x 2) and depths (N)."""
        local = (np.asarray(points, float) - self.position) @ self.rotation
        z = local[:, 2]
        with np.errstate(divide='ignore', invalid='ignore'):
            u = self.fx * local[:, 0] / z + self.cx
            v = self.fy * local[:, 1] / z + self.cy
        return np.stack([u, v], axis=1), z

    def backproject(self, rows, cols, depth_values):
        """Base-frame points (N x 3) of pixels (rows, cols) with z-depths in metres."""
        d = np.asarray(depth_values, np.float64)
        x = (np.asarray(cols, np.float64) + 0.5 - self.cx) / self.fx * d
        y = (np.asarray(rows, np.float64) + 0.5 - self.cy) / self.fy * d
        return np.stack([x, y, d], axis=1) @ self.rotation.T + self.position

    def pixel_size(self, distance: float) -> float:
        """Footprint of one pixel in metres at a z-depth."""
        return float(distance) / self.fx


class CameraKinematics:
    """Camera poses for measured joint positions, by forward kinematics of the MJCF.

    The robot/desk description plays the role of robot_description + hand-eye
    calibration: a scratch MjData, never the simulation's.
    """

    def __init__(self, model, arm_joints, finger_joint: str = 'panda_finger_joint1'):
        self.model = model
        self.data = mujoco.MjData(model)
        self._arm = np.array([model.joint(n).qposadr[0] for n in arm_joints])
        self._finger = model.joint(finger_joint).qposadr[0]

    def set_joints(self, arm_q, finger_q=None):
        """Pose the scratch model at the measured joints."""
        self.data.qpos[self._arm] = np.asarray(arm_q, float)
        if finger_q is not None:
            self.data.qpos[self._finger] = float(finger_q)
        mujoco.mj_kinematics(self.model, self.data)
        mujoco.mj_camlight(self.model, self.data)     # camera poses from the body poses

    def camera(self, name: str, arm_q, width: int, height: int) -> CameraModel:
        """Model a (possibly arm-mounted) camera at the measured arm joints."""
        self.set_joints(arm_q)
        return CameraModel.from_mujoco(self.model, self.data, name, width, height)
