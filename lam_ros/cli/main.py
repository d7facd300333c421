"""`lam-ros`: one command-line entry point with a subcommand per job.

    lam-ros sim      run the simulator node lam_sim (ROS 2), until Ctrl-C
    lam-ros expert   run the scripted expert over tasks and print its success rate

Subcommands parse their own arguments and import their heavy modules lazily, so
`lam-ros --help` is instant and a missing optional dependency only affects its user.
"""

import argparse
import json
import logging
import sys

log = logging.getLogger('lam_ros')


def _add_sim(sub):
    p = sub.add_parser('sim', help='run the MuJoCo desk as the ROS 2 node lam_sim',
                       description='Run the MuJoCo CALVIN desk as the ROS 2 node lam_sim. '
                       'Extra arguments after --ros-args go to ROS.')
    p.add_argument('--seed', type=int, default=None, help='scene seed (default 0)')
    p.add_argument('--task', default=None, help='draw the scene for this CALVIN task')
    p.add_argument('--params', default=None, help='ROS parameter file (config/sim.yaml)')
    p.add_argument('--camera-rate', type=float, default=None,
                   help='camera images per simulated second; 0 turns cameras off')
    p.add_argument('--real-time-factor', type=float, default=None,
                   help='simulated seconds per wall second; 0 = as fast as possible')
    p.add_argument('--use-sim-time', action='store_true', help='publish /clock, stamp in sim time')
    p.set_defaults(run=_run_sim)


def _run_sim(args, ros_args):
    from lam_ros.nodes import sim_node
    params = ['--params-file', args.params] if args.params else []
    for name, value in (('seed', args.seed), ('task', args.task),
                        ('camera_rate_hz', args.camera_rate),
                        ('real_time_factor', args.real_time_factor)):
        if value is not None:
            params += ['-p', '%s:=%s' % (name, value)]
    if args.use_sim_time:
        params += ['-p', 'use_sim_time:=true']
    sim_node.main(['lam-ros-sim', '--ros-args'] + params + ros_args)
    return 0


def _add_expert(sub):
    p = sub.add_parser('expert', help='solve tasks with the scripted expert and score it',
                       description='Solve CALVIN tasks with the scripted expert (IK through '
                       'the controller layer, in-process, faster than real time) from random '
                       'valid scenes, and score each episode with the physics success check.')
    p.add_argument('--tasks', default='all', help='"all" or comma-separated task keys')
    p.add_argument('--episodes', type=int, default=5, help='episodes per task (default 5)')
    p.add_argument('--seed', type=int, default=0, help='run seed (default 0)')
    p.add_argument('--json', action='store_true', help='print only one JSON object')
    p.add_argument('--video', default=None,
                   help='write the static camera to this .mp4 or .gif (e.g. out/expert.mp4)')
    p.set_defaults(run=_run_expert)


def _run_expert(args, ros_args):
    from lam_ros.expert.evaluate import run_expert
    from lam_ros.world.tasks import resolve_tasks
    try:
        tasks = resolve_tasks(args.tasks)
    except ValueError as err:
        print('lam-ros expert: %s' % err, file=sys.stderr)
        return 2
    if args.episodes < 1:
        print('lam-ros expert: --episodes must be at least 1', file=sys.stderr)
        return 2

    def report(record):
        if not args.json:
            print('%-26s episode %d  %s  (%.1f s simulated)%s' % (
                record['task'], record['episode'],
                'success' if record['success'] else 'FAILED ', record['sim_seconds'],
                '  ' + record['error'] if record['error'] else ''), flush=True)

    writer = None
    if args.video:
        from lam_ros.world.video import VideoWriter
        writer = VideoWriter(args.video)
    try:
        result = run_expert(tasks, args.episodes, args.seed, on_episode=report, on_frame=writer)
    finally:
        if writer is not None:
            writer.close()
    if args.json:
        print(json.dumps(result))
    else:
        print('success rate %.3f over %d episodes; %.1f s simulated in %.1f s wall (%.0fx real '
              'time)' % (result['success_rate'], result['episodes'], result['sim_seconds'],
                         result['wall_seconds'],
                         result['sim_seconds'] / max(result['wall_seconds'], 1e-9)))
        if writer is not None:
            print('video: %s (%d frames of static_camera)' % (args.video, writer.frames))
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog='lam-ros', description='lam_ros: an offline Large Action Model stack for ROS 2.')
    parser.add_argument('-v', '--verbose', action='store_true', help='log debug details')
    sub = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')
    _add_sim(sub)
    _add_expert(sub)
    return parser


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    ros_args = []
    if '--ros-args' in argv:
        i = argv.index('--ros-args')
        argv, ros_args = argv[:i], argv[i + 1:]
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format='%(levelname)s %(name)s: %(message)s', stream=sys.stderr)
    return args.run(args, ros_args)


if __name__ == '__main__':
    sys.exit(main())
