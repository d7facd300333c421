"""Shared by the integration tests: start lam_sim and lam_node processes, play the operator.

Import after the test module has set ROS_DOMAIN_ID (rclpy reads it at init).
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import rclpy
from rclpy.action import ActionClient
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from sensor_msgs.msg import JointState
from std_msgs.msg import Bool, Empty, String

ARM = ['panda_joint%d' % i for i in range(1, 8)]
FINAL = ('succeeded', 'failed', 'rejected', 'cancelled', 'stopped')
RTF = 2.0           # the simulator runs twice as fast as real time, stamps in sim time


def stop(proc):
    """Stop a node process like Ctrl-C would; kill it if it does not exit in 15 s."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Operator:
    """A test node playing the operator: sends commands, watches status and joints."""

    def __init__(self):
        self.node = rclpy.create_node('lam_test_operator')
        latched = QoSProfile(depth=20, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                             reliability=ReliabilityPolicy.RELIABLE)
        self.statuses, self.joints, self.sent = [], [], {}
        self.node.create_subscription(String, '/lam/status', self._on_status, latched)
        self.node.create_subscription(JointState, 'joint_states', self.joints.append, 10)
        self.command = self.node.create_publisher(String, '/lam/command', 10)
        self.cancel = self.node.create_publisher(Empty, '/lam/cancel', 10)
        self.estop = self.node.create_publisher(Bool, '/lam/estop', 10)
        from lam_interfaces.action import Execute
        self.Execute = Execute
        self.action = ActionClient(self.node, Execute, '/lam/execute')

    def _on_status(self, msg):
        self.statuses.append((time.monotonic(), json.loads(msg.data)))

    def spin(self, seconds=0.05):
        rclpy.spin_once(self.node, timeout_sec=seconds)

    def pause(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.spin()

    def wait_for(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.spin()
            value = predicate()
            if value:
                return value
        raise AssertionError('timed out after %.0f s waiting for %s; last statuses: %s' % (
            timeout, what, [s['state'] for _, s in self.statuses[-5:]]))

    def of(self, text):
        """Statuses of the latest command with this text."""
        since = self.sent.get(text, 0)
        return [s for _, s in self.statuses[since:] if s['command'] == text]

    def final(self, text):
        return next((s for s in self.of(text) if s['state'] in FINAL), None)

    def send(self, text):
        self.sent[text] = len(self.statuses)
        self.command.publish(String(data=text))
        return time.monotonic()

    def arm(self):
        msg = self.joints[-1]
        index = {n: i for i, n in enumerate(msg.name)}
        return (np.array([msg.position[index[n]] for n in ARM]),
                np.array([msg.velocity[index[n]] for n in ARM]),
                msg.header.stamp.sec + msg.header.stamp.nanosec * 1e-9)


@contextlib.contextmanager
def lam_stack(tmp_path_factory, **lam_params):
    """Start lam_sim (seed 0, 2x real time, sim time) and lam_node; yield (operator, sim, lam).

    lam_node reads the oracle's scene state (perception is tested on its own), has a
    private skill library and a 1 s joint-state watchdog (default
    0.5 s: CI machines are slow and shared); lam_params override its parameters.
    """
    env = dict(os.environ, LAM_ROS_DATA_DIR=str(tmp_path_factory.mktemp('lam_data')))
    logs = tmp_path_factory.mktemp('logs')
    sim = subprocess.Popen(
        [sys.executable, '-m', 'lam_ros.nodes.sim_node', '--ros-args', '-p',
         'camera_rate_hz:=0.0', '-p', 'real_time_factor:=%s' % RTF, '-p', 'seed:=0',
         '-p', 'use_sim_time:=true'],
        env=env, stdout=open(logs / 'sim.log', 'w'), stderr=subprocess.STDOUT)
    params = dict({'autostart': 'true', 'joint_state_timeout_s': '1.0',
                   'scene_topic': '/lam_sim/scene_state'}, **lam_params)
    args = [a for k, v in params.items() for a in ('-p', '%s:=%s' % (k, v))]
    lam = subprocess.Popen(
        [sys.executable, '-m', 'lam_ros.nodes.lam_node', '--ros-args'] + args,
        env=env, stdout=open(logs / 'lam_node.log', 'w'), stderr=subprocess.STDOUT)
    rclpy.init()
    operator = Operator()
    try:
        from lam_ros.cli.stack import Stack
        waiter = Stack()
        waiter.procs = {'lam_sim': sim, 'lam_node': lam}
        waiter.wait_active(operator.node, timeout=120)
        operator.wait_for(lambda: operator.joints, 20, 'joint states')
        yield operator, sim, lam
    finally:
        operator.node.destroy_node()
        rclpy.try_shutdown()
        stop(lam)
        stop(sim)
        for name in ('sim.log', 'lam_node.log'):
            print('---- %s\n%s' % (name, (logs / name).read_text()[-3000:]))
