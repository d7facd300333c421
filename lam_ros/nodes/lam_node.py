"""lam_node: operator commands in on ROS, planned, executed with the policy, verified.

A lifecycle node. `on_configure` validates the parameters and loads everything heavy
(the ONNX policy with warm-up, the skill library in Milvus, the text encoder and intent
model); a missing model or an unreachable store fails the transition with the reason.
Active, it takes commands from `/lam/command` (std_msgs/String) and the action
`/lam/execute` (lam_interfaces/action/Execute), plans them against the latest scene
state, and runs the plan step by step (lam_ros.execution.runner) through the
controller topics, checking each step in the scene. `/lam/cancel` (std_msgs/Empty)
cancels; `/lam/estop` (std_msgs/Bool) true stops the arm at once and refuses commands
until false. Every state change of a command goes to `/lam/status` (std_msgs/String
JSON, latched); the plan is drawn on `/lam/plan` (visualization_msgs/MarkerArray).

The logic lives outside ROS (lam_ros.language, lam_ros.execution); this file adapts it
to topics, the action and the lifecycle.
"""

import collections
import itertools
import json
import threading
import traceback
import time

import numpy as np
import rclpy
from rcl_interfaces.msg import FloatingPointRange, ParameterDescriptor
from rclpy.action import ActionServer, CancelResponse, GoalResponse
from rclpy.executors import ExternalShutdownException, SingleThreadedExecutor
from rclpy.lifecycle import Node as LifecycleNode
from rclpy.lifecycle import State, TransitionCallbackReturn
from rclpy.signals import SignalHandlerOptions
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from sensor_msgs.msg import JointState
from std_msgs.msg import Bool, Empty, Float64MultiArray, String
from trajectory_msgs.msg import JointTrajectory, JointTrajectoryPoint
from visualization_msgs.msg import Marker, MarkerArray

from lam_ros.execution.runner import PlanRunner, RobotState, RunnerConfig
from lam_ros.world.desk import ARM_JOINTS

LATCHED = QoSProfile(depth=20, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                     reliability=ReliabilityPolicy.RELIABLE)
COMMANDS = QoSProfile(depth=10, reliability=ReliabilityPolicy.RELIABLE)
ON_BUSY = ('queue', 'preempt', 'reject')
PROVIDERS = ('auto', 'cpu', 'cuda')


def _seconds(duration: float):
    from builtin_interfaces.msg import Duration
    sec = int(duration)
    return Duration(sec=sec, nanosec=int(round((duration - sec) * 1e9)) % 1000000000)


class RosRobot:
    """The runner's Robot interface on ROS topics: joint_states in, controller goals out."""

    def __init__(self, node, arm_pub, gripper_pub):
        self._node = node
        self._arm_pub, self._gripper_pub = arm_pub, gripper_pub
        self._cond = threading.Condition()
        self._state = None
        self._state_wall = None
        self._scene = None
        self._scene_wall = None
        self._created = time.monotonic()
        self.first_command_wall = None        # perf_counter of the first controller message

    # ------------------------------------------------------------------ inputs
    def on_joint_state(self, msg: JointState):
        """Keep the latest joint state (arm in ARM_JOINTS order)."""
        index = {n: i for i, n in enumerate(msg.name)}
        try:
            arm = [msg.position[index[n]] for n in ARM_JOINTS]
            vel = ([msg.velocity[index[n]] for n in ARM_JOINTS] if msg.velocity
                   else [0.0] * len(ARM_JOINTS))
            finger = msg.position[index['panda_finger_joint1']]
        except (KeyError, IndexError):
            return
        stamp = msg.header.stamp.sec + msg.header.stamp.nanosec * 1e-9
        with self._cond:
            self._state = RobotState(stamp, np.array(arm), np.array(vel), float(finger))
            self._state_wall = time.monotonic()
            self._cond.notify_all()

    def on_scene(self, msg: String):
        """Keep the latest scene state."""
        try:
            scene = json.loads(msg.data)
        except ValueError:
            self._node.get_logger().warning('ignoring a scene state that is not JSON')
            return
        with self._cond:
            self._scene, self._scene_wall = scene, time.monotonic()

    # ------------------------------------------------------------------ Robot interface
    def latest(self):
        with self._cond:
            return self._state

    def wait_state(self, not_before: float, timeout: float):
        """Return the first joint state stamped at or after `not_before`.

        None when no joint state has arrived for `timeout` seconds (wall clock).
        """
        with self._cond:
            while True:
                state = self._state
                if state is not None and state.stamp >= not_before - 1e-6:
                    return state
                last = self._state_wall if state is not None else self._created
                remaining = timeout - (time.monotonic() - last)
                if remaining <= 0.0:
                    return None
                self._cond.wait(remaining)

    def scene(self):
        """Return (latest scene state, its age in s); (None, inf) before the first."""
        with self._cond:
            if self._scene is None:
                return None, float('inf')
            return self._scene, time.monotonic() - self._scene_wall

    def send_arm(self, joints, duration):
        self.send_arm_path([(joints, duration)])

    def send_arm_path(self, points):
        msg = JointTrajectory(joint_names=list(ARM_JOINTS))
        msg.points = [JointTrajectoryPoint(positions=[float(v) for v in q],
                                           time_from_start=_seconds(t)) for q, t in points]
        self._arm_pub.publish(msg)
        if self.first_command_wall is None:
            self.first_command_wall = time.perf_counter()

    def send_gripper(self, opening):
        self._gripper_pub.publish(Float64MultiArray(data=[float(opening)]))
        if self.first_command_wall is None:
            self.first_command_wall = time.perf_counter()

    def hold(self):
        """Stop the arm where it is: an empty trajectory, as joint_trajectory_controller takes."""
        self._arm_pub.publish(JointTrajectory(joint_names=list(ARM_JOINTS)))


class LamNode(LifecycleNode):
    """The LAM node `lam_node`."""

    def __init__(self, **kwargs):
        super().__init__('lam_node', **kwargs)
        self._declare_parameters()
        self._ids = itertools.count(1)
        self._queue = collections.deque()
        self._wake = threading.Condition()
        self._plan_lock = threading.Lock()
        self._interrupt = None           # (state, reason) for the running command
        self._running = None
        self._estop = False
        self._active = False
        self._worker = None
        self._stopping = threading.Event()
        self._publishers_owned, self._subscriptions_owned = [], []
        self._action = None
        self.planner = self.library = self.runner = self.robot = None
        if self.get_parameter('autostart').value:
            self._autostart = self.create_timer(0.01, self._on_autostart)

    # ------------------------------------------------------------------ parameters
    def _declare_parameters(self):
        def describe(text, **ranges):
            return ParameterDescriptor(description=text, read_only=True, **ranges)

        def rate(lo, hi):
            return [FloatingPointRange(from_value=lo, to_value=hi)]

        d = self.declare_parameter
        d('policy_path', '', describe('ONNX action policy; empty: models/policy.onnx of the '
                                      'package.'))
        d('provider', 'auto', describe('ONNX Runtime provider: auto (GPU if present), cpu, '
                                       'cuda.'))
        d('intent_model_path', '', describe('Intent model (ONNX); empty: '
                                            'models/intent_head.onnx.'))
        d('store_uri', '', describe('Milvus URI of the skill library: empty for Milvus Lite '
                                    'in data_dir, or http://host:19530.'))
        d('data_dir', '', describe('Skill library data directory; empty: '
                                   '$LAM_ROS_DATA_DIR or ~/.local/share/lam_ros.'))
        d('scene_topic', '/lam/scene', describe(
            'Scene state (std_msgs/String JSON) used for grounding and checks: /lam/scene '
            "from lam_perception; /lam_sim/scene_state is the simulator's oracle."))
        d('control_rate_hz', 20.0, describe('Policy control rate in Hz.',
                                            floating_point_range=rate(5.0, 100.0)))
        d('joint_state_timeout_s', 0.5, describe(
            'Watchdog: fail the step and hold the arm after this long without joint states.',
            floating_point_range=rate(0.05, 10.0)))
        d('scene_timeout_s', 2.0, describe('Watchdog: fail the step after this long without '
                                           'a scene state.',
                                           floating_point_range=rate(0.1, 10.0)))
        d('follow_tolerance_rad', 0.3, describe(
            'Watchdog: a joint this far from its goal for follow_timeout_s fails the step.',
            floating_point_range=rate(0.01, 3.0)))
        d('follow_timeout_s', 1.0, describe('See follow_tolerance_rad.',
                                            floating_point_range=rate(0.1, 10.0)))
        d('confirm_below', 0.0, describe(
            'Plans with a confidence below this wait for /lam/confirm (true) before '
            'running; 0 never asks.', floating_point_range=rate(0.0, 1.0)))
        d('confirm_timeout_s', 30.0, describe('How long a plan waits for confirmation.',
                                              floating_point_range=rate(1.0, 600.0)))
        d('on_busy', 'queue', describe('A command arriving while one runs: queue, preempt '
                                       '(cancel the running one) or reject.'))
        d('max_queue', 5, describe('Most commands waiting in the queue.'))
        d('record_episodes', True, describe('Record verified successes in the skill '
                                            'library.'))
        d('autostart', False, describe('Configure and activate at start-up.'))

    def _params(self):
        p = {n: self.get_parameter(n).value for n in (
            'policy_path', 'provider', 'intent_model_path', 'store_uri', 'data_dir',
            'scene_topic', 'control_rate_hz', 'joint_state_timeout_s', 'scene_timeout_s',
            'follow_tolerance_rad', 'follow_timeout_s', 'confirm_below', 'confirm_timeout_s',
            'on_busy', 'max_queue', 'record_episodes')}
        if p['provider'] not in PROVIDERS:
            raise ValueError('parameter provider must be one of %s, got %r' % (
                ', '.join(PROVIDERS), p['provider']))
        if p['on_busy'] not in ON_BUSY:
            raise ValueError('parameter on_busy must be one of %s, got %r' % (
                ', '.join(ON_BUSY), p['on_busy']))
        if not 0 <= p['max_queue'] <= 100:
            raise ValueError('parameter max_queue must be in 0..100, got %d' % p['max_queue'])
        if not p['scene_topic']:
            raise ValueError('parameter scene_topic is empty')
        return p

    # ------------------------------------------------------------------ lifecycle
    def _on_autostart(self):
        self.destroy_timer(self._autostart)
        if self.trigger_configure() == TransitionCallbackReturn.SUCCESS:
            self.trigger_activate()

    def on_configure(self, state: State) -> TransitionCallbackReturn:
        try:
            self.params = self._params()
            self._load(self.params)
        except Exception as err:        # any reason is reported, nothing half-loaded stays
            self.get_logger().error('configure failed: %s' % err)
            self._release()
            return TransitionCallbackReturn.FAILURE
        self._create_interfaces(self.params)
        self._stopping.clear()
        self._worker = threading.Thread(target=self._work, name='lam_node_worker',
                                        daemon=True)
        self._worker.start()
        self.get_logger().info('configured: policy on %s, skill library %s, %d skills' % (
            self.policy.provider, self.library.uri, len(self.planner.specs)))
        return TransitionCallbackReturn.SUCCESS

    def _load(self, p):
        from lam_ros.execution.stepper import SkillStepper
        from lam_ros.execution.world_model import KinematicWorld
        from lam_ros.language.intent_model import IntentModel
        from lam_ros.language.planner import Planner
        from lam_ros.policy.runtime import PolicyRunner
        from lam_ros.skills.library import SkillLibrary
        started = time.perf_counter()
        self.policy = PolicyRunner(p['policy_path'] or None, provider=p['provider'])
        self.get_logger().info('policy %s runs on %s' % (self.policy.path, self.policy.provider))
        self.library = SkillLibrary(uri=p['store_uri'] or None, data_dir=p['data_dir'] or None)
        if self.library.store.active_version('exemplars') is None:
            self.get_logger().warning('skill library at %s is empty; syncing it' %
                                      self.library.uri)
            self.library.sync()
        self.planner = Planner(self.library, IntentModel(p['intent_model_path'] or None))
        self.planner.warm_up()
        self.world = KinematicWorld()
        self.stepper = SkillStepper(self.policy, self.world.ik, p['control_rate_hz'])
        self.get_logger().info('loaded in %.1f s' % (time.perf_counter() - started))

    def _create_interfaces(self, p):
        self._status_pub = self.create_publisher(String, '/lam/status', LATCHED)
        self._marker_pub = self.create_publisher(MarkerArray, '/lam/plan', LATCHED)
        arm_pub = self.create_publisher(JointTrajectory, 'arm_controller/joint_trajectory',
                                        COMMANDS)
        gripper_pub = self.create_publisher(Float64MultiArray, 'gripper_controller/commands',
                                            COMMANDS)
        self.robot = RosRobot(self, arm_pub, gripper_pub)
        self.runner = PlanRunner(self.robot, self.stepper, self.world, self.planner.specs,
                                 RunnerConfig(control_hz=p['control_rate_hz'],
                                              joint_state_timeout=p['joint_state_timeout_s'],
                                              scene_timeout=p['scene_timeout_s'],
                                              follow_tolerance=p['follow_tolerance_rad'],
                                              follow_timeout=p['follow_timeout_s']))
        latest = QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE)
        self._publishers_owned = [self._status_pub, self._marker_pub, arm_pub, gripper_pub]
        self._subscriptions_owned = [
            # only the newest sample matters: a backlog would be stale
            self.create_subscription(JointState, 'joint_states', self.robot.on_joint_state,
                                     latest),
            self.create_subscription(String, p['scene_topic'], self.robot.on_scene,
                                     QoSProfile(depth=1, reliability=ReliabilityPolicy.RELIABLE,
                                                durability=DurabilityPolicy.TRANSIENT_LOCAL)),
            self.create_subscription(String, '/lam/command', self._on_command, COMMANDS),
            self.create_subscription(Bool, '/lam/confirm', self._on_confirm, COMMANDS),
            self.create_subscription(Empty, '/lam/cancel', self._on_cancel, COMMANDS),
            self.create_subscription(Bool, '/lam/estop', self._on_estop, COMMANDS),
        ]
        try:
            from lam_interfaces.action import Execute
        except ImportError as err:
            self.get_logger().warning('action /lam/execute not offered: %s (build '
                                      'lam_interfaces)' % err)
            self._action = None
        else:
            self._action = ActionServer(
                self, Execute, '/lam/execute', execute_callback=self._on_goal,
                goal_callback=lambda goal: GoalResponse.ACCEPT,
                cancel_callback=lambda handle: CancelResponse.ACCEPT)

    def on_activate(self, state: State) -> TransitionCallbackReturn:
        self._active = True
        self.get_logger().info('active: send commands on /lam/command or /lam/execute')
        return TransitionCallbackReturn.SUCCESS

    def on_deactivate(self, state: State) -> TransitionCallbackReturn:
        self._active = False
        self._stop_all('cancelled', 'lam_node was deactivated')
        return TransitionCallbackReturn.SUCCESS

    def on_cleanup(self, state: State) -> TransitionCallbackReturn:
        self._shutdown_worker()
        self._destroy_interfaces()
        self._release()
        return TransitionCallbackReturn.SUCCESS

    def on_shutdown(self, state: State) -> TransitionCallbackReturn:
        self.close()
        self._destroy_interfaces()
        self._release()
        return TransitionCallbackReturn.SUCCESS

    def close(self):
        """End the running command (the arm holds) and stop the worker."""
        self._active = False
        self._stop_all('cancelled', 'lam_node is shutting down')
        self._shutdown_worker()

    def _shutdown_worker(self):
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=10.0)
            self._worker = None

    def _destroy_interfaces(self):
        if getattr(self, '_action', None) is not None:
            self._action.destroy()
            self._action = None
        for sub in self._subscriptions_owned:
            self.destroy_subscription(sub)
        for pub in self._publishers_owned:
            self.destroy_publisher(pub)
        self._subscriptions_owned, self._publishers_owned = [], []

    def _release(self):
        if self.library is not None:
            self.library.close()
        self.library = self.planner = self.runner = None

    # ------------------------------------------------------------------ status
    def _publish(self, request, state, step=None, reason=None, **extra):
        status = {'id': request['id'], 'command': request['command'], 'state': state,
                  'step': step, 'plan': request.get('plan', []), 'reason': reason,
                  'latency_ms': request.get('latency_ms', {})}
        status.update(extra)
        self._status_pub.publish(String(data=json.dumps(status)))
        handle = request.get('goal_handle')
        if handle is not None and step is not None:
            from lam_interfaces.action import Execute
            feedback = Execute.Feedback(
                step_index=step['index'], step_count=len(request.get('plan', [])),
                task=step['task'], auto_inserted=bool(step['auto']), state=step['outcome'],
                status_json=json.dumps(status))
            handle.publish_feedback(feedback)
        request.setdefault('history', []).append(status)
        return status

    def _markers(self, request, outcomes):
        """Draw the plan for RViz: a numbered label over each step's target."""
        from lam_ros.policy.features import target_of
        colours = {'pending': (0.7, 0.7, 0.7), 'running': (1.0, 0.8, 0.0),
                   'succeeded': (0.1, 0.8, 0.1), 'failed': (0.9, 0.1, 0.1)}
        markers = MarkerArray()
        markers.markers.append(Marker(action=Marker.DELETEALL, ns='lam_plan'))
        state = self.robot.latest() if self.robot else None
        scene, _ = self.robot.scene() if self.robot else (None, 0)
        if state is None or scene is None:
            self._marker_pub.publish(markers)
            return
        try:
            view = self.world.view(state.arm, state.finger, 0.0, scene)
        except ValueError:
            return
        for i, step in enumerate(request.get('plan', [])):
            target = target_of(step['task'], view)
            if target is None:
                continue
            outcome = outcomes.get(i, 'pending')
            m = Marker(ns='lam_plan', id=i, type=Marker.TEXT_VIEW_FACING, action=Marker.ADD)
            m.header.frame_id = 'panda_link0'
            m.pose.position.x, m.pose.position.y = float(target[0][0]), float(target[0][1])
            m.pose.position.z = float(target[0][2]) + 0.08 + 0.04 * i
            m.pose.orientation.w = 1.0
            m.scale.z = 0.03
            m.color.r, m.color.g, m.color.b = colours.get(outcome, colours['failed'])
            m.color.a = 1.0
            m.text = '%d. %s%s' % (i + 1, step['task'], ' (auto)' if step['auto'] else '')
            markers.markers.append(m)
        self._marker_pub.publish(markers)

    # ------------------------------------------------------------------ commands in
    def _on_command(self, msg: String):
        self.submit(msg.data)

    def submit(self, text: str, goal_handle=None, confirmed=False, future=None):
        """Plan a command and queue it; return the request ('done' is set at the end)."""
        received = time.perf_counter()
        request = {'id': next(self._ids), 'command': text, 'received': received,
                   'goal_handle': goal_handle, 'confirmed': confirmed,
                   'done': threading.Event(), 'future': future, 'final': None}
        reason = self._refusal()
        plan = None
        if reason is None:
            with self._wake:        # queued behind others: plan from where they will leave it
                ahead = self._queue[-1] if self._queue else self._running
            plan, reason = self._plan(request, ahead['expected'] if ahead else None)
        if reason is not None:
            self._finish(request, 'rejected', reason)
            return request
        with self._wake:
            busy = self._running is not None or self._queue
            mode = self.params['on_busy']
            if busy and mode == 'reject':
                reason = 'busy with command %s (on_busy: reject)' % (
                    self._running['id'] if self._running else self._queue[0]['id'])
            elif busy and mode == 'queue' and len(self._queue) >= self.params['max_queue']:
                reason = 'the queue is full (%d commands)' % self.params['max_queue']
            if reason is None:
                if busy and mode == 'preempt':
                    self._cancel_queue('cancelled', 'preempted by command %d' % request['id'])
                    if self._running is not None:
                        self._interrupt = ('cancelled', 'preempted by command %d' % request['id'])
                request['replan'] = busy
                self._queue.append(request)
                self._wake.notify_all()
        if reason is not None:
            self._finish(request, 'rejected', reason)
            return request
        self._publish(request, 'accepted', queued=bool(busy),
                      confidence=plan['confidence'], alternatives=plan.get('alternatives'))
        return request

    def _refusal(self):
        if not self._active:
            return 'lam_node is not active (configure and activate it)'
        if self._estop:
            return 'the e-stop is engaged: release it (false on /lam/estop) first'
        if self.robot.scene()[0] is None:
            return 'no scene state yet on %s' % self.params['scene_topic']
        return None

    def _plan(self, request, state=None):
        """Plan against a symbolic state (default: the latest scene).

        Returns (plan, None) or (None, reason); the request keeps the state its plan is
        expected to leave, which a command queued behind it is planned against.
        """
        from lam_ros.language.planner import symbolic
        from lam_ros.world.tasks import TASKS
        if state is None:
            state = symbolic(self.robot.scene()[0])
        with self._plan_lock:
            started = time.perf_counter()
            result = self.planner.plan(request['command'], state)
            timing = dict(self.planner.last_timing)
        timing['plan'] = round((time.perf_counter() - started) * 1000.0, 2)
        request['latency_ms'] = timing
        if not result['ok']:
            return None, result['reason']
        request['plan'] = result['steps']
        request['confidence'] = result['confidence']
        for step in result['steps']:
            state = TASKS[step['task']].effects(state)
        request['expected'] = state
        return result, None

    def _on_confirm(self, msg: Bool):
        with self._wake:
            waiting = next((r for r in self._queue if r.get('awaiting')), None)
            if waiting is None:
                self.get_logger().warning('nothing waits for confirmation')
                return
            waiting['confirmed'] = bool(msg.data)
            waiting['answered'] = True
            self._wake.notify_all()

    def _on_cancel(self, msg: Empty):
        self._stop_all('cancelled', 'cancelled on /lam/cancel')

    def _on_estop(self, msg: Bool):
        if msg.data and not self._estop:
            self._estop = True
            if self.robot is not None:
                self.robot.hold()                  # at once, not at the next control step
            self._stop_all('stopped', 'e-stop')
            self.get_logger().warning('E-STOP engaged: arm held, commands refused until '
                                      'released')
        elif not msg.data and self._estop:
            self._estop = False
            self.get_logger().info('e-stop released')

    def _stop_all(self, state, reason):
        with self._wake:
            self._cancel_queue(state, reason)
            if self._running is not None:
                self._interrupt = (state, reason)
            self._wake.notify_all()

    def _cancel_queue(self, state, reason):
        while self._queue:
            self._finish(self._queue.popleft(), state, reason)

    async def _on_goal(self, goal_handle):
        # a coroutine: the executor goes on serving callbacks while the command runs
        from lam_interfaces.action import Execute
        from rclpy.task import Future
        done = Future()
        request = self.submit(goal_handle.request.command, goal_handle,
                              goal_handle.request.confirmed, done)
        await done
        final = request['final']
        result = Execute.Result(success=final['state'] == 'succeeded', state=final['state'],
                                reason=final['reason'] or '',
                                plan_json=json.dumps(request.get('plan', [])),
                                report_json=json.dumps(request.get('report', {})))
        if final['state'] == 'succeeded':
            goal_handle.succeed()
        elif final['state'] == 'cancelled' and goal_handle.is_cancel_requested:
            goal_handle.canceled()
        else:
            goal_handle.abort()
        return result

    # ------------------------------------------------------------------ execution
    def _work(self):
        while not self._stopping.is_set():
            with self._wake:
                while not self._queue and not self._stopping.is_set():
                    self._wake.wait(0.5)
                if self._stopping.is_set():
                    return
                request = self._queue[0]
                if not self._confirmed(request):
                    continue
                self._queue.popleft()
                self._running, self._interrupt = request, None
            try:
                self._execute(request)
            except Exception as err:                  # never leave a command hanging
                self.get_logger().error('command %d: %s\n%s' % (
                    request['id'], err, traceback.format_exc()))
                self.robot.hold()
                self._finish(request, 'failed', 'internal error: %s' % err)
            finally:
                with self._wake:
                    self._running = None

    def _confirmed(self, request):
        """Whether a queued plan may run; waits (lock held by caller) for an answer."""
        threshold = self.params['confirm_below']
        if request['confirmed'] or request.get('confidence', 1.0) >= threshold:
            return True
        if not request.get('awaiting'):
            request['awaiting'] = True
            request['asked'] = time.monotonic()
            self._publish(request, 'accepted', awaiting_confirmation=True,
                          confidence=request.get('confidence'))
        if request.get('answered'):
            self._queue.popleft()
            if request['confirmed']:
                self._queue.appendleft(request)
                return True
            self._finish(request, 'rejected', 'not confirmed by the operator')
            return False
        if time.monotonic() - request['asked'] > self.params['confirm_timeout_s']:
            self._queue.popleft()
            self._finish(request, 'rejected', 'no confirmation within %.0f s' % (
                self.params['confirm_timeout_s']))
            return False
        self._wake.wait(0.1)
        return False

    def _execute(self, request):
        if request.get('replan'):                    # the scene changed while it waited
            plan, reason = self._plan(request)
            if reason is not None:
                self._finish(request, 'rejected', reason)
                return
        self.robot.first_command_wall = None
        outcomes = {}
        plan = request['plan']
        self._markers(request, outcomes)

        def emit(index, outcome, reason):
            outcomes[index] = outcome
            step = dict(plan[index], index=index, outcome=outcome)
            if outcome == 'running' or outcome == 'succeeded':
                self._publish(request, 'running', step=step)
            else:
                request['failed_step'] = step
            self._markers(request, outcomes)

        def interrupted():
            handle = request.get('goal_handle')
            if handle is not None and handle.is_cancel_requested:
                return ('cancelled', 'cancelled by the action client')
            return self._interrupt

        result = self.runner.run(plan, emit, interrupted)
        if self.robot.first_command_wall is not None:
            request['latency_ms']['first_command'] = round(
                (self.robot.first_command_wall - request['received']) * 1000.0, 2)
        if 'first_inference_ms' in result['timing']:
            request['latency_ms']['first_inference'] = result['timing']['first_inference_ms']
        request['report'] = {'id': request['id'], 'command': request['command'],
                             'plan': plan, 'state': result['state'],
                             'reason': result['reason'], 'steps': result['steps'],
                             'latency_ms': request['latency_ms']}
        self._finish(request, result['state'], result['reason'],
                     step=request.get('failed_step'))
        if result['state'] == 'succeeded' and self.params['record_episodes']:
            try:
                self.library.record_episode(
                    request['command'], plan, 'succeeded',
                    {'seconds': sum(s.get('seconds', 0.0) for s in result['steps'])})
            except Exception as err:                  # the robot did it; a log is enough
                self.get_logger().warning('could not record the episode: %s' % err)

    def _finish(self, request, state, reason, step=None):
        request['final'] = self._publish(request, state, step=step, reason=reason)
        if state in ('rejected', 'failed', 'cancelled', 'stopped'):
            self.get_logger().info('command %d %s: %s' % (request['id'], state, reason))
        else:
            self.get_logger().info('command %d %s' % (request['id'], state))
        request['done'].set()
        if request['future'] is not None:
            request['future'].set_result(True)
            if self.executor is not None:
                self.executor.wake()


def main(args=None):
    # Ctrl-C is handled here, not by rclpy, so that the context is still valid while
    # the node holds the arm and ends the running command.
    rclpy.init(args=args, signal_handler_options=SignalHandlerOptions.NO)
    node = None
    # One thread serves all callbacks (cheap: rclpy's multi-threaded executor costs far
    # more per message); plans run in the node's worker thread.
    executor = SingleThreadedExecutor()
    try:
        node = LamNode()
        executor.add_node(node)
        while rclpy.ok():
            executor.spin_once(timeout_sec=0.1)   # returns to Python, so Ctrl-C is seen
    except (KeyboardInterrupt, ExternalShutdownException):
        pass
    finally:
        if node is not None:
            node.close()
            node.destroy_node()
        rclpy.try_shutdown()


if __name__ == '__main__':
    main()
