"""`lam-ros`: one command-line entry point with a subcommand per job.

    lam-ros demo     the main job: one command end to end in the simulator, verified
    lam-ros up       start lam_sim and lam_node (configured and active) until Ctrl-C
    lam-ros sim      run the simulator node lam_sim (ROS 2), until Ctrl-C
    lam-ros node     run the LAM node lam_node (ROS 2 lifecycle node), until Ctrl-C
    lam-ros expert   run the scripted expert over tasks and print its success rate
    lam-ros skills   sync, list, search and add skills in the Milvus skill library
    lam-ros plan     turn a command into a checked, grounded plan of tasks (or refuse)
    lam-ros listen   recognise spoken commands (microphone or a WAV file), offline

Subcommands parse their own arguments and import their heavy modules lazily, so
`lam-ros --help` is instant and a missing optional dependency only affects its user.
"""

import argparse
import json
import logging
import sys
from pathlib import Path

from lam_ros.voice.cli import add_parser as _add_listen

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


def _add_node(sub):
    p = sub.add_parser('node', help='run the LAM node lam_node (a lifecycle node)',
                       description='Run lam_node: commands on /lam/command and /lam/execute, '
                       'status on /lam/status. Extra arguments after --ros-args go to ROS.')
    p.add_argument('--params', default=None, help='ROS parameter file (config/lam.yaml)')
    p.add_argument('--autostart', action='store_true', help='configure and activate at once')
    p.set_defaults(run=_run_node)


def _run_node(args, ros_args):
    from lam_ros.nodes import lam_node
    params = ['--params-file', args.params] if args.params else []
    if args.autostart:
        params += ['-p', 'autostart:=true']
    lam_node.main(['lam-ros-node', '--ros-args'] + params + ros_args)
    return 0


def _add_up(sub):
    p = sub.add_parser('up', help='start lam_sim, lam_perception and lam_node until Ctrl-C',
                       description='Start the simulator, perception and the LAM node as child '
                       'processes, configure and activate lam_node, and run until Ctrl-C (what '
                       'launch/lam.launch.py sim:=true does for colcon users).')
    p.add_argument('--params', default=None, help='lam_node parameter file (config/lam.yaml)')
    p.add_argument('--sim-params', default=None, help='lam_sim parameter file (config/sim.yaml)')
    p.add_argument('--seed', type=int, default=None, help='scene seed of the simulator')
    p.add_argument('--scene', default='perception', choices=['perception', 'oracle'],
                   help="lam_node's scene: the cameras through lam_perception (default) or "
                   "the simulator's oracle")
    p.set_defaults(run=_run_up)


def _run_up(args, ros_args):
    import time
    from lam_ros.cli.stack import Stack
    sim = {'seed': args.seed} if args.seed is not None else {}
    stack = Stack(args.params, args.sim_params, sim_overrides=sim, scene=args.scene).start()
    try:
        while not stack.dead():
            time.sleep(0.5)
        print('lam-ros up: %s exited' % stack.dead(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


def _add_demo(sub):
    from lam_ros.cli.demo import DEFAULT_COMMAND
    p = sub.add_parser('demo', help='the main job: one command end to end in the simulator',
                       description='Start lam_sim and lam_node, send a command on /lam/command, '
                       'print the plan and each step as it happens, record the static camera '
                       'and write a JSON report; exit 0 only when the scene oracle confirms '
                       'success.')
    p.add_argument('text', nargs='*', help='the command (default: "%s")' % DEFAULT_COMMAND)
    p.add_argument('--seed', type=int, default=0, help='scene seed (default 0)')
    p.add_argument('--out', default='out', help='output folder (default out/)')
    p.add_argument('--video', default='demo.mp4', help='video file name in --out (.mp4/.gif)')
    p.add_argument('--timeout', type=float, default=240.0, help='seconds for the command')
    p.add_argument('--scene', default='perception', choices=['perception', 'oracle'],
                   help="lam_node's scene: the cameras through lam_perception (default) or "
                   "the simulator's oracle")
    p.set_defaults(run=_run_demo)


def _run_demo(args, ros_args):
    from lam_ros.cli.demo import DEFAULT_COMMAND, run_demo
    text = ' '.join(args.text) or DEFAULT_COMMAND
    return run_demo(text, out_dir=args.out, seed=args.seed, timeout=args.timeout,
                    video_name=args.video, scene=args.scene,
                    log=lambda m: print(m, flush=True))


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


def _usage(command, err):
    """Print a usage error of `lam-ros COMMAND` and return its exit status (2)."""
    print('lam-ros %s: %s' % (command, err), file=sys.stderr)
    return 2


def _run_expert(args, ros_args):
    from lam_ros.expert.evaluate import run_expert
    from lam_ros.world.tasks import resolve_tasks
    try:
        tasks = resolve_tasks(args.tasks)
    except ValueError as err:
        return _usage('expert', err)
    if args.episodes < 1:
        return _usage('expert', '--episodes must be at least 1')

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


def _add_skills(sub):
    p = sub.add_parser('skills', help='the skill library in Milvus (sync, list, search, add)',
                       description='Skills, exemplars and past episodes in Milvus, searched '
                       'by meaning. Milvus Lite (a .db file in the data directory) unless '
                       '--uri names a server.')
    _add_library_options(p)
    actions = p.add_subparsers(dest='action', required=True, metavar='ACTION')
    actions.add_parser('sync', help='load/refresh specs and exemplars into the store')
    lister = actions.add_parser('list', help='list the skills in the store')
    lister.add_argument('--json', action='store_true', help='print one JSON object')
    search = actions.add_parser('search', help='search the store by meaning')
    search.add_argument('--json', action='store_true', help='print one JSON object')
    search.add_argument('--collection', default='exemplars',
                        choices=('exemplars', 'skills', 'episodes'))
    search.add_argument('--k', type=int, default=5, help='results to return (default 5)')
    search.add_argument('text', nargs='+', help='what to search for')
    add = actions.add_parser('add', help='validate and add a skill family file, then sync')
    add.add_argument('--file', required=True, help='a skill family YAML (see config/skills)')
    p.set_defaults(run=_run_skills)


def _run_skills(args, ros_args):
    from lam_ros.skills.encoder import EncoderUnavailable
    from lam_ros.skills.library import SkillLibrary
    from lam_ros.skills.spec import SpecError
    from lam_ros.skills.store import StoreEmpty, StoreUnavailable
    if args.action == 'search' and not 1 <= args.k <= 100:
        print('lam-ros skills: --k must be between 1 and 100', file=sys.stderr)
        return 2
    library = None
    try:
        library = SkillLibrary(uri=args.uri, data_dir=args.data_dir, calvin_dir=args.calvin)
        if args.action == 'sync':
            report = library.sync()
            print(json.dumps(report) if report['changed'] else
                  'skill library at %s is up to date (%d skills, %d exemplars)' % (
                      report['uri'], report['skills'], report['exemplars']))
        elif args.action == 'list':
            skills = library.list_skills()
            if args.json:
                print(json.dumps({'uri': library.uri, 'skills': skills}))
            else:
                for skill in skills:
                    print('%3d  %-24s %-16s %s' % (skill['policy_skill_id'], skill['task'],
                                                   skill['family'], skill['description']))
        elif args.action == 'search':
            result = library.search(' '.join(args.text), args.collection, args.k)
            if args.json:
                print(json.dumps(result))
            else:
                for hit in result['results']:
                    print('%.3f  %-24s %s' % (hit['score'], hit['task'], hit['text']))
                print('(%.1f ms)' % result['latency_ms'])
        elif args.action == 'add':
            report = library.add(args.file)
            print('added %s from %s' % (', '.join(report['added']), report['file']))
    except SpecError as err:
        print('lam-ros skills: invalid skill spec: %s' % err, file=sys.stderr)
        return 2
    except (StoreUnavailable, StoreEmpty, EncoderUnavailable) as err:
        print('lam-ros skills: %s' % err, file=sys.stderr)
        return 3
    finally:
        if library is not None:
            library.close()
    return 0


def _add_library_options(p):
    p.add_argument('--uri', default=None, help='Milvus URI: a .db file (Milvus Lite) or '
                   'http://host:19530 (default: DATA_DIR/skills.db)')
    p.add_argument('--data-dir', default=None, help='data directory (default '
                   '$LAM_ROS_DATA_DIR or ~/.local/share/lam_ros)')
    p.add_argument('--calvin', default=None, help='folder with CALVIN new_playtable.yaml '
                   '(default $LAM_ROS_CALVIN_DIR or ../shared/calvin beside the checkout)')


def _add_plan(sub):
    p = sub.add_parser('plan', help='plan a command (or refuse it, with the reason)',
                       description='Turn an operator command into a checked plan of CALVIN '
                       'tasks grounded in a scene state, or refuse it with a reason.')
    _add_library_options(p)
    p.add_argument('--json', action='store_true', help='print JSON (one object per command)')
    p.add_argument('--scene', default=None, help='scene state JSON file, or "none" for the '
                   'intent alone (default: the default simulator scene, seed 0)')
    p.add_argument('--file', default=None, help='read one command per line ("-" is stdin)')
    p.add_argument('--model', default=None, help='intent model ONNX file (default '
                   'models/intent_head.onnx of the package)')
    p.add_argument('text', nargs='*', help='the command')
    p.set_defaults(run=_run_plan)


def _add_train_intent(sub):
    p = sub.add_parser('train-intent', help='train the intent model (small, on the CPU)',
                       description='Train the intent head on generated commands, the skill '
                       'exemplars, the CALVIN training split and the written instructions in '
                       'lam_ros/language/data; export it to ONNX with a '
                       'metadata file. Reproducible from --seed.')
    p.add_argument('--out', default='models/intent_head.onnx', help='ONNX file to write '
                   '(metadata beside it, .json)')
    p.add_argument('--seed', type=int, default=0, help='random seed (corpus and training)')
    p.add_argument('--epochs', type=int, default=12, help='training epochs')
    p.add_argument('--calvin', default=None, help='folder with CALVIN new_playtable.yaml '
                   '(default $LAM_ROS_CALVIN_DIR or ../shared/calvin beside the checkout)')
    p.add_argument('--dev', action='append', default=[], help='YAML {task: [text]} to report '
                   'accuracy on after training (repeatable; never trained on)')
    p.set_defaults(run=_run_train_intent)


def _run_train_intent(args, ros_args):
    import yaml

    from lam_ros.language.intent_model import train
    from lam_ros.skills.library import default_calvin_dir
    calvin = Path(args.calvin) if args.calvin else default_calvin_dir()
    if calvin is None or not (calvin / 'new_playtable.yaml').is_file():
        print('lam-ros train-intent: CALVIN new_playtable.yaml not found; pass --calvin DIR',
              file=sys.stderr)
        return 2
    dev = []
    for path in args.dev:
        dev += [(t, k) for k, v in yaml.safe_load(Path(path).read_text()).items() for t in v]
    meta = train(args.out, calvin_dir=calvin, seed=args.seed, epochs=args.epochs, dev=dev)
    print(json.dumps({'model': args.out, 'training': meta['training'],
                      'dev_accuracy': meta.get('dev_accuracy')}))
    return 0


def _run_plan(args, ros_args):
    from lam_ros.language.intent_model import IntentModel, IntentModelError
    from lam_ros.language.planner import default_scene, Planner
    from lam_ros.skills.library import SkillLibrary
    from lam_ros.skills.spec import SpecError
    from lam_ros.skills.store import StoreEmpty, StoreUnavailable
    if args.file is None and not args.text:
        print('lam-ros plan: give a command, or --file FILE', file=sys.stderr)
        return 2
    if args.scene is None:
        scene = default_scene()
    elif args.scene == 'none':
        scene = None
    else:
        try:
            scene = json.loads(Path(args.scene).read_text())
        except (OSError, ValueError) as err:
            print('lam-ros plan: cannot read scene %s: %s' % (args.scene, err),
                  file=sys.stderr)
            return 2
    library = None
    try:
        library = SkillLibrary(uri=args.uri, data_dir=args.data_dir, calvin_dir=args.calvin)
        if library.store.active_version('exemplars') is None:
            log.warning('skill library at %s is empty; syncing it first', library.uri)
            library.sync()
        planner = Planner(library, IntentModel(args.model))
        planner.warm_up()
        if args.file is None:
            result = planner.plan(' '.join(args.text), scene)
            _print_plan(result, args.json)
            return 0 if result['ok'] else 2
        stream = sys.stdin if args.file == '-' else open(args.file)
        with stream:
            for line in stream:
                _print_plan(planner.plan(line.rstrip('\n'), scene), args.json)
                sys.stdout.flush()
        return 0
    except (StoreUnavailable, StoreEmpty, SpecError, IntentModelError, ValueError) as err:
        print('lam-ros plan: %s' % err, file=sys.stderr)
        return 3
    finally:
        if library is not None:
            library.close()


def _print_plan(result, as_json):
    if as_json:
        print(json.dumps(result))
    elif result['ok']:
        print('plan (confidence %.2f, %.1f ms):' % (result['confidence'], result['latency_ms']))
        for i, step in enumerate(result['steps']):
            print('  %d. %s%s' % (i + 1, step['task'], '  (added: needed first)'
                                  if step['auto'] else ''))
    else:
        print('refused: %s' % result['reason'])


def _add_policy(sub):
    p = sub.add_parser('demos', help='record expert demonstrations for training the policy',
                       description='Record observation/action pairs from the scripted expert '
                       'on random valid scenes (format: lam_ros/policy/demos.py).')
    p.add_argument('--tasks', default='all', help='"all" or comma-separated task keys')
    p.add_argument('--episodes', type=int, default=40, help='episodes per task (default 40)')
    p.add_argument('--seed', type=int, default=1000, help='scene seed (default 1000)')
    p.add_argument('--out', default='out/demos', help='output folder (default out/demos)')
    p.set_defaults(run=_run_demos)

    p = sub.add_parser('train', help='train the action policy and export it to ONNX',
                       description='Train the skill-conditioned policy with torch on recorded '
                       'demonstrations (recording them first if DEMOS has none) and export it '
                       'to ONNX with its metadata. Reproducible from --seed.')
    p.add_argument('--demos', default='out/demos', help='demonstrations folder')
    p.add_argument('--episodes', type=int, default=40,
                   help='episodes per task when recording (default 40)')
    p.add_argument('--out', default='models/policy.onnx', help='ONNX file to write')
    p.add_argument('--seed', type=int, default=0, help='training seed (default 0)')
    p.add_argument('--epochs', type=int, default=40, help='training epochs (default 40)')
    p.set_defaults(run=_run_train)

    p = sub.add_parser('eval', help='evaluate the action policy on random scenes',
                       description='Run each task from random valid scenes with the ONNX '
                       'policy, closed loop through the controller layer, in-process (faster '
                       'than real time), and score it with the physics success checks.')
    p.add_argument('--tasks', default='all', help='"all" or comma-separated task keys')
    p.add_argument('--episodes', type=int, default=10, help='episodes per task (default 10)')
    p.add_argument('--seed', type=int, default=123, help='run seed (default 123)')
    p.add_argument('--policy', default=None, help='ONNX policy (default models/policy.onnx)')
    p.add_argument('--provider', default='auto', choices=['auto', 'cpu', 'cuda'],
                   help='ONNX Runtime execution provider (default auto)')
    p.add_argument('--control-hz', type=float, default=20.0, help='control rate (default 20)')
    p.add_argument('--disturb', action='store_true',
                   help='move the target block 3-5 cm while the gripper approaches it')
    p.add_argument('--scene', default='oracle', choices=['oracle', 'perception', 'both'],
                   help="the policy's scene: the simulator's oracle (default), camera "
                   'images through perception, or both side by side in one JSON')
    p.add_argument('--json', action='store_true', help='print only one JSON object')
    p.add_argument('--record', action='store_true', help="store the result in the policy's "
                   'metadata file (policy.json) under "evaluation"')
    p.set_defaults(run=_run_eval)


def _run_demos(args, ros_args):
    from lam_ros.policy.demos import collect
    from lam_ros.world.tasks import resolve_tasks
    try:
        tasks = resolve_tasks(args.tasks)
    except ValueError as err:
        return _usage('demos', err)
    meta = collect(args.out, tasks, args.episodes, args.seed)
    print(json.dumps({k: meta[k] for k in ('kept_episodes', 'total_episodes', 'samples',
                                           'sha256', 'seconds')}))
    return 0


def _run_train(args, ros_args):
    from lam_ros.policy.demos import collect
    from lam_ros.policy.model import train
    if not (Path(args.demos) / 'demos.npz').is_file():
        print('recording demonstrations into %s (%d episodes per task)' % (
            args.demos, args.episodes), flush=True)
        collect(args.demos, None, args.episodes)
    meta = train(args.demos, args.out, seed=args.seed, epochs=args.epochs)
    print(json.dumps({'model': args.out, 'training': meta['training']}))
    return 0


def _run_eval(args, ros_args):
    from lam_ros.policy.evaluate import run_policy
    from lam_ros.policy.runtime import PolicyError, PolicyRunner
    from lam_ros.world.tasks import resolve_tasks
    try:
        tasks = resolve_tasks(args.tasks)
        policy = PolicyRunner(args.policy, provider=args.provider)
    except (ValueError, PolicyError) as err:
        return _usage('eval', err)

    def report(record):
        if not args.json:
            print('%-26s episode %d  %s  (%.1f s simulated)%s%s' % (
                record['task'], record['episode'],
                'success' if record['success'] else 'FAILED ', record['sim_seconds'],
                '  moved' if record['disturbed'] else '',
                '' if record['success'] else '  ' + record['reason']), flush=True)

    scenes = ['oracle', 'perception'] if args.scene == 'both' else [args.scene]
    results = {scene: run_policy(tasks, args.episodes, args.seed, policy,
                                 control_hz=args.control_hz, disturb=args.disturb,
                                 on_episode=report, scene=scene)
               for scene in scenes}
    if len(results) == 1:
        result = results[args.scene]
        print(json.dumps(result))
    else:
        ratio = (results['perception']['success_rate']
                 / max(results['oracle']['success_rate'], 1e-9))
        result = dict(results, perception_vs_oracle=round(ratio, 3))
        print(json.dumps(result))
        return 0
    if args.record:
        meta_path = policy.path.with_suffix('.json')
        meta = json.loads(meta_path.read_text())
        key = 'seed %d, %d episodes per task%s%s' % (
            args.seed, args.episodes, ', disturbed' if args.disturb else '',
            ', perception' if args.scene == 'perception' else '')
        meta.setdefault('evaluation', {})[key] = {
            k: result[k] for k in ('success_rate', 'per_task', 'provider', 'control_hz',
                                   'disturbed_episodes')}
        meta_path.write_text(json.dumps(meta, indent=1) + '\n')
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog='lam-ros', description='lam_ros: an offline Large Action Model stack for ROS 2.')
    parser.add_argument('-v', '--verbose', action='store_true', help='log debug details')
    sub = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')
    _add_sim(sub)
    _add_node(sub)
    _add_up(sub)
    _add_demo(sub)
    _add_expert(sub)
    _add_skills(sub)
    _add_plan(sub)
    _add_train_intent(sub)
    _add_policy(sub)
    _add_listen(sub)
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
