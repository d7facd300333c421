"""Unit tests of the joint trajectory controller logic (no MuJoCo, no ROS)."""

import numpy as np
import pytest

from lam_ros.control.trajectory import (JointLimits, JointTrajectory, TrajectoryFollower,
                                        TrajectoryPoint, TrajectoryRejected, validate)

NAMES = ('a', 'b')
LIMITS = JointLimits(NAMES, np.array([-1.0, -2.0]), np.array([1.0, 2.0]), np.array([1.0, 1.0]))


def goal(*points, names=NAMES):
    return JointTrajectory(list(names), [TrajectoryPoint(list(p), t) for p, t in points])


def test_linear_interpolation_and_reorder():
    follower = TrajectoryFollower(LIMITS, np.zeros(2))
    follower.set_goal(goal(([0.5, 0.4], 1.0), names=('b', 'a')), now=10.0)
    assert np.allclose(follower.setpoint(10.5), [0.2, 0.25])
    assert np.allclose(follower.setpoint(11.5), [0.4, 0.5])
    assert follower.finished(11.0)


def test_preemption_starts_from_current_setpoint():
    follower = TrajectoryFollower(LIMITS, np.zeros(2))
    follower.set_goal(goal(([0.8, 0.0], 1.0)), now=0.0)
    follower.set_goal(goal(([0.0, 0.0], 1.0)), now=0.5)
    assert np.allclose(follower.setpoint(0.5), [0.4, 0.0])
    assert np.allclose(follower.setpoint(1.0), [0.2, 0.0])


def test_cubic_with_velocities_hits_waypoints():
    follower = TrajectoryFollower(LIMITS, np.zeros(2))
    g = JointTrajectory(list(NAMES), [TrajectoryPoint([0.5, 0.5], 1.0, [0.5, 0.5]),
                                      TrajectoryPoint([0.9, 0.9], 2.0, [0.0, 0.0])])
    follower.set_goal(g, now=0.0)
    assert np.allclose(follower.setpoint(1.0), [0.5, 0.5])
    assert np.allclose(follower.setpoint(3.0), [0.9, 0.9])


@pytest.mark.parametrize('bad, reason', [
    (goal(), 'no points'),
    (goal(([0.1, 0.1], 1.0), names=('a', 'x')), 'unknown joint'),
    (goal(([0.1], 1.0), names=('a',)), 'does not name'),
    (goal(([float('nan'), 0.1], 1.0)), 'non-finite'),
    (goal(([1.5, 0.0], 2.0)), 'outside its limits'),
    (goal(([0.1, 0.1], 0.0)), 'time_from_start'),
    (goal(([0.1, 0.1], 1.0), ([0.2, 0.2], 1.0)), 'not increasing'),
    (goal(([0.9, 0.0], 0.1)), 'rad/s'),
    (goal(([0.1, 0.1, 0.1], 1.0)), 'positions for'),
])
def test_rejections_say_why(bad, reason):
    with pytest.raises(TrajectoryRejected, match=reason):
        validate(bad, LIMITS, np.zeros(2))


def test_rejected_goal_keeps_holding():
    follower = TrajectoryFollower(LIMITS, np.array([0.3, 0.3]))
    with pytest.raises(TrajectoryRejected):
        follower.set_goal(goal(([5.0, 0.0], 1.0)), now=0.0)
    assert np.allclose(follower.setpoint(1.0), [0.3, 0.3])
