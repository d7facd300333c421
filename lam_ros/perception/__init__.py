"""Perception: the scene-state dict of `lam_ros.world.scene` from RGB-D cameras, no oracle.

Pure, ROS-free core (OpenCV + NumPy, no learned detector): a node feeds it camera frames
with their `CameraModel` (intrinsics + extrinsics from TF) and the measured joint
positions, and publishes the result. Modules: `camera` (pinhole models, back-projection),
`colors` (light-invariant colour classes), `geometry` (desk description, robot
self-filter), `blocks` (per-view block pose), `fixtures` (drawer, door, switch, button,
lights), `scene` (fusion into the state dict, unknowns), `tracking` (continuous yaw,
short-term memory of occluded items).
"""

from lam_ros.perception.camera import CameraKinematics, CameraModel
from lam_ros.perception.scene import (
    is_known, require_known, ScenePerception, UNKNOWN, UnknownTarget, View)
from lam_ros.perception.tracking import (
    FixtureGate, SceneFilter, SceneMemory, unwrap_quarter, YawTracker)

__all__ = ['CameraKinematics', 'CameraModel', 'FixtureGate', 'SceneFilter', 'SceneMemory',
           'ScenePerception',
           'UNKNOWN', 'UnknownTarget', 'View', 'YawTracker', 'is_known', 'require_known',
           'unwrap_quarter']
