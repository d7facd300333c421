"""Inverse kinematics for the arm's tool centre point (TCP) with MuJoCo site Jacobians.

Damped least squares on position and orientation error, with a null-space pull toward a
rest posture so the 7th degree of freedom keeps the elbow up. Works on a scratch MjData,
so solving never disturbs the simulation. Pure kinematics: no dynamics, no collisions.
"""

import math

import mujoco
import numpy as np

from lam_ros.world.desk import ARM_JOINTS, HOME_ARM


class IKFailed(RuntimeError):
    """No joint solution reached the target within tolerance."""


def wrap_angle(angle: float) -> float:
    """Return the angle in [-pi, pi)."""
    return (angle + math.pi) % (2 * math.pi) - math.pi


def down_rotation(yaw: float) -> np.ndarray:
    """TCP orientation pointing straight down, fingers closing along (sin yaw, -cos yaw)."""
    c, s = np.cos(yaw), np.sin(yaw)
    return np.array([[c, s, 0.0], [s, -c, 0.0], [0.0, 0.0, -1.0]])


class ArmIK:
    """Solve joint positions that put the `tcp` site at a pose."""

    def __init__(self, model, site: str = 'tcp', rest=HOME_ARM):
        self.model = model
        self.data = mujoco.MjData(model)
        self.site = model.site(site).id
        self.qadr = np.array([model.joint(n).qposadr[0] for n in ARM_JOINTS])
        self.dof = np.array([model.joint(n).dofadr[0] for n in ARM_JOINTS])
        jnt = [model.joint(n).id for n in ARM_JOINTS]
        self.lower = model.jnt_range[jnt, 0] + 0.02
        self.upper = model.jnt_range[jnt, 1] - 0.02
        self.rest = np.asarray(rest, float)
        self._jacp = np.zeros((3, model.nv))
        self._jacr = np.zeros((3, model.nv))

    def forward(self, q):
        """TCP (position, rotation matrix) for arm joint positions q."""
        self.data.qpos[self.qadr] = q
        mujoco.mj_kinematics(self.model, self.data)
        rotation = self.data.site_xmat[self.site].reshape(3, 3).copy()
        return self.data.site_xpos[self.site].copy(), rotation

    def solve(self, position, rotation, q_init, iterations: int = 500,
              pos_tol: float = 1e-3, rot_tol: float = 1e-2, null_gain: float = 0.05):
        """Joint positions for the TCP pose; raises IKFailed when the target is out of reach."""
        q = np.clip(np.asarray(q_init, float).copy(), self.lower, self.upper)
        target_p = np.asarray(position, float)
        target_r = np.asarray(rotation, float)
        damping = 1e-3
        for iteration in range(iterations):
            # The rest-posture pull can fight the task near the workspace edge: drop it
            # for the second half of the iterations.
            gain = null_gain if iteration < iterations // 2 else 0.0
            p, r = self.forward(q)
            err_p = target_p - p
            err_r = _rotation_error(target_r, r)
            if np.linalg.norm(err_p) < pos_tol and np.linalg.norm(err_r) < rot_tol:
                return q
            mujoco.mj_comPos(self.model, self.data)
            mujoco.mj_jacSite(self.model, self.data, self._jacp, self._jacr, self.site)
            jac = np.vstack([self._jacp[:, self.dof], self._jacr[:, self.dof]])
            err = np.concatenate([err_p, err_r])
            jjt = jac @ jac.T + damping * np.eye(6)
            pinv = jac.T @ np.linalg.inv(jjt)
            dq = pinv @ err
            dq += (np.eye(7) - pinv @ jac) @ (gain * (self.rest - q))
            biggest = np.max(np.abs(dq))
            if biggest > 0.3:
                dq *= 0.3 / biggest
            q = np.clip(q + dq, self.lower, self.upper)
        p, r = self.forward(q)
        raise IKFailed('IK did not converge: position error %.4f m, orientation error %.4f rad' % (
            np.linalg.norm(target_p - p), np.linalg.norm(_rotation_error(target_r, r))))


def _rotation_error(target: np.ndarray, current: np.ndarray) -> np.ndarray:
    """World-frame rotation vector taking `current` to `target`."""
    rel = target @ current.T
    quat = np.zeros(4)
    mujoco.mju_mat2Quat(quat, rel.flatten())
    if quat[0] < 0:
        quat = -quat
    vel = np.zeros(3)
    mujoco.mju_quat2Vel(vel, quat, 1.0)
    return vel
