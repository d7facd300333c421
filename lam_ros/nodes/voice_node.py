"""lam_voice: the operator's speech in, plain-English commands out on /lam/command.

Audio comes from a WAV file, the default microphone, or a topic
(std_msgs/Int16MultiArray: 16 kHz mono PCM samples in `data`, any block size; from
ros-jazzy-std-msgs). Utterances are cut by the VAD (or by push-to-talk on `~/talk`,
std_msgs/Bool), decoded offline by pocketsphinx with the language model generated from
the skill library, and published on `/lam/command` only when their confidence reaches
`threshold`; the others go to `/lam/voice/rejected` as JSON (text, hypothesis,
confidence, reason). With `speak_status`, changes of `/lam/status` are read aloud with
espeak-ng. Recognition runs in its own thread, so ROS callbacks only queue audio.

All logic lives in lam_ros.voice; this node only wires it to topics. It never plans or
executes: lam_node does, from the text.
"""

import json
import queue
import threading
import time

import numpy as np
from rcl_interfaces.msg import FloatingPointRange, ParameterDescriptor
from rclpy.node import Node
from rclpy.qos import DurabilityPolicy, QoSProfile, ReliabilityPolicy
from std_msgs.msg import Bool, Int16MultiArray, String

from lam_ros.nodes.spin import run
from lam_ros.voice.audio import (AudioError, FRAME_SAMPLES, FrameBuffer, frames, Microphone,
                                 read_wav, SAMPLE_RATE)
from lam_ros.voice.grammar import build_model, WAKE_WORDS
from lam_ros.voice.listener import MODES, VoiceListener
from lam_ros.voice.recognizer import (DEFAULT_LANGUAGE_WEIGHT, Recognizer, RecognizerError,
                                      STRETCHES, WARP)
from lam_ros.voice.speech import say, SpeechError, status_sentence

SOURCES = ('wav', 'microphone', 'topic')
LATCHED = QoSProfile(depth=20, durability=DurabilityPolicy.TRANSIENT_LOCAL,
                     reliability=ReliabilityPolicy.RELIABLE)
COMMANDS = QoSProfile(depth=10, reliability=ReliabilityPolicy.RELIABLE)
AUDIO = QoSProfile(depth=50, reliability=ReliabilityPolicy.RELIABLE)
WAV_TAIL_S = 1.0        # silence appended to a WAV so its last utterance ends by hangover


class VoiceNode(Node):
    """The voice node `lam_voice`."""

    def __init__(self):
        super().__init__('lam_voice')
        self._declare_parameters()
        p = {name: self.get_parameter(name).value for name in (
            'source', 'wav_file', 'wav_realtime', 'audio_topic', 'mode', 'wake_words',
            'threshold', 'language_weight', 'warp', 'stretches', 'rescore', 'speak_status',
            'voice')}
        if p['source'] not in SOURCES:
            raise ValueError('parameter source: %r is not one of %s' % (
                p['source'], ', '.join(SOURCES)))
        if p['mode'] not in MODES:
            raise ValueError('parameter mode: %r is not one of %s' % (p['mode'], ', '.join(MODES)))
        if p['source'] == 'wav' and not p['wav_file']:
            raise ValueError('parameter wav_file: source is wav but no file is given')
        self._p = p
        # Decode a WAV before anything is published: a bad file fails at start-up.
        self._wav = read_wav(p['wav_file']) if p['source'] == 'wav' else None
        self._listener = VoiceListener(
            Recognizer(build_model(), language_weight=p['language_weight'], warp=p['warp'],
                       rescore=p['rescore'], stretches=list(p['stretches'])), mode=p['mode'],
            threshold=p['threshold'], wake_words=list(p['wake_words']) or WAKE_WORDS)
        self._command_pub = self.create_publisher(String, '/lam/command', COMMANDS)
        self._rejected_pub = self.create_publisher(String, '/lam/voice/rejected', COMMANDS)
        self._heard = 0
        self._frames = queue.Queue(maxsize=2000)
        self._buffer = FrameBuffer()
        self._stop = threading.Event()
        self._last_state = None
        self._speaker = None
        if p['source'] == 'topic':
            self.create_subscription(Int16MultiArray, p['audio_topic'], self._on_audio, AUDIO)
        if p['mode'] == 'push_to_talk':
            self.create_subscription(Bool, '~/talk', self._on_talk, COMMANDS)
        if p['speak_status']:
            self.create_subscription(String, '/lam/status', self._on_status, LATCHED)
        self._mic = Microphone() if p['source'] == 'microphone' else None
        self._thread = threading.Thread(target=self._run, name='lam_voice_decoder', daemon=True)
        self._thread.start()
        self.get_logger().info('lam_voice listening: source %s, mode %s, threshold %.2f' % (
            p['source'], p['mode'], p['threshold']))

    def _declare_parameters(self):
        def describe(text, read_only=True, **ranges):
            return ParameterDescriptor(description=text, read_only=read_only, **ranges)

        self.declare_parameter('source', 'microphone', describe(
            'Audio source: wav (wav_file), microphone (default input device, needs '
            'sounddevice), or topic (audio_topic).'))
        self.declare_parameter('wav_file', '', describe(
            'WAV file to listen to when source is wav (any rate; mixed to 16 kHz mono).'))
        self.declare_parameter('wav_realtime', True, describe(
            'Play the WAV at real-time pace (true) or as fast as it decodes (false).'))
        self.declare_parameter('audio_topic', 'audio', describe(
            'std_msgs/Int16MultiArray topic of 16 kHz mono PCM when source is topic.'))
        self.declare_parameter('mode', 'vad', describe(
            'vad: every utterance; push_to_talk: only while ~/talk is true; wake_word: only '
            'utterances that start with (or follow) a wake word.'))
        self.declare_parameter('wake_words', list(WAKE_WORDS), describe(
            'Wake words for mode wake_word; they must be in the language model.'))
        self.declare_parameter('threshold', 0.5, describe(
            'Publish on /lam/command only at this confidence (0..1) or above.',
            read_only=False,
            floating_point_range=[FloatingPointRange(from_value=0.0, to_value=1.0)]))
        self.declare_parameter('language_weight', DEFAULT_LANGUAGE_WEIGHT, describe(
            'pocketsphinx language model weight (higher trusts the command model more).',
            floating_point_range=[FloatingPointRange(from_value=1.0, to_value=30.0)]))
        self.declare_parameter('warp', WARP, describe(
            'Frequency warp of the features (VTLN, inverse_linear); 1.0 is none, above 1 '
            'suits voices higher than the adult male ones the acoustic model knows best.',
            floating_point_range=[FloatingPointRange(from_value=0.7, to_value=1.5)]))
        self.declare_parameter('stretches', list(STRETCHES), describe(
            'Speaker stretches: a voice above 150 Hz pitch is decoded lowered by the last '
            'factor (resampled) first, any other at the first; the other is decoded only '
            'when the planner rules cannot read the first. [1.0] decodes once.'))
        self.declare_parameter('rescore', True, describe(
            'Take the first N-best hypothesis the planner rules can read when the best '
            'path is not one.'))
        self.declare_parameter('speak_status', False, describe(
            'Read changes of /lam/status aloud with espeak-ng.'))
        self.declare_parameter('voice', 'en-us', describe('espeak-ng voice for spoken status.'))

    # ------------------------------------------------------------------ audio in
    def _on_audio(self, msg):
        for frame in self._buffer.push(np.asarray(msg.data, dtype=np.int16)):
            try:
                self._frames.put_nowait(('frame', frame))
            except queue.Full:
                self.get_logger().warning('voice decoder is behind; dropping audio',
                                          throttle_duration_sec=5.0)

    def _on_talk(self, msg):
        self._frames.put(('press' if msg.data else 'release', None))

    def _next_items(self):
        """Yield ('frame', samples) / ('press'|'release', None) from the chosen source."""
        if self._wav is not None:
            tail = np.zeros(int(WAV_TAIL_S * SAMPLE_RATE), np.int16)
            if self._p['mode'] == 'push_to_talk':
                yield 'press', None
            start, period = time.monotonic(), FRAME_SAMPLES / SAMPLE_RATE
            for i, frame in enumerate(frames(np.concatenate([self._wav, tail]))):
                if self._stop.is_set():
                    return
                if self._p['wav_realtime']:
                    delay = start + i * period - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                yield 'frame', frame
            yield 'end', None
            return
        while not self._stop.is_set():
            if self._mic is not None:
                frame = self._mic.read(timeout=0.2)
                if frame is not None:
                    yield 'frame', frame
                while not self._frames.empty():       # push-to-talk events
                    yield self._frames.get_nowait()
            else:
                try:
                    yield self._frames.get(timeout=0.2)
                except queue.Empty:
                    continue

    def _run(self):
        listener = self._listener
        try:
            for kind, frame in self._next_items():
                if kind == 'frame':
                    results = listener.feed(frame)
                elif kind == 'press':
                    listener.press()
                    results = []
                else:
                    results = listener.flush() if kind == 'end' else listener.release()
                for heard in results:
                    self._publish(heard)
                if kind == 'end':
                    self.get_logger().info('end of %s: %d utterance(s) heard' % (
                        self._p['wav_file'], self._heard))
        except (AudioError, RecognizerError) as err:
            self.get_logger().error('voice input stopped: %s' % err)

    def _publish(self, heard):
        self._heard += 1
        self._listener.threshold = self.get_parameter('threshold').value
        if heard.accepted:
            self._command_pub.publish(String(data=heard.text))
            self.get_logger().info('heard "%s" (confidence %.2f): sent to /lam/command' % (
                heard.text, heard.confidence))
        else:
            self._rejected_pub.publish(String(data=json.dumps(heard.as_dict())))
            self.get_logger().info('not sent: "%s" (%s)' % (heard.recognition.text,
                                                            heard.reason))

    # ------------------------------------------------------------------ feedback
    def _on_status(self, msg):
        sentence, self._last_state = status_sentence(msg.data, self._last_state)
        if not sentence:
            return
        if self._speaker is not None and self._speaker.poll() is None:
            self._speaker.terminate()          # the newest state matters, not a backlog
        try:
            self._speaker = say(sentence, voice=self.get_parameter('voice').value)
        except SpeechError as err:
            self.get_logger().warning('cannot speak status: %s' % err,
                                      throttle_duration_sec=30.0)

    def stop(self):
        """Stop reading audio and join the decoder thread."""
        self._stop.set()
        self._thread.join(timeout=5.0)
        if self._mic is not None:
            self._mic.close()
        if self._speaker is not None and self._speaker.poll() is None:
            self._speaker.terminate()


def main(args=None):
    run(VoiceNode, args, errors=(ValueError, AudioError, RecognizerError))


if __name__ == '__main__':
    main()
