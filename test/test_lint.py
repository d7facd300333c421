"""Lint as ament does: flake8 at 99 columns with single quotes, pep257 docstrings (pydocstyle)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ['lam_ros', 'launch', 'test', 'bench', 'setup.py']


def test_flake8():
    out = subprocess.run(
        [sys.executable, '-m', 'flake8', '--max-line-length=99', '--inline-quotes=single'] +
        [s for s in SOURCES if (ROOT / s).exists()], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_pep257():
    pytest.importorskip('pydocstyle')
    out = subprocess.run(
        [sys.executable, '-m', 'pydocstyle', '--convention=pep257',
         '--add-ignore=D100,D101,D102,D103,D104,D105,D106,D107', 'lam_ros'],
        cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
