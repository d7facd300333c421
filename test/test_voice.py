"""Tests of the voice front-end: model generation, VAD, recognition, and lam_voice over DDS.

Speech is synthesised with espeak-ng (skipped when it is missing); the language model
is generated into a temporary cache shared with the node processes. The integration
tests start a real `lam_voice` process on a private ROS_DOMAIN_ID with localhost-only
discovery, listening to a WAV file, and check what reaches /lam/command.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

DOMAIN = str(20 + os.getpid() % 80)
os.environ['ROS_DOMAIN_ID'] = DOMAIN
os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'

from lam_ros.voice.audio import add_noise, read_wav, SAMPLE_RATE, write_wav  # noqa: E402
from lam_ros.voice.speech import espeak_available, status_sentence  # noqa: E402
from lam_ros.voice.vad import split_utterances  # noqa: E402

pytest.importorskip('pocketsphinx', reason='pocketsphinx is not installed (pip install '
                    'pocketsphinx)')
needs_espeak = pytest.mark.skipif(not espeak_available(),
                                  reason='espeak-ng is not installed (apt install espeak-ng)')


def speech(text, voice='en-us', rate=160):
    from lam_ros.voice.speech import synthesize
    return synthesize(text, voice=voice, rate=rate)


def padded(samples, before=1.0, after=1.0, noise_snr=40.0, seed=0):
    x = np.concatenate([np.zeros(int(before * SAMPLE_RATE), np.int16), samples,
                        np.zeros(int(after * SAMPLE_RATE), np.int16)])
    return add_noise(x, noise_snr, seed=seed)


@pytest.fixture(scope='module')
def cache_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp('voice_cache')
    old = os.environ.get('LAM_ROS_CACHE_DIR')
    os.environ['LAM_ROS_CACHE_DIR'] = str(path)
    yield path
    if old is None:
        os.environ.pop('LAM_ROS_CACHE_DIR', None)
    else:
        os.environ['LAM_ROS_CACHE_DIR'] = old


@pytest.fixture(scope='module')
def model(cache_dir):
    from lam_ros.voice.grammar import build_model
    return build_model()


@pytest.fixture(scope='module')
def recognizer(model):
    from lam_ros.voice.recognizer import Recognizer
    return Recognizer(model)


def test_model_has_the_domain_words_and_their_pronunciations(model):
    for word in ('drawer', 'slider', 'led', 'light', 'bulb', 'lightbulb', 'red', 'blue',
                 'pink', 'cabinet', 'clockwise', 'counterclockwise', 'stack', 'robot'):
        assert word in model.vocabulary, word
    entries = {}
    for line in model.dict_path.read_text().splitlines():
        word, _, phones = line.partition(' ')
        entries.setdefault(word.split('(')[0], []).append(phones)
    assert 'EH L IY D IY' in entries['led'], entries['led']      # "LED" spelled out
    assert entries['lightbulb'] == ['L AY T B AH L B'], entries['lightbulb']
    corpus = model.corpus_path.read_text()
    assert 'turn on the light bulb' in corpus and 'open the drawer' in corpus
    assert '\\3-grams:' in model.lm_path.read_text()


def test_model_regenerates_when_a_skill_changes(tmp_path):
    from lam_ros.skills.library import skills_dir
    from lam_ros.voice.grammar import build_model
    specs = tmp_path / 'skills'
    shutil.copytree(skills_dir(), specs)
    first = build_model(spec_dirs=[specs], cache_dir=tmp_path / 'cache', use_calvin=False)
    assert build_model(spec_dirs=[specs], cache_dir=tmp_path / 'cache',
                       use_calvin=False).key == first.key
    drawer = specs / 'drawer.yaml'
    drawer.write_text(drawer.read_text().replace(
        '    - open the drawer\n', '    - open the drawer\n    - open the zorbleck drawer\n'))
    second = build_model(spec_dirs=[specs], cache_dir=tmp_path / 'cache', use_calvin=False)
    assert second.key != first.key
    assert 'zorbleck' in second.vocabulary and 'zorbleck' not in first.vocabulary
    assert any(line.startswith('zorbleck ') for line in
               second.dict_path.read_text().splitlines())      # rule-based pronunciation


@needs_espeak
def test_vad_cuts_an_utterance_out_of_silence():
    words = speech('open the drawer')
    duration = len(words) / SAMPLE_RATE
    utts = split_utterances(padded(words, before=1.0, after=1.5))
    assert len(utts) == 1, [(u.start_s, u.end_s) for u in utts]
    assert 0.6 <= utts[0].start_s <= 1.05, utts[0].start_s
    assert 1.0 + duration - 0.1 <= utts[0].end_s <= 1.0 + duration + 0.8, utts[0].end_s


def test_vad_ignores_steady_noise():
    noise = add_noise(np.zeros(5 * SAMPLE_RATE, np.int16), 0.0, seed=3, speech_level=2000)
    assert split_utterances(noise) == []


@needs_espeak
def test_a_spoken_command_is_recognised_with_high_confidence(recognizer):
    result = recognizer.recognize(padded(speech('turn on the light bulb'), 0.3, 0.3))
    assert result.text == 'turn on the light bulb', result.as_dict()
    assert result.confidence >= 0.5, result.as_dict()


@needs_espeak
def test_a_higher_voice_is_decoded_lowered(model):
    from lam_ros.voice.recognizer import Recognizer
    audio = padded(speech('rotate the red block to the left', voice='en-us+f3', rate=150),
                   0.3, 0.3)
    once = Recognizer(model, stretches=(1.0,)).recognize(audio)
    assert once.text != 'rotate the red block to the left', once.as_dict()   # "many block"
    result = Recognizer(model, stretches=(1.0, 1.18)).recognize(audio)
    assert result.text == 'rotate the red block to the left', result.as_dict()
    assert result.stretch == 1.18 and result.as_dict()['stretch'] == 1.18
    assert result.pitch_hz > 150.0, result.as_dict()       # lowered first: a high voice
    low = Recognizer(model, stretches=(1.0, 1.18)).recognize(
        padded(speech('rotate the red block to the left', voice='en-us', rate=150), 0.3, 0.3))
    assert low.pitch_hz < 150.0 and low.stretch == 1.0, low.as_dict()
    with pytest.raises(ValueError, match='stretches'):
        Recognizer(model, stretches=(1.0, 3.0))


@needs_espeak
def test_wake_word_mode_takes_only_commands_after_the_wake_word(recognizer):
    from lam_ros.voice.listener import VoiceListener
    listener = VoiceListener(recognizer, mode='wake_word', threshold=0.3)
    heard = listener.process(padded(speech('robot, close the drawer'), 0.5, 0.8))
    assert [(h.text, h.accepted) for h in heard] == [('close the drawer', True)], \
        [h.as_dict() for h in heard]
    listener = VoiceListener(recognizer, mode='wake_word', threshold=0.3)
    heard = listener.process(padded(speech('close the drawer'), 0.5, 0.8))
    assert heard and not any(h.accepted for h in heard), [h.as_dict() for h in heard]


def test_pitch_of_a_voiced_sound():
    from lam_ros.voice.audio import pitch, SAMPLE_RATE
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    rng = np.random.default_rng(0)
    for f0 in (110.0, 210.0):
        voiced = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 12)) * 3000.0
        noisy = voiced + rng.standard_normal(len(t)) * 600.0
        assert abs(pitch(noisy) - f0) < 0.03 * f0, (f0, pitch(noisy))
    assert pitch(rng.standard_normal(SAMPLE_RATE) * 600.0) == 0.0     # noise is not voiced
    assert pitch(np.zeros(100)) == 0.0


def test_status_changes_become_sentences():
    said, state = status_sentence(json.dumps({'state': 'rejected', 'command': 'x',
                                              'reason': 'there is no green block'}))
    assert said == 'rejected: there is no green block' and state == 'rejected'
    assert status_sentence(json.dumps({'state': 'rejected'}), 'rejected') == (None, 'rejected')
    assert status_sentence('not json', 'running') == (None, 'running')


# ---------------------------------------------------------------------- over DDS
def _start_node(wav, cache_dir, log_path):
    env = dict(os.environ, LAM_ROS_CACHE_DIR=str(cache_dir), PYTHONUNBUFFERED='1')
    with open(log_path, 'w') as log:
        return subprocess.Popen(
            [sys.executable, '-m', 'lam_ros.nodes.voice_node', '--ros-args',
             '-p', 'source:=wav', '-p', 'wav_file:=%s' % wav, '-p', 'threshold:=0.4'],
            env=env, stdout=log, stderr=subprocess.STDOUT)


def _listen(wav, cache_dir, tmp_path, timeout=30.0):
    """Run lam_voice on a WAV; return (commands, rejected) once it reports the end."""
    import rclpy
    from rcl_interfaces.msg import Log
    from rclpy.qos import QoSProfile, ReliabilityPolicy
    from std_msgs.msg import String

    from lam_stack import stop
    rclpy.init()
    node = rclpy.create_node('lam_voice_probe')
    commands, rejected, ended = [], [], []
    qos = QoSProfile(depth=10, reliability=ReliabilityPolicy.RELIABLE)
    node.create_subscription(String, '/lam/command', lambda m: commands.append(m.data), qos)
    node.create_subscription(String, '/lam/voice/rejected',
                             lambda m: rejected.append(json.loads(m.data)), qos)
    node.create_subscription(Log, '/rosout', lambda m: ended.append(m.msg)
                             if m.name == 'lam_voice' and m.msg.startswith('end of') else None,
                             100)
    log_path = tmp_path / ('lam_voice_%s.log' % Path(wav).stem)
    proc = _start_node(wav, cache_dir, log_path)
    try:
        deadline = time.monotonic() + timeout
        while not ended and time.monotonic() < deadline and proc.poll() is None:
            rclpy.spin_once(node, timeout_sec=0.05)
        for _ in range(10):                     # deliveries right after the end message
            rclpy.spin_once(node, timeout_sec=0.05)
        assert ended, 'lam_voice did not finish %s in %.0f s (exit %s); log:\n%s' % (
            wav, timeout, proc.poll(), log_path.read_text())
        return commands, rejected
    finally:
        stop(proc)
        node.destroy_node()
        rclpy.try_shutdown()


@needs_espeak
def test_lam_voice_publishes_a_spoken_command(model, cache_dir, tmp_path):
    wav = tmp_path / 'command.wav'
    # Lead-in silence: the probe has discovered the node before the command is decoded.
    write_wav(wav, padded(speech('open the drawer'), before=2.0, after=0.5))
    assert len(read_wav(wav)) > SAMPLE_RATE
    commands, rejected = _listen(wav, cache_dir, tmp_path)
    assert commands == ['open the drawer'], (commands, rejected)


def test_lam_voice_publishes_nothing_for_noise(model, cache_dir, tmp_path):
    wav = tmp_path / 'noise.wav'
    write_wav(wav, add_noise(np.zeros(3 * SAMPLE_RATE, np.int16), 0.0, seed=5,
                             speech_level=1500))
    commands, rejected = _listen(wav, cache_dir, tmp_path)
    assert commands == [], (commands, rejected)
