"""Speech out with espeak-ng (a subprocess): spoken feedback, and test/bench audio.

espeak-ng is a Debian package (apt install espeak-ng), not a Python one; everything
here raises SpeechError with that hint when it is missing.
"""

import io
import json
import shutil
import subprocess

import numpy as np

from lam_ros.voice.audio import AudioError, read_wav

ESPEAK = 'espeak-ng'


class SpeechError(RuntimeError):
    """espeak-ng is missing or failed."""


def espeak_available() -> bool:
    """Whether the espeak-ng program is on PATH."""
    return shutil.which(ESPEAK) is not None


def _espeak(args, timeout):
    exe = shutil.which(ESPEAK)
    if exe is None:
        raise SpeechError('espeak-ng is not installed (apt install espeak-ng)')
    try:
        return subprocess.run([exe] + args, check=True, capture_output=True, timeout=timeout)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        raise SpeechError('espeak-ng failed: %s' % err) from err


def synthesize(text: str, voice: str = 'en-us', rate: int = 160, pitch: int = 50,
               timeout: float = 30.0) -> np.ndarray:
    """Speak `text` into 16 kHz mono int16 samples (espeak-ng writes 22.05 kHz WAV)."""
    proc = _espeak(['-v', voice, '-s', str(int(rate)), '-p', str(int(pitch)), '--stdout',
                    '--', text], timeout)
    try:
        return read_wav(io.BytesIO(proc.stdout))
    except AudioError as err:
        raise SpeechError('espeak-ng wrote no usable audio: %s' % err) from err


def say(text: str, voice: str = 'en-us', rate: int = 170, wait: bool = False):
    """Speak `text` on the default audio output; returns the process (not waited for)."""
    exe = shutil.which(ESPEAK)
    if exe is None:
        raise SpeechError('espeak-ng is not installed (apt install espeak-ng)')
    proc = subprocess.Popen([exe, '-v', voice, '-s', str(int(rate)), '--', text],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if wait:
        proc.wait()
    return proc


def status_sentence(status_json: str, last_state=None):
    """Turn a /lam/status JSON message into a short sentence, or None if nothing to say.

    Says something only when the state changes (pass the previous state as
    `last_state`); returns (sentence or None, state).
    """
    try:
        status = json.loads(status_json)
    except (ValueError, TypeError):
        return None, last_state
    if not isinstance(status, dict):
        return None, last_state
    state = str(status.get('state') or '')
    if not state or state == last_state:
        return None, last_state or state
    command = str(status.get('command') or '').strip()
    reason = str(status.get('reason') or '').strip()
    words = state.replace('_', ' ')
    if reason:
        sentence = '%s: %s' % (words, reason)
    elif command and state in ('running', 'planning', 'accepted', 'executing'):
        sentence = '%s %s' % (words, command)
    else:
        sentence = words
    return sentence, state
