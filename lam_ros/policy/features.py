"""What the action policy sees and what it says: observation and action vectors.

Pure NumPy, shared by demonstration recording, training and the closed-loop executor,
so the three can never disagree. Everything is in the robot base frame (metres,
radians); the scene comes in as a `WorldView` (today from the simulator's physics,
later from perception), never as simulator internals.

Observation (float32, OBS_DIM = 55), in this order:
  tcp_position (3)            commanded TCP position
  tcp_yaw (2)                 sin, cos of the TCP yaw
  yaw_to_target (2)           sin, cos of 4 x (target yaw - TCP yaw): cubes look the
                              same every 90 degrees
  gripper (3)                 finger opening / 0.04, commanded opening / 0.04, seconds
                              since the last gripper command (clipped to 1)
  target_from_tcp (3)         target position - TCP position
  target_moved (3)            target position - its reference position
  target_turned (2)           sin, cos of target yaw - reference yaw
  fixture (1)                 the skill's fixture: drawer / 0.2, sliding door / 0.4,
                              switch / 0.08, LED 0 or 1 (0 for block skills)
  held (1)                    1 when a block is in the gripper
  skill (34)                  one-hot of the skill's policy_skill_id (task order)
  touched (1)                 whether the gripper has come close enough to touch the
                              target (0/1)
No clock: the policy must not depend on how fast it got where it is.
The reference pose follows the target until the gripper first comes within
TOUCH_RADIUS of it, so an object moved before contact is simply a new target.

Action (float32, ACT_DIM = 7):
  keyframe_from_target (3)    where the TCP should go next, relative to the target's
                              reference position (its position before the gripper
                              touched it: fixed while the skill moves it)
  yaw_to_go (2)               sin, cos of (keyframe yaw - TCP yaw)
  speed (1)                   m/s along the way (0 while the gripper works)
  gripper_open (1)            logit: > 0 open, < 0 closed
plus a separate `done` logit (DONE index 7): the skill's motion is over.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from lam_ros.world.tasks import TASK_NAMES, TASKS

OBS_DIM = 55
ACT_DIM = 7
OUT_DIM = 8                 # ACT_DIM + done
DONE = 7
GRIPPER_OPEN = 0.04
TOUCH_RADIUS = 0.055        # m: closer than this the gripper may be moving the target
CABINET_CENTRE = np.array([0.71, 0.20, 0.045])    # y sign: the open side

OBS_LAYOUT = (('tcp_position', 3), ('tcp_yaw', 2), ('yaw_to_target', 2), ('gripper', 3),
              ('target_from_tcp', 3), ('target_moved', 3), ('target_turned', 2),
              ('fixture', 1), ('held', 1), ('skill', 34), ('touched', 1))
ACT_LAYOUT = (('keyframe_from_target', 3), ('yaw_to_go', 2), ('speed', 1),
              ('gripper_open', 1), ('done', 1))
assert sum(n for _, n in OBS_LAYOUT) == OBS_DIM and len(TASK_NAMES) == 34


@dataclass
class WorldView:
    """The scene as the policy may know it (base frame)."""

    tcp_position: np.ndarray
    tcp_yaw: float
    gripper_opening: float               # finger joint, m (0 .. 0.04)
    gripper_command: float               # last commanded opening, m
    blocks: dict                         # colour -> (position (3,), yaw rad)
    fixtures: dict                       # drawer, slide_door, switch (m), led (0/1)
    handles: dict                        # drawer, slide_door, switch, button -> position
    locations: dict = field(default_factory=dict)    # colour -> symbolic location
    held: str = None                     # colour of the block in the gripper, if any


def view_from_desk(desk, oracle, tcp=None) -> WorldView:
    """Build a WorldView from the simulator's physics (the privileged source).

    Used for training and for the oracle-fed runs. `tcp`: (position, yaw) of the TCP
    if known (default: the measured TCP).
    """
    from lam_ros.world.scene import yaw_deg
    if tcp is None:
        pos, rot = desk.site_pose('tcp')
        tcp = (pos, math.atan2(rot[1, 0], rot[0, 0]))
    blocks = {}
    for colour in ('red', 'blue', 'pink'):
        p, q = desk.block_pose(colour)
        blocks[colour] = (p, math.radians(yaw_deg(q)))
    locations = oracle.block_locations()
    held = next((c for c, loc in locations.items() if loc == 'grasped'), None)
    _, finger, _, _ = desk.joint_state()
    return WorldView(
        tcp_position=np.asarray(tcp[0], float), tcp_yaw=float(tcp[1]),
        gripper_opening=float(finger[7]), gripper_command=float(desk.gripper_target),
        blocks=blocks,
        fixtures={'drawer': desk.fixture('drawer'), 'slide_door': desk.fixture('slide_door'),
                  'switch': desk.fixture('switch'), 'led': 1.0 if desk.led_on else 0.0},
        handles={'drawer': desk.site_pose('drawer_knob_site')[0],
                 'slide_door': desk.site_pose('slide_door_handle_site')[0],
                 'switch': desk.site_pose('switch_knob_site')[0],
                 'button': desk.data.body('button').xpos.copy()},
        locations=locations, held=held)


def target_block(task: str, view: WorldView):
    """Colour of the block a skill acts on (chosen from the scene), or None."""
    t = TASKS[task]
    p, a = t.primitive, t.args
    if p in ('rotate', 'push', 'lift'):
        return a['block'] if a['block'] in view.blocks else None
    if p == 'stack':
        return next((c for c in ('red', 'blue', 'pink')
                     if view.locations.get(c) == 'table' and c != view.held), None)
    if p == 'unstack':
        return next((c for c, loc in view.locations.items() if loc == 'stacked_top'), None)
    if p == 'push_into_drawer':
        front = [c for c, loc in view.locations.items()
                 if loc == 'table' and -0.40 < view.blocks[c][0][1] < -0.20]
        return min(front, key=lambda c: view.blocks[c][0][0]) if front else None
    return None


def target_of(task: str, view: WorldView, block: str = None):
    """(position, yaw) of what a skill acts on, from the view; None if it is missing.

    block: the block chosen when the skill started (it stays the target even when the
    skill changes where it is, e.g. the top block of a stack once it is lifted).
    """
    t = TASKS[task]
    p, a = t.primitive, t.args
    if p in ('rotate', 'push', 'lift', 'stack', 'unstack', 'push_into_drawer'):
        block = block or target_block(task, view)
        return view.blocks.get(block) if block else None
    # a fixture the view does not know (perception cannot see it) gives no target
    handle = None
    if p == 'drawer' or (p == 'place' and a['target'] == 'drawer'):
        handle = view.handles.get('drawer')
    elif p == 'slider':
        handle = view.handles.get('slide_door')
    elif p == 'toggle':
        handle = view.handles.get('switch' if a['light'] == 'lightbulb' else 'button')
    elif p == 'place':
        if view.fixtures.get('slide_door') is None:
            return None
        side = 1.0 if view.fixtures['slide_door'] < 0.2 else -1.0
        return CABINET_CENTRE * np.array([1.0, side, 1.0]), 0.0
    if p in ('drawer', 'slider', 'toggle', 'place'):
        return (handle, 0.0) if handle is not None else None
    raise KeyError(task)


def fixture_value(task: str, view: WorldView) -> float:
    """Return the skill's fixture feature; 0 for block skills (and a fixture not seen)."""
    t = TASKS[task]
    key, scale = None, 1.0
    if t.primitive == 'drawer' or (t.primitive == 'place' and t.args['target'] == 'drawer'):
        key, scale = 'drawer', 0.2
    elif t.primitive == 'slider':
        key, scale = 'slide_door', 0.4
    elif t.primitive == 'toggle':
        key, scale = ('switch', 0.08) if t.args['light'] == 'lightbulb' else ('led', 1.0)
    value = view.fixtures.get(key) if key else None
    return 0.0 if value is None else value / scale


class Observer:
    """Turns WorldViews into observations for one skill execution (keeps its memory)."""

    def __init__(self, task: str):
        if task not in TASKS:
            raise KeyError('unknown task %r' % task)
        self.task = task
        self.skill = TASK_NAMES.index(task)
        self.reference = None
        self.touched = False
        self.started = None
        self.gripper_changed = None
        self._last_command = None
        self.block = None           # the block this execution acts on, once chosen

    def observe(self, view: WorldView, now: float):
        """Return (observation, anchor) at sim time `now`; (None, None) if no target.

        The anchor is the target's reference (position, yaw): actions are relative to it.
        """
        if self.block is None:
            self.block = target_block(self.task, view)
        target = target_of(self.task, view, self.block)
        if self.started is None:
            self.started = now
        if self._last_command is None or abs(view.gripper_command - self._last_command) > 1e-4:
            self._last_command = view.gripper_command
            self.gripper_changed = now
        if target is None:
            return None, None
        t_pos, t_yaw = np.asarray(target[0], float), float(target[1])
        near = np.linalg.norm(t_pos - view.tcp_position) < TOUCH_RADIUS
        if near:
            self.touched = True
        if self.reference is None or not self.touched:
            self.reference = (t_pos.copy(), t_yaw)
        obs = np.zeros(OBS_DIM, np.float32)
        obs[0:3] = view.tcp_position
        obs[3:5] = math.sin(view.tcp_yaw), math.cos(view.tcp_yaw)
        rel = 4.0 * (t_yaw - view.tcp_yaw)
        obs[5:7] = math.sin(rel), math.cos(rel)
        obs[7] = view.gripper_opening / GRIPPER_OPEN
        obs[8] = view.gripper_command / GRIPPER_OPEN
        obs[9] = min(now - self.gripper_changed, 1.0)
        obs[10:13] = t_pos - view.tcp_position
        obs[13:16] = t_pos - self.reference[0]
        turned = t_yaw - self.reference[1]
        obs[16:18] = math.sin(turned), math.cos(turned)
        obs[18] = fixture_value(self.task, view)
        obs[19] = 1.0 if view.held else 0.0
        obs[20 + self.skill] = 1.0
        obs[54] = 1.0 if self.touched else 0.0
        return obs, (self.reference[0].copy(), self.reference[1])


def encode_action(keyframe, keyframe_yaw, speed, gripper_open, done, target, tcp_yaw):
    """Label vector (OUT_DIM) for a keyframe the expert is heading to."""
    out = np.zeros(OUT_DIM, np.float32)
    out[0:3] = np.asarray(keyframe, float) - target[0]
    out[3:5] = math.sin(keyframe_yaw - tcp_yaw), math.cos(keyframe_yaw - tcp_yaw)
    out[5] = speed
    out[6] = 1.0 if gripper_open else 0.0
    out[7] = 1.0 if done else 0.0
    return out


@dataclass
class Command:
    """A decoded policy output."""

    keyframe: np.ndarray
    yaw: float
    speed: float
    gripper_open: bool
    done: float


def decode_action(out, target, tcp_yaw) -> Command:
    """Turn a network output (OUT_DIM, logits for gripper and done) into a Command."""
    out = np.asarray(out, float)
    return Command(keyframe=np.asarray(target[0], float) + out[0:3],
                   yaw=tcp_yaw + math.atan2(out[3], out[4]),
                   speed=float(np.clip(out[5], 0.0, 0.4)), gripper_open=bool(out[6] > 0.0),
                   done=float(1.0 / (1.0 + math.exp(-out[7]))))
