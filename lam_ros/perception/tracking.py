"""Continuous block yaw over frames, from per-frame measurements that repeat every 90 deg.

A cube looks the same after a quarter turn, so one image gives its yaw only modulo 90
degrees. `YawTracker` keeps each block's previous estimate and replaces a new
measurement by its equivalent (measurement + k * 90) nearest to it, so a block turned by
60..90 degrees in steps smaller than 45 degrees per frame keeps a continuous yaw, which
is what "rotated by >= 60 degrees" checks need. Degrees; pure Python, no images.
"""

import math

QUARTER = 90.0


def unwrap_quarter(measured: float, previous: float) -> float:
    """Return the equivalent of `measured` (modulo 90 degrees) nearest to `previous`."""
    return measured + QUARTER * round((previous - measured) / QUARTER)


MAX_TURN_STEP = 15.0       # degrees a block may turn between two frames ...
MAX_TURN_RATE = 60.0       # ... plus this many per second since its yaw was last accepted


class YawTracker:
    """Per-block continuous yaw (degrees) from modulo-90 measurements.

    With a clock (`now`), a measurement that would turn a block faster than a hand can
    turn it (MAX_TURN_STEP + MAX_TURN_RATE per second since the last accepted one) is
    rejected as a misreading, typically a face half hidden by the gripper.
    """

    def __init__(self):
        self._yaw = {}
        self._time = {}
        self._position = {}

    def reset(self, block: str = None):
        """Forget one block's history, or all of them."""
        if block is None:
            self._yaw.clear()
            self._time.clear()
        else:
            self._yaw.pop(block, None)
            self._time.pop(block, None)

    def get(self, block: str):
        """Return the tracked yaw of a block, or None if never seen."""
        return self._yaw.get(block)

    def update(self, block: str, measured_deg, now: float = None):
        """Fold a new measurement in and return the continuous yaw (None if unseen)."""
        if measured_deg is None:
            return self._yaw.get(block)
        measured = float(measured_deg)
        if block in self._yaw:
            measured = unwrap_quarter(measured, self._yaw[block])
            if now is not None and block in self._time:
                allowed = MAX_TURN_STEP + MAX_TURN_RATE * max(0.0, now - self._time[block])
                if abs(measured - self._yaw[block]) > allowed:
                    return self._yaw[block]
        self._yaw[block] = measured
        if now is not None:
            self._time[block] = now
        return measured

    def update_state(self, state: dict, now: float = None) -> dict:
        """Rewrite the 'poses' yaw of a perceived scene state in place with tracked yaws.

        A rejected measurement is a misreading as a whole: its position is replaced by
        the block's last accepted one too.
        """
        for block, pose in state.get('poses', {}).items():
            if pose is None:
                continue
            before = self._time.get(block)
            pose['yaw_deg'] = round(self.update(block, pose['yaw_deg'], now), 2)
            if now is not None and before is not None and self._time.get(block) == before:
                pose['position'] = list(self._position[block])
            else:
                self._position[block] = list(pose['position'])
        return state


class FixtureGate:
    """Reject a drawer or sliding-door reading that jumps while no hand is near its handle.

    Fixtures move only when pushed, and the hand is what pushes them: a reading more
    than `step` away from the accepted one is taken at once when the TCP is within
    `reach` of the handle (at the accepted or the new reading: the hand holds it, with
    the readings a frame or two behind), and otherwise only
    once readings have disagreed for `hold` seconds (something else moved it). The arm
    in front of the drawer can make one camera frame misread it by centimetres; this
    keeps such frames from moving the handle the policy reaches for. `handles(joints)`
    gives handle positions (m, base frame) for joint positions.
    """

    JOINTS = {'drawer': 'drawer', 'slide_door': 'slider'}    # joint -> symbolic key

    def __init__(self, handles, reach: float = 0.06, step: float = 0.01, hold: float = 1.0):
        self.handles, self.reach, self.step, self.hold = handles, reach, step, hold
        self._accepted = {}      # joint -> (value, symbol)
        self._since = {}         # joint -> time readings began to disagree

    def reset(self):
        """Forget accepted readings (a new scene)."""
        self._accepted.clear()
        self._since.clear()

    def _near(self, joint, values, tcp):
        return tcp is None or any(
            math.dist(tcp, self.handles({joint: v})[joint]) < self.reach for v in values)

    def update(self, state: dict, now: float, tcp=None) -> dict:
        """Replace jumps nobody caused by the accepted reading (in place)."""
        for joint, symbol in self.JOINTS.items():
            value = state['joints'].get(joint)
            if value is None:
                continue
            accepted = self._accepted.get(joint)
            if (accepted is None or abs(value - accepted[0]) < self.step
                    or self._near(joint, (accepted[0], value), tcp)
                    or now - self._since.setdefault(joint, now) >= self.hold):
                self._accepted[joint] = (value, state.get(symbol))
                self._since.pop(joint, None)
                continue
            state['joints'][joint], state[symbol] = accepted
        return state


# item -> (joint key or None, symbolic key or None) of a scene state
_FIXTURES = {'drawer': ('drawer', 'drawer'), 'slider': ('slide_door', 'slider'),
             'switch': ('switch', None), 'button': ('button', None), 'led': (None, 'led'),
             'lightbulb': (None, 'lightbulb')}


class SceneMemory:
    """Hold recently seen items through frames that do not show them (short-term memory).

    A fixture, light or block that the current frame cannot see (typically the arm is in
    front of it) keeps its last seen value for up to `max_age` seconds, its confidence
    decaying linearly to half, and 'seen_s_ago' says how old it is; older than that it
    stays 'unknown'. What a frame does show always replaces the memory. `now` is any
    monotonic clock in seconds (the images' stamps).

    Blocks do not move by themselves: given the TCP position, a hidden block is held
    past `max_age` (at half confidence) for as long as the hand has stayed further than
    `reach` from where it was last seen; once the hand has come that close, only
    `max_age` applies, since the hand may have moved it.
    """

    def __init__(self, max_age: float = 5.0, reach: float = 0.12):
        self.max_age = max_age
        self.reach = reach
        self._seen = {}          # item -> (time, {key: value}, confidence)
        self._touched = set()    # blocks the hand came near since they were last seen

    def reset(self):
        """Forget everything (a new scene)."""
        self._seen.clear()
        self._touched.clear()

    def _recall(self, item, now, permanent=False):
        if item not in self._seen:
            return None
        seen, values, confidence = self._seen[item]
        age = now - seen
        if age > self.max_age and not permanent:
            return None
        return values, confidence * (1.0 - 0.5 * min(age, self.max_age) / self.max_age), age

    def update(self, state: dict, now: float, tcp=None) -> dict:
        """Fill what this frame misses from memory (in place); remember what it shows.

        tcp: the hand's position (m, robot base frame), when known.
        """
        from lam_ros.perception.scene import UNKNOWN
        confidence, ago = state['confidence'], {}
        for item, (joint, symbol) in _FIXTURES.items():
            missing = ((joint and state['joints'].get(joint) is None)
                       or (symbol and state.get(symbol) == UNKNOWN))
            if not missing:
                values = {'joint': state['joints'].get(joint) if joint else None,
                          'symbol': state.get(symbol) if symbol else None}
                self._seen[item] = (now, values, confidence.get(item, 0.0))
                continue
            recalled = self._recall(item, now)
            if recalled is None:
                continue
            values, confidence[item], ago[item] = recalled
            if joint:
                state['joints'][joint] = values['joint']
            if symbol:
                state[symbol] = values['symbol']
        for colour, location in state['blocks'].items():
            if location != UNKNOWN and state['poses'].get(colour) is not None:
                self._seen[colour] = (now, {'location': location,
                                            'pose': dict(state['poses'][colour])},
                                      confidence.get(colour, 0.0))
                self._touched.discard(colour)
                continue
            if colour in self._seen and (tcp is None or math.dist(
                    tcp, self._seen[colour][1]['pose']['position']) < self.reach):
                self._touched.add(colour)
            recalled = self._recall(colour, now, permanent=colour not in self._touched)
            if recalled is None or location == 'grasped':
                continue
            # no pose in this frame: the last seen one; the location too unless this
            # frame placed the block from what little it saw of it
            values, confidence[colour], ago[colour] = recalled
            if location == UNKNOWN:
                state['blocks'][colour] = values['location']
            state['poses'][colour] = dict(values['pose'])
        state['seen_s_ago'] = {k: round(v, 2) for k, v in ago.items()}
        return state


class SceneFilter:
    """What perception keeps across frames, applied to each frame's scene state in order.

    YawTracker (continuous yaw, misreadings rejected), then FixtureGate (drawer and door
    jumps no hand caused), then SceneMemory (what the arm hides). lam_perception and the
    in-process perception-fed evaluation both run exactly this chain.
    """

    def __init__(self, handles):
        self.tracker = YawTracker()
        self.gate = FixtureGate(handles)
        self.memory = SceneMemory()

    def reset(self):
        """Forget everything (a new scene)."""
        self.tracker.reset()
        self.gate.reset()
        self.memory.reset()

    def update(self, state: dict, now: float, tcp=None) -> dict:
        """Filter one frame's scene state (in place) and return it."""
        state = self.tracker.update_state(state, now)
        state = self.gate.update(state, now, tcp)
        return self.memory.update(state, now, tcp)
