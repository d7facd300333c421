"""The launch files are standard Python launch files (launch itself is not on PyPI).

They cannot run here, so check their structure: they parse, define
generate_launch_description, declare the standard arguments with descriptions, and start
executables that setup.py installs.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAUNCH_FILES = sorted((ROOT / 'launch').glob('*.launch.py'))
STANDARD_ARGUMENTS = {'namespace', 'params_file', 'use_sim_time', 'log_level'}


@pytest.mark.parametrize('path', LAUNCH_FILES, ids=lambda p: p.name)
def test_launch_file_structure(path):
    tree = ast.parse(path.read_text())
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert 'generate_launch_description' in functions
    declared = {}
    executables = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name = getattr(call.func, 'id', getattr(call.func, 'attr', ''))
        keywords = {k.arg: k.value for k in call.keywords}
        if name == 'DeclareLaunchArgument':
            declared[call.args[0].value] = 'description' in keywords
        if name == 'Node':
            executables.append(keywords['executable'].value)
    missing = STANDARD_ARGUMENTS - set(declared)
    assert not missing, 'launch arguments missing: %s' % missing
    assert all(declared.values()), 'every launch argument needs a description'
    console_scripts = re.findall(r"'(\w+) = lam_ros", (ROOT / 'setup.py').read_text())
    assert executables and set(executables) <= set(console_scripts)
