"""The pip path's process stack: its node processes never outlive the CLI that started them."""

import os
import signal
import subprocess
import sys
import time

import pytest

from lam_ros.cli import stack


@pytest.mark.skipif(stack._PRCTL is None, reason='PR_SET_PDEATHSIG is Linux only')
def test_children_stop_when_the_parent_is_killed():
    parent = subprocess.Popen(
        [sys.executable, '-c',
         'import subprocess, sys, time\n'
         'from lam_ros.cli.stack import _die_with_parent\n'
         'child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],'
         ' preexec_fn=_die_with_parent)\n'
         'print(child.pid, flush=True)\n'
         'time.sleep(60)\n'],
        stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        os.kill(child, 0)                      # running
        parent.send_signal(signal.SIGKILL)     # no chance to clean up
        parent.wait()
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        os.kill(child, signal.SIGKILL)
        pytest.fail('the child outlived its killed parent')
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
