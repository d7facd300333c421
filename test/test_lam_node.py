"""Integration tests: lam_node and lam_sim as separate processes over real DDS.

Commands go in on /lam/command and through the /lam/execute action; what comes out is
read from /lam/status, the action's feedback and result, and the simulator's
joint_states. The processes run on a private ROS_DOMAIN_ID with localhost-only
discovery and a private skill library, and are always stopped. The tests share one
scene (seed 0: drawer closed, sliding door left, light bulb and LED on) and run in
order; the last one kills the simulator.
"""

import json
import os

import numpy as np
import pytest

DOMAIN = str(100 + os.getpid() % 100)
os.environ['ROS_DOMAIN_ID'] = DOMAIN
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

from lam_stack import ARM, lam_stack  # noqa: E402  (the domain must be set before rclpy)
from std_msgs.msg import Bool  # noqa: E402


@pytest.fixture(scope='module')
def stack(tmp_path_factory):
    pytest.importorskip('lam_interfaces', reason='lam_interfaces not built (.ci/setup)')
    with lam_stack(tmp_path_factory) as parts:
        yield parts


def test_command_on_topic_runs_and_is_verified(stack):
    operator, _, _ = stack
    text = 'turn off the LED'
    operator.send(text)
    final = operator.wait_for(lambda: operator.final(text), 90, 'the command to end')
    assert final['state'] == 'succeeded', final
    states = [s['state'] for s in operator.of(text)]
    assert states[0] == 'accepted' and 'running' in states
    assert final['plan'] == [{'task': 'turn_off_led', 'args': {'light': 'led', 'target': 'off'},
                              'auto': False}]
    latency = final['latency_ms']
    assert {'parse', 'retrieve', 'ground', 'plan', 'first_inference',
            'first_command'} <= set(latency)


@pytest.mark.parametrize('text, reason', [
    ('juggle the blocks', ''),
    ('close the drawer on my fingers', 'finger'),
    ('put the green block in the drawer', 'green'),
])
def test_refused_command_is_rejected_with_a_reason_within_200_ms(stack, text, reason):
    operator, _, _ = stack
    sent = operator.send(text)
    operator.wait_for(lambda: operator.final(text), 10, 'the rejection')
    received, status = next((t, s) for t, s in operator.statuses[operator.sent[text]:]
                            if s['command'] == text)
    assert status['state'] == 'rejected'
    assert status['reason'] and reason in status['reason']
    assert received - sent < 0.2, 'rejected after %.0f ms' % (1000 * (received - sent))


def test_action_goal_with_feedback_and_result(stack):
    operator, _, _ = stack
    assert operator.action.wait_for_server(timeout_sec=10)
    feedback = []
    future = operator.action.send_goal_async(
        operator.Execute.Goal(command='turn on the LED'),
        feedback_callback=lambda msg: feedback.append(msg.feedback))
    handle = operator.wait_for(lambda: future.done() and future.result(), 10, 'goal accepted')
    assert handle.accepted
    result = handle.get_result_async()
    operator.wait_for(result.done, 90, 'the result')
    answer = result.result().result
    assert answer.success and answer.state == 'succeeded', answer
    assert json.loads(answer.plan_json)[0]['task'] == 'turn_on_led'
    assert json.loads(answer.report_json)['steps'][0]['outcome'] == 'succeeded'
    assert [(f.task, f.state) for f in feedback] == [('turn_on_led', 'running'),
                                                     ('turn_on_led', 'succeeded')]
    assert feedback[0].step_count == 1 and not feedback[0].auto_inserted


def test_action_cancel_stops_the_command(stack):
    operator, _, _ = stack
    feedback = []
    future = operator.action.send_goal_async(
        operator.Execute.Goal(command='move the sliding door to the right'),
        feedback_callback=lambda msg: feedback.append(msg.feedback))
    handle = operator.wait_for(lambda: future.done() and future.result(), 10, 'goal accepted')
    operator.wait_for(lambda: feedback, 20, 'the first feedback')
    operator.pause(1.0)
    handle.cancel_goal_async()
    result = handle.get_result_async()
    operator.wait_for(result.done, 20, 'the result after cancel')
    answer = result.result().result
    assert answer.state == 'cancelled' and not answer.success, answer
    assert 'cancel' in answer.reason


def test_command_during_a_command_is_queued_and_runs_after_it(stack):
    operator, _, _ = stack
    first, second = 'turn off the light bulb', 'switch the LED off'
    operator.send(first)
    operator.wait_for(lambda: any(s['state'] == 'running' for s in operator.of(first)), 30,
                      'the first command to run')
    operator.send(second)
    accepted = operator.wait_for(lambda: operator.of(second), 10, 'the second accepted')[0]
    assert accepted['state'] == 'accepted' and accepted['queued'] is True
    assert operator.wait_for(lambda: operator.final(first), 60, 'the first')['state'] == \
        'succeeded'
    final = operator.wait_for(lambda: operator.final(second), 60, 'the second')
    assert final['state'] == 'succeeded', final
    order = [(s['command'], s['state']) for _, s in operator.statuses
             if s['command'] in (first, second) and s['state'] in ('running', 'succeeded')]
    assert order.index((first, 'succeeded')) < order.index((second, 'running'))


def test_estop_stops_motion_within_100_ms_and_refuses_until_released(stack):
    operator, _, _ = stack
    text = 'open the drawer'
    operator.send(text)

    def moving():
        _, velocity, _ = operator.arm()
        return np.max(np.abs(velocity)) > 0.1

    operator.wait_for(moving, 30, 'the arm to move')
    operator.estop.publish(Bool(data=True))
    _, _, engaged_at = operator.arm()          # sim time when the e-stop went out (or before)
    operator.wait_for(lambda: operator.final(text), 10, 'the command to stop')
    assert operator.final(text)['state'] == 'stopped'

    def still_since():
        """Sim time from which every joint state shows the arm still."""
        samples = [(m.header.stamp.sec + m.header.stamp.nanosec * 1e-9,
                    max(abs(v) for n, v in zip(m.name, m.velocity) if n in ARM))
                   for m in operator.joints]
        moving_after = [t for t, v in samples if t >= engaged_at and v > 0.02]
        return max(moving_after, default=engaged_at)

    operator.pause(1.0)
    assert still_since() - engaged_at < 0.1, 'joints still moving %.3f s (sim) after the ' \
        'e-stop' % (still_since() - engaged_at)
    held, _, _ = operator.arm()
    refused = 'close the drawer'
    operator.send(refused)
    status = operator.wait_for(lambda: operator.final(refused), 10, 'the refusal')
    assert status['state'] == 'rejected' and 'e-stop' in status['reason']
    operator.pause(1.0)
    now, _, _ = operator.arm()
    assert np.max(np.abs(now - held)) < 2e-3, 'the arm moved while the e-stop was engaged'
    operator.estop.publish(Bool(data=False))
    operator.pause(0.5)
    text = 'turn on the LED'
    operator.send(text)
    final = operator.wait_for(lambda: operator.final(text), 90, 'a command after release')
    assert final['state'] == 'succeeded', final


def test_killed_simulator_fails_the_step_with_a_watchdog_reason(stack):
    operator, sim, _ = stack
    text = 'turn off the LED'
    operator.send(text)
    operator.wait_for(lambda: any(s['state'] == 'running' for s in operator.of(text)), 30,
                      'the step to run')
    sim.kill()
    sim.wait()
    final = operator.wait_for(lambda: operator.final(text), 10, 'the step to fail')
    assert final['state'] == 'failed'
    assert 'watchdog' in final['reason'] and 'joint states' in final['reason']
