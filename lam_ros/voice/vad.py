"""Voice activity detection: cut utterances out of a stream of 30 ms PCM frames.

Energy with an adaptive noise floor, plus zero-crossing rate for quiet fricatives
("s", "f", "sh") whose energy alone stays near the floor. A frame is speech when its
log energy is `start_db` over the floor (or `fricative_db` over it with a high ZCR);
an utterance starts after `start_frames` speech frames among the last
`start_window`, and ends after `hangover_ms` without speech, so pauses between words
do not split a command. The floor follows the background only outside speech: it
drops at once to a quieter frame and rises slowly, so steady noise (fans, hiss)
never starts an utterance. `pre_roll_ms` of audio before the start is kept, because
the first speech frames are the ones the detector needs to become sure.
"""

import collections
from dataclasses import dataclass

import numpy as np

from lam_ros.voice.audio import FRAME_SAMPLES, frames, SAMPLE_RATE


@dataclass
class Utterance:
    """One cut utterance: its samples and where it lay in the stream (seconds)."""

    samples: np.ndarray
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """Length in seconds."""
        return len(self.samples) / SAMPLE_RATE


def frame_features(frame: np.ndarray):
    """Return (log energy in dB of int16 full scale units, zero-crossing rate 0..1)."""
    x = np.asarray(frame, dtype=np.float64)
    energy = 10.0 * np.log10(np.mean(x * x) + 1.0)
    signs = np.signbit(x - x.mean())
    zcr = float(np.count_nonzero(signs[1:] != signs[:-1])) / max(len(x) - 1, 1)
    return float(energy), zcr


class EnergyVad:
    """Streaming energy/ZCR voice activity detector with hangover."""

    def __init__(self, start_db: float = 9.0, continue_db: float = 5.0,
                 fricative_db: float = 4.0, fricative_zcr: float = 0.35,
                 min_level_db: float = 36.0, start_frames: int = 3, start_window: int = 5,
                 hangover_ms: float = 500.0, pre_roll_ms: float = 300.0,
                 min_speech_ms: float = 200.0, max_utterance_s: float = 12.0,
                 floor_rise: float = 0.02):
        self.start_db, self.continue_db = start_db, continue_db
        self.fricative_db, self.fricative_zcr = fricative_db, fricative_zcr
        self.min_level_db = min_level_db
        self.start_frames, self.start_window = start_frames, start_window
        frame_ms = 1000.0 * FRAME_SAMPLES / SAMPLE_RATE
        self.hangover_frames = max(1, int(round(hangover_ms / frame_ms)))
        self.pre_roll_frames = max(0, int(round(pre_roll_ms / frame_ms)))
        self.min_speech_frames = max(1, int(round(min_speech_ms / frame_ms)))
        self.max_frames = int(max_utterance_s * 1000.0 / frame_ms)
        self.floor_rise = floor_rise
        self.reset()

    def reset(self):
        """Forget the noise floor and any utterance in progress."""
        self.floor = None
        self._index = 0
        self._recent = collections.deque(maxlen=max(self.start_window, self.pre_roll_frames))
        self._flags = collections.deque(maxlen=self.start_window)
        self._utt = None            # frames of the utterance in progress
        self._utt_start = 0
        self._silent = 0
        self._speech_frames = 0

    @property
    def in_speech(self) -> bool:
        """Whether an utterance is in progress."""
        return self._utt is not None

    def _is_speech(self, energy, zcr, threshold):
        level = max(self.floor, self.min_level_db)
        return (energy > level + threshold or
                (energy > level + self.fricative_db and zcr > self.fricative_zcr))

    def feed(self, frame: np.ndarray):
        """Take one frame of FRAME_SAMPLES; return an Utterance when one ends, else None."""
        energy, zcr = frame_features(frame)
        if self.floor is None:
            self.floor = energy
        index, self._index = self._index, self._index + 1
        if self._utt is None:
            speech = self._is_speech(energy, zcr, self.start_db)
            self._flags.append(speech)
            self._recent.append(frame)
            if not speech:
                # Outside speech the floor follows the background: down at once, up slowly.
                self.floor = energy if energy < self.floor else (
                    self.floor + self.floor_rise * (energy - self.floor))
            if sum(self._flags) >= self.start_frames:
                keep = list(self._recent)[-max(self.pre_roll_frames, len(self._flags)):]
                self._utt, self._utt_start = keep, index + 1 - len(keep)
                self._silent, self._speech_frames = 0, sum(self._flags)
                self._flags.clear()
                self._recent.clear()
            return None
        self._utt.append(frame)
        if self._is_speech(energy, zcr, self.continue_db):
            self._silent = 0
            self._speech_frames += 1
        else:
            self._silent += 1
        if self._silent >= self.hangover_frames or len(self._utt) >= self.max_frames:
            return self._finish()
        return None

    def flush(self):
        """End the stream: return the utterance in progress (if long enough), else None."""
        return self._finish() if self._utt is not None else None

    def _finish(self):
        utt, start = self._utt, self._utt_start
        speech_frames = self._speech_frames
        self._utt = None
        self._flags.clear()
        if speech_frames < self.min_speech_frames:
            return None
        samples = np.concatenate(utt)
        return Utterance(samples, start * FRAME_SAMPLES / SAMPLE_RATE,
                         (start + len(utt)) * FRAME_SAMPLES / SAMPLE_RATE)


def split_utterances(samples: np.ndarray, vad: EnergyVad = None) -> list:
    """Cut a whole recording into utterances (a convenience over EnergyVad.feed)."""
    vad = vad or EnergyVad()
    out = []
    for frame in frames(samples):
        utt = vad.feed(frame)
        if utt is not None:
            out.append(utt)
    last = vad.flush()
    if last is not None:
        out.append(last)
    return out
