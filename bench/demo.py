"""End-to-end success of the whole stack over DDS: perception-fed against oracle-fed.

Runs `lam-ros demo` (lam_sim + lam_perception + lam_node as separate processes, a
private ROS_DOMAIN_ID each, real time) on each command N times with lam_node grounded on
the cameras (--scene perception) and N times on the simulator's scene state (--scene
oracle), and counts the runs the simulator's oracle confirms (exit code 0: every step
verified, final state as planned). Prints one JSON object: per command and in total,
successes and rate for each scene, the perception/oracle ratio, the failure reasons, and
the median seconds from command to verified success.

Usage: python bench/demo.py [--runs 3] [--seed 0] [COMMAND ...]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [
    'open the drawer and put the red block inside',
    'turn off the light bulb and the LED',
    'slide the door to the right',
    'rotate the pink block to the left',
]
SCENES = ('perception', 'oracle')


def run_once(command, scene, seed, out, index):
    """One demo run; returns (ok, reason, seconds)."""
    env = dict(os.environ, ROS_DOMAIN_ID=str(100 + (os.getpid() + index) % 100),
               ROS_AUTOMATIC_DISCOVERY_RANGE='LOCALHOST')
    video = 'run%03d.mp4' % index
    proc = subprocess.run(
        [sys.executable, '-m', 'lam_ros.cli.main', 'demo', '--scene', scene, '--seed', str(seed),
         '--out', str(out), '--video', video, command],
        env=env, capture_output=True, text=True, timeout=400)
    report_path = out / ('run%03d_report.json' % index)
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    reason = report.get('reason') or (proc.stdout + proc.stderr).strip().splitlines()[-1:]
    return proc.returncode == 0, reason, report.get('seconds')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('commands', nargs='*', default=COMMANDS)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix='lam_bench_demo_'))
    per_command, index = {}, 0
    for command in args.commands:
        row = {}
        for scene in SCENES:
            wins, reasons, seconds = 0, [], []
            for _ in range(args.runs):
                ok, reason, took = run_once(command, scene, args.seed, out, index)
                index += 1
                wins += ok
                if ok:
                    seconds.append(took)
                else:
                    reasons.append(reason)
                print('%-45s %-10s %s' % (command[:45], scene, 'ok' if ok else reason),
                      file=sys.stderr, flush=True)
            row[scene] = {'successes': wins, 'runs': args.runs,
                          'rate': round(wins / args.runs, 3), 'failures': reasons,
                          'median_seconds': statistics.median(seconds) if seconds else None}
        row['perception_vs_oracle'] = (round(row['perception']['rate'] / row['oracle']['rate'], 3)
                                       if row['oracle']['rate'] else None)
        per_command[command] = row
    total = {scene: round(sum(r[scene]['successes'] for r in per_command.values())
                          / (args.runs * len(per_command)), 3) for scene in SCENES}
    print(json.dumps({
        'runs_per_command_and_scene': args.runs, 'seed': args.seed,
        'success_rate': total,
        'perception_vs_oracle': round(total['perception'] / total['oracle'], 3)
        if total['oracle'] else None,
        'per_command': per_command, 'outputs': str(out)}, indent=1))


if __name__ == '__main__':
    main()
