"""The action policy: committed ONNX model, its checks, features, demos and closed loop."""

import json
import shutil

import numpy as np
import pytest

from lam_ros.policy.features import (decode_action, encode_action, OBS_DIM, Observer,
                                     OUT_DIM, view_from_desk)
from lam_ros.policy.runtime import default_policy_path, PolicyError, PolicyRunner
from lam_ros.world.tasks import TASK_NAMES


@pytest.fixture(scope='module')
def policy():
    return PolicyRunner(provider='cpu')


def test_committed_policy_matches_its_metadata(policy):
    path = default_policy_path()
    meta = json.loads(path.with_suffix('.json').read_text())
    assert path.stat().st_size < 3_000_000
    assert meta['skills'] == list(TASK_NAMES)
    assert sum(n for _, n in meta['observation']) == OBS_DIM
    assert sum(n for _, n in meta['action']) == OUT_DIM
    inputs, outputs = policy.session.get_inputs(), policy.session.get_outputs()
    assert [i.name for i in inputs] == ['obs'] and inputs[0].shape[-1] == OBS_DIM
    assert [o.name for o in outputs] == ['action'] and outputs[0].shape[-1] == OUT_DIM
    assert policy.provider == 'CPUExecutionProvider'
    out = policy(np.zeros(OBS_DIM, np.float32))
    assert out.shape == (OUT_DIM,) and np.all(np.isfinite(out))


def test_missing_corrupt_or_incompatible_models_are_refused_at_startup(tmp_path):
    with pytest.raises(PolicyError, match='not found'):
        PolicyRunner(tmp_path / 'none.onnx')
    meta = default_policy_path().with_suffix('.json')
    bad = tmp_path / 'policy.onnx'
    bad.write_bytes(b'\x08\x01garbage' * 50)
    shutil.copy(meta, tmp_path / 'policy.json')
    with pytest.raises(PolicyError, match='cannot load'):
        PolicyRunner(bad)
    # a valid ONNX file with other inputs (the intent model) is not a policy
    from lam_ros.language.intent_model import default_model_path
    shutil.copy(default_model_path(), bad)
    with pytest.raises(PolicyError, match='inputs'):
        PolicyRunner(bad)
    other = json.loads(meta.read_text())
    other['skills'] = other['skills'][:5]
    (tmp_path / 'policy.json').write_text(json.dumps(other))
    with pytest.raises(PolicyError, match='other skills'):
        PolicyRunner(bad)
    with pytest.raises(PolicyError, match='provider'):
        PolicyRunner(provider='tpu')


def test_action_encoding_round_trip():
    target = (np.array([0.4, 0.1, 0.02]), 0.3)
    out = encode_action([0.45, 0.12, 0.15], 0.8, 0.2, True, False, target, 0.5)
    out[6] = 5.0     # logits: open
    out[7] = -5.0    # not done
    command = decode_action(out, target, 0.5)
    assert np.allclose(command.keyframe, [0.45, 0.12, 0.15])
    assert abs(command.yaw - 0.8) < 1e-6 and command.gripper_open and command.done < 0.01


def test_reference_follows_the_target_until_it_is_touched():
    from lam_ros.world.desk import CalvinDesk
    from lam_ros.world.sampling import sample_scene
    from lam_ros.world.scene import SceneOracle
    desk = CalvinDesk()
    try:
        sample_scene(desk, 0, 'lift_red_block_table')
        oracle = SceneOracle(desk)
        observer = Observer('lift_red_block_table')
        obs, anchor = observer.observe(view_from_desk(desk, oracle), desk.time)
        assert obs.shape == (OBS_DIM,) and obs[20 + TASK_NAMES.index('lift_red_block_table')]
        view = view_from_desk(desk, oracle)
        moved = dict(view.blocks)
        moved['red'] = (view.blocks['red'][0] + np.array([0.04, 0.0, 0.0]), 0.0)
        view.blocks = moved
        obs, anchor = observer.observe(view, desk.time + 0.05)
        assert np.allclose(anchor[0], moved['red'][0])       # not touched: a new target
        assert np.allclose(obs[13:16], 0.0)
    finally:
        desk.close()


def test_demonstrations_have_labels_and_end_done(tmp_path):
    from lam_ros.policy.demos import collect
    meta = collect(tmp_path, ['open_drawer'], episodes=1, seed=7, log_fn=lambda *_: None)
    data = np.load(tmp_path / 'demos.npz')
    assert meta['kept_episodes'] == 1 and data['obs'].shape[1] == OBS_DIM
    assert data['out'].shape == (len(data['obs']), OUT_DIM)
    assert data['out'][-1, 7] == 1.0 and data['out'][0, 7] == 0.0


def test_demonstration_noise_perturbs_the_yaw_but_not_the_labels():
    """DART on the yaw too: the arm turns to a perturbed yaw, the plan keeps the intended one."""
    from lam_ros.control.ik import wrap_angle
    from lam_ros.expert.scripted import ScriptedExpert
    from lam_ros.world.desk import CalvinDesk
    desk = CalvinDesk()
    try:
        expert = ScriptedExpert(desk)
        expert.noise, expert.yaw_noise = 0.015, 0.2
        expert.rng = np.random.default_rng(3)
        position, yaw = expert.tcp()
        errors = []
        for k in range(3):
            expert.move(position + np.array([0.0, 0.03 * (k + 1), 0.0]), yaw)
            assert expert.segments[-1]['yaw'] == yaw
            errors.append(abs(wrap_angle(expert.tcp()[1] - yaw)))
        assert 0.02 < max(errors) <= 0.4 + 1e-6, errors
    finally:
        desk.close()


@pytest.mark.parametrize('task', ['open_drawer', 'lift_red_block_table', 'turn_on_lightbulb',
                                  'rotate_blue_block_left'])
def test_short_closed_loop_episodes_succeed(policy, task):
    """The committed policy, through the controller layer, judged by the physics."""
    from lam_ros.policy.evaluate import run_policy
    result = run_policy([task], episodes=2, seed=321, policy=policy)
    assert result['per_task'][task] == 1.0, result
