"""From audio frames to accepted commands: VAD, talk mode, recogniser and threshold.

Modes (the `mode` parameter of lam_voice and `lam-ros listen --mode`):
- `vad`: every utterance the voice activity detector cuts out is a command;
- `push_to_talk`: only audio between `press()` and `release()` is decoded (a button,
  or the node's `~/talk` Bool topic); the VAD is not used;
- `wake_word`: an utterance counts only if it starts with a wake word ("robot, open the
  drawer"), or follows an utterance that was only the wake word within
  `wake_timeout_s`; the wake word is removed from the command.

An utterance is accepted when it has words, its confidence is >= `threshold` and
the mode lets it through; every decoded utterance is reported, accepted or not,
with the reason, so the caller can publish rejects for the operator to see.
"""

from dataclasses import dataclass

import numpy as np

from lam_ros.voice.audio import FRAME_SAMPLES, frames, SAMPLE_RATE
from lam_ros.voice.grammar import WAKE_WORDS
from lam_ros.voice.recognizer import Recognition
from lam_ros.voice.vad import EnergyVad

MODES = ('vad', 'push_to_talk', 'wake_word')


@dataclass
class Heard:
    """One decoded utterance and the decision about it."""

    text: str                   # the command (wake word removed)
    confidence: float
    accepted: bool
    reason: str                 # why not accepted ('' when accepted)
    recognition: Recognition
    start_s: float = 0.0
    end_s: float = 0.0

    def as_dict(self) -> dict:
        """JSON-ready form (what /lam/voice/rejected and `lam-ros listen --json` print)."""
        return {'text': self.text, 'confidence': round(self.confidence, 3),
                'accepted': self.accepted, 'reason': self.reason,
                'hypothesis': self.recognition.text,
                'best_path': self.recognition.best_path or self.recognition.text,
                'start_s': round(self.start_s, 2), 'end_s': round(self.end_s, 2)}


class VoiceListener:
    """Streaming front-end: feed 30 ms frames, get Heard results."""

    def __init__(self, recognizer, mode: str = 'vad', threshold: float = 0.5,
                 wake_words=WAKE_WORDS, wake_timeout_s: float = 6.0, vad: EnergyVad = None,
                 max_talk_s: float = 15.0):
        if mode not in MODES:
            raise ValueError('mode must be one of %s, not %r' % (', '.join(MODES), mode))
        if not 0.0 <= threshold <= 1.0:
            raise ValueError('threshold must be within 0..1, not %r' % threshold)
        self.recognizer = recognizer
        self.mode, self.threshold = mode, threshold
        # Longest first, so "hey robot" is removed whole rather than leaving "hey".
        self.wake_words = sorted((' '.join(w.lower().split()) for w in wake_words),
                                 key=len, reverse=True)
        self.wake_timeout_s = wake_timeout_s
        self.vad = vad or EnergyVad()
        self.max_talk_frames = int(max_talk_s * SAMPLE_RATE / FRAME_SAMPLES)
        self._frames_seen = 0
        self._woken_until = None
        self._talk = None           # frames captured while push-to-talk is pressed
        self._talk_start = 0.0

    @property
    def now_s(self) -> float:
        """Stream time: seconds of audio fed so far."""
        return self._frames_seen * FRAME_SAMPLES / SAMPLE_RATE

    def press(self):
        """Push-to-talk pressed: start capturing."""
        self._talk, self._talk_start = [], self.now_s

    def release(self) -> list:
        """Push-to-talk released: decode what was captured."""
        captured, self._talk = self._talk, None
        if not captured:
            return []
        return [self._decide(np.concatenate(captured), self._talk_start, self.now_s)]

    def feed(self, frame: np.ndarray) -> list:
        """Take one frame of FRAME_SAMPLES int16 samples; return any Heard results."""
        self._frames_seen += 1
        if self.mode == 'push_to_talk':
            if self._talk is not None:
                self._talk.append(np.asarray(frame, np.int16))
                if len(self._talk) >= self.max_talk_frames:
                    out = self.release()
                    self.press()
                    return out
            return []
        utt = self.vad.feed(frame)
        return [self._decide(utt.samples, utt.start_s, utt.end_s)] if utt is not None else []

    def flush(self) -> list:
        """End of the stream: decode an utterance still in progress."""
        if self.mode == 'push_to_talk':
            return self.release()
        utt = self.vad.flush()
        return [self._decide(utt.samples, utt.start_s, utt.end_s)] if utt is not None else []

    def process(self, samples: np.ndarray) -> list:
        """Run a whole recording through the listener (push-to-talk: held throughout)."""
        out = []
        if self.mode == 'push_to_talk':
            self.press()
        for frame in frames(samples):
            out.extend(self.feed(frame))
        return out + self.flush()

    def _strip_wake(self, text):
        for wake in self.wake_words:
            if text == wake or text.startswith(wake + ' '):
                return True, text[len(wake):].strip()
        return False, text

    def _decide(self, samples, start_s, end_s) -> Heard:
        rec = self.recognizer.recognize(samples)
        text, reason = rec.text, ''
        if self.mode == 'wake_word':
            woke, text = self._strip_wake(rec.text)
            armed = self._woken_until is not None and start_s <= self._woken_until
            if woke and not text:
                if rec.confidence >= self.threshold:
                    self._woken_until = end_s + self.wake_timeout_s
                return Heard('', rec.confidence, False, 'wake word only: listening',
                             rec, start_s, end_s)
            if not woke and not armed:
                reason = 'no wake word (say "%s" first)' % self.wake_words[-1]
            self._woken_until = None
        if not reason and not text:
            reason = 'no words recognised'
        if not reason and rec.confidence < self.threshold:
            reason = 'confidence %.2f below threshold %.2f' % (rec.confidence, self.threshold)
        return Heard(text, rec.confidence, not reason, reason, rec, start_s, end_s)
