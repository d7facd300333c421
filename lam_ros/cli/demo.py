"""`lam-ros demo`: the whole stack on one command, watched from outside like an operator.

Starts lam_sim and lam_node (lam_ros.cli.stack), sends the command on /lam/command,
prints the plan and each step's outcome from /lam/status as it happens, records the
static camera from its image topic, and checks every step independently with the
simulator's oracle (/lam_sim/scene_state, which lam_node itself will not read once
perception supplies the scene): the scene when a step starts against the scene when
lam_node reports it done (`Task.verify`), and the final symbolic state against the
plan's expected effects. Writes the video and a JSON episode report; exit code 0 only
when lam_node reports success and the oracle agrees.
"""

import json
import threading
import time
from pathlib import Path

import numpy as np

from lam_ros.world.tasks import TASKS

DEFAULT_COMMAND = 'open the drawer and put the red block inside'
FINAL = ('succeeded', 'failed', 'rejected', 'cancelled', 'stopped')
SYMBOLIC = ('blocks', 'drawer', 'slider', 'lightbulb', 'led', 'grasped')


class Watcher:
    """Subscribes to what the demo shows and checks."""

    def __init__(self, node, video=None):
        from rclpy.qos import (DurabilityPolicy, qos_profile_sensor_data, QoSProfile,
                               ReliabilityPolicy)
        from sensor_msgs.msg import Image
        from std_msgs.msg import String
        latched = QoSProfile(depth=20, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                             reliability=ReliabilityPolicy.RELIABLE)
        self.lock = threading.Lock()
        self.statuses = []
        self.scene = None
        self.video = video
        self.frames = 0
        self.recording = True
        node.create_subscription(String, '/lam/status', self._on_status, latched)
        node.create_subscription(String, '/lam_sim/scene_state', self._on_scene,
                                 QoSProfile(depth=1, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                                            reliability=ReliabilityPolicy.RELIABLE))
        node.create_subscription(Image, 'static_camera/image_raw', self._on_image,
                                 qos_profile_sensor_data)
        self.perceived = None
        node.create_subscription(String, '/lam/scene',
                                 lambda m: setattr(self, 'perceived', m.data),
                                 QoSProfile(depth=1, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                                            reliability=ReliabilityPolicy.RELIABLE))
        self.publisher = node.create_publisher(String, '/lam/command', 10)

    def _on_status(self, msg):
        status = json.loads(msg.data)
        with self.lock:
            status['scene'] = self.scene         # the oracle's view at this moment
            status['wall'] = time.monotonic()
            self.statuses.append(status)

    def _on_scene(self, msg):
        with self.lock:
            self.scene = json.loads(msg.data)

    def _on_image(self, msg):
        if self.video is None or not self.recording:
            return
        frame = np.frombuffer(bytes(msg.data), np.uint8).reshape(msg.height, msg.width, 3)
        self.video.add(frame)
        self.frames += 1


def oracle_check(plan, statuses):
    """Per-step verdicts of the oracle and the expected final state; (ok, verdicts)."""
    starts, ends = {}, {}
    for s in statuses:
        step = s.get('step') or {}
        if s['state'] == 'running' and step.get('outcome') == 'running':
            starts[step['index']] = s['scene']
        elif step.get('outcome') in ('succeeded', 'failed'):    # the oracle's view too
            ends[step['index']] = s['scene']
    verdicts = []
    for i, step in enumerate(plan):
        before, after = starts.get(i), ends.get(i)
        if before is None or after is None:
            verdicts.append({'task': step['task'], 'oracle': 'not run'})
            continue
        reason = TASKS[step['task']].verify(before, after)
        verdicts.append({'task': step['task'], 'oracle': 'ok' if reason is None else reason})
    ok = bool(plan) and all(v['oracle'] == 'ok' for v in verdicts)
    if ok:
        expected = {k: starts[0][k] for k in SYMBOLIC}
        for step in plan:
            expected = TASKS[step['task']].effects(expected)
        final = statuses[-1]['scene']
        wrong = [k for k in SYMBOLIC if final is None or final[k] != expected[k]]
        if wrong:
            ok = False
            verdicts.append({'final_state': "differs from the plan's effects in %s" % wrong})
    return ok, verdicts


def run_demo(text, out_dir='out', seed=0, timeout=240.0, video_name='demo.mp4',
             real_time_factor=1.0, scene='perception', log=print) -> int:
    """Run the demo; return the exit code (0: success confirmed by the oracle)."""
    import rclpy
    from std_msgs.msg import String
    from lam_ros.cli.stack import Stack
    from lam_ros.world.video import VideoWriter
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cameras = {} if scene == 'perception' else {   # the video needs the static camera
        'camera_rate_hz': 10.0, 'camera_width': 480, 'camera_height': 360,
        'cameras': "['static_camera']"}
    stack = Stack(sim_overrides=dict(cameras, seed=seed, real_time_factor=real_time_factor),
                  log_dir=out / 'logs', scene=scene)
    log('lam_ros demo: starting lam_sim (seed %d), %slam_node; logs in %s' % (
        seed, 'lam_perception and ' if scene == 'perception' else '', out / 'logs'))
    log('lam_node reads the scene from %s' % (
        'the cameras (lam_perception, /lam/scene)' if scene == 'perception'
        else "the simulator's oracle (/lam_sim/scene_state)"))
    started = time.monotonic()
    video = VideoWriter(out / video_name, fps=10)
    rclpy.init()
    node = rclpy.create_node('lam_demo')
    code, report, watcher = 1, {'command': text, 'seed': seed, 'scene': scene}, None
    try:
        stack.start()
        watcher = Watcher(node, video)
        stack.wait_active(node)
        log('lam_node active after %.1f s' % (time.monotonic() - started))
        while watcher.scene is None or (scene == 'perception' and watcher.perceived is None):
            rclpy.spin_once(node, timeout_sec=0.1)         # the scene lam_node will plan on
            if time.monotonic() - started > 120.0:
                raise RuntimeError('no scene state after 120 s')
        log('command: "%s"' % text)
        sent = time.monotonic()
        watcher.publisher.publish(String(data=text))
        final, shown = None, 0
        while final is None and time.monotonic() - sent < timeout:
            rclpy.spin_once(node, timeout_sec=0.05)
            if stack.dead():
                raise RuntimeError('%s exited; see %s' % (stack.dead(), out / 'logs'))
            with watcher.lock:
                mine = [s for s in watcher.statuses if s['command'] == text]
                early = [s for s in mine if s['state'] == 'rejected'
                         and s['reason'].startswith('no scene state yet')]
                retry = bool(early) and time.monotonic() - sent < 10.0
                if retry:
                    # lam_node has not heard the scene yet (it comes a moment after ours)
                    watcher.statuses = [s for s in watcher.statuses if s not in early]
                    mine = [s for s in mine if s not in early]
            if retry:       # outside the lock: spinning runs the callbacks that take it
                rclpy.spin_once(node, timeout_sec=0.3)
                watcher.publisher.publish(String(data=text))
            for s in mine[shown:]:
                _show(s, sent, log)
                if s['state'] in FINAL:
                    final = s
            shown = len(mine)
        for _ in range(10):                # a last second of video
            rclpy.spin_once(node, timeout_sec=0.1)
        watcher.recording = False
        if final is None:
            log('no final status within %.0f s' % timeout)
            report['state'] = 'timeout'
        else:
            plan = final['plan']
            ok, verdicts = oracle_check(plan, mine)
            report.update({'state': final['state'], 'reason': final['reason'], 'plan': plan,
                           'oracle': verdicts, 'oracle_confirms': ok,
                           'latency_ms': final.get('latency_ms'),
                           'seconds': round(time.monotonic() - sent, 1),
                           'statuses': [{k: v for k, v in s.items() if k != 'scene'}
                                        for s in mine],
                           'final_scene': mine[-1]['scene']})
            if final['state'] == 'succeeded' and ok:
                log('succeeded: the scene oracle confirms all %d steps (%.1f s)' % (
                    len(plan), report['seconds']))
                code = 0
            elif final['state'] == 'succeeded':
                log('lam_node reports success but the oracle does not agree: %s' % verdicts)
            else:
                log('%s: %s' % (final['state'], final['reason']))
    except RuntimeError as err:
        log('lam_ros demo: %s' % err)
        report['state'] = 'error'
        report['reason'] = str(err)
    finally:
        stack.stop()
        video.close()
        node.destroy_node()
        rclpy.try_shutdown()
    report['video'] = str(out / video_name)
    report['video_frames'] = watcher.frames if watcher else 0
    report_path = out / (Path(video_name).stem + '_report.json')
    report_path.write_text(json.dumps(report, indent=1) + '\n')
    log('video: %s (%d frames of static_camera), report: %s' % (
        out / video_name, report['video_frames'], report_path))
    return code


def _show(status, sent, log):
    at = time.monotonic() - sent
    state, step = status['state'], status.get('step')
    if state == 'accepted' and not status.get('awaiting_confirmation'):
        log('plan (confidence %.2f, planned in %.1f ms):' % (
            status.get('confidence') or 0.0, status['latency_ms'].get('plan', 0.0)))
        for i, s in enumerate(status['plan']):
            log('  %d. %s%s' % (i + 1, s['task'], '  (added: needed first)' if s['auto'] else ''))
    elif state == 'accepted':
        log('waiting for confirmation on /lam/confirm (confidence %.2f)' % (
            status.get('confidence') or 0.0))
    elif state == 'running' and step:
        log('  [%5.1f s] step %d %-24s %s' % (at, step['index'] + 1, step['task'],
                                              step['outcome']))
    elif state in FINAL:
        if step and step.get('outcome') not in (None, 'succeeded'):
            log('  [%5.1f s] step %d %-24s %s' % (at, step['index'] + 1, step['task'],
                                                  step['outcome']))
        log('[%5.1f s] %s%s' % (at, state, ': ' + status['reason'] if status['reason'] else ''))
