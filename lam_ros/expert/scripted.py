"""Scripted expert: solves each CALVIN task with IK waypoints through the controller layer.

Every motion is a JointTrajectory goal sent with `CalvinDesk.send_arm_goal` and gripper
commands sent with `send_gripper`, exactly what the ROS topics carry. The expert reads
object poses from the physics (it is the demonstration source, not the product), but it
never decides success: `lam_ros.world.tasks` does, from the physics.
"""

import math

import numpy as np

from lam_ros.control.ik import ArmIK, down_rotation, IKFailed, wrap_angle
from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint
from lam_ros.world.desk import ARM_JOINTS, BLOCKS, GRIPPER_OPEN
from lam_ros.world.scene import SceneOracle, yaw_deg
from lam_ros.world.tasks import TASKS

CLOSED = 0.0
LINEAR_SPEED = 0.30        # m/s along straight TCP paths
YAW_SPEED = 1.5            # rad/s of TCP yaw
VELOCITY_FRACTION = 0.7    # fraction of joint speed limits the expert plans for
WAYPOINT_SPACING = 0.015   # m between IK waypoints
TRAVEL_Z = 0.15            # TCP height for moves above the desk
CABINET_ENTRY_X = 0.52     # TCP x in front of the cabinet opening
SLIDER_GRASP_RAISE = 0.035  # m above the sliding door handle's centre


class ExpertFailed(RuntimeError):
    """The expert could not produce a motion (unreachable target, missing object)."""


class ScriptedExpert:
    """Solves tasks on a CalvinDesk; `solve(task)` runs until the motion is done."""

    def __init__(self, desk, on_frame=None, frame_rate=15.0):
        self.desk = desk
        self.ik = ArmIK(desk.model)
        self.oracle = SceneOracle(desk)
        self.on_frame = on_frame    # called with the desk at `frame_rate` Hz of sim time
        self._frame_every = max(1, int(round(1.0 / frame_rate / desk.dt)))
        # What the expert is doing, for demonstration recording: one dict per move or
        # gripper action (kind, target position and yaw or gripper value, speed, t0, t1).
        self.segments = []
        # Demonstration noise (m, standard deviation): free-space moves go to a perturbed
        # target while the segment records the intended one, so the recorded states
        # include small deviations labelled with their correction (DART).
        self.noise = 0.0
        # ... and the same for the yaw (rad, standard deviation): the policy's yaw errors
        # (e.g. turning past the grasp yaw) must be seen with their correction too, or it
        # drifts between the cube's four face-aligned grasp yaws.
        self.yaw_noise = 0.0
        self.rng = np.random.default_rng(0)

    # ------------------------------------------------------------------ low level
    def _run(self, seconds):
        steps = max(1, int(round(seconds / self.desk.dt)))
        if self.on_frame is None:
            self.desk.step(steps)
            return
        while steps > 0:
            chunk = min(steps, self._frame_every)
            self.desk.step(chunk)
            steps -= chunk
            self.on_frame(self.desk)

    def wait(self, seconds):
        """Let the simulation run with the current goals (frames still recorded)."""
        self._run(seconds)

    def tcp(self):
        """Return the commanded TCP (position, yaw)."""
        pos, rot = self.ik.forward(self.desk.arm.setpoint(self.desk.time))
        return pos, math.atan2(rot[1, 0], rot[0, 0])

    def move(self, position, yaw, speed=LINEAR_SPEED, settle=0.15):
        """Straight-line TCP move to (position, yaw) with the gripper pointing down."""
        q = self.desk.arm.setpoint(self.desk.time)
        start, start_yaw = self.tcp()
        intended = np.asarray(position, float)
        target, target_yaw = intended, yaw
        if self.noise > 0.0 and speed >= 0.25:
            target = intended + np.clip(self.rng.normal(0.0, self.noise, 3), -2 * self.noise,
                                        2 * self.noise)
            if self.yaw_noise > 0.0:
                target_yaw = yaw + float(np.clip(self.rng.normal(0.0, self.yaw_noise),
                                                 -2 * self.yaw_noise, 2 * self.yaw_noise))
        dyaw = wrap_angle(target_yaw - start_yaw)
        distance = float(np.linalg.norm(target - start))
        count = max(2, int(math.ceil(max(distance / WAYPOINT_SPACING, abs(dyaw) / 0.1))))
        duration = max(0.3, distance / speed, abs(dyaw) / YAW_SPEED)
        path = []
        for i in range(1, count + 1):
            s = i / count
            try:
                q = self.ik.solve(start + s * (target - start),
                                  down_rotation(start_yaw + s * dyaw), q)
            except IKFailed as err:
                raise ExpertFailed('cannot reach %s yaw %.2f: %s' % (
                    np.round(target, 3), yaw, err)) from err
            path.append(q)
        path = np.array(path)
        # Minimum-jerk timing; stretch the duration until joint speeds stay in the limits.
        limit = self.desk.arm_limits.max_velocity * VELOCITY_FRACTION
        previous = self.desk.arm.setpoint(self.desk.time)
        s_grid = np.arange(1, count + 1) / count
        times = duration * _min_jerk_inverse(s_grid)
        for _ in range(20):
            steps = np.diff(np.vstack([previous, path]), axis=0)
            dt = np.diff(np.concatenate([[0.0], times]))
            ratio = np.max(np.abs(steps) / dt[:, None] / limit)
            if ratio <= 1.0:
                break
            times *= ratio * 1.05
        goal = JointTrajectory(list(ARM_JOINTS), [
            TrajectoryPoint(list(p), float(t)) for p, t in zip(path, times)])
        self.desk.send_arm_goal(goal)
        self.segments.append({'kind': 'move', 'position': intended.copy(), 'yaw': float(yaw),
                              'speed': float(speed), 't0': self.desk.time,
                              't1': self.desk.time + float(times[-1]) + settle})
        self._run(float(times[-1]) + settle)

    def gripper(self, value, wait=0.35):
        self.desk.send_gripper([value])
        pos, yaw = self.tcp()
        self.segments.append({'kind': 'gripper', 'position': pos, 'yaw': yaw, 'value': value,
                              'speed': 0.0, 't0': self.desk.time, 't1': self.desk.time + wait})
        self._run(wait)

    def up(self, z=TRAVEL_Z):
        pos, yaw = self.tcp()
        if pos[0] < 0.28:       # over the open drawer, close to the base: less height
            z = min(z, 0.06)
        if pos[2] < z:
            self.move([pos[0], pos[1], z], yaw)

    # ------------------------------------------------------------------ helpers
    def _block(self, color):
        pos, quat = self.desk.block_pose(color)
        return pos, math.radians(yaw_deg(quat))

    @staticmethod
    def _grasp_yaw(block_yaw, centre=0.0):
        """Gripper yaw aligned with a cube's faces, nearest to `centre`."""
        candidates = [block_yaw + k * math.pi / 2 for k in range(-4, 5)]
        return min(candidates, key=lambda a: abs(a - centre))

    def _enter_cabinet_if_needed(self, target_xy):
        """Go to the front of the cabinet opening before moving inside it."""
        pos, yaw = self.tcp()
        if target_xy[0] > 0.60 and pos[0] < 0.60:
            self.move([CABINET_ENTRY_X, target_xy[1], TRAVEL_Z], yaw)

    def _leave_cabinet_if_inside(self):
        pos, yaw = self.tcp()
        if pos[0] > 0.58:
            self.move([CABINET_ENTRY_X, pos[1], pos[2]], yaw)

    def pick(self, color, lift=0.10, yaw_centre=0.0):
        """Open, approach from above, grasp and lift a block. Returns the grasp yaw."""
        pos, block_yaw = self._block(color)
        yaw = self._grasp_yaw(block_yaw, yaw_centre)
        self.gripper(GRIPPER_OPEN, wait=0.05)
        self.up()
        self._enter_cabinet_if_needed(pos)
        above = pos[2] + 0.10 if pos[2] < 0 else TRAVEL_Z
        self.move([pos[0], pos[1], above], yaw)
        self.move([pos[0], pos[1], pos[2] + 0.003], yaw, speed=0.15)
        self.gripper(CLOSED, wait=0.5)
        self.move([pos[0], pos[1], pos[2] + lift], yaw, speed=0.15)
        return yaw

    def release_at(self, position, yaw):
        """Carry the held block to above `position`, lower it there and let go."""
        self.up()
        self._enter_cabinet_if_needed(position)
        # Close to the base (the drawer) the arm cannot reach travel height: come in lower.
        above = position[2] + 0.08 if position[2] < 0 else max(TRAVEL_Z, position[2] + 0.08)
        self.move([position[0], position[1], above], yaw)
        self.move(position, yaw, speed=0.12)
        self.gripper(GRIPPER_OPEN, wait=0.4)
        pos, _ = self.tcp()
        self.move([pos[0], pos[1], pos[2] + 0.08], yaw, speed=0.2)
        self._leave_cabinet_if_inside()

    def _free_spot(self, candidates, exclude=(), clearance=0.08):
        """Pick the candidate xy farthest from other blocks, if at least `clearance` away."""
        others = [self.desk.block_pose(c)[0][:2] for c in BLOCKS if c not in exclude]

        def room(xy):
            return min((np.linalg.norm(np.asarray(xy) - o) for o in others), default=1.0)

        best = max(candidates, key=room)
        if room(best) < clearance:
            raise ExpertFailed('no free spot to put the block down')
        return np.asarray(best, float)

    # ------------------------------------------------------------------ tasks
    def solve(self, task_name):
        """Run the scripted motion for a task from the current state."""
        task = TASKS[task_name]
        getattr(self, '_task_' + task.primitive)(**task.args)
        self.up()

    def _task_lift(self, block, surface):
        self.pick(block, lift=0.06 if surface == 'slider' else 0.10)

    def _task_rotate(self, block, sign):
        pos, _ = self._block(block)
        yaw = self.pick(block, lift=0.02, yaw_centre=-sign * math.pi / 4)
        turned = yaw + sign * math.pi / 2
        self.move([pos[0], pos[1], pos[2] + 0.02], turned)
        self.move([pos[0], pos[1], pos[2] + 0.004], turned, speed=0.1)
        self.gripper(GRIPPER_OPEN, wait=0.3)
        self.move([pos[0], pos[1], pos[2] + 0.10], turned)

    def _push_line(self, start, end, yaw):
        self.gripper(CLOSED, wait=0.05)
        self.up()
        self.move([start[0], start[1], TRAVEL_Z], yaw)
        self.move(start, yaw, speed=0.2)
        self.move(end, yaw, speed=0.15)
        self.move([end[0], end[1], TRAVEL_Z], yaw)

    def _task_push(self, block, direction):
        pos, _ = self._block(block)
        way = np.array([0.0, -1.0 if direction == 'right' else 1.0, 0.0])
        z = np.array([0.0, 0.0, 0.027 - pos[2]])
        self._push_line(pos - 0.065 * way + z, pos + 0.10 * way + z, 0.0)

    def _task_push_into_drawer(self):
        candidates = [c for c, loc in self.oracle.block_locations().items()
                      if loc == 'table' and -0.40 < self.desk.block_pose(c)[0][1] < -0.20]
        if not candidates:
            raise ExpertFailed('no block on the table in front of the drawer')
        color = min(candidates, key=lambda c: self.desk.block_pose(c)[0][0])
        pos, _ = self._block(color)
        start = np.array([pos[0] + 0.065, pos[1], 0.027])
        self._push_line(start, np.array([0.22, pos[1], 0.027]), 0.0)

    def _grasp_fixture(self, site, yaw=0.0, approach=(0.0, 0.0, 0.10), offset=(0.0, 0.0, 0.0)):
        """Open, come to the handle from `approach` (offset from it), close on it.

        offset: where to grasp relative to the handle's site.
        """
        target = self.desk.data.site(site).xpos.copy() + np.asarray(offset)
        start = target + np.asarray(approach)
        self.gripper(GRIPPER_OPEN, wait=0.05)
        self.up()
        self.move([start[0], start[1], max(TRAVEL_Z, start[2])], yaw)
        self.move(start, yaw)
        self.move(target, yaw, speed=0.15)
        self.gripper(CLOSED, wait=0.4)
        return target

    def _release_fixture(self, retreat=(0.0, 0.0, 0.10)):
        self.gripper(GRIPPER_OPEN, wait=0.3)
        pos, yaw = self.tcp()
        self.move(pos + np.asarray(retreat), yaw, speed=0.2)

    def _task_slider(self, direction):
        # The cabinet roof leaves no room above the handle: come from the front, at the
        # handle's upper end, so the hand (3.7 cm above the fingertips) passes over the
        # handle's top instead of running into it.
        handle = self._grasp_fixture('slide_door_handle_site', approach=(-0.09, 0.0, 0.0),
                                     offset=(0.0, 0.0, SLIDER_GRASP_RAISE))
        goal = 0.39 if direction == 'left' else 0.01
        shift = goal - self.desk.fixture('slide_door')
        self.move(handle + np.array([0.0, shift, 0.0]), 0.0, speed=0.15)
        self._release_fixture(retreat=(-0.09, 0.0, 0.0))

    def _task_drawer(self, target):
        knob = self._grasp_fixture('drawer_knob_site')
        goal = 0.195 if target == 'open' else 0.005
        shift = goal - self.desk.fixture('drawer')
        self.move(knob + np.array([-shift, 0.0, 0.0]), 0.0, speed=0.12)
        self._release_fixture(retreat=(0.0, 0.0, 0.12))

    def _task_toggle(self, light, target):
        if light == 'lightbulb':
            knob = self._grasp_fixture('switch_knob_site')
            goal = 0.078 if target == 'on' else 0.002
            shift = goal - self.desk.fixture('switch')
            self.move(knob + np.array([0.0, 0.0, shift]), 0.0, speed=0.1)
            self._release_fixture()
            return
        cap = self.desk.data.body('button').xpos.copy()
        self.gripper(CLOSED, wait=0.05)
        self.up()
        self.move([cap[0], cap[1], TRAVEL_Z], 0.0)
        self.move([cap[0], cap[1], cap[2] + 0.008 + 0.02 + 0.003], 0.0, speed=0.15)
        self.move([cap[0], cap[1], cap[2] + 0.008 + 0.02 - 0.0145], 0.0, speed=0.05)
        self.move([cap[0], cap[1], TRAVEL_Z], 0.0, speed=0.2)

    def _task_place(self, target):
        held = self.oracle.state()['grasped']
        if held is None:
            raise ExpertFailed('no block in the gripper')
        _, yaw = self.tcp()
        if target == 'slider':
            side = 1.0 if self.oracle.state()['slider'] == 'right' else -1.0
            spot = self._free_spot([(x, side * y) for x in (0.68, 0.71, 0.73)
                                    for y in (0.10, 0.15, 0.20, 0.25, 0.29)], exclude=[held])
            self.release_at([spot[0], spot[1], 0.01 + 0.025 + 0.008], yaw)
        else:
            front = 0.30 - self.desk.fixture('drawer')
            spot = self._free_spot([(x, y) for x in np.linspace(front + 0.06, 0.24, 4)
                                    for y in (-0.36, -0.33, -0.30, -0.27, -0.24)], exclude=[held])
            self.release_at([spot[0], spot[1], -0.115 + 0.025 + 0.01], yaw)

    def _task_stack(self):
        blocks = self.oracle.block_locations()
        held = next((c for c, loc in blocks.items() if loc == 'grasped'), None)
        base = next((c for c, loc in blocks.items() if loc == 'table'), None)
        if held is None or base is None:
            raise ExpertFailed('stacking needs a held block and a block on the table')
        _, yaw = self.tcp()
        base_pos, base_yaw = self._block(base)
        _, held_yaw = self._block(held)
        align = (base_yaw - held_yaw + math.pi / 4) % (math.pi / 2) - math.pi / 4
        self.release_at(base_pos + np.array([0.0, 0.0, 0.05 + 0.006]), yaw + align)

    def _task_unstack(self):
        blocks = self.oracle.block_locations()
        top = next((c for c, loc in blocks.items() if loc == 'stacked_top'), None)
        if top is None:
            raise ExpertFailed('no stacked block')
        pos, _ = self._block(top)
        yaw = self.pick(top, lift=0.08)
        around = [(pos[0] + dx, pos[1] + dy) for dx, dy in
                  ((0.0, 0.12), (0.0, -0.12), (-0.08, 0.12), (-0.08, -0.12), (0.06, 0.16),
                   (0.06, -0.16))]
        around = [xy for xy in around if 0.34 < xy[0] < 0.54 and -0.32 < xy[1] < 0.30]
        spot = self._free_spot(around, exclude=[top])
        self.release_at([spot[0], spot[1], 0.025 + 0.006], yaw)


_TAU = np.linspace(0.0, 1.0, 2001)
_MIN_JERK = 10 * _TAU ** 3 - 15 * _TAU ** 4 + 6 * _TAU ** 5


def _min_jerk_inverse(s):
    """Time fractions at which a minimum-jerk profile reaches path fractions `s`."""
    return np.interp(s, _MIN_JERK, _TAU)
