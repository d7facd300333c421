"""Audio in: 16 kHz mono int16 PCM from WAV files, a microphone or a ROS topic.

Everything downstream (VAD, recogniser) works on numpy int16 arrays at SAMPLE_RATE.
The microphone needs the optional `sounddevice` package (PortAudio); it is imported
only when a microphone is opened, so machines without one never need it.
"""

import queue
import wave

import numpy as np

SAMPLE_RATE = 16000
FRAME_SAMPLES = 480          # 30 ms at 16 kHz: the VAD's frame


class AudioError(RuntimeError):
    """Audio could not be read or a device could not be opened."""


def resample(samples: np.ndarray, rate_in: int, rate_out: int = SAMPLE_RATE) -> np.ndarray:
    """Band-limited resampling by FFT (exact for a whole clip), returning int16."""
    x = np.asarray(samples, dtype=np.float64)
    if rate_in == rate_out or len(x) == 0:
        return np.clip(np.round(x), -32768, 32767).astype(np.int16)
    n = int(round(len(x) * rate_out / rate_in))
    spectrum = np.fft.rfft(x)
    keep = min(len(spectrum), n // 2 + 1)
    out = np.fft.irfft(spectrum[:keep], n) * (n / len(x))
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)


def read_wav(path) -> np.ndarray:
    """Read a PCM WAV file (path or file object) as 16 kHz mono int16 (mixed down, resampled)."""
    source = path if hasattr(path, 'read') else str(path)
    try:
        with wave.open(source, 'rb') as w:
            rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            raw = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as err:
        raise AudioError('cannot read WAV file %s: %s' % (path, err)) from err
    if width == 2:
        x = np.frombuffer(raw, '<i2').astype(np.float64)
    elif width == 1:
        x = (np.frombuffer(raw, np.uint8).astype(np.float64) - 128.0) * 256.0
    elif width == 4:
        x = np.frombuffer(raw, '<i4').astype(np.float64) / 65536.0
    else:
        raise AudioError('%s: %d-byte samples are not supported' % (path, width))
    if channels > 1:
        x = x[:len(x) - len(x) % channels].reshape(-1, channels).mean(axis=1)
    return resample(x, rate)


def write_wav(path, samples: np.ndarray, rate: int = SAMPLE_RATE):
    """Write mono int16 PCM."""
    with wave.open(str(path), 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype='<i2').tobytes())


def rms(samples: np.ndarray) -> float:
    """Root mean square of a signal (0 for an empty one)."""
    x = np.asarray(samples, dtype=np.float64)
    return float(np.sqrt(np.mean(x * x))) if len(x) else 0.0


def add_noise(samples: np.ndarray, snr_db: float, seed: int = 0,
              speech_level=None) -> np.ndarray:
    """Add white Gaussian noise at `snr_db` relative to the speech's level.

    The speech level is the RMS over the frames louder than -40 dB of the peak frame
    (the active speech, not the silence around it), unless `speech_level` is given.
    """
    x = np.asarray(samples, dtype=np.float64)
    if speech_level is None:
        frames = x[:len(x) - len(x) % FRAME_SAMPLES].reshape(-1, FRAME_SAMPLES)
        energy = np.sqrt(np.mean(frames ** 2, axis=1)) if len(frames) else np.zeros(1)
        active = energy[energy > energy.max() * 0.01]
        speech_level = float(np.sqrt(np.mean(active ** 2))) if len(active) else 0.0
    noise = np.random.default_rng(seed).standard_normal(len(x))
    noisy = x + noise * speech_level / (10.0 ** (snr_db / 20.0))
    return np.clip(np.round(noisy), -32768, 32767).astype(np.int16)


def frames(samples: np.ndarray, size: int = FRAME_SAMPLES):
    """Yield consecutive frames of `size` samples (the last one zero-padded)."""
    x = np.asarray(samples, dtype=np.int16)
    for start in range(0, len(x), size):
        chunk = x[start:start + size]
        if len(chunk) < size:
            chunk = np.concatenate([chunk, np.zeros(size - len(chunk), np.int16)])
        yield chunk


class FrameBuffer:
    """Re-chunk PCM arriving in blocks of any size (topic messages) into VAD frames."""

    def __init__(self, size: int = FRAME_SAMPLES):
        self.size = size
        self._pending = np.zeros(0, np.int16)

    def push(self, samples) -> list:
        """Add samples; return the complete frames now available."""
        data = np.concatenate([self._pending, np.asarray(samples, dtype=np.int16)])
        whole = len(data) - len(data) % self.size
        self._pending = data[whole:]
        return [data[i:i + self.size] for i in range(0, whole, self.size)]


class Microphone:
    """Frames from the default input device via `sounddevice` (optional dependency).

    Use as an iterator of int16 frames of FRAME_SAMPLES; `close()` stops the stream.
    """

    def __init__(self, device=None, frame_samples: int = FRAME_SAMPLES):
        try:
            import sounddevice
        except (ImportError, OSError) as err:
            raise AudioError('microphone input needs the sounddevice package and PortAudio '
                             '(pip install sounddevice; apt install libportaudio2): %s'
                             % err) from err
        self._queue = queue.Queue(maxsize=200)
        try:
            self._stream = sounddevice.InputStream(
                samplerate=SAMPLE_RATE, channels=1, dtype='int16', device=device,
                blocksize=frame_samples, callback=self._on_block)
            self._stream.start()
        except sounddevice.PortAudioError as err:
            raise AudioError('cannot open the microphone: %s' % err) from err

    def _on_block(self, block, frame_count, time_info, status):
        try:
            self._queue.put_nowait(block[:, 0].copy())
        except queue.Full:
            pass        # the consumer fell behind: drop audio rather than block PortAudio

    def read(self, timeout: float = 1.0):
        """Return the next frame, or None if none arrived within `timeout` seconds."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def __iter__(self):
        while True:
            frame = self.read()
            if frame is not None:
                yield frame

    def close(self):
        """Stop and close the input stream."""
        self._stream.stop()
        self._stream.close()


def _frame_index(length: int, size: int, hop: int) -> np.ndarray:
    """Return the indices (frames x size) of whole frames of `size` samples every `hop`."""
    count = 1 + (length - size) // hop
    return np.arange(size)[None, :] + hop * np.arange(count)[:, None]


def pitch(samples: np.ndarray, low_hz: float = 70.0, high_hz: float = 400.0) -> float:
    """Median fundamental frequency (Hz) of the voiced frames of an utterance, 0 if none.

    Autocorrelation pitch: 40 ms frames every 20 ms; of the louder half of them, a frame
    is voiced when its normalised autocorrelation peaks above 0.5 at a lag within
    `low_hz`..`high_hz`; the frame's pitch is the rate over that lag.
    """
    x = np.asarray(samples, dtype=np.float64)
    size, hop = int(0.04 * SAMPLE_RATE), int(0.02 * SAMPLE_RATE)
    if len(x) < size:
        return 0.0
    frames = x[_frame_index(len(x), size, hop)]
    frames = frames - frames.mean(axis=1, keepdims=True)
    energy = (frames ** 2).sum(axis=1)
    frames = frames[energy >= np.median(energy)]
    spectrum = np.fft.rfft(frames * np.hanning(size), 2 * size, axis=1)
    corr = np.fft.irfft(np.abs(spectrum) ** 2, axis=1)[:, :size]
    window = np.fft.irfft(np.abs(np.fft.rfft(np.hanning(size), 2 * size)) ** 2)[:size]
    corr = corr / np.maximum(corr[:, :1], 1e-9) / np.maximum(window / window[0], 1e-3)
    lo, hi = int(SAMPLE_RATE / high_hz), int(SAMPLE_RATE / low_hz)
    lag = lo + np.argmax(corr[:, lo:hi + 1], axis=1)
    voiced = corr[np.arange(len(corr)), lag] > 0.5
    return float(np.median(SAMPLE_RATE / lag[voiced])) if voiced.any() else 0.0


def denoise(samples: np.ndarray, over: float = 1.5, floor: float = 0.3,
            quiet_share: float = 0.15, nfft: int = 512, hop: int = 128) -> np.ndarray:
    """Spectral subtraction of stationary background noise (fans, hiss) from an utterance.

    The noise spectrum is the mean power spectrum of the quietest `quiet_share` of the
    frames: a VAD-cut utterance carries pre-roll and hangover without speech. Each
    frame keeps max(1 - over * noise / power, floor**2) of its power (a Wiener-like
    gain with a floor against "musical" noise), resynthesised by overlap-add. With the
    current language model and speaker stretches, over 1.5 and floor 0.3 (at most
    -10.5 dB) plan the most commands right at 10 dB SNR (bench/voice.py voices, one
    stretch each: male 0.86 -> 0.88, female lowered 0.58 -> 0.71 against over 1.0,
    floor 0.6); floor 0.2 or no denoising is worse, and so is floor 0.8.
    """
    x = np.asarray(samples, dtype=np.float64)
    if len(x) < nfft * 4:
        return np.asarray(samples, dtype=np.int16)
    window = np.hanning(nfft + 1)[:-1]
    idx = _frame_index(len(x), nfft, hop)
    spec = np.fft.rfft(x[idx] * window, axis=1)
    power = np.abs(spec) ** 2
    energy = power.sum(axis=1)
    quiet = np.argsort(energy)[:max(1, int(len(idx) * quiet_share))]
    noise = power[quiet].mean(axis=0)
    gain = np.sqrt(np.maximum(1.0 - over * noise / np.maximum(power, 1e-9), floor ** 2))
    frames_out = np.fft.irfft(spec * gain, nfft, axis=1) * window
    out = np.zeros(len(x))
    norm = np.zeros(len(x))
    np.add.at(out, idx, frames_out)
    np.add.at(norm, idx, np.broadcast_to(window ** 2, idx.shape))
    covered = norm > 1e-6
    out[covered] /= norm[covered]
    out[~covered] = x[~covered]
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)
