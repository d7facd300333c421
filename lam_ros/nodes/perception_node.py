"""lam_perception: the scene state from the RGB-D cameras, so lam_ros never reads the simulator.

Subscribes to each camera's `image_raw` (rgb8), `depth/image_raw` (32FC1, metres) and
`camera_info`, and to `joint_states`; when every camera has a colour and a depth image
with the same stamp, runs lam_ros.perception (OpenCV) on them in a worker thread and
publishes `/lam/scene` (std_msgs/String JSON, latched): the keys of the simulator's
oracle ('blocks', 'slider', 'drawer', 'lightbulb', 'led', 'grasped', 'poses', 'joints')
plus 'confidence' per item and 'stamp'; an item no camera shows is 'unknown'. Block
yaw is tracked across frames (a cube looks the same every 90 degrees), and an item a
frame does not show (the arm in front of it) is held for up to 5 s ('seen_s_ago').
`/lam/scene_markers` (visualization_msgs/MarkerArray) draws the blocks for RViz.

Camera poses come from the robot/desk description (the MJCF: the static camera's
extrinsics, the wrist camera through the arm's forward kinematics), intrinsics from
CameraInfo.
"""

import json
import threading
import time

import numpy as np
from rcl_interfaces.msg import FloatingPointRange, ParameterDescriptor
from rclpy.node import Node
from rclpy.qos import DurabilityPolicy, QoSProfile, qos_profile_sensor_data, ReliabilityPolicy
from sensor_msgs.msg import CameraInfo, Image, JointState
from std_msgs.msg import String
from visualization_msgs.msg import Marker, MarkerArray

from lam_ros.nodes.spin import run
from lam_ros.world.desk import ARM_JOINTS

LATCHED = QoSProfile(depth=1, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                     reliability=ReliabilityPolicy.RELIABLE)
IMAGES = QoSProfile(depth=2, reliability=ReliabilityPolicy.RELIABLE)   # see lam_sim
COLOURS = {'red': (0.9, 0.1, 0.1), 'blue': (0.1, 0.2, 0.9), 'pink': (1.0, 0.5, 0.8)}


def image_array(msg: Image) -> np.ndarray:
    """sensor_msgs/Image (rgb8 or 32FC1) as a NumPy array."""
    if msg.encoding == 'rgb8':
        return np.frombuffer(bytes(msg.data), np.uint8).reshape(msg.height, msg.width, 3)
    if msg.encoding == '32FC1':
        return np.frombuffer(bytes(msg.data), np.float32).reshape(msg.height, msg.width)
    raise ValueError('unsupported image encoding %r (rgb8 and 32FC1 are)' % msg.encoding)


def _stamp(msg) -> float:
    return msg.header.stamp.sec + msg.header.stamp.nanosec * 1e-9


class PerceptionNode(Node):
    """The perception node `lam_perception`."""

    def __init__(self):
        super().__init__('lam_perception')
        self.declare_parameter('cameras', ['static_camera', 'wrist_camera'], ParameterDescriptor(
            description='RGB-D cameras to fuse (topics <camera>/image_raw, '
            '<camera>/depth/image_raw, <camera>/camera_info).', read_only=True))
        self.declare_parameter('max_rate_hz', 15.0, ParameterDescriptor(
            description='Most scene updates per second (frames arriving faster are skipped).',
            read_only=True,
            floating_point_range=[FloatingPointRange(from_value=0.5, to_value=60.0)]))
        self._cameras = list(self.get_parameter('cameras').value)
        self._period = 1.0 / self.get_parameter('max_rate_hz').value

        import mujoco
        from lam_ros.execution.world_model import KinematicWorld
        from lam_ros.perception import CameraKinematics, SceneFilter, ScenePerception
        from lam_ros.world.assets import desk_xml_path
        model = mujoco.MjModel.from_xml_path(str(desk_xml_path()))
        self._perception = ScenePerception(model)
        self._kinematics = CameraKinematics(model, ARM_JOINTS)
        self._filter = SceneFilter(KinematicWorld().handles)

        self._lock = threading.Condition()
        self._frames = {c: {} for c in self._cameras}     # camera -> {kind: msg}
        self._infos = {}
        self._joints = None
        self._pending = None
        self._stop = threading.Event()
        self._scene_pub = self.create_publisher(String, '/lam/scene', LATCHED)
        self._marker_pub = self.create_publisher(MarkerArray, '/lam/scene_markers', LATCHED)
        for cam in self._cameras:
            self.create_subscription(Image, cam + '/image_raw',
                                     lambda m, c=cam: self._on_image(c, 'rgb', m), IMAGES)
            self.create_subscription(Image, cam + '/depth/image_raw',
                                     lambda m, c=cam: self._on_image(c, 'depth', m), IMAGES)
            self.create_subscription(CameraInfo, cam + '/camera_info',
                                     lambda m, c=cam: self._infos.__setitem__(c, m),
                                     qos_profile_sensor_data)
        self.create_subscription(JointState, 'joint_states', self._on_joints,
                                 QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE))
        self.frames_done = 0
        self._worker = threading.Thread(target=self._work, name='lam_perception', daemon=True)
        self._worker.start()
        self.get_logger().info('lam_perception: fusing %s into /lam/scene' % self._cameras)

    # ------------------------------------------------------------------ inputs
    def _on_joints(self, msg):
        index = {n: i for i, n in enumerate(msg.name)}
        try:
            arm = np.array([msg.position[index[n]] for n in ARM_JOINTS])
            finger = float(msg.position[index['panda_finger_joint1']])
        except (KeyError, IndexError):
            return
        with self._lock:
            self._joints = (arm, finger)

    def _on_image(self, camera, kind, msg):
        with self._lock:
            self._frames[camera][kind] = msg
            stamps = {_stamp(f[k]) for f in self._frames.values() for k in ('rgb', 'depth')
                      if k in f}
            complete = all('rgb' in f and 'depth' in f for f in self._frames.values())
            if complete and len(stamps) == 1 and self._joints is not None:
                self._pending = ({c: dict(f) for c, f in self._frames.items()},
                                 self._joints, stamps.pop())
                self._lock.notify_all()

    # ------------------------------------------------------------------ processing
    def _work(self):
        last = 0.0
        while not self._stop.is_set():
            with self._lock:
                while self._pending is None and not self._stop.is_set():
                    self._lock.wait(0.2)
                if self._stop.is_set():
                    return
                frames, (arm, finger), stamp = self._pending
                self._pending = None
            if time.monotonic() - last < self._period:
                continue
            last = time.monotonic()
            try:
                state = self.perceive(frames, arm, finger, stamp)
            except (ValueError, KeyError) as err:
                self.get_logger().warning('perception skipped a frame: %s' % err,
                                          throttle_duration_sec=5.0)
                continue
            state['stamp'] = stamp
            try:
                self._scene_pub.publish(String(data=json.dumps(state)))
                self._marker_pub.publish(self._markers(state))
            except Exception:       # noqa: B902 (rclpy raises RCLError once shut down)
                if self._stop.is_set() or not self.context.ok():
                    return          # Ctrl-C shut the context down before stop() ran
                raise
            self.frames_done += 1

    def perceive(self, frames, arm, finger, stamp) -> dict:
        """Scene state from one synchronised set of frames and the arm's joints."""
        from lam_ros.perception import View
        views = []
        for cam, kinds in frames.items():
            rgb, depth = image_array(kinds['rgb']), image_array(kinds['depth'])
            model = self._kinematics.camera(cam, arm, rgb.shape[1], rgb.shape[0])
            info = self._infos.get(cam)
            if info is not None:          # intrinsics from CameraInfo where it came
                model.fx, model.fy, model.cx, model.cy = info.k[0], info.k[4], info.k[2], \
                    info.k[5]
            views.append(View(model, rgb, depth))
        state = self._perception.perceive(views, arm, finger)
        tcp, _ = self._perception.self_filter.tcp()
        return self._filter.update(state, stamp, tcp)

    @staticmethod
    def _markers(state):
        markers = MarkerArray()
        for i, (colour, pose) in enumerate(sorted(state['poses'].items())):
            m = Marker(ns='lam_scene', id=i, type=Marker.CUBE)
            m.header.frame_id = 'panda_link0'
            if pose is None:
                m.action = Marker.DELETE
            else:
                m.action = Marker.ADD
                m.pose.position.x, m.pose.position.y, m.pose.position.z = \
                    [float(v) for v in pose['position']]
                half = np.radians(pose['yaw_deg']) / 2.0
                m.pose.orientation.z, m.pose.orientation.w = float(np.sin(half)), \
                    float(np.cos(half))
                m.scale.x = m.scale.y = m.scale.z = 0.05
                m.color.r, m.color.g, m.color.b = COLOURS.get(colour, (0.5, 0.5, 0.5))
                m.color.a = float(max(0.3, state['confidence'].get(colour, 0.0)))
            markers.markers.append(m)
        return markers

    def stop(self):
        """Stop the worker thread."""
        self._stop.set()
        with self._lock:
            self._lock.notify_all()
        self._worker.join(timeout=5.0)


def main(args=None):
    run(PerceptionNode, args)


if __name__ == '__main__':
    main()
