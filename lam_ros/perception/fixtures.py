"""Fixture joints and light states from RGB-D views and the desk's description.

What, and how (all in the base frame, metres; each estimator takes the views as
`(camera, rgb, depth)` tuples and returns an `Estimate` with value None when unseen):

- drawer travel: 3-D points at the height of the top edge of the drawer's front panel,
  in front of the desk, off the arm and not block-coloured, are that edge; its x gives
  the travel.
- sliding door travel: probe points on the door's plane are projected into each view and
  compared with the measured depth: "surface here", "seen through" (farther) or
  "occluded" (nearer); the travel is the one whose panel extent explains most probes.
- switch travel: the top of the knob's points in the knob's slot.
- button travel: the top of the red cap's points.
- light bulb / LED on-off: the pixels that image the bulb / LED (their depth puts them
  on the sphere) and their colour: a lit bulb is yellow, a lit LED strongly green.

Must not: read simulator state. Items not seen in any view come back unknown.
"""

from dataclasses import dataclass

import numpy as np

from lam_ros.perception import colors

LED_ON_GREEN = 70.0          # median G - max(R, B) (0..255) above which the LED is lit
BULB_ON_YELLOW = 0.15        # median yellowness above which the bulb is lit


@dataclass
class Estimate:
    """A fixture measurement: value (None if unseen), confidence 0..1, support count."""

    value: object
    confidence: float
    support: int = 0


UNSEEN = Estimate(None, 0.0, 0)


def _valid(d):
    return np.isfinite(d) & (d > 0.05) & (d < 10.0)


def window_points(camera, depth, lo, hi, step=2):
    """Base-frame points of pixels whose 3-D point falls in an axis-aligned box.

    Only the pixels inside the box's projection are back-projected (every `step`-th).
    """
    corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])
                        for z in (lo[2], hi[2])])
    uv, z = camera.project(corners)
    if np.any(z <= 0.01):
        return np.zeros((0, 3)), np.zeros((0, 2), int)
    c0 = int(max(np.floor(uv[:, 0].min()), 0))
    c1 = int(min(np.ceil(uv[:, 0].max()) + 1, camera.width))
    r0 = int(max(np.floor(uv[:, 1].min()), 0))
    r1 = int(min(np.ceil(uv[:, 1].max()) + 1, camera.height))
    if c1 <= c0 or r1 <= r0:
        return np.zeros((0, 3)), np.zeros((0, 2), int)
    rows, cols = np.mgrid[r0:r1:step, c0:c1:step]
    rows, cols = rows.ravel(), cols.ravel()
    d = depth[rows, cols]
    ok = _valid(d)
    rows, cols, d = rows[ok], cols[ok], d[ok]
    xyz = camera.backproject(rows, cols, d)
    inside = np.all((xyz >= lo) & (xyz <= hi), axis=1)
    return xyz[inside], np.stack([rows[inside], cols[inside]], axis=1)


def _not_block(masks, pix):
    if masks is None or not len(pix):
        return np.ones(len(pix), bool)
    out = np.ones(len(pix), bool)
    for name in colors.BLOCK_CLASSES:
        out &= masks[name][pix[:, 0], pix[:, 1]] == 0
    return out


def drawer(views, geometry, self_filter, masks_per_view):
    """Drawer travel (m, 0 closed) from the top edge of its front panel."""
    g = geometry
    y0, z0 = g.drawer_origin[1], g.drawer_origin[2]
    half_y, half_z = g.drawer_front_half
    top = z0 + half_z
    lo = np.array([g.drawer_front_x - 0.25, y0 - half_y + 0.02, top - 0.005])
    hi = np.array([g.drawer_front_x + g.drawer_front_thickness + 0.005, y0 + half_y - 0.02,
                   top + 0.0035])
    values = []
    for (camera, _, depth), masks in zip(views, masks_per_view):
        xyz, pix = window_points(camera, depth, lo, hi, step=1)
        keep = _not_block(masks, pix) & ~self_filter.on_robot(xyz)
        xyz = xyz[keep]
        if len(xyz) < 15:
            continue
        x = float(np.median(xyz[:, 0]))
        values.append((g.drawer_front_x + 0.5 * g.drawer_front_thickness - x, len(xyz)))
    if not values:
        return UNSEEN
    value, support = max(values, key=lambda v: v[1])
    spread = max(v[0] for v in values) - min(v[0] for v in values)
    return Estimate(float(np.clip(value, 0.0, 0.2)), 0.95 if spread < 0.01 else 0.6, support)


def slide_door(views, geometry, self_filter, step=0.0025):
    """Sliding door travel (m, 0 = door on the right) by probing the door's plane."""
    g = geometry
    face_x = g.door_origin[0] - g.door_half[0]
    y = np.arange(-0.40, 0.40 + 1e-9, step)
    zs = g.door_origin[2] + np.array([0.0, 0.05, 0.10, 0.15, 0.19])
    probes = np.array([[face_x, yy, zz] for zz in zs for yy in y])
    robot = self_filter.on_robot(probes)
    surface = np.zeros(len(probes), int)
    through = np.zeros(len(probes), int)
    for camera, _, depth in views:
        uv, z = camera.project(probes)
        inside = ((z > 0.05) & (uv[:, 0] >= 0) & (uv[:, 0] < camera.width)
                  & (uv[:, 1] >= 0) & (uv[:, 1] < camera.height))
        idx = np.nonzero(inside)[0]
        if not len(idx):
            continue
        d = depth[uv[idx, 1].astype(int), uv[idx, 0].astype(int)]
        ok = _valid(d)
        near = np.abs(d - z[idx]) < 0.006
        far = d > z[idx] + 0.006
        surface[idx[ok & near]] += 1
        through[idx[ok & far]] += 1
    surface[robot] = 0
    through[robot] = 0
    votes = len(np.nonzero(surface + through)[0])
    if votes < 20:
        return UNSEEN
    per_y_surface = surface.reshape(len(zs), len(y)).sum(axis=0)
    per_y_through = through.reshape(len(zs), len(y)).sum(axis=0)
    width = 2 * g.door_half[1]
    candidates = np.arange(0.0, 0.40 + 1e-9, 0.001)
    panel_lo = g.door_origin[1] - g.door_half[1] + candidates
    covered = (y[None, :] >= panel_lo[:, None]) & (y[None, :] <= panel_lo[:, None] + width)
    score = (covered * per_y_surface[None, :] + ~covered * per_y_through[None, :]).sum(axis=1)
    best = score.max()
    tied = candidates[score >= best - 1]
    value = float(0.5 * (tied.min() + tied.max()))
    total = per_y_surface.sum() + per_y_through.sum()
    ambiguity = float(tied.max() - tied.min())
    confidence = float(best / max(total, 1)) * (1.0 if ambiguity < 0.02 else 0.5)
    return Estimate(value, confidence, int(total))


def switch(views, geometry, self_filter):
    """Switch travel (m, 0 = down) from the knob's top."""
    g = geometry
    k = g.switch_knob
    lo = np.array([k[0] - g.switch_knob_half_length - 0.003, k[1] - 0.015,
                   k[2] - g.switch_knob_radius - 0.004])
    hi = np.array([k[0] + g.switch_knob_half_length - 0.008, k[1] + 0.015,
                   k[2] + 0.08 + g.switch_knob_radius + 0.004])
    tops = []
    for camera, _, depth in views:
        xyz, _ = window_points(camera, depth, lo, hi, step=1)
        xyz = xyz[~self_filter.on_robot(xyz)]
        if len(xyz) < 10:
            continue
        tops.append((float(np.percentile(xyz[:, 2], 98)), len(xyz)))
    if not tops:
        return UNSEEN
    top, support = max(tops, key=lambda t: t[1])
    value = float(np.clip(top - g.switch_knob_radius - k[2], 0.0, 0.08))
    return Estimate(value, 0.9, support)


def button(views, geometry, self_filter, masks_per_view):
    """Button travel (m, 0 = released, negative pressed) from the red cap's top."""
    g = geometry
    c = g.button_cap
    r = g.button_cap_radius - 0.004
    lo = np.array([c[0] - r, c[1] - r, c[2] - 0.02])
    hi = np.array([c[0] + r, c[1] + r, c[2] + g.button_cap_half_height + 0.004])
    tops = []
    for (camera, _, depth), masks in zip(views, masks_per_view):
        xyz, pix = window_points(camera, depth, lo, hi, step=1)
        if masks is not None and len(pix):
            xyz = xyz[masks['red'][pix[:, 0], pix[:, 1]] > 0]
        xyz = xyz[~self_filter.on_robot(xyz)]
        if len(xyz) < 10:
            continue
        tops.append((float(np.percentile(xyz[:, 2], 90)), len(xyz)))
    if not tops:
        return UNSEEN
    top, support = max(tops, key=lambda t: t[1])
    value = float(np.clip(top - g.button_cap_half_height - c[2], -0.014, 0.0))
    return Estimate(value, 0.9, support)


def sphere_pixels(camera, rgb, depth, centre, radius, min_pixels=6):
    """RGB values of the pixels that image a sphere (checked with the depth)."""
    uv, z = camera.project(np.asarray(centre, float)[None])
    if z[0] <= 0.05:
        return np.zeros((0, 3))
    u, v = uv[0]
    rad = max(2, int(np.ceil(camera.fx * radius / z[0])) + 1)
    c0, c1 = max(int(u) - rad, 0), min(int(u) + rad + 1, camera.width)
    r0, r1 = max(int(v) - rad, 0), min(int(v) + rad + 1, camera.height)
    if c1 <= c0 or r1 <= r0:
        return np.zeros((0, 3))
    rows, cols = np.mgrid[r0:r1, c0:c1]
    rows, cols = rows.ravel(), cols.ravel()
    d = depth[rows, cols]
    ok = _valid(d)
    rows, cols, d = rows[ok], cols[ok], d[ok]
    xyz = camera.backproject(rows, cols, d)
    on = np.linalg.norm(xyz - centre, axis=1) < radius * 1.05
    if on.sum() < min_pixels:
        return np.zeros((0, 3))
    # the outer rim is shaded and blended with the background: keep the inner part
    inner = np.linalg.norm(np.stack([cols + 0.5 - u, rows + 0.5 - v], 1), axis=1) < 0.7 * rad
    pick = on & inner if (on & inner).sum() >= min_pixels else on
    return rgb[rows[pick], cols[pick]].astype(np.float32)


def light(views, centre, radius, feature, threshold, margin):
    """On/off of a lamp from its pixels; confidence from the feature's distance to threshold."""
    best = None
    for camera, rgb, depth in views:
        px = sphere_pixels(camera, rgb, depth, centre, radius)
        if not len(px):
            continue
        value = float(np.median(feature(px)))
        if best is None or len(px) > best[1]:
            best = (value, len(px))
    if best is None:
        return UNSEEN
    value, support = best
    state = 'on' if value > threshold else 'off'
    confidence = float(np.clip(0.5 + abs(value - threshold) / (2 * margin), 0.5, 1.0))
    return Estimate(state, confidence, support)


def led(views, geometry):
    """Read the green LED beside the button: 'on' or 'off'."""
    return light(views, geometry.led, geometry.led_radius, colors.green_excess,
                 LED_ON_GREEN, 40.0)


def lightbulb(views, geometry):
    """Read the light bulb on the cabinet: 'on' or 'off'."""
    return light(views, geometry.bulb, geometry.bulb_radius, colors.yellowness,
                 BULB_ON_YELLOW, 0.1)
