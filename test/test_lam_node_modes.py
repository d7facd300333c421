"""lam_node's command modes over real DDS: confirmation of unsure plans, preemption.

lam_node runs with `confirm_below: 0.99` (every plan waits for /lam/confirm unless the
action goal says `confirmed`) and `on_busy: preempt`.
"""

import os

import pytest

os.environ.setdefault('ROS_DOMAIN_ID', str(100 + os.getpid() % 100))
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

from lam_stack import lam_stack  # noqa: E402  (the domain must be set before rclpy)
from std_msgs.msg import Bool  # noqa: E402


@pytest.fixture(scope='module')
def stack(tmp_path_factory):
    pytest.importorskip('lam_interfaces', reason='lam_interfaces not built (.ci/setup)')
    with lam_stack(tmp_path_factory, confirm_below=0.99, on_busy='preempt',
                   confirm_timeout_s=20.0) as parts:
        yield parts


def test_unsure_plan_waits_for_confirmation_and_a_no_rejects_it(stack):
    operator, _, _ = stack
    confirm = operator.node.create_publisher(Bool, '/lam/confirm', 10)
    text = 'turn off the LED'
    operator.send(text)
    waiting = operator.wait_for(
        lambda: [s for s in operator.of(text) if s.get('awaiting_confirmation')], 10,
        'the plan to wait for confirmation')[0]
    assert waiting['state'] == 'accepted' and waiting['confidence'] < 0.99
    operator.pause(1.0)
    assert not [s for s in operator.of(text) if s['state'] == 'running']
    confirm.publish(Bool(data=False))
    final = operator.wait_for(lambda: operator.final(text), 10, 'the refusal')
    assert final['state'] == 'rejected' and 'not confirmed' in final['reason']
    operator.send(text)
    operator.wait_for(lambda: [s for s in operator.of(text) if s.get('awaiting_confirmation')],
                      10, 'the plan to wait again')
    confirm.publish(Bool(data=True))
    final = operator.wait_for(lambda: operator.final(text), 60, 'the confirmed command')
    assert final['state'] == 'succeeded', final


def test_new_command_preempts_the_running_one(stack):
    operator, _, _ = stack
    confirm = operator.node.create_publisher(Bool, '/lam/confirm', 10)
    first, second = 'open the drawer', 'turn on the LED'
    operator.send(first)
    operator.wait_for(lambda: [s for s in operator.of(first) if s.get('awaiting_confirmation')],
                      10, 'the first plan')
    confirm.publish(Bool(data=True))
    operator.wait_for(lambda: [s for s in operator.of(first) if s['state'] == 'running'], 10,
                      'the first command to run')
    operator.pause(1.0)
    operator.send(second)
    final = operator.wait_for(lambda: operator.final(first), 10, 'the first to end')
    assert final['state'] == 'cancelled' and 'preempted by command' in final['reason']
    operator.wait_for(lambda: [s for s in operator.of(second) if s.get('awaiting_confirmation')],
                      10, 'the second plan')
    confirm.publish(Bool(data=True))
    final = operator.wait_for(lambda: operator.final(second), 60, 'the second command')
    assert final['state'] == 'succeeded', final
