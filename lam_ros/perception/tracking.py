"""Continuous block yaw over frames, from per-frame measurements that repeat every 90 deg.

A cube looks the same after a quarter turn, so one image gives its yaw only modulo 90
degrees. `YawTracker` keeps each block's previous estimate and replaces a new
measurement by its equivalent (measurement + k * 90) nearest to it, so a block turned by
60..90 degrees in steps smaller than 45 degrees per frame keeps a continuous yaw, which
is what "rotated by >= 60 degrees" checks need. Degrees; pure Python, no images.
"""

QUARTER = 90.0


def unwrap_quarter(measured: float, previous: float) -> float:
    """Return the equivalent of `measured` (modulo 90 degrees) nearest to `previous`."""
    return measured + QUARTER * round((previous - measured) / QUARTER)


class YawTracker:
    """Per-block continuous yaw (degrees) from modulo-90 measurements."""

    def __init__(self):
        self._yaw = {}

    def reset(self, block: str = None):
        """Forget one block's history, or all of them."""
        if block is None:
            self._yaw.clear()
        else:
            self._yaw.pop(block, None)

    def get(self, block: str):
        """Return the tracked yaw of a block, or None if never seen."""
        return self._yaw.get(block)

    def update(self, block: str, measured_deg):
        """Fold a new measurement in and return the continuous yaw (None if unseen)."""
        if measured_deg is None:
            return self._yaw.get(block)
        measured = float(measured_deg)
        if block in self._yaw:
            measured = unwrap_quarter(measured, self._yaw[block])
        self._yaw[block] = measured
        return measured

    def update_state(self, state: dict) -> dict:
        """Rewrite the 'poses' yaw of a perceived scene state in place with tracked yaws."""
        for block, pose in state.get('poses', {}).items():
            if pose is not None:
                pose['yaw_deg'] = round(self.update(block, pose['yaw_deg']), 2)
        return state
