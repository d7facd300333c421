"""lam_ros: a Large Action Model stack for ROS 2 robots."""

import os

# MuJoCo picks its OpenGL backend when first imported; cameras render offscreen through
# EGL unless the user chose another backend (glfw for a desktop, osmesa).
os.environ.setdefault('MUJOCO_GL', 'egl')

__version__ = '0.1.0'
