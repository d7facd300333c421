"""Voice front-end: speech in, the same plain-English commands lam_ros already plans.

Pure logic without ROS, so tests and the bench import it without a ROS graph:
- audio: WAV files, microphone (optional `sounddevice`), PCM frames from a topic;
- vad: energy/zero-crossing voice activity detection that cuts utterances;
- grammar: a trigram language model and pronunciation dictionary generated from the
  skill library and the lexicon, cached by a hash of their sources;
- recognizer: offline pocketsphinx decoding with a 0..1 confidence per utterance;
- listener: VAD + push-to-talk / wake-word modes + recognizer + threshold;
- speech: espeak-ng synthesis (feedback, bench and tests).

The node (lam_ros.nodes.voice_node) and the CLI (lam_ros.voice.cli) are thin adapters.
This package never plans or executes anything: it only turns speech into text.
"""
