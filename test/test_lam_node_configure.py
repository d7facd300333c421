"""lam_node's lifecycle: configure fails with the reason, never a crash, on bad resources."""

import os

import pytest

os.environ.setdefault('ROS_DOMAIN_ID', str(100 + os.getpid() % 100))
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

import rclpy  # noqa: E402
from rclpy.lifecycle import TransitionCallbackReturn  # noqa: E402
from rclpy.parameter import Parameter  # noqa: E402


@pytest.fixture
def context():
    context = rclpy.Context()
    rclpy.init(context=context)
    yield context
    rclpy.shutdown(context=context)


def _configure(context, tmp_path, **params):
    from lam_ros.nodes.lam_node import LamNode
    overrides = [Parameter('data_dir', value=str(tmp_path))]
    overrides += [Parameter(k, value=v) for k, v in params.items()]
    node = LamNode(context=context, parameter_overrides=overrides)
    try:
        return node.trigger_configure(), node
    finally:
        node.destroy_node()


def test_missing_policy_fails_configure_with_the_reason(context, tmp_path, capfd):
    result, node = _configure(context, tmp_path, policy_path=str(tmp_path / 'none.onnx'))
    assert result == TransitionCallbackReturn.FAILURE
    assert 'policy model not found' in capfd.readouterr().err


def test_unreachable_store_fails_configure_with_the_reason(context, tmp_path, capfd):
    result, node = _configure(context, tmp_path, store_uri='http://127.0.0.1:9')
    assert result == TransitionCallbackReturn.FAILURE
    err = capfd.readouterr().err
    assert 'configure failed' in err and '127.0.0.1:9' in err


@pytest.mark.parametrize('name, value, reason', [
    ('provider', 'tpu', 'provider must be one of'),
    ('on_busy', 'ignore', 'on_busy must be one of'),
])
def test_invalid_parameters_fail_configure(context, tmp_path, capfd, name, value, reason):
    result, node = _configure(context, tmp_path, **{name: value})
    assert result == TransitionCallbackReturn.FAILURE
    assert reason in capfd.readouterr().err
