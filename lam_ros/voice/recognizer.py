"""Offline speech recognition with pocketsphinx and the generated domain language model.

Confidence (0..1) of an utterance: the mean, over the recognised words, of each
word's posterior probability in the decoder's word lattice (forward-backward over
the lattice, pocketsphinx `seg().prob`, already linear), times a length factor that
is 0 for an empty hypothesis. A word that competes with other paths through the
lattice (noise, mumbling, out-of-vocabulary speech) gets a low posterior; a clear
in-domain word gets one near 1. The mean rather than the product keeps long
commands comparable with short ones. Silence and filler tokens are not counted.
"""

import os
import time
from dataclasses import dataclass, field

import numpy as np

from lam_ros.voice.audio import denoise, SAMPLE_RATE
from lam_ros.voice.grammar import build_model, FILLERS, VoiceModel

DEFAULT_LANGUAGE_WEIGHT = 6.5
# Digital silence (exact zeros, as synthesised or gated audio has) gives the acoustic
# model log-energy features it never saw in training and costs many words; a fixed,
# seeded dither far below any microphone's noise floor (-72 dBFS) removes the effect.
DITHER_RMS = float(os.environ.get('LAM_ROS_VOICE_DITHER', '8.0'))


@dataclass
class Recognition:
    """What the recogniser heard in one utterance."""

    text: str
    confidence: float
    words: list = field(default_factory=list)     # [(word, posterior)]
    audio_s: float = 0.0
    decode_s: float = 0.0

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {'text': self.text, 'confidence': round(self.confidence, 3),
                'words': [[w, round(p, 3)] for w, p in self.words],
                'audio_s': round(self.audio_s, 3), 'decode_s': round(self.decode_s, 4)}


class RecognizerError(RuntimeError):
    """The recogniser could not be set up (missing pocketsphinx or model files)."""


class Recognizer:
    """Decode 16 kHz int16 utterances into text with a confidence."""

    def __init__(self, model: VoiceModel = None,
                 language_weight: float = DEFAULT_LANGUAGE_WEIGHT, denoise_audio: bool = True):
        try:
            from pocketsphinx import Decoder, get_model_path
        except ImportError as err:
            raise RecognizerError('speech recognition needs pocketsphinx '
                                  '(pip install pocketsphinx): %s' % err) from err
        self.model = model or build_model()
        options = dict(hmm=os.path.join(get_model_path(), 'en-us', 'en-us'),
                       lm=str(self.model.lm_path), dict=str(self.model.dict_path),
                       samprate=SAMPLE_RATE, lw=language_weight, loglevel='FATAL')
        # The later passes weigh the model a little more, as pocketsphinx does by default.
        options.update(fwdflatlw=language_weight + 2.0, bestpathlw=language_weight + 3.0)
        self.denoise_audio = denoise_audio
        try:
            self._decoder = Decoder(**options)
        except (RuntimeError, ValueError) as err:
            raise RecognizerError('cannot load the pocketsphinx model: %s' % err) from err

    def recognize(self, samples: np.ndarray) -> Recognition:
        """Decode one utterance."""
        started = time.perf_counter()
        x = np.asarray(samples, dtype=np.int16)
        if self.denoise_audio:
            x = denoise(x)
        if DITHER_RMS > 0:
            noise = np.random.default_rng(0).standard_normal(len(x)) * DITHER_RMS
            x = np.clip(np.round(x + noise), -32768, 32767)
        x = x.astype('<i2')
        d = self._decoder
        d.start_utt()
        d.process_raw(x.tobytes(), no_search=False, full_utt=True)
        d.end_utt()
        hyp = d.hyp()
        words = []
        if hyp is not None:
            for seg in d.seg():
                word = seg.word.split('(')[0]
                if word in FILLERS or word.startswith(('[', '+')):
                    continue
                words.append((word, float(min(max(seg.prob, 0.0), 1.0))))
        text = ' '.join(w for w, _ in words)
        confidence = float(np.mean([p for _, p in words])) if words else 0.0
        return Recognition(text, confidence, words, len(x) / SAMPLE_RATE,
                           time.perf_counter() - started)
