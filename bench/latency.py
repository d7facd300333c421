"""Command-to-motion latency of the LAM stack over real DDS, by stage, in one run.

Starts lam_sim and lam_node (as `lam-ros up` does, private ROS_DOMAIN_ID, localhost,
a private skill library), then for each of N commands: publish it on /lam/command, time
the first message lam_node sends to a controller (arm_controller/joint_trajectory or
gripper_controller/commands) as received here, read lam_node's own stage timings from
/lam/status, then cancel on /lam/cancel and wait until the command is over.

Stages (from lam_node's status): parse (rules), retrieve (encoder + intent model +
Milvus), ground (reading, grounding, checks), first_inference (the policy's first
step), and publish: the rest of the end-to-end time (DDS in and out, queueing, the
first control step's IK). Prints one JSON object: end-to-end p50/p95/max, each stage's
p50/p95 and its share of the end-to-end p50, and the p50 against the 50 ms target.

Usage: python bench/latency.py [--commands 50] [--scene oracle|perception]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault('ROS_DOMAIN_ID', str(150 + os.getpid() % 50))
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

COMMANDS = [
    'open the drawer', 'turn off the LED', 'push the red block to the left',
    'switch off the light bulb', 'rotate the pink block to the right',
    'pick up the red block', 'slide the door to the right', 'lift the blue block',
    'push the pink block to the right', 'turn the red block to the left',
]
TARGET_P50_MS = 50.0


def _stats(values):
    values = np.asarray(values, float)
    return {'p50': round(float(np.percentile(values, 50)), 2),
            'p95': round(float(np.percentile(values, 95)), 2),
            'max': round(float(values.max()), 2)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--commands', type=int, default=50)
    parser.add_argument('--scene', default='oracle', choices=['oracle', 'perception'],
                        help="lam_node's scene source (default: the simulator's oracle, so "
                        "the simulator's camera rendering does not compete for the CPU)")
    args = parser.parse_args(argv)

    import rclpy
    from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
    from std_msgs.msg import Empty, Float64MultiArray, String
    from trajectory_msgs.msg import JointTrajectory

    from lam_ros.cli.stack import Stack

    data = tempfile.mkdtemp(prefix='lam_latency_')
    os.environ['LAM_ROS_DATA_DIR'] = data
    stack = Stack(sim_overrides={'camera_rate_hz': 0.0},
                  lam_overrides={'on_busy': 'preempt', 'record_episodes': False},
                  log_dir=Path(data) / 'logs', scene=args.scene)
    rclpy.init()
    node = rclpy.create_node('lam_latency_bench')
    statuses, first = [], {}
    latched = QoSProfile(depth=20, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                         reliability=ReliabilityPolicy.RELIABLE)
    node.create_subscription(String, '/lam/status',
                             lambda m: statuses.append(json.loads(m.data)), latched)

    def on_controller(msg):
        if msg.__class__ is JointTrajectory and not msg.points:
            return                       # a hold (cancel), not motion
        first.setdefault('t', time.monotonic())

    node.create_subscription(JointTrajectory, 'arm_controller/joint_trajectory',
                             on_controller, 10)
    node.create_subscription(Float64MultiArray, 'gripper_controller/commands',
                             on_controller, 10)
    command_pub = node.create_publisher(String, '/lam/command', 10)
    cancel_pub = node.create_publisher(Empty, '/lam/cancel', 10)

    def spin_until(predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rclpy.spin_once(node, timeout_sec=0.005)
            if predicate():
                return True
        return False

    rows = []
    try:
        stack.start()
        stack.wait_active(node)
        spin_until(lambda: False, 2.0)             # discovery settles
        for i in range(args.commands):
            text = COMMANDS[i % len(COMMANDS)]
            first.clear()
            seen = len(statuses)
            sent = time.monotonic()
            command_pub.publish(String(data=text))
            if not spin_until(lambda: 't' in first, 10.0):
                final = [s for s in statuses[seen:] if s['state'] == 'rejected']
                print('no motion for %r: %s' % (text, final and final[0]['reason']),
                      file=sys.stderr)
                continue
            end_to_end = (first['t'] - sent) * 1000.0
            spin_until(lambda: any(s['state'] == 'running' for s in statuses[seen:]), 5.0)
            cancel_pub.publish(Empty())
            spin_until(lambda: any(s['state'] in ('cancelled', 'failed', 'succeeded')
                                   for s in statuses[seen:]), 20.0)
            mine = [s for s in statuses[seen:] if s['command'] == text]
            latency = dict(mine[-1]['latency_ms']) if mine else {}
            latency['end_to_end'] = end_to_end
            rows.append(latency)
            spin_until(lambda: False, 0.3)          # the arm comes to rest
    finally:
        stack.stop()
        node.destroy_node()
        rclpy.try_shutdown()

    stages = ('parse', 'retrieve', 'ground', 'first_inference')
    for row in rows:
        row['publish'] = row['end_to_end'] - sum(row.get(s, 0.0) for s in stages)
    e2e = _stats([r['end_to_end'] for r in rows])
    report = {
        'commands': len(rows),
        'end_to_end_ms': e2e,
        'stages_ms': {s: _stats([r.get(s, 0.0) for r in rows])
                      for s in stages + ('publish',)},
        'share_of_end_to_end_p50': {
            s: round(float(np.percentile([r.get(s, 0.0) for r in rows], 50)) / e2e['p50'], 3)
            for s in stages + ('publish',)},
        'node_first_command_ms': _stats([r['first_command'] for r in rows
                                         if 'first_command' in r]),
        'target_p50_ms': TARGET_P50_MS,
        'p50_vs_target': round(e2e['p50'] / TARGET_P50_MS, 3),
        'machine': '%d CPU cores' % os.cpu_count(),
        'scene': args.scene,
    }
    print(json.dumps(report))
    return 0 if rows else 1


if __name__ == '__main__':
    sys.exit(main())
