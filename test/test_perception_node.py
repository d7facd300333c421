"""lam_perception over real DDS: the simulator's camera topics in, /lam/scene out.

lam_sim (cameras on) and lam_perception run as processes on a private ROS_DOMAIN_ID;
the perceived scene state must agree with the simulator's oracle on every symbolic key
and place the blocks within a centimetre.
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

os.environ.setdefault('ROS_DOMAIN_ID', str(100 + os.getpid() % 100))
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

import rclpy  # noqa: E402  (the domain must be set before rclpy initialises)
from lam_stack import stop  # noqa: E402
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy  # noqa: E402
from std_msgs.msg import String  # noqa: E402

pytest.importorskip('cv2')
SYMBOLIC = ('blocks', 'slider', 'drawer', 'lightbulb', 'led', 'grasped')


def test_scene_from_the_cameras_matches_the_oracle(tmp_path):
    sim = subprocess.Popen(
        [sys.executable, '-m', 'lam_ros.nodes.sim_node', '--ros-args', '-p', 'seed:=3',
         '-p', 'camera_rate_hz:=5.0'],
        stdout=open(tmp_path / 'sim.log', 'w'), stderr=subprocess.STDOUT)
    perception = subprocess.Popen(
        [sys.executable, '-m', 'lam_ros.nodes.perception_node'],
        stdout=open(tmp_path / 'perception.log', 'w'), stderr=subprocess.STDOUT)
    context = rclpy.Context()
    rclpy.init(context=context)
    node = rclpy.create_node('perception_probe', context=context)
    latched = QoSProfile(depth=1, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                         reliability=ReliabilityPolicy.RELIABLE)
    perceived, oracle = [], []
    node.create_subscription(String, '/lam/scene', lambda m: perceived.append(
        json.loads(m.data)), latched)
    node.create_subscription(String, '/lam_sim/scene_state', lambda m: oracle.append(
        json.loads(m.data)), latched)
    executor = rclpy.executors.SingleThreadedExecutor(context=context)
    executor.add_node(node)
    try:
        import time
        deadline = time.monotonic() + 90
        # both topics: the oracle's latched message may arrive after three perceived scenes
        while (len(perceived) < 3 or not oracle) and time.monotonic() < deadline:
            executor.spin_once(timeout_sec=0.1)
        assert len(perceived) >= 3, 'no /lam/scene: %s' % (
            (tmp_path / 'perception.log').read_text()[-2000:])
        assert oracle, 'no /lam_sim/scene_state: %s' % (
            (tmp_path / 'sim.log').read_text()[-2000:])
        state, truth = perceived[-1], oracle[-1]
        for key in SYMBOLIC:
            assert state[key] == truth[key], key
        for colour, pose in truth['poses'].items():
            if state['poses'][colour] is not None:
                error = np.linalg.norm(np.subtract(state['poses'][colour]['position'],
                                                   pose['position']))
                assert error < 0.01, (colour, error)
        assert set(state['confidence']) >= {'red', 'blue', 'pink', 'drawer', 'led'}
        assert 'stamp' in state
    finally:
        node.destroy_node()
        rclpy.shutdown(context=context)
        stop(perception)
        stop(sim)
