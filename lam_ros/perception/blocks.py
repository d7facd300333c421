"""Block pose from one RGB-D view: colour segmentation, back-projection, footprint fit.

What: the centre (base frame, m) and yaw (degrees, modulo 90: a cube looks the same
every quarter turn) of each coloured 5 cm cube a camera sees, with how much of its
footprint was seen.

How: pixels of the block's colour class (`lam_ros.perception.colors`, eroded by one pixel
so that blended edge pixels never carry a background depth) are back-projected with the
depth image. The highest points are the top face (centre z = top - half size); the x-y
projection of all points (top and side faces) is the block's square footprint, fitted
with a minimum-area rectangle for the yaw. Where the footprint is cut short by an
occluder (the arm, another block, the image border: pixels beside the block that are
not farther away and stand above its base), the centre is placed a half size in from
the unoccluded edge; the coverage (seen extent / block size) tells the caller how
trustworthy that is. A pink top face that clips to white under strong light is taken
back from the near-white pixels at the top face's height.

Must not: decide locations (that is `lam_ros.perception.scene`) or fuse cameras.
"""

from dataclasses import dataclass

import cv2
import numpy as np

MIN_POINTS = 25             # fewer eroded pixels than this: the block is not seen
BLOCK_SIZE = 0.05           # edge length (m)
_K3 = np.ones((3, 3), np.uint8)
_K5 = np.ones((5, 5), np.uint8)


@dataclass
class BlockMeasurement:
    """One camera's estimate of one block."""

    color: str
    camera: str
    position: np.ndarray     # centre, base frame (m)
    yaw_deg: float           # in [-45, 45)
    coverage: float          # 0..1: share of the footprint's extent that was seen
    points: int
    top_seen: bool


def _valid(depth_values):
    return np.isfinite(depth_values) & (depth_values > 0.05) & (depth_values < 10.0)


def _yaw_deg(angle_deg: float) -> float:
    return float((angle_deg + 45.0) % 90.0 - 45.0)


def measure_block(camera, masks, depth, color, exclude=None, half=BLOCK_SIZE / 2):
    """Measure block `color` in one view; None when too little of it is visible.

    masks: `colors.class_masks` of the RGB image; depth: z-depth in metres;
    exclude: optional function (N x 3 points) -> bool mask of points to drop
    (known fixtures of the same colour, e.g. the red button cap).
    """
    mask = cv2.erode(masks[color], _K3)
    pts = cv2.findNonZero(mask)
    if pts is None or len(pts) < MIN_POINTS:
        return None
    pts = pts.reshape(-1, 2)
    cols, rows = pts[:, 0], pts[:, 1]
    d = depth[rows, cols]
    ok = _valid(d)
    cols, rows, d = cols[ok], rows[ok], d[ok]
    xyz = camera.backproject(rows, cols, d)
    keep = np.ones(len(xyz), bool)
    if exclude is not None:
        keep &= ~exclude(xyz)
    if keep.sum() < MIN_POINTS:
        return None
    centre = np.median(xyz[keep], axis=0)
    keep &= np.linalg.norm(xyz - centre, axis=1) < 0.06
    if keep.sum() < MIN_POINTS:
        return None
    xyz, rows, cols, d = xyz[keep], rows[keep], cols[keep], d[keep]
    top = float(np.max(xyz[:, 2]))
    top_seen = int(np.sum(xyz[:, 2] > top - 0.003)) >= 8
    # Pixel boxes of what was kept, for the white top-face recovery and the occluder ring.
    r0, r1 = max(int(rows.min()) - 8, 0), min(int(rows.max()) + 9, depth.shape[0])
    c0, c1 = max(int(cols.min()) - 8, 0), min(int(cols.max()) + 9, depth.shape[1])
    white = masks.get('white')
    if white is not None and color == 'pink':
        wp = cv2.findNonZero(cv2.erode(white[r0:r1, c0:c1], _K3))
        if wp is not None:
            wp = wp.reshape(-1, 2)
            wr, wc = wp[:, 1] + r0, wp[:, 0] + c0
            wd = depth[wr, wc]
            ok = _valid(wd)
            wxyz = camera.backproject(wr[ok], wc[ok], wd[ok])
            near = ((np.abs(wxyz[:, 2] - top) < 0.004)
                    & (np.linalg.norm(wxyz[:, :2] - centre[:2], axis=1) < 0.04))
            if near.any():
                xyz = np.vstack([xyz, wxyz[near]])
                rows = np.concatenate([rows, wr[ok][near]])
                cols = np.concatenate([cols, wc[ok][near]])
                d = np.concatenate([d, wd[ok][near]])
                top_seen = True
    xy_mm = (xyz[:, :2] * 1000.0).astype(np.float32)
    (_, _), (_, _), angle = cv2.minAreaRect(xy_mm)
    yaw = _yaw_deg(angle)
    a = np.deg2rad(yaw)
    axes = np.array([[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]])
    uv = xyz[:, :2] @ axes.T
    lo, hi = uv.min(axis=0), uv.max(axis=0)
    extent = hi - lo
    occluded_lo, occluded_hi = _occluded_sides(
        camera, depth, (r0, r1, c0, c1), rows, cols, d, uv, lo, hi, axes,
        bottom=top - 2 * half)
    centre_uv = np.empty(2)
    size = 2 * half
    coverage = 1.0
    for k in range(2):
        seen = min(extent[k] / size, 1.0)
        if extent[k] >= size - 0.006:
            centre_uv[k] = 0.5 * (lo[k] + hi[k])
            continue
        if occluded_lo[k] and not occluded_hi[k]:
            centre_uv[k] = hi[k] - half
        elif occluded_hi[k] and not occluded_lo[k]:
            centre_uv[k] = lo[k] + half
        else:
            centre_uv[k] = 0.5 * (lo[k] + hi[k])
            seen *= 0.5
        coverage = min(coverage, seen)
    xy = axes.T @ centre_uv
    position = np.array([xy[0], xy[1], top - half])
    return BlockMeasurement(color, camera.name, position, yaw, float(coverage), int(len(xyz)),
                            bool(top_seen))


def _occluded_sides(camera, depth, box, rows, cols, d, uv, lo, hi, axes, bottom):
    """Which ends of the footprint's two axes border an occluder or the image border."""
    r0, r1, c0, c1 = box
    h, w = depth.shape
    local = np.zeros((r1 - r0, c1 - c0), np.uint8)
    local[rows - r0, cols - c0] = 255
    grown = cv2.dilate(local, _K5, iterations=2)
    ring = (grown > 0) & (local == 0)
    rr, rc = np.nonzero(ring)
    occluder = np.zeros_like(local)
    if len(rr):
        rd = depth[rr + r0, rc + c0]
        ok = _valid(rd)
        rxyz = camera.backproject(rr + r0, rc + c0, np.where(ok, rd, 0.0))
        occ = ~ok | ((rd < d.max() + 0.005) & (rxyz[:, 2] > bottom + 0.008))
        occluder[rr[occ], rc[occ]] = 255
    near = cv2.dilate(occluder, _K5, iterations=1) > 0
    flagged = near[rows - r0, cols - c0]
    flagged |= (rows <= 1) | (cols <= 1) | (rows >= h - 2) | (cols >= w - 2)
    occluded_lo = np.zeros(2, bool)
    occluded_hi = np.zeros(2, bool)
    if flagged.any():
        fuv = uv[flagged]
        for k in range(2):
            occluded_lo[k] = bool(np.any(fuv[:, k] < lo[k] + 0.006))
            occluded_hi[k] = bool(np.any(fuv[:, k] > hi[k] - 0.006))
    return occluded_lo, occluded_hi
