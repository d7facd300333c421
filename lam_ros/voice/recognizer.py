"""Offline speech recognition with pocketsphinx and the generated domain language model.

Confidence (0..1) of an utterance: the mean, over the recognised words, of each
word's posterior probability in the decoder's word lattice (forward-backward over
the lattice, pocketsphinx `seg().prob`, already linear), times a length factor that
is 0 for an empty hypothesis. A word that competes with other paths through the
lattice (noise, mumbling, out-of-vocabulary speech) gets a low posterior; a clear
in-domain word gets one near 1. The mean rather than the product keeps long
commands comparable with short ones. Silence and filler tokens are not counted.

N-best rescoring (`rescore`, on by default): when the best path is not a command the
planner's rules can read ("push the pink block to the lamp"), the decoder's next
hypotheses (up to `NBEST` distinct texts from the lattice) are tried in order and the
first one the rules read is taken. The acceptor is lam_ros.language.planner.Planner
without the skill library or intent model (rules only, about 3 ms a text, no Milvus
client in the voice process); when no hypothesis passes, the best path stays and the
full planner downstream decides. The confidence of a chosen alternative is not its
own lattice posterior (pocketsphinx gives posteriors only along the best path): each
of its words aligned with the same word of the best path keeps that word's posterior,
and each word that replaces best-path words gets 1 - their mean posterior (the
probability mass the best path leaves to anything else, an upper bound), an inserted
word 0.5. `Recognition.best_path` keeps what the decoder itself preferred.

Speaker stretches (`stretches`, default STRETCHES: as heard, and lowered): an utterance
may be decoded resampled to `stretch` times as many samples and read at 16 kHz, which
lowers every frequency, pitch and formants alike, by that factor and slows it down as
much. The en-us acoustic model was trained mostly on adult male speech; a higher voice
decodes better lowered (synthesised female voice, clean: 76 % of commands planned right
at 1.0, 90 % at 1.18), while a low voice gets worse (95 % -> 27 %). So the speaker's
pitch (audio.pitch, the median over voiced frames) picks the order: a voice above
`high_pitch_hz` (HIGH_PITCH_HZ, 150 Hz: between typical adult male and female voices) is
decoded at the last stretch first, any other at the first. The next stretch is decoded
only when the rules cannot read the hypothesis, not even an N-best alternative; the
kept hypothesis is the first the rules read (its best path before a rescored one),
else the most confident. Each stretch decoded costs about 0.04 of real time. This works
on the audio, so unlike `warp` it has no per-process state.

Acoustic scoring (TOPN): pocketsphinx scores, per frame, only the 4 best Gaussians of
each mixture by default. In noise the best few are often noise-shaped, and scoring 16
keeps the speech ones in: at 10 dB SNR, with one decode per clip, plan accuracy rose
from 0.891 to 0.918 (male voice) and from 0.691 to 0.741 (female voice, lowered), clean
speech unchanged, for about 1.6 times the decoding time (still under 0.1 of real time).

Frequency warping (`warp`, default WARP): the features are computed with the
filterbank's frequency axis scaled by 1/warp (pocketsphinx's inverse_linear VTLN),
which moves the higher formants of female and child voices toward the adult male
speech that dominates the en-us acoustic model. It is a per-process setting in
pocketsphinx (the warp lives in a global of its front end), so all recognisers in a
process share the last one created; use one warp per process.
"""

import difflib
import os
import time
from dataclasses import dataclass, field

import numpy as np

from lam_ros.voice.audio import denoise, pitch, resample, SAMPLE_RATE
from lam_ros.voice.grammar import build_model, FILLERS, VoiceModel

DEFAULT_LANGUAGE_WEIGHT = 6.5
WARP = float(os.environ.get('LAM_ROS_VOICE_WARP', '1.1'))
STRETCHES = (1.0, 1.18)  # decode as heard, and lowered for higher voices (docstring)
HIGH_PITCH_HZ = 150.0   # a voice above this is decoded lowered first
TOPN = 16               # Gaussians scored per frame and mixture (pocketsphinx: 4; docstring)
NBEST = 10              # distinct texts tried by the rescoring
NBEST_RAW = 40          # lattice paths read to find them (many differ only in fillers)
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
    best_path: str = None        # the decoder's own best text, when rescoring chose another
    stretch: float = 1.0         # the speaker stretch the hypothesis was decoded at
    pitch_hz: float = 0.0        # the speaker's median pitch (0: no voiced frame)

    def as_dict(self) -> dict:
        """JSON-ready form."""
        out = {'text': self.text, 'confidence': round(self.confidence, 3),
               'words': [[w, round(p, 3)] for w, p in self.words],
               'audio_s': round(self.audio_s, 3), 'decode_s': round(self.decode_s, 4)}
        if self.best_path is not None:
            out['best_path'] = self.best_path
        if self.stretch != 1.0:
            out['stretch'] = self.stretch
        if self.pitch_hz:
            out['pitch_hz'] = round(self.pitch_hz, 1)
        return out


def _clean(hypstr: str) -> str:
    """Drop fillers and alternate-pronunciation marks from a hypothesis string."""
    return ' '.join(w.split('(')[0] for w in hypstr.split()
                    if w not in FILLERS and not w.startswith(('[', '+', '<')))


def rules_acceptor():
    """Return text -> bool: whether the planner's rules (no library, no model) read it."""
    from lam_ros.language.planner import Planner
    planner = Planner(None, None)
    cache = {}

    def accept(text):
        if text not in cache:
            if len(cache) > 5000:
                cache.clear()
            cache[text] = bool(text) and bool(planner.plan(text, None).get('ok'))
        return cache[text]
    return accept


def realign(best: list, text: str) -> list:
    """Word posteriors for an alternative `text`, borrowed from the best path's words."""
    words = text.split()
    out = [None] * len(words)
    matcher = difflib.SequenceMatcher(a=[w for w, _ in best], b=words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == 'equal':
            for k in range(j2 - j1):
                out[j1 + k] = best[i1 + k][1]
        elif tag == 'replace':
            rest = 1.0 - float(np.mean([p for _, p in best[i1:i2]]))
            for k in range(j1, j2):
                out[k] = rest
        elif tag == 'insert':
            for k in range(j1, j2):
                out[k] = 0.5
    return list(zip(words, out))


class RecognizerError(RuntimeError):
    """The recogniser could not be set up (missing pocketsphinx or model files)."""


class Recognizer:
    """Decode 16 kHz int16 utterances into text with a confidence."""

    def __init__(self, model: VoiceModel = None,
                 language_weight: float = DEFAULT_LANGUAGE_WEIGHT, denoise_audio: bool = True,
                 decoder_options: dict = None, warp: float = WARP, rescore=True,
                 stretches=STRETCHES, high_pitch_hz: float = HIGH_PITCH_HZ):
        try:
            from pocketsphinx import Decoder, get_model_path
        except ImportError as err:
            raise RecognizerError('speech recognition needs pocketsphinx '
                                  '(pip install pocketsphinx): %s' % err) from err
        self.model = model or build_model()
        options = dict(hmm=os.path.join(get_model_path(), 'en-us', 'en-us'),
                       lm=str(self.model.lm_path), dict=str(self.model.dict_path),
                       samprate=SAMPLE_RATE, lw=language_weight, topn=TOPN, loglevel='FATAL')
        # The later passes weigh the model a little more, as pocketsphinx does by default.
        options.update(fwdflatlw=language_weight + 2.0, bestpathlw=language_weight + 3.0)
        if warp and warp != 1.0:
            options.update(warp_type='inverse_linear', warp_params=str(warp))
        options.update(decoder_options or {})
        # rescore: True (the planner's rules), False, or a callable text -> bool
        self._accept = rules_acceptor() if rescore is True else (rescore or None)
        self.denoise_audio = denoise_audio
        self.stretches = tuple(float(f) for f in (stretches or (1.0,)))
        self.high_pitch_hz = float(high_pitch_hz)
        if any(not 0.5 <= f <= 2.0 for f in self.stretches):
            raise ValueError('speaker stretches must be within 0.5..2.0, not %r'
                             % (self.stretches,))
        try:
            self._decoder = Decoder(**options)
        except (RuntimeError, ValueError) as err:
            raise RecognizerError('cannot load the pocketsphinx model: %s' % err) from err

    def recognize(self, samples: np.ndarray) -> Recognition:
        """Decode one utterance at each stretch, in the order its pitch picks, until readable."""
        started = time.perf_counter()
        x = np.asarray(samples, dtype=np.int16)
        speaker_hz = pitch(x) if len(self.stretches) > 1 else 0.0
        if self.denoise_audio:
            x = denoise(x)
        if DITHER_RMS > 0:
            noise = np.random.default_rng(0).standard_normal(len(x)) * DITHER_RMS
            x = np.clip(np.round(x + noise), -32768, 32767)
        x = x.astype(np.int16)
        order = self.stretches[::-1] if speaker_hz > self.high_pitch_hz else self.stretches
        tried = []
        for stretch in order:
            y = x if stretch == 1.0 else resample(x, SAMPLE_RATE,
                                                  int(round(SAMPLE_RATE * stretch)))
            rec, rank = self._decode(y)
            rec.stretch = stretch
            tried.append((rank, rec))
            if rank > 0:
                break           # the rules read what the decoder heard: no need to go on
        rank, best = tried[-1]
        if rank == 0:
            best = max((rec for _, rec in tried), key=lambda rec: rec.confidence)
        best.pitch_hz = speaker_hz
        best.audio_s = len(x) / SAMPLE_RATE
        best.decode_s = time.perf_counter() - started
        return best

    def _decode(self, x):
        """Decode prepared audio into (Recognition, rank).

        rank: 2 when the rules read the best path, 1 when they read an N-best
        alternative (rescoring), 0 otherwise or without an acceptor.
        """
        d = self._decoder
        d.start_utt()
        d.process_raw(x.astype('<i2').tobytes(), no_search=False, full_utt=True)
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
        best_path, rank = None, 0
        if self._accept is not None and text:
            if self._accept(text):
                rank = 2
            else:
                chosen = self._rescore(text)
                if chosen is not None:
                    best_path, text, words, rank = text, chosen, realign(words, chosen), 1
        confidence = float(np.mean([p for _, p in words])) if words else 0.0
        return Recognition(text, confidence, words, best_path=best_path), rank

    def _rescore(self, best: str):
        """Return the first N-best text the acceptor takes, or None."""
        tried = {best}
        for i, hyp in enumerate(self._decoder.nbest()):
            if i >= NBEST_RAW or len(tried) > NBEST:
                break
            if hyp is None:         # pocketsphinx yields None for a path it cannot read
                continue
            text = _clean(hyp.hypstr)
            if text and text not in tried:
                tried.add(text)
                if self._accept(text):
                    return text
        return None
