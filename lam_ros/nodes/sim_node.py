"""lam_sim: the MuJoCo CALVIN desk behind the topics that Gazebo + ros2_control would offer.

Publishes joint_states, clock (with use_sim_time), camera images and the privileged
scene state; follows arm_controller/joint_trajectory like joint_trajectory_controller
and gripper_controller/commands like a forward position controller. Physics runs in
its own thread, paced to `real_time_factor`; ROS callbacks only hand goals to the
controller layer (lam_ros.world.desk), under a lock.

This node is for simulation, tests and evaluation. lam_ros itself must not read
`~/scene_state` once perception exists.
"""

import json
import threading
import time

import numpy as np
from rcl_interfaces.msg import FloatingPointRange, IntegerRange, ParameterDescriptor
from rclpy.node import Node
from rclpy.qos import (DurabilityPolicy, QoSProfile, qos_profile_sensor_data,
                       ReliabilityPolicy)
from rosgraph_msgs.msg import Clock
from sensor_msgs.msg import CameraInfo, Image, JointState
from std_msgs.msg import Float64MultiArray, String
from std_srvs.srv import Trigger
from trajectory_msgs.msg import JointTrajectory as JointTrajectoryMsg

from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint, TrajectoryRejected
from lam_ros.nodes.spin import run
from lam_ros.world.desk import CalvinDesk, CAMERAS, GripperCommandRejected
from lam_ros.world.sampling import sample_scene, SceneSampleError
from lam_ros.world.scene import SceneOracle
from lam_ros.world.tasks import TASKS

LATCHED = QoSProfile(depth=1, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                     reliability=ReliabilityPolicy.RELIABLE)
# Images are reliable: a 640x480 frame is ~1 MB, sent as many UDP fragments, and best
# effort loses whole frames whenever one fragment drops (measured: 40-70% of frames lost,
# scene gaps of 10 s). Best-effort subscribers (rviz, qos_profile_sensor_data) still match.
IMAGES = QoSProfile(depth=2, reliability=ReliabilityPolicy.RELIABLE)
COMMANDS = QoSProfile(depth=10, reliability=ReliabilityPolicy.RELIABLE)
SYMBOLIC_KEYS = ('blocks', 'slider', 'drawer', 'lightbulb', 'led', 'grasped')


def trajectory_from_msg(msg: JointTrajectoryMsg) -> JointTrajectory:
    """trajectory_msgs/JointTrajectory -> controller goal (starts on receipt)."""
    points = []
    for p in msg.points:
        t = p.time_from_start.sec + p.time_from_start.nanosec * 1e-9
        points.append(TrajectoryPoint(list(p.positions), t, list(p.velocities) or None))
    return JointTrajectory(list(msg.joint_names), points)


def _stamp(seconds: float):
    from builtin_interfaces.msg import Time
    sec = int(seconds)
    return Time(sec=sec, nanosec=int(round((seconds - sec) * 1e9)) % 1000000000)


class SimNode(Node):
    """The simulator node `lam_sim`."""

    def __init__(self):
        super().__init__('lam_sim')
        self._declare_parameters()
        p = self.get_parameter
        self._rate = p('joint_state_rate_hz').value
        self._camera_rate = p('camera_rate_hz').value
        self._rtf = p('real_time_factor').value
        self._scene_rate = p('scene_rate_hz').value
        self._width, self._height = p('camera_width').value, p('camera_height').value
        self._cameras = list(p('cameras').value)
        unknown = [c for c in self._cameras if c not in CAMERAS]
        if unknown:
            raise ValueError('parameter cameras: unknown camera(s) %s; available: %s' % (
                unknown, list(CAMERAS)))
        self._use_sim_time = p('use_sim_time').value

        self.desk = CalvinDesk()
        self.oracle = SceneOracle(self.desk)
        self._lock = threading.Lock()
        self._sim_clock = 0.0          # monotonic sim time across resets (for /clock)
        self._last_symbolic = None
        self._scene_version = 0        # counts symbolic changes

        self._joint_pub = self.create_publisher(JointState, 'joint_states', 10)
        self._clock_pub = self.create_publisher(Clock, '/clock', 10)
        self._scene_pub = self.create_publisher(String, '~/scene_state', LATCHED)
        self._camera_pubs = {
            cam: (self.create_publisher(Image, cam + '/image_raw', IMAGES),
                  self.create_publisher(Image, cam + '/depth/image_raw', IMAGES),
                  self.create_publisher(CameraInfo, cam + '/camera_info', qos_profile_sensor_data))
            for cam in self._cameras}
        self.create_subscription(JointTrajectoryMsg, 'arm_controller/joint_trajectory',
                                 self._on_trajectory, COMMANDS)
        self.create_subscription(Float64MultiArray, 'gripper_controller/commands',
                                 self._on_gripper, COMMANDS)
        self.create_service(Trigger, '~/reset', self._on_reset)

        self._reset(p('seed').value, p('task').value)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._physics_loop, name='lam_sim_physics',
                                        daemon=True)
        self._thread.start()
        self.get_logger().info(
            'lam_sim running: joint_states at %.0f Hz, cameras %s at %.1f Hz, real-time '
            'factor %s' % (self._rate, self._cameras if self._camera_rate > 0 else 'off',
                           self._camera_rate, self._rtf if self._rtf > 0 else 'unlimited'))

    def _declare_parameters(self):
        def describe(text, read_only=True, **ranges):
            return ParameterDescriptor(description=text, read_only=read_only, **ranges)

        self.declare_parameter('seed', 0, describe(
            'Scene seed used at start-up and by ~/reset; 0 is the documented default scene.',
            read_only=False, integer_range=[IntegerRange(from_value=0, to_value=2 ** 31 - 1)]))
        self.declare_parameter('task', '', describe(
            "If set, ~/reset draws a scene that satisfies this CALVIN task's preconditions.",
            read_only=False))
        self.declare_parameter('joint_state_rate_hz', 250.0, describe(
            'Rate of joint_states (and /clock), in Hz of simulated time.',
            floating_point_range=[FloatingPointRange(from_value=100.0, to_value=1000.0)]))
        self.declare_parameter('camera_rate_hz', 5.0, describe(
            'Rate of camera images in Hz of simulated time; 0 turns cameras off.',
            floating_point_range=[FloatingPointRange(from_value=0.0, to_value=60.0)]))
        self.declare_parameter('camera_width', 640, describe(
            'Camera image width in pixels.',
            integer_range=[IntegerRange(from_value=16, to_value=1280)]))
        self.declare_parameter('camera_height', 480, describe(
            'Camera image height in pixels.',
            integer_range=[IntegerRange(from_value=16, to_value=960)]))
        self.declare_parameter('cameras', list(CAMERAS), describe(
            'Cameras to publish: static_camera, wrist_camera.'))
        self.declare_parameter('scene_rate_hz', 20.0, describe(
            'Rate of ~/scene_state (with block poses and fixture positions), in Hz of '
            'simulated time.',
            floating_point_range=[FloatingPointRange(from_value=1.0, to_value=100.0)]))
        self.declare_parameter('real_time_factor', 1.0, describe(
            'Simulated seconds per wall-clock second; 0 runs as fast as possible.',
            floating_point_range=[FloatingPointRange(from_value=0.0, to_value=100.0)]))

    # ------------------------------------------------------------------ callbacks
    def _on_trajectory(self, msg):
        if not msg.points:
            # joint_trajectory_controller's topic convention: an empty trajectory stops
            # the arm where it is (used for cancel and e-stop)
            with self._lock:
                self.desk.hold_arm()
            self.get_logger().info('empty arm trajectory: stopping and holding position')
            return
        goal = trajectory_from_msg(msg)
        with self._lock:
            try:
                duration = self.desk.send_arm_goal(goal)
            except TrajectoryRejected as err:
                self.get_logger().warning('rejected arm trajectory: %s; holding position' % err)
                return
        self.get_logger().debug('following arm trajectory: %d points over %.2f s' % (
            len(goal.points), duration))

    def _on_gripper(self, msg):
        with self._lock:
            try:
                self.desk.send_gripper(msg.data)
            except GripperCommandRejected as err:
                self.get_logger().warning('rejected gripper command: %s' % err)

    def _on_reset(self, request, response):
        seed = self.get_parameter('seed').value
        task = self.get_parameter('task').value
        try:
            with self._lock:
                state = self._reset(seed, task)
        except (SceneSampleError, ValueError) as err:
            response.success, response.message = False, str(err)
            self.get_logger().error('reset failed: %s' % err)
            return response
        response.success = True
        response.message = json.dumps({k: state[k] for k in SYMBOLIC_KEYS})
        return response

    def _reset(self, seed, task):
        if task and task not in TASKS:
            raise ValueError('parameter task: unknown task %r' % task)
        state = sample_scene(self.desk, seed, task or None)
        self._publish_scene(state)
        suffix = ', task ' + task if task else ''
        self.get_logger().info('scene reset (seed %d%s)' % (seed, suffix))
        return state

    # ------------------------------------------------------------------ physics thread
    def _physics_loop(self):
        try:
            self._physics()
        except Exception:
            if self.context.ok():
                raise
            # shutdown (Ctrl-C) came between a check and a publish: nothing lost
        finally:
            self.desk.close()       # the renderers' GL contexts belong to this thread

    def _physics(self):
        dt = self.desk.dt
        steps = max(1, int(round(1.0 / self._rate / dt)))
        camera_every = (max(1, int(round(1.0 / self._camera_rate / (steps * dt))))
                        if self._camera_rate > 0 else 0)
        scene_every = max(1, int(round(1.0 / self._scene_rate / (steps * dt))))
        wall_start, sim_start = time.monotonic(), self._sim_clock
        tick = 0
        while not self._stop.is_set() and self.context.ok():
            with self._lock:
                self.desk.step(steps)
                self._sim_clock += steps * dt
                names, pos, vel, eff = self.desk.joint_state()
                stamp = self._now()
                scene = self.oracle.state() if tick % scene_every == 0 else None
                images = self._render() if camera_every and tick % camera_every == 0 else None
            self._publish_joints(stamp, names, pos, vel, eff)
            if self._use_sim_time:
                self._clock_pub.publish(Clock(clock=_stamp(self._sim_clock)))
            if scene is not None:
                self._publish_scene(scene)
            if images is not None:
                self._publish_images(stamp, images)
            tick += 1
            if self._rtf > 0:
                ahead = (self._sim_clock - sim_start) / self._rtf - (time.monotonic() - wall_start)
                if ahead > 0:
                    time.sleep(ahead)
                elif ahead < -0.5:       # fell behind (rendering, load): do not try to catch up
                    wall_start, sim_start = time.monotonic(), self._sim_clock

    def _now(self):
        if self._use_sim_time:
            return _stamp(self._sim_clock)
        return self.get_clock().now().to_msg()

    def _render(self):
        out = {}
        for cam in self._cameras:
            out[cam] = (self.desk.render(cam, self._width, self._height),
                        self.desk.render(cam, self._width, self._height, depth=True))
        return out

    def _publish_joints(self, stamp, names, pos, vel, eff):
        msg = JointState()
        msg.header.stamp = stamp
        msg.name = list(names)
        msg.position, msg.velocity, msg.effort = pos.tolist(), vel.tolist(), eff.tolist()
        self._joint_pub.publish(msg)

    def _publish_scene(self, state):
        symbolic = {k: state[k] for k in SYMBOLIC_KEYS}
        if symbolic != self._last_symbolic:
            self._scene_version += 1
            self._last_symbolic = symbolic
        state['version'] = self._scene_version
        self._scene_pub.publish(String(data=json.dumps(state)))

    def _publish_images(self, stamp, images):
        for cam, (rgb, depth) in images.items():
            image_pub, depth_pub, info_pub = self._camera_pubs[cam]
            frame = cam + '_optical_frame'
            msg = Image(height=rgb.shape[0], width=rgb.shape[1], encoding='rgb8',
                        step=rgb.shape[1] * 3, data=rgb.tobytes())
            msg.header.stamp, msg.header.frame_id = stamp, frame
            image_pub.publish(msg)
            dmsg = Image(height=depth.shape[0], width=depth.shape[1], encoding='32FC1',
                         step=depth.shape[1] * 4, data=np.ascontiguousarray(depth).tobytes())
            dmsg.header.stamp, dmsg.header.frame_id = stamp, frame
            depth_pub.publish(dmsg)
            fx, fy, cx, cy = self.desk.camera_intrinsics(cam, rgb.shape[1], rgb.shape[0])
            info = CameraInfo(height=rgb.shape[0], width=rgb.shape[1],
                              distortion_model='plumb_bob', d=[0.0] * 5,
                              k=[fx, 0.0, cx, 0.0, fy, cy, 0.0, 0.0, 1.0],
                              r=[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
                              p=[fx, 0.0, cx, 0.0, 0.0, fy, cy, 0.0, 0.0, 0.0, 1.0, 0.0])
            info.header.stamp, info.header.frame_id = stamp, frame
            info_pub.publish(info)

    def stop(self):
        """Stop the physics thread (which frees the renderers)."""
        self._stop.set()
        self._thread.join(timeout=5.0)


def main(args=None):
    run(SimNode, args)


if __name__ == '__main__':
    main()
