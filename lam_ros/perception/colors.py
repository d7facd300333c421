"""Colour classes of the desk's blocks and lights, robust to the light level.

Each class is a test on ratios of channel differences to the pixel's brightest channel
(e.g. red: (R - max(G, B)) / max(R, G, B)), which a global change of light intensity
leaves unchanged; only clipped highlights change them, and those are handled where they
matter (`WHITE`, for a pink top face that saturates to white under strong light).
Thresholds were set from the MJCF colours (sim/desk.xml) rendered under 60 %..140 % light
and from both cameras; on a real robot they are a colour calibration.

Input: RGB uint8 H x W x 3. Output: uint8 masks (255 = member). No geometry here.
"""

import numpy as np

BLOCK_CLASSES = ('red', 'blue', 'pink')
MIN_BRIGHTNESS = 25          # darker pixels carry no usable colour


def _channels(rgb):
    rgb = np.asarray(rgb)
    r = rgb[:, :, 0].astype(np.int16)
    g = rgb[:, :, 1].astype(np.int16)
    b = rgb[:, :, 2].astype(np.int16)
    return r, g, b, np.maximum(np.maximum(r, g), b)


def _mask(condition):
    return condition.view(np.uint8) * np.uint8(255)


def class_masks(rgb) -> dict:
    """Masks of the block colours plus 'white' (clipped, near-white) pixels."""
    r, g, b, mx = _channels(rgb)
    bright = mx > MIN_BRIGHTNESS
    return {
        'red': _mask(((r - np.maximum(g, b)) * 100 > 45 * mx) & bright),
        'blue': _mask(((b - np.maximum(r, g)) * 100 > 22 * mx) & bright),
        'pink': _mask(((np.minimum(r, b) - g) * 100 > 4 * mx) & (mx > 40)),
        'white': _mask((mx >= 235) & (np.minimum(np.minimum(r, g), b) >= 200)
                       & (np.minimum(r, b) >= g)),
    }


def green_excess(pixels) -> np.ndarray:
    """(G - max(R, B)) in 0..255 units for N x 3 pixels: high for a lit green LED."""
    p = np.asarray(pixels, np.float32).reshape(-1, 3)
    return p[:, 1] - np.maximum(p[:, 0], p[:, 2])


def yellowness(pixels) -> np.ndarray:
    """(min(R, G) - B) / max(R, G, B) for N x 3 pixels: high for a lit (yellow) bulb."""
    p = np.asarray(pixels, np.float32).reshape(-1, 3)
    return (np.minimum(p[:, 0], p[:, 1]) - p[:, 2]) / (p.max(axis=1) + 1.0)


def brightness(pixels) -> np.ndarray:
    """Brightest channel of N x 3 pixels."""
    return np.asarray(pixels, np.float32).reshape(-1, 3).max(axis=1)
