"""Start lam_sim, lam_perception and lam_node as child processes, as launch/lam.launch.py does.

For the pip path (no `launch` package): `lam-ros up` and `lam-ros demo` use it. Each node
runs in its own process with its parameter file; the simulator renders both cameras for
lam_perception, whose /lam/scene is what lam_node grounds and checks on (or, with
scene='oracle', lam_node reads the simulator's scene state). lam_node is configured and
activated (its `autostart` parameter), and `wait_active` asks its lifecycle service like
a lifecycle manager would. `stop` sends SIGINT (like Ctrl-C) and kills after a grace
period.
"""

import ctypes
import signal
import subprocess
import sys
import time

from lam_ros.world.assets import share_path

# where lam_node reads the scene state
SCENES = {'perception': '/lam/scene', 'oracle': '/lam_sim/scene_state'}


def config_file(name: str) -> str:
    """Path of config/<name> in this package."""
    return str(share_path('config', name) / name)


PR_SET_PDEATHSIG = 1
try:                          # resolved here, not in the forked child (no dlopen there)
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith('linux') else None
except (OSError, AttributeError):
    _PRCTL = None


def _die_with_parent():
    """In the child before exec (Linux): SIGINT when the parent dies, even by SIGKILL."""
    _PRCTL(PR_SET_PDEATHSIG, int(signal.SIGINT))


class Stack:
    """The simulator and the LAM node as child processes."""

    def __init__(self, lam_params=None, sim_params=None, sim_overrides=None,
                 lam_overrides=None, log_dir=None, scene='perception'):
        """Prepare the processes; nothing starts until start().

        scene: 'perception' (lam_perception from the cameras) or 'oracle' (the simulator's
        scene state, for comparison).
        """
        if scene not in SCENES:
            raise ValueError('scene must be one of %s, got %r' % (', '.join(SCENES), scene))
        self.lam_params = lam_params or config_file('lam.yaml')
        self.sim_params = sim_params or config_file('sim.yaml')
        self.scene = scene
        camera = {'camera_rate_hz': 10.0, 'camera_width': 640, 'camera_height': 480,
                  'cameras': "['static_camera', 'wrist_camera']"} if scene == 'perception' else {}
        self.sim_overrides = dict(camera, **(sim_overrides or {}))
        self.lam_overrides = dict({'scene_topic': SCENES[scene]}, **(lam_overrides or {}))
        self.log_dir = log_dir
        self.procs = {}
        self._logs = []

    def _command(self, module, params, overrides):
        args = [sys.executable, '-m', module, '--ros-args']
        if params:
            args += ['--params-file', params]
        for name, value in overrides.items():
            if isinstance(value, bool):
                value = 'true' if value else 'false'
            args += ['-p', '%s:=%s' % (name, value)]
        return args

    def start(self):
        """Start lam_sim, lam_perception (unless oracle-fed), then lam_node (autostart)."""
        overrides = dict(self.lam_overrides, autostart=True)
        nodes = [('lam_sim', 'lam_ros.nodes.sim_node', self.sim_params, self.sim_overrides)]
        if self.scene == 'perception':
            nodes.append(('lam_perception', 'lam_ros.nodes.perception_node',
                          config_file('perception.yaml'), {}))
        nodes.append(('lam_node', 'lam_ros.nodes.lam_node', self.lam_params, overrides))
        for name, module, params, extra in nodes:
            out = None
            if self.log_dir is not None:
                self.log_dir.mkdir(parents=True, exist_ok=True)
                out = open(self.log_dir / ('%s.log' % name), 'w')
                self._logs.append(out)
            self.procs[name] = subprocess.Popen(
                self._command(module, params, extra), stdout=out,
                stderr=subprocess.STDOUT if out else None,
                preexec_fn=_die_with_parent if _PRCTL else None)
        return self

    def dead(self):
        """Name of a node process that has exited, or None."""
        return next((n for n, p in self.procs.items() if p.poll() is not None), None)

    def wait_active(self, node, timeout: float = 120.0):
        """Wait until lam_node's lifecycle state is active; raise RuntimeError if not."""
        from lifecycle_msgs.srv import GetState
        client = node.create_client(GetState, '/lam_node/get_state')
        deadline = time.monotonic() + timeout
        import rclpy
        try:
            while time.monotonic() < deadline:
                if self.dead():
                    raise RuntimeError('%s exited (code %s)%s' % (
                        self.dead(), self.procs[self.dead()].returncode, self._hint()))
                if client.wait_for_service(timeout_sec=0.2):
                    future = client.call_async(GetState.Request())
                    rclpy.spin_until_future_complete(node, future, timeout_sec=2.0)
                    if future.done() and future.result().current_state.label == 'active':
                        return
                rclpy.spin_once(node, timeout_sec=0.3)
            raise RuntimeError('lam_node did not become active within %.0f s%s' % (
                timeout, self._hint()))
        finally:
            node.destroy_client(client)

    def _hint(self):
        return ' (see %s)' % self.log_dir if self.log_dir else ''

    def stop(self):
        """Stop both processes like Ctrl-C; kill what does not exit within 15 s."""
        for proc in reversed(list(self.procs.values())):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self._logs:
            log.close()
