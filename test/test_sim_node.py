"""Integration tests: the real lam_sim node over DDS, driven like a ros2_control robot.

A `lam-ros sim` process is started on a private ROS_DOMAIN_ID with localhost-only
discovery; this test process talks to it with rclpy and always stops it.
"""

import json
import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

DOMAIN = str(20 + os.getpid() % 80)
os.environ['ROS_DOMAIN_ID'] = DOMAIN
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

import rclpy  # noqa: E402  (the domain must be set before rclpy initialises)
from lam_stack import stop  # noqa: E402
from builtin_interfaces.msg import Duration  # noqa: E402
from rcl_interfaces.msg import Log  # noqa: E402
from rclpy.executors import SingleThreadedExecutor  # noqa: E402
from rclpy.qos import DurabilityPolicy, qos_profile_sensor_data, QoSProfile  # noqa: E402
from sensor_msgs.msg import CameraInfo, Image, JointState  # noqa: E402
from std_msgs.msg import Float64MultiArray, String  # noqa: E402
from std_srvs.srv import Trigger  # noqa: E402
from trajectory_msgs.msg import JointTrajectory, JointTrajectoryPoint  # noqa: E402

ARM = ['panda_joint%d' % i for i in range(1, 8)]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError('timed out after %.0f s waiting for %s' % (timeout, what))


class Probe:
    """A test node that records what lam_sim publishes."""

    def __init__(self):
        self.node = rclpy.create_node('lam_sim_probe')
        self.joint_states, self.logs, self.images, self.depths, self.infos = [], [], [], [], []
        self.scenes = []
        n = self.node
        n.create_subscription(JointState, '/joint_states', self.joint_states.append, 50)
        n.create_subscription(Log, '/rosout', self.logs.append, 100)
        n.create_subscription(Image, '/static_camera/image_raw', self.images.append,
                              qos_profile_sensor_data)
        n.create_subscription(Image, '/static_camera/depth/image_raw', self.depths.append,
                              qos_profile_sensor_data)
        n.create_subscription(CameraInfo, '/static_camera/camera_info', self.infos.append,
                              qos_profile_sensor_data)
        latched = QoSProfile(depth=1, durability=DurabilityPolicy.TRANSIENT_LOCAL)
        n.create_subscription(String, '/lam_sim/scene_state', self.scenes.append, latched)
        self.trajectory = n.create_publisher(JointTrajectory, '/arm_controller/joint_trajectory',
                                             10)
        self.gripper = n.create_publisher(Float64MultiArray, '/gripper_controller/commands', 10)
        self.reset = n.create_client(Trigger, '/lam_sim/reset')
        self.executor = SingleThreadedExecutor()
        self.executor.add_node(n)
        self.thread = threading.Thread(target=self.executor.spin, daemon=True)
        self.thread.start()

    def positions(self):
        msg = self.joint_states[-1]
        return dict(zip(msg.name, msg.position))

    def arm(self):
        pos = self.positions()
        return np.array([pos[n] for n in ARM])

    def still(self):
        """Whether every arm joint moves slower than 0.005 rad/s."""
        msg = self.joint_states[-1]
        speeds = dict(zip(msg.name, msg.velocity))
        return max(abs(speeds[n]) for n in ARM) < 0.005

    def send(self, names, points):
        msg = JointTrajectory(joint_names=list(names))
        for positions, t in points:
            msg.points.append(JointTrajectoryPoint(
                positions=[float(v) for v in positions],
                time_from_start=Duration(sec=int(t), nanosec=int((t % 1) * 1e9))))
        self.trajectory.publish(msg)

    def close(self):
        self.executor.shutdown()
        self.thread.join(5.0)
        self.node.destroy_node()


@pytest.fixture(scope='module')
def sim(tmp_path_factory):
    log_path = tmp_path_factory.mktemp('sim') / 'lam_sim.log'
    rclpy.init()
    probe = Probe()
    with open(log_path, 'w') as log:
        proc = subprocess.Popen(
            [sys.executable, '-m', 'lam_ros.cli.main', 'sim', '--camera-rate', '4',
             '--ros-args', '-p', 'camera_width:=160', '-p', 'camera_height:=120',
             '-p', 'cameras:=["static_camera"]'],
            stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        wait_for(lambda: probe.joint_states, 60, '/joint_states from lam_sim')
        yield probe
    finally:
        probe.close()
        rclpy.try_shutdown()
        stop(proc)
        print(log_path.read_text())


def test_joint_states_at_100_hz_or_more(sim):
    names = set(sim.joint_states[-1].name)
    assert names == set(ARM) | {'panda_finger_joint1', 'panda_finger_joint2'}
    count = len(sim.joint_states)
    time.sleep(2.0)
    rate = (len(sim.joint_states) - count) / 2.0
    assert rate >= 100, 'joint_states at %.0f Hz, expected >= 100 Hz' % rate


def test_trajectory_is_followed(sim):
    start = sim.arm()
    target = start + np.array([0.25, -0.2, 0.15, 0.3, -0.2, 0.25, 0.4])
    sim.send(ARM, [((start + target) / 2, 1.0), (target, 2.0)])
    wait_for(lambda: np.max(np.abs(sim.arm() - target)) < 0.01, 15,
             'the arm to reach %s (at %s)' % (np.round(target, 3), np.round(sim.arm(), 3)))
    # A goal naming the joints in another order is followed the same way.
    order = ARM[::-1]
    sim.send(order, [(start[::-1], 2.0)])
    wait_for(lambda: np.max(np.abs(sim.arm() - start)) < 0.01, 15, 'the arm back at the start')


def test_empty_trajectory_stops_and_holds_the_arm(sim):
    """As with joint_trajectory_controller: an empty trajectory stops the arm where it is."""
    wait_for(sim.still, 10, 'the arm to come to rest')
    start = sim.arm()
    sim.send(ARM, [(start + 0.5, 3.0)])
    time.sleep(0.6)
    sim.send(ARM, [])
    time.sleep(0.3)
    stopped = sim.arm()
    time.sleep(0.5)
    assert np.max(np.abs(sim.arm() - stopped)) < 2e-3
    assert np.max(np.abs(stopped - start)) > 0.02          # it had moved ...
    assert np.max(np.abs(stopped - (start + 0.5))) > 0.2   # ... and did not go on


def test_gripper_commands(sim):
    sim.gripper.publish(Float64MultiArray(data=[0.0]))
    wait_for(lambda: sim.positions()['panda_finger_joint1'] < 0.003, 10, 'the gripper to close')
    sim.gripper.publish(Float64MultiArray(data=[0.04]))
    wait_for(lambda: sim.positions()['panda_finger_joint1'] > 0.037, 10, 'the gripper to open')


@pytest.mark.parametrize('names, points, reason', [
    (['panda_joint%d' % i for i in range(2, 9)], [([0.0] * 7, 1.0)], 'unknown joint'),
    (ARM[:6], [([0.0] * 6, 1.0)], 'does not name'),
    (ARM, [([0.0, 0.0, 0.0, -2.0, 0.0, float('nan'), 0.0], 1.0)], 'non-finite'),
    (ARM, [([0.0, 0.0, 0.0, 0.5, 0.0, 1.9, 0.0], 1.0)], 'outside its limits'),
    (ARM, [([2.5, -0.3, 0.0, -2.2, 0.0, 1.9, 0.785], 0.1)], 'rad/s'),
])
def test_bad_trajectories_are_rejected_and_the_arm_holds(sim, names, points, reason):
    wait_for(sim.still, 10, 'the arm to come to rest before the check')
    before = sim.arm()
    logged = len(sim.logs)
    sim.send(names, points)

    def rejected():
        return any('rejected arm trajectory' in m.msg and reason in m.msg
                   for m in sim.logs[logged:] if m.name == 'lam_sim')

    wait_for(rejected, 10, 'lam_sim to log the rejection (%s)' % reason)
    time.sleep(0.3)
    moved = np.max(np.abs(sim.arm() - before))
    assert moved < 2e-3, 'arm moved %.4f rad after a rejected trajectory' % moved


def test_bad_gripper_command_is_rejected(sim):
    logged = len(sim.logs)
    sim.gripper.publish(Float64MultiArray(data=[float('inf')]))
    wait_for(lambda: any('rejected gripper command' in m.msg for m in sim.logs[logged:]), 10,
             'lam_sim to log the gripper rejection')


def test_scene_state_is_latched_and_reset_works(sim):
    wait_for(lambda: sim.scenes, 10, 'the latched scene state')
    state = json.loads(sim.scenes[-1].data)
    assert set(state['blocks']) == {'red', 'blue', 'pink'}
    assert state['drawer'] in ('open', 'closed')
    assert sim.reset.wait_for_service(timeout_sec=10)
    future = sim.reset.call_async(Trigger.Request())
    wait_for(future.done, 30, 'the reset service')
    assert future.result().success, future.result().message
    assert json.loads(future.result().message)['blocks'] == state['blocks']


def test_camera_topics(sim):
    wait_for(lambda: sim.images and sim.depths and sim.infos, 20, 'static camera images')
    rgb, depth, info = sim.images[-1], sim.depths[-1], sim.infos[-1]
    assert (rgb.width, rgb.height, rgb.encoding) == (160, 120, 'rgb8')
    assert (depth.width, depth.height, depth.encoding) == (160, 120, '32FC1')
    metres = np.frombuffer(bytes(depth.data), dtype=np.float32)
    assert 0.3 < float(np.median(metres)) < 3.0
    assert info.k[0] > 0 and info.k[4] > 0 and info.header.frame_id == rgb.header.frame_id


def test_sim_time_clock_and_params_file(tmp_path):
    """With --use-sim-time lam_sim publishes /clock and stamps joint_states in sim time."""
    from rosgraph_msgs.msg import Clock
    # The module's `sim` fixture holds the default context and is still running on DOMAIN
    # (it publishes /joint_states in wall time): this sim gets a domain of its own.
    domain = str(int(DOMAIN) + 100)
    context = rclpy.Context()
    context.init(domain_id=int(domain))
    node = rclpy.create_node('clock_probe', context=context)
    clocks, states = [], []
    node.create_subscription(Clock, '/clock', clocks.append, 10)
    node.create_subscription(JointState, '/joint_states', states.append, 10)
    executor = SingleThreadedExecutor(context=context)
    executor.add_node(node)
    spinner = threading.Thread(target=executor.spin, daemon=True)
    spinner.start()
    log_path = tmp_path / 'lam_sim_clock.log'
    proc = None
    try:
        with open(log_path, 'w') as log:
            proc = subprocess.Popen(
                [sys.executable, '-m', 'lam_ros.cli.main', 'sim', '--params',
                 'config/sim.yaml', '--use-sim-time', '--camera-rate', '0',
                 '--real-time-factor', '2'],
                stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, ROS_DOMAIN_ID=domain),
                cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        wait_for(lambda: len(clocks) > 10 and states, 60, '/clock from lam_sim')
        first = clocks[-1].clock.sec + clocks[-1].clock.nanosec * 1e-9
        started = time.monotonic()
        time.sleep(1.0)
        last = clocks[-1].clock.sec + clocks[-1].clock.nanosec * 1e-9
        wall = time.monotonic() - started
        assert 1.2 < (last - first) / wall < 2.6, 'sim ran %.2f s in %.2f s wall at factor 2' % (
            last - first, wall)
        stamp = states[-1].header.stamp
        assert abs(stamp.sec + stamp.nanosec * 1e-9 - last) < 1.0
    finally:
        executor.shutdown()
        spinner.join(5.0)       # (its context shut down under a spinning thread fails the spin)
        node.destroy_node()
        context.try_shutdown()
        if proc is not None:
            stop(proc)
