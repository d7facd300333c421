"""Symbolic scene-state oracle: what the physics says the desk looks like.

Computed only from MuJoCo's physics state (body poses, joint positions, contacts) and
the LED latch that is part of the world; never from what the acting code intended.
Used by task success checks, scene sampling, tests and evaluation. lam_ros itself must
not read it once perception exists.

State (JSON-serialisable)::

    {"blocks": {"red": "table", "blue": "slider_left", "pink": "grasped"},
     "slider": "left|right", "drawer": "open|closed",
     "lightbulb": "on|off", "led": "on|off", "grasped": "pink" | null,
     "poses": {"red": {"position": [x, y, z], "yaw_deg": a}, ...},
     "joints": {"drawer": m, "slide_door": m, "switch": m, "button": m}}

Block locations: table, slider_left, slider_right, drawer, grasped, stacked_top,
stacked_bottom, and `floor` for a block that left the desk (never valid in a task).
"""

import math

import numpy as np

from lam_ros.world.desk import BLOCKS

BLOCK_HALF = 0.025
DRAWER_OPEN_AT = 0.10      # m of drawer travel from which the drawer counts as open
SLIDER_LEFT_AT = 0.20      # m of door travel from which the door counts as on the left
SWITCH_ON_AT = 0.04        # m of switch travel from which the light bulb is on
LOCATIONS = ('table', 'slider_left', 'slider_right', 'drawer', 'grasped',
             'stacked_top', 'stacked_bottom', 'floor')


def yaw_deg(quat) -> float:
    """Heading of a body's x axis about world z, in degrees."""
    w, x, y, z = quat
    return math.degrees(math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z)))


class SceneOracle:
    """Reads symbolic state from a CalvinDesk's physics."""

    def __init__(self, desk):
        self.desk = desk
        m = desk.model
        self._pads = (m.geom('left_pad').id, m.geom('right_pad').id)
        self._block_geom = {c: m.geom('block_' + c).id for c in BLOCKS}
        self._geom_color = {g: c for c, g in self._block_geom.items()}
        self._drawer_body = m.body('drawer').id

    def _contacts(self):
        d = self.desk.data
        return {(int(c.geom1), int(c.geom2)) for c in d.contact[:d.ncon]}

    def touching(self, geom_a: int, geom_b: int, contacts=None) -> bool:
        contacts = self._contacts() if contacts is None else contacts
        return (geom_a, geom_b) in contacts or (geom_b, geom_a) in contacts

    def grasped_blocks(self, contacts=None):
        """Blocks held between both finger pads."""
        contacts = self._contacts() if contacts is None else contacts
        return [c for c, g in self._block_geom.items()
                if all(self.touching(p, g, contacts) for p in self._pads)]

    def blocks_touching(self, a: str, b: str) -> bool:
        return self.touching(self._block_geom[a], self._block_geom[b])

    def _in_drawer(self, pos) -> bool:
        d = self.desk.data
        origin = d.xpos[self._drawer_body]
        rel = pos - origin            # drawer frame axes are aligned with the world
        return (-0.005 < rel[0] < 0.325 and abs(rel[1]) < 0.135 and -0.05 < rel[2] < 0.03)

    @staticmethod
    def _in_cabinet(pos) -> bool:
        return 0.605 < pos[0] < 0.815 and abs(pos[1]) < 0.40 and 0.0 < pos[2] < 0.12

    @staticmethod
    def _on_table(pos) -> bool:
        return 0.30 < pos[0] < 0.90 and abs(pos[1]) < 0.60 and 0.0 < pos[2] < 0.045

    def block_locations(self):
        contacts = self._contacts()
        poses = {c: self.desk.block_pose(c)[0] for c in BLOCKS}
        grasped = set(self.grasped_blocks(contacts))
        locations = {}
        for color in BLOCKS:
            if color in grasped:
                locations[color] = 'grasped'
        for top in BLOCKS:
            for bottom in BLOCKS:
                if top == bottom or top in grasped or bottom in grasped:
                    continue
                dz = poses[top][2] - poses[bottom][2]
                dxy = np.linalg.norm(poses[top][:2] - poses[bottom][:2])
                if (0.035 < dz < 0.065 and dxy < 0.045
                        and self.touching(self._block_geom[top], self._block_geom[bottom],
                                          contacts)):
                    locations[top] = 'stacked_top'
                    locations.setdefault(bottom, 'stacked_bottom')
        for color in BLOCKS:
            if color in locations:
                continue
            pos = poses[color]
            if self._in_drawer(pos):
                locations[color] = 'drawer'
            elif self._in_cabinet(pos):
                locations[color] = 'slider_left' if pos[1] > 0 else 'slider_right'
            elif self._on_table(pos):
                locations[color] = 'table'
            else:
                locations[color] = 'floor'
        return {c: locations[c] for c in BLOCKS}

    def state(self) -> dict:
        desk = self.desk
        blocks = self.block_locations()
        grasped = [c for c, loc in blocks.items() if loc == 'grasped']
        poses = {}
        for color in BLOCKS:
            pos, quat = desk.block_pose(color)
            poses[color] = {'position': [round(float(v), 4) for v in pos],
                            'yaw_deg': round(yaw_deg(quat), 2)}
        joints = {n: round(desk.fixture(n), 4)
                  for n in ('drawer', 'slide_door', 'switch', 'button')}
        return {
            'blocks': blocks,
            'slider': 'left' if joints['slide_door'] >= SLIDER_LEFT_AT else 'right',
            'drawer': 'open' if joints['drawer'] >= DRAWER_OPEN_AT else 'closed',
            'lightbulb': 'on' if joints['switch'] >= SWITCH_ON_AT else 'off',
            'led': 'on' if desk.led_on else 'off',
            'grasped': grasped[0] if grasped else None,
            'poses': poses,
            'joints': joints,
        }
