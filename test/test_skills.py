"""The skill library: spec validation, Milvus Lite and a Milvus gRPC server, nothing lost."""

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from lam_ros.skills.encoder import TextEncoder
from lam_ros.skills.library import SkillLibrary
from lam_ros.skills.spec import load_family, load_library, SpecError
from lam_ros.skills.store import SkillStore, StoreUnavailable
from lam_ros.world.assets import skills_dir
from lam_ros.world.desk import BLOCKS
from lam_ros.world.tasks import TASK_NAMES, TASKS

DRAWER = skills_dir() / 'drawer.yaml'
USER_SKILL = {
    'family': 'gentle_drawer',
    'description': 'Open the drawer slowly, for fragile contents.',
    'parameters': {'target': {'type': 'enum', 'values': ['open']}},
    'executor': {'primitive': 'drawer'},
    'safety': {'max_tcp_speed': 0.05, 'max_joint_speed_fraction': 0.2, 'timeout_s': 40,
               'workspace': {'x': [0.0, 0.6], 'y': [-0.5, -0.1], 'z': [-0.15, 0.3]}},
    'tasks': {'open_drawer_gently': {
        'policy_skill_id': 100, 'args': {'target': 'open'},
        'description': 'Pull the drawer open very slowly.',
        'preconditions': {'drawer': 'closed', 'grasped': None},
        'effects': {'drawer': 'open'}}},
    'phrasings': {'open_drawer_gently': ['gently open the drawer', 'ease the drawer open',
                                         'open the drawer very slowly']},
}


@pytest.fixture(scope='module')
def encoder():
    return TextEncoder()


@pytest.fixture(scope='module')
def warm_cache(tmp_path_factory, encoder):
    """An embedding cache with the built-in library in it, copied into each data dir."""
    data = tmp_path_factory.mktemp('warm')
    library = SkillLibrary(data_dir=data, encoder=encoder)
    library.sync()
    library.close()
    return data / 'embeddings.sqlite'


@pytest.fixture
def library(tmp_path, encoder, warm_cache):
    shutil.copy(warm_cache, tmp_path / 'embeddings.sqlite')
    lib = SkillLibrary(data_dir=tmp_path, encoder=encoder)
    yield lib
    lib.close()


def write_spec(path, data):
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


# ---------------------------------------------------------------------- specs
def test_builtin_specs_cover_the_calvin_tasks():
    specs = load_library([skills_dir()])
    assert list(sorted(specs, key=lambda n: specs[n].policy_skill_id)) == list(TASK_NAMES)
    assert all(len(s.phrasings) >= 8 for s in specs.values())


def random_state(rng):
    blocks = {c: rng.choice(['table', 'slider_left', 'slider_right', 'drawer', 'grasped',
                             'stacked_top', 'stacked_bottom']) for c in BLOCKS}
    held = [c for c, loc in blocks.items() if loc == 'grasped']
    for c in held[1:]:
        blocks[c] = 'table'
    return {'blocks': blocks, 'grasped': held[0] if held else None,
            'drawer': rng.choice(['open', 'closed']), 'slider': rng.choice(['left', 'right']),
            'lightbulb': rng.choice(['on', 'off']), 'led': rng.choice(['on', 'off'])}


def test_spec_preconditions_agree_with_the_world_model():
    specs = load_library([skills_dir()])
    rng = random.Random(0)
    for _ in range(3000):
        state = random_state(rng)
        for name, spec in specs.items():
            assert (spec.unmet(state) == []) == (TASKS[name].unmet(state) == []), (name, state)
            if not spec.unmet(state):
                # The spec states what it names; the world model may know more (e.g. which
                # block ends at the bottom of a stack).
                expected, got = TASKS[name].effects(state), spec.apply(state)
                for key in spec.effects:
                    if key.startswith('blocks.'):
                        colour = key.split('.', 1)[1].format(grasped=state['grasped'],
                                                             **spec.args)
                        assert got['blocks'][colour] == expected['blocks'][colour], (name, state)
                    else:
                        assert got[key] == expected[key], (name, key, state)


@pytest.mark.parametrize('change, field', [
    (lambda d: d.pop('description'), 'description'),
    (lambda d: d['executor'].update(primitive='teleport'), 'executor.primitive'),
    (lambda d: d['tasks']['open_drawer_gently']['args'].update(target='ajar'),
     'tasks.open_drawer_gently.args.target'),
    (lambda d: d['tasks']['open_drawer_gently']['preconditions'].update(door='open'),
     'tasks.open_drawer_gently.preconditions.door'),
    (lambda d: d['safety']['workspace'].update(z=[0.5, 0.1]), 'safety.workspace.z'),
    (lambda d: d['safety'].update(max_tcp_speed=3.0), 'safety.max_tcp_speed'),
    (lambda d: d['tasks']['open_drawer_gently'].update(policy_skill_id=-1),
     'tasks.open_drawer_gently.policy_skill_id'),
    (lambda d: d['phrasings'].update(unknown_task=['x']), 'phrasings.unknown_task'),
])
def test_invalid_spec_names_file_field_and_reason(tmp_path, change, field):
    data = json.loads(json.dumps(USER_SKILL))
    change(data)
    path = write_spec(tmp_path / 'bad.yaml', data)
    with pytest.raises(SpecError) as err:
        load_family(path)
    assert err.value.field == field and str(path) in str(err.value) and err.value.reason


def test_not_yaml_and_clashes_are_rejected(tmp_path):
    bad = tmp_path / 'broken.yaml'
    bad.write_text('family: [unclosed\n')
    with pytest.raises(SpecError, match='not valid YAML'):
        load_family(bad)
    clash = json.loads(json.dumps(USER_SKILL))
    clash['tasks']['open_drawer_gently']['policy_skill_id'] = 14
    write_spec(tmp_path / 'clash.yaml', clash)
    shutil.copy(DRAWER, tmp_path / 'drawer.yaml')
    bad.unlink()
    with pytest.raises(SpecError, match='already used by open_drawer'):
        load_library([tmp_path])


# ---------------------------------------------------------------------- Milvus Lite
def test_sync_is_idempotent_and_search_finds_the_task(library):
    first = library.sync()
    assert first['changed'] and first['skills'] == 34 and first['exemplars'] > 500
    again = library.sync()
    assert not again['changed'] and again['versions'] == first['versions']
    result = library.search('pull the handle of the drawer')
    assert result['results'][0]['task'] == 'open_drawer' and result['latency_ms'] > 0
    skills = library.search('switch the lamp on', collection='skills', k=1)['results']
    assert skills[0]['task'] == 'turn_on_lightbulb'
    listed = library.list_skills()
    assert [s['task'] for s in listed] == list(TASK_NAMES)
    assert listed[14]['safety']['workspace']['x'] == [0.0, 0.6]


def test_add_user_skill_and_reject_invalid_without_change(library, tmp_path):
    library.sync()
    before = {b: library.store.active_version(b) for b in ('skills', 'exemplars')}
    bad = json.loads(json.dumps(USER_SKILL))
    bad['tasks']['open_drawer_gently']['args']['target'] = 'ajar'
    with pytest.raises(SpecError, match='args.target'):
        library.add(write_spec(tmp_path / 'bad.yaml', bad))
    assert {b: library.store.active_version(b) for b in before} == before
    assert not (library.user_dir / 'gentle_drawer.yaml').exists()

    report = library.add(write_spec(tmp_path / 'gentle.yaml', USER_SKILL))
    assert report['added'] == ['open_drawer_gently'] and report['changed']
    assert 'open_drawer_gently' in [s['task'] for s in library.list_skills()]
    top = library.search('ease the drawer open very gently', k=1)['results'][0]
    assert top['task'] == 'open_drawer_gently'


def test_interrupted_sync_keeps_the_previous_version(library, tmp_path, monkeypatch):
    library.sync()
    before = {b: library.store.active_version(b) for b in ('skills', 'exemplars')}
    specs = tmp_path / 'specs'
    shutil.copytree(skills_dir(), specs)
    data = yaml.safe_load((specs / 'drawer.yaml').read_text())
    data['phrasings']['open_drawer'].append('yank the drawer open')
    write_spec(specs / 'drawer.yaml', data)
    library.spec_dirs = [specs]

    calls = []
    real_insert = library.store.client.insert

    def failing_insert(name, rows):
        calls.append(name)
        if name.startswith('exemplars_'):
            raise ConnectionError('simulated crash during sync')
        return real_insert(name, rows)

    monkeypatch.setattr(library.store.client, 'insert', failing_insert)
    with pytest.raises(StoreUnavailable, match='simulated crash'):
        library.sync()
    assert {b: library.store.active_version(b) for b in before} == before
    assert library.search('pull the handle of the drawer')['results'][0]['task'] == 'open_drawer'
    monkeypatch.setattr(library.store.client, 'insert', real_insert)
    report = library.sync()
    assert report['changed'] and report['versions']['exemplars'] != before['exemplars']
    assert library.search('yank the drawer open', k=1)['results'][0]['score'] > 0.99


def test_search_during_sync_always_sees_a_whole_version(library, tmp_path):
    library.sync()
    specs = tmp_path / 'specs'
    shutil.copytree(skills_dir(), specs)
    library.spec_dirs = [specs]
    errors, answers, stop = [], [], threading.Event()

    def searcher():
        while not stop.is_set():
            try:
                answers.append(library.search('open the drawer', k=1)['results'][0]['task'])
            except Exception as err:     # noqa: BLE001 - any failure is the test's finding
                errors.append(err)

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        for i in range(3):
            data = yaml.safe_load((specs / 'drawer.yaml').read_text())
            data['phrasings']['close_drawer'].append('version %d of closing the drawer' % i)
            write_spec(specs / 'drawer.yaml', data)
            assert library.sync()['changed']
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors, errors[:3]
    assert answers and set(answers) == {'open_drawer'}


def test_episodes_survive_restart_and_sync(tmp_path, encoder, warm_cache):
    shutil.copy(warm_cache, tmp_path / 'embeddings.sqlite')
    library = SkillLibrary(data_dir=tmp_path, encoder=encoder)
    library.sync()
    plan = [{'task': 'open_drawer', 'args': {}, 'auto': False}]
    library.record_episode('open the drawer for me', plan, 'succeeded', {'total_s': 7.4})
    library.close()

    reopened = SkillLibrary(data_dir=tmp_path, encoder=encoder)
    try:
        reopened.sync()
        hits = reopened.search('please open the drawer', collection='episodes', k=1)['results']
        assert hits[0]['text'] == 'open the drawer for me' and hits[0]['plan'] == plan
        assert hits[0]['outcome'] == 'succeeded'
    finally:
        reopened.close()


def test_unreachable_store_names_the_uri():
    with pytest.raises(StoreUnavailable, match='http://127.0.0.1:9'):
        SkillStore('http://127.0.0.1:9', timeout=2)


# ---------------------------------------------------------------------- Milvus server
def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture
def milvus_server(tmp_path):
    port = free_port()
    binary = Path(sys.executable).parent / 'milvus-lite'
    proc = subprocess.Popen([str(binary), 'server', '--data-dir', str(tmp_path / 'server'),
                             '--host', '127.0.0.1', '--port', str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(('127.0.0.1', port)) == 0:
                    break
            assert proc.poll() is None, 'milvus-lite server exited with %s' % proc.returncode
            time.sleep(0.2)
        else:
            raise AssertionError('milvus-lite server did not listen on %d within 60 s' % port)
        yield 'http://127.0.0.1:%d' % port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_same_code_against_a_milvus_server_over_grpc(milvus_server, tmp_path, encoder,
                                                     warm_cache):
    shutil.copy(warm_cache, tmp_path / 'embeddings.sqlite')
    library = SkillLibrary(uri=milvus_server, data_dir=tmp_path, encoder=encoder)
    try:
        assert not library.local
        assert library.sync()['changed']
        assert not library.sync()['changed']
        top = library.search('pull the handle of the drawer', k=1)['results'][0]
        assert top['task'] == 'open_drawer'
        library.record_episode('shut the drawer', [{'task': 'close_drawer', 'args': {},
                                                    'auto': False}], 'succeeded', {})
        hits = library.search('close the drawer', collection='episodes')['results']
        assert hits[0]['task'] == 'close_drawer'
    finally:
        library.close()


# ---------------------------------------------------------------------- CLI
def run_cli(*args, env=None):
    return subprocess.run([sys.executable, '-m', 'lam_ros.cli.main', 'skills'] + list(args),
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, **(env or {})))


def test_cli_sync_search_add_and_errors(tmp_path, warm_cache):
    shutil.copy(warm_cache, tmp_path / 'embeddings.sqlite')
    data = ['--data-dir', str(tmp_path)]
    out = run_cli(*data, 'sync')
    assert out.returncode == 0, out.stderr
    out = run_cli(*data, 'search', '--json', 'pull the handle of the drawer')
    result = json.loads(out.stdout)
    assert result['results'][0]['task'] == 'open_drawer' and 'latency_ms' in result
    assert set(result['results'][0]) >= {'task', 'score', 'text'}
    out = run_cli(*data, 'list', '--json')
    assert len(json.loads(out.stdout)['skills']) == 34

    bad = json.loads(json.dumps(USER_SKILL))
    del bad['safety']['timeout_s']
    out = run_cli(*data, 'add', '--file', str(write_spec(tmp_path / 'bad.yaml', bad)))
    assert out.returncode == 2 and 'bad.yaml' in out.stderr and 'safety.timeout_s' in out.stderr

    out = run_cli('--uri', 'http://127.0.0.1:9', 'list')
    assert out.returncode == 3 and 'http://127.0.0.1:9' in out.stderr


def test_large_collections_are_routed_through_partitions(tmp_path, monkeypatch):
    """Above ROUTED_MIN_ROWS rows a search scans only the nearest k-means partitions."""
    import numpy as np
    from lam_ros.skills import store as store_module
    monkeypatch.setattr(store_module, 'ROUTED_MIN_ROWS', 300)
    monkeypatch.setattr(store_module, 'ROWS_PER_PARTITION', 50)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(12, 384))
    vectors = centres[rng.integers(12, size=1200)] + 0.3 * rng.normal(size=(1200, 384))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    rows = [{'id': i, 'text': 'row %d' % i, 'task': 't%d' % (i % 7), 'data': '{}'}
            for i in range(len(vectors))]
    store = SkillStore(str(tmp_path / 'routed.db'))
    try:
        store.write_collection('exemplars_big', 'exemplars', rows, vectors)
        assert store.client.has_collection('exemplars_big__routes')
        assert len(store.client.list_partitions('exemplars_big')) > 16
        queries = vectors[:40] + 0.05 * rng.normal(size=(40, 384)).astype(np.float32)
        found = store.search_named('exemplars_big', queries, k=1)
        exact = np.argmax(queries @ vectors.T, axis=1)
        recall = np.mean([hits[0]['id'] == e for hits, e in zip(found, exact)])
        assert recall >= 0.95, recall
    finally:
        store.close()
