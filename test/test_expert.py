"""The scripted expert solves one task of every primitive through the controller layer."""

import json
import subprocess
import sys

import pytest

from lam_ros.expert.evaluate import run_expert
from lam_ros.world.tasks import TASK_NAMES

ONE_PER_PRIMITIVE = ['rotate_pink_block_left', 'push_blue_block_right', 'move_slider_left',
                     'close_drawer', 'lift_red_block_slider', 'lift_blue_block_drawer',
                     'place_in_slider', 'place_in_drawer', 'stack_block', 'unstack_block',
                     'turn_off_lightbulb', 'turn_on_led', 'push_into_drawer']


@pytest.mark.parametrize('task', ONE_PER_PRIMITIVE)
def test_expert_solves(task):
    result = run_expert([task], episodes=1, seed=5)
    assert result['per_task'][task] == 1.0, result


def test_every_task_is_solvable():
    result = run_expert(list(TASK_NAMES), episodes=2, seed=0)
    assert result['success_rate'] >= 0.95, result
    weak = {t: r for t, r in result['per_task'].items() if r < 0.5}
    assert not weak, 'tasks the expert rarely solves: %s' % weak


def test_cli_prints_one_json_object():
    out = subprocess.run(
        [sys.executable, '-m', 'lam_ros.cli.main', 'expert', '--tasks',
         'open_drawer,turn_on_lightbulb', '--episodes', '1', '--seed', '2', '--json'],
        capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(out.stdout)
    assert set(result) == {'success_rate', 'per_task', 'episodes', 'sim_seconds',
                           'wall_seconds'}
    assert result['episodes'] == 2 and result['success_rate'] == 1.0
    assert result['sim_seconds'] > result['wall_seconds']


def test_cli_refuses_unknown_task():
    out = subprocess.run([sys.executable, '-m', 'lam_ros.cli.main', 'expert', '--tasks',
                          'open_the_pod_bay_doors'], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert 'unknown task' in out.stderr
