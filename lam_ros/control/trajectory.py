"""Joint trajectory following with the semantics of ros2_control's joint_trajectory_controller.

Pure logic (NumPy only): the simulator, the ROS sim node and the expert share it, so the
controller layer behaves the same in-process and over DDS. It must not know about MuJoCo
or rclpy.

Semantics:
- A goal names every arm joint (any order) and carries one or more points with strictly
  increasing ``time_from_start`` (seconds, relative to the moment the goal is accepted).
- The controller interpolates from the state it holds when the goal arrives to the first
  point, then between points: linearly when points carry positions only, with cubic
  Hermite splines when they also carry velocities.
- A newer goal preempts the one being followed, starting from the current setpoint.
- A goal that is malformed, non-finite, outside joint position limits or faster than the
  joint velocity limits is rejected as a whole with a reason; the arm keeps its setpoint.
"""

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np


class TrajectoryRejected(ValueError):
    """A trajectory goal was refused; the message says why in operator words."""


@dataclass(frozen=True)
class JointLimits:
    """Position and speed limits for an ordered list of joints."""

    names: tuple
    lower: np.ndarray
    upper: np.ndarray
    max_velocity: np.ndarray


@dataclass
class TrajectoryPoint:
    """One waypoint: positions (rad or m), optional velocities, time from the goal start (s)."""

    positions: Sequence[float]
    time_from_start: float
    velocities: Optional[Sequence[float]] = None


@dataclass
class JointTrajectory:
    """A goal for the arm: joint names and waypoints, as in trajectory_msgs/JointTrajectory."""

    joint_names: Sequence[str]
    points: list = field(default_factory=list)


# Velocities may exceed the limit by this factor before a goal is refused (rounding in
# time parameterisation done by clients).
VELOCITY_TOLERANCE = 1.02
POSITION_TOLERANCE = 1e-6


def validate(goal: JointTrajectory, limits: JointLimits, start: np.ndarray):
    """Check a goal and return (times, positions, velocities) ordered as ``limits.names``.

    ``start`` is the setpoint the controller holds now; the first segment runs from it.
    Raises TrajectoryRejected with the reason when the goal must not be executed.
    """
    names = list(goal.joint_names)
    if not goal.points:
        raise TrajectoryRejected('trajectory has no points')
    if len(set(names)) != len(names):
        raise TrajectoryRejected('trajectory names a joint twice: %s' % names)
    unknown = [n for n in names if n not in limits.names]
    if unknown:
        raise TrajectoryRejected(
            'unknown joint(s) %s; this controller drives %s' % (unknown, list(limits.names)))
    missing = [n for n in limits.names if n not in names]
    if missing:
        raise TrajectoryRejected('trajectory does not name joint(s) %s' % missing)
    order = [names.index(n) for n in limits.names]

    count = len(goal.points)
    dof = len(limits.names)
    times = np.empty(count)
    positions = np.empty((count, dof))
    velocities = None
    if all(p.velocities is not None and len(p.velocities) > 0 for p in goal.points):
        velocities = np.empty((count, dof))
    for i, point in enumerate(goal.points):
        if len(point.positions) != len(names):
            raise TrajectoryRejected(
                'point %d has %d positions for %d joints' % (i, len(point.positions), len(names)))
        pos = np.asarray(point.positions, dtype=float)[order]
        if not np.all(np.isfinite(pos)):
            raise TrajectoryRejected('point %d has a non-finite position' % i)
        low = pos < limits.lower - POSITION_TOLERANCE
        high = pos > limits.upper + POSITION_TOLERANCE
        if np.any(low | high):
            j = int(np.argmax(low | high))
            raise TrajectoryRejected(
                'point %d: %s = %.4f is outside its limits [%.4f, %.4f]' % (
                    i, limits.names[j], pos[j], limits.lower[j], limits.upper[j]))
        t = float(point.time_from_start)
        if not np.isfinite(t) or t <= 0.0:
            raise TrajectoryRejected('point %d: time_from_start must be > 0 s, got %r' % (i, t))
        if i > 0 and t <= times[i - 1]:
            raise TrajectoryRejected('point %d: time_from_start is not increasing' % i)
        times[i] = t
        positions[i] = pos
        if velocities is not None:
            vel = np.asarray(point.velocities, dtype=float)
            if vel.shape != (len(names),) or not np.all(np.isfinite(vel)):
                raise TrajectoryRejected('point %d has malformed or non-finite velocities' % i)
            vel = vel[order]
            if np.any(np.abs(vel) > limits.max_velocity * VELOCITY_TOLERANCE):
                raise TrajectoryRejected('point %d: a velocity exceeds its limit' % i)
            velocities[i] = vel

    previous = np.asarray(start, dtype=float)
    previous_t = 0.0
    for i in range(count):
        speed = np.abs(positions[i] - previous) / (times[i] - previous_t)
        over = speed > limits.max_velocity * VELOCITY_TOLERANCE
        if np.any(over):
            j = int(np.argmax(over))
            raise TrajectoryRejected(
                'segment to point %d needs %s to move at %.2f rad/s; its limit is %.2f rad/s' % (
                    i, limits.names[j], speed[j], limits.max_velocity[j]))
        previous, previous_t = positions[i], times[i]
    return times, positions, velocities


class TrajectoryFollower:
    """Holds the active goal and produces the joint setpoint for any time."""

    def __init__(self, limits: JointLimits, initial: np.ndarray):
        self.limits = limits
        self._hold = np.array(initial, dtype=float)
        self._start_time = 0.0
        self._times = None
        self._positions = None
        self._velocities = None
        self._start_positions = None

    @property
    def active(self) -> bool:
        """Whether a goal is being followed (False once its last point is reached)."""
        return self._times is not None

    def hold(self, positions: np.ndarray):
        """Drop any goal and hold these positions (used by reset and safety stops)."""
        self._hold = np.array(positions, dtype=float)
        self._times = None

    def set_goal(self, goal: JointTrajectory, now: float):
        """Validate and start following a goal; preempts the current one. Raises on rejection."""
        current = self.setpoint(now)
        times, positions, velocities = validate(goal, self.limits, current)
        self._start_time = now
        self._start_positions = current
        self._times, self._positions, self._velocities = times, positions, velocities
        self._hold = positions[-1].copy()
        return times[-1]

    def finished(self, now: float) -> bool:
        """Tell whether no goal is active or the last point's time has passed."""
        return self._times is None or now - self._start_time >= self._times[-1]

    def setpoint(self, now: float) -> np.ndarray:
        """Interpolated joint setpoint at time ``now`` (seconds, same clock as set_goal)."""
        if self._times is None:
            return self._hold.copy()
        t = now - self._start_time
        if t >= self._times[-1]:
            self._times = None
            return self._hold.copy()
        i = int(np.searchsorted(self._times, t, side='right'))
        t0 = 0.0 if i == 0 else self._times[i - 1]
        p0 = self._start_positions if i == 0 else self._positions[i - 1]
        t1, p1 = self._times[i], self._positions[i]
        s = (t - t0) / (t1 - t0)
        if self._velocities is None:
            return p0 + s * (p1 - p0)
        v0 = np.zeros_like(p0) if i == 0 else self._velocities[i - 1]
        v1 = self._velocities[i]
        h = t1 - t0
        h00 = 2 * s ** 3 - 3 * s ** 2 + 1
        h10 = s ** 3 - 2 * s ** 2 + s
        h01 = -2 * s ** 3 + 3 * s ** 2
        h11 = s ** 3 - s ** 2
        return h00 * p0 + h10 * h * v0 + h01 * p1 + h11 * h * v1
