"""Scene state from RGB-D views and proprioception: the oracle's dict, without the oracle.

What: `ScenePerception.perceive` returns the same keys and meanings as
`lam_ros.world.scene.SceneOracle.state()` ('blocks', 'slider', 'drawer', 'lightbulb',
'led', 'grasped', 'poses', 'joints') plus 'confidence' ({item: 0..1} for every block,
'drawer', 'slider', 'switch', 'button', 'lightbulb', 'led').

How: blocks are measured per view (`lam_ros.perception.blocks`), the most complete view
wins, and locations follow the oracle's geometric rules applied to the estimated poses and
the estimated drawer travel; 'grasped' additionally needs the measured finger opening to
be that of a closed hand on a block and the block at the TCP (forward kinematics of the
measured arm joints). Fixtures and lights come from `lam_ros.perception.fixtures`.

Unknowns: an item no view shows is reported as `UNKNOWN` ('unknown': location, fixture
state or light state), its pose / joint as None and its confidence as 0; 'grasped' is
'unknown' when the hand is closed on something no view shows. Consumers call
`require_known(state, items)` before acting, which raises `UnknownTarget` with a reason.

Frames and units: robot base frame, metres, yaw in degrees (modulo 90 for a single frame;
`lam_ros.perception.tracking.YawTracker` makes it continuous over frames).
Must not: import or read the simulator's physics state.
"""

from dataclasses import dataclass

import numpy as np

from lam_ros.perception import blocks as block_vision
from lam_ros.perception import colors, fixtures
from lam_ros.perception.geometry import DeskGeometry, RobotSelfFilter

UNKNOWN = 'unknown'
BLOCK_COLORS = ('red', 'blue', 'pink')
FIXTURE_ITEMS = ('drawer', 'slider', 'switch', 'button', 'lightbulb', 'led')
# Thresholds of the symbolic states: the same as lam_ros.world.scene's oracle.
DRAWER_OPEN_AT = 0.10
SLIDER_LEFT_AT = 0.20
SWITCH_ON_AT = 0.04
GRASP_OPENING = (0.015, 0.034)    # finger joint (m) of a hand closed on a 5 cm block
MIN_CONFIDENCE = 0.5


class UnknownTarget(RuntimeError):
    """A scene item needed for an action is not known well enough to act on."""


@dataclass
class View:
    """One RGB-D frame and the model of the camera that took it."""

    camera: object         # lam_ros.perception.camera.CameraModel
    rgb: np.ndarray         # uint8 H x W x 3
    depth: np.ndarray       # float32 H x W, metres along the optical axis


def require_known(state: dict, items, min_confidence: float = MIN_CONFIDENCE):
    """Raise UnknownTarget unless every item (block colour or fixture) is known."""
    for item in items:
        confidence = state['confidence'].get(item, 0.0)
        if item in BLOCK_COLORS:
            value = state['blocks'].get(item, UNKNOWN)
            what = 'the %s block' % item
        else:
            value = state.get(item, UNKNOWN)
            what = 'the %s' % item
        if value == UNKNOWN or value is None:
            raise UnknownTarget('%s is not visible to the cameras; move the arm out of the '
                                'view or look again before acting on it' % what)
        if confidence < min_confidence:
            raise UnknownTarget('%s is seen too poorly to act on (confidence %.2f < %.2f)'
                                % (what, confidence, min_confidence))


def is_known(state: dict, item: str, min_confidence: float = MIN_CONFIDENCE) -> bool:
    """Whether an item is known with at least the given confidence."""
    try:
        require_known(state, [item], min_confidence)
    except UnknownTarget:
        return False
    return True


def _in_drawer(pos, drawer_origin):
    rel = pos - drawer_origin
    return -0.005 < rel[0] < 0.325 and abs(rel[1]) < 0.135 and -0.05 < rel[2] < 0.03


def _in_drawer_travel(pos, closed_origin):
    """In the drawer at any of its travels (for when the travel is unknown)."""
    rel = pos - closed_origin
    return -0.205 < rel[0] < 0.325 and abs(rel[1]) < 0.135 and -0.05 < rel[2] < 0.03


def _in_cabinet(pos):
    return 0.605 < pos[0] < 0.815 and abs(pos[1]) < 0.40 and 0.0 < pos[2] < 0.12


def _on_table(pos):
    return 0.30 < pos[0] < 0.90 and abs(pos[1]) < 0.60 and 0.0 < pos[2] < 0.045


class ScenePerception:
    """Estimate the symbolic scene state from camera views and measured joints."""

    def __init__(self, model, geometry: DeskGeometry = None):
        self.geometry = geometry or DeskGeometry.from_model(model)
        self.self_filter = RobotSelfFilter(model)
        self.measurements = {}

    def _exclude(self, color):
        if color != 'red':
            return None
        cap = self.geometry.button_cap
        radius = self.geometry.button_cap_radius + 0.004

        def on_button(xyz):
            return ((np.hypot(xyz[:, 0] - cap[0], xyz[:, 1] - cap[1]) < radius)
                    & (xyz[:, 2] < cap[2] + 0.02))
        return on_button

    def perceive(self, views, arm_q, finger_q) -> dict:
        """Scene-state dict (oracle keys + 'confidence') from views and measured joints."""
        views = [v if isinstance(v, View) else View(*v) for v in views]
        self.self_filter.update(arm_q, finger_q)
        triples = [(v.camera, v.rgb, v.depth) for v in views]
        masks = [colors.class_masks(v.rgb) for v in views]
        g = self.geometry
        est = {
            'drawer': fixtures.drawer(triples, g, self.self_filter, masks),
            'slide_door': fixtures.slide_door(triples, g, self.self_filter),
            'switch': fixtures.switch(triples, g, self.self_filter),
            'button': fixtures.button(triples, g, self.self_filter, masks),
            'led': fixtures.led(triples, g),
            'lightbulb': fixtures.lightbulb(triples, g),
        }
        measured = {}
        for color in BLOCK_COLORS:
            found = []
            for view, m in zip(views, masks):
                meas = block_vision.measure_block(view.camera, m, view.depth, color,
                                                  exclude=self._exclude(color),
                                                  half=g.block_half)
                if meas is not None:
                    found.append(meas)
            measured[color] = found
        self.measurements = measured
        return self._assemble(est, measured, float(finger_q))

    def _fuse(self, found):
        best = max(found, key=lambda m: (round(m.coverage, 1), m.points))
        confidence = 0.95 if best.coverage >= 0.9 else 0.3 + 0.6 * best.coverage
        for other in found:
            if other is not best and other.coverage >= 0.6 and np.linalg.norm(
                    other.position - best.position) > 0.02:
                confidence *= 0.5
        return best, confidence

    @staticmethod
    def _block_above(color, fused):
        """Find the well-seen block standing on `color`, if any."""
        below = fused[color][0]
        for other, (meas, _) in fused.items():
            if other == color or meas.coverage < 0.9:
                continue
            dz = meas.position[2] - below.position[2]
            if 0.035 < dz < 0.065 and np.hypot(*(meas.position[:2] - below.position[:2])) < 0.06:
                return meas
        return None

    def _coarse_location(self, pos, drawer_q, drawer_origin):
        """Location of a block centre by the oracle's regions (stacks and grasps aside)."""
        if drawer_q is not None and _in_drawer(pos, drawer_origin):
            return 'drawer'
        if _in_cabinet(pos):
            return 'slider_left' if pos[1] > 0 else 'slider_right'
        if _on_table(pos):
            return 'table'
        if drawer_q is None and _in_drawer_travel(pos, self.geometry.drawer_origin):
            return 'drawer'
        return 'floor'

    def _assemble(self, est, measured, finger_q):
        g = self.geometry
        joints = {name: (None if est[name].value is None else round(float(est[name].value), 4))
                  for name in ('drawer', 'slide_door', 'switch', 'button')}
        confidence = {
            'drawer': est['drawer'].confidence, 'slider': est['slide_door'].confidence,
            'switch': est['switch'].confidence, 'button': est['button'].confidence,
            'led': est['led'].confidence,
        }
        drawer_q = joints['drawer']
        state = {
            'slider': UNKNOWN if joints['slide_door'] is None else (
                'left' if joints['slide_door'] >= SLIDER_LEFT_AT else 'right'),
            'drawer': UNKNOWN if drawer_q is None else (
                'open' if drawer_q >= DRAWER_OPEN_AT else 'closed'),
            'led': UNKNOWN if est['led'].value is None else est['led'].value,
        }
        bulb = est['lightbulb']
        if bulb.value is not None:
            state['lightbulb'], confidence['lightbulb'] = bulb.value, bulb.confidence
        elif joints['switch'] is not None:
            # the bulb follows the switch: a hidden bulb is read from the knob
            state['lightbulb'] = 'on' if joints['switch'] >= SWITCH_ON_AT else 'off'
            margin = abs(joints['switch'] - SWITCH_ON_AT)
            confidence['lightbulb'] = 0.8 if margin > 0.01 else 0.5
        else:
            state['lightbulb'], confidence['lightbulb'] = UNKNOWN, 0.0

        tcp, tcp_yaw = self.self_filter.tcp()
        hand_closed_on_block = GRASP_OPENING[0] <= finger_q <= GRASP_OPENING[1]
        poses, locations, fused, coarse = {}, {}, {}, {}
        drawer_origin = g.drawer_origin - np.array([drawer_q or 0.0, 0.0, 0.0])
        for color in BLOCK_COLORS:
            if measured[color]:
                fused[color] = self._fuse(measured[color])
        for color in BLOCK_COLORS:
            if color not in fused:
                poses[color], locations[color], confidence[color] = None, UNKNOWN, 0.0
                continue
            best, conf = fused[color]
            pos, yaw = best.position.copy(), best.yaw_deg
            near_tcp = (np.hypot(*(pos[:2] - tcp[:2])) < 0.045 and abs(pos[2] - tcp[2]) < 0.05)
            support = self._block_above(color, fused)
            if hand_closed_on_block and near_tcp:
                # Held between the pads: the hand hides it, and the measured joints place
                # its centre at the TCP with its faces along the fingers.
                locations[color] = 'grasped'
                agree = np.linalg.norm(pos - tcp) < 0.03
                pos, yaw = tcp.copy(), float((np.degrees(tcp_yaw) + 45.0) % 90.0 - 45.0)
                conf = 0.9 if agree else 0.7
            elif best.coverage < 0.9 and support is not None:
                # Under another block: its footprint is the top block's, within the stack's
                # tolerance; the visible sides only fix the height.
                pos[:2] = support.position[:2]
                if best.coverage < 0.5:
                    yaw = support.yaw_deg
                conf = 0.75
            elif best.coverage < 0.5:
                # Too little of it is seen for a pose: the location still follows from
                # where the visible part is, but nobody should act on it.
                coarse[color] = pos
                poses[color], confidence[color] = None, 0.4
                continue
            poses[color] = {'position': [round(float(v), 4) for v in pos],
                            'yaw_deg': round(float(yaw), 2)}
            coarse[color] = pos
            confidence[color] = round(float(conf), 3)
        for top in coarse:
            for bottom in coarse:
                if top == bottom or 'grasped' in (locations.get(top), locations.get(bottom)):
                    continue
                pt, pb = coarse[top], coarse[bottom]
                reach = 0.045 if poses[top] and poses[bottom] else 0.06
                if 0.035 < pt[2] - pb[2] < 0.065 and np.hypot(*(pt[:2] - pb[:2])) < reach:
                    locations[top] = 'stacked_top'
                    locations.setdefault(bottom, 'stacked_bottom')
        for color, pos in coarse.items():
            if color in locations:
                continue
            locations[color] = self._coarse_location(pos, drawer_q, drawer_origin)
            if locations[color] == 'drawer' and drawer_q is None:
                confidence[color] = min(confidence[color], 0.6)
                if pos[0] < g.drawer_front_x:
                    # a block seen inside the drawer in front of the desk: the drawer is open
                    state['drawer'], confidence['drawer'] = 'open', 0.6
            elif (locations[color] == 'floor' and _on_table(pos - [0, 0, 2 * g.block_half])
                  and any(locations.get(c) == UNKNOWN for c in BLOCK_COLORS)):
                # one block high above the table, on a block no camera sees
                locations[color] = 'stacked_top'
                confidence[color] = min(confidence[color], 0.6)
        held = [c for c in BLOCK_COLORS if locations[c] == 'grasped']
        if held:
            grasped = held[0]
        elif hand_closed_on_block and any(locations[c] == UNKNOWN for c in BLOCK_COLORS):
            grasped = UNKNOWN
        else:
            grasped = None
        state.update({
            'blocks': {c: locations[c] for c in BLOCK_COLORS},
            'grasped': grasped,
            'poses': poses,
            'joints': joints,
            'confidence': {k: round(float(v), 3) for k, v in confidence.items()},
        })
        order = ('blocks', 'slider', 'drawer', 'lightbulb', 'led', 'grasped', 'poses', 'joints',
                 'confidence')
        return {k: state[k] for k in order}
