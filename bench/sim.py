"""Benchmark the simulator: steps per second and real-time factor, with and without cameras.

Prints one JSON object. Every case runs the same workload: the arm follows a joint
trajectory (through the controller layer) while blocks rest on the desk, for
`--seconds` of simulated time. Cases:

- mujoco_only: bare mj_step, no controller layer (the floor of what is possible)
- physics: CalvinDesk.step, i.e. controllers + button latch + physics
- cameras_<rate>hz: physics plus RGB and depth of both cameras at 640x480 every 1/rate
  simulated seconds (what `lam-ros sim` does with camera_rate_hz = rate)

`ratios` puts them side by side (real-time factor of physics / each case).

Usage: python bench/sim.py [--seconds 10] [--rates 5,15] [--width 640 --height 480]
"""

import argparse
import json
import platform
import time

import lam_ros  # noqa: F401,I100  (sets MUJOCO_GL=egl before MuJoCo is imported)
import mujoco  # noqa: I100
import numpy as np

from lam_ros.control.trajectory import JointTrajectory, TrajectoryPoint
from lam_ros.world.desk import ARM_JOINTS, CalvinDesk, CAMERAS, HOME_ARM
from lam_ros.world.sampling import sample_scene

WAVE = np.array([0.4, -0.3, 0.3, 0.4, -0.4, 0.3, 0.8])


def _start_motion(desk):
    points = [TrajectoryPoint(list(HOME_ARM + WAVE * np.sin(t)), 0.5 + t) for t in
              np.linspace(0.0, 20.0, 80)]
    desk.send_arm_goal(JointTrajectory(list(ARM_JOINTS), points))


def _measure(desk, seconds, step_fn, camera_rate=0.0, width=640, height=480):
    sample_scene(desk, 0)
    _start_motion(desk)
    steps = int(round(seconds / desk.dt))
    per_frame = int(round(1.0 / camera_rate / desk.dt)) if camera_rate else steps + 1
    frames = 0
    started = time.perf_counter()
    done = 0
    while done < steps:
        chunk = min(per_frame, steps - done)
        step_fn(chunk)
        done += chunk
        if camera_rate and done % per_frame == 0:
            for cam in CAMERAS:
                desk.render(cam, width, height)
                desk.render(cam, width, height, depth=True)
            frames += 1
    wall = time.perf_counter() - started
    return {'sim_seconds': round(steps * desk.dt, 3), 'wall_seconds': round(wall, 3),
            'steps_per_second': round(steps / wall, 1),
            'real_time_factor': round(steps * desk.dt / wall, 2), 'camera_frames': frames}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=10.0, help='simulated seconds per case')
    parser.add_argument('--rates', default='5,15', help='camera rates (Hz) to measure')
    parser.add_argument('--width', type=int, default=640)
    parser.add_argument('--height', type=int, default=480)
    args = parser.parse_args(argv)

    desk = CalvinDesk()
    desk.render('static_camera', args.width, args.height)       # create the GL context once
    results = {
        'mujoco_only': _measure(desk, args.seconds,
                                lambda n: mujoco.mj_step(desk.model, desk.data, nstep=n)),
        'physics': _measure(desk, args.seconds, desk.step),
    }
    for rate in [float(r) for r in args.rates.split(',') if r.strip()]:
        results['cameras_%ghz' % rate] = _measure(desk, args.seconds, desk.step, rate,
                                                  args.width, args.height)
    base = results['physics']['real_time_factor']
    report = {
        'benchmark': 'sim',
        'machine': {'cpu': platform.processor() or platform.machine(),
                    'python': platform.python_version(), 'mujoco': mujoco.__version__},
        'timestep_s': desk.dt,
        'cameras': {'names': list(CAMERAS), 'width': args.width, 'height': args.height,
                    'images_per_frame': 2 * len(CAMERAS)},
        'results': results,
        'ratios': {'physics_vs_%s' % name: round(base / r['real_time_factor'], 2)
                   for name, r in results.items() if name != 'physics'},
    }
    desk.close()
    print(json.dumps(report, indent=2))


if __name__ == '__main__':
    main()
