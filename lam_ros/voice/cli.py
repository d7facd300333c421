"""`lam-ros listen`: print what the voice front-end hears, from the microphone or a WAV.

Wired into lam_ros.cli.main with `add_parser(sub)`; `run_listen(args, ros_args)` does the
work. Heavy modules (pocketsphinx, numpy audio) are imported only when it runs.
"""

import json
import sys


def add_parser(sub):
    """Add the `listen` subcommand to an argparse subparsers object."""
    p = sub.add_parser('listen', help='recognise spoken commands (microphone or WAV file)',
                       description='Recognise spoken commands offline with the language model '
                       'generated from the skill library, and print each utterance with '
                       'its confidence (0..1). Without --wav, listens to the default '
                       'microphone until Ctrl-C.')
    p.add_argument('--wav', default=None, help='a WAV file to recognise instead of the microphone')
    p.add_argument('--json', action='store_true',
                   help='print one JSON object per utterance: {"text", "confidence", ...}')
    p.add_argument('--mode', default='vad', choices=('vad', 'push_to_talk', 'wake_word'),
                   help='vad (default), push_to_talk (Enter starts and stops) or wake_word')
    p.add_argument('--threshold', type=float, default=0.5,
                   help='confidence at which an utterance counts as accepted (default 0.5)')
    p.add_argument('--rebuild', action='store_true',
                   help='regenerate the language model even if a cached one matches')
    p.set_defaults(run=run_listen)


def _print(heard, as_json):
    if as_json:
        print(json.dumps(heard.as_dict()), flush=True)
    else:
        mark = '' if heard.accepted else '   (not accepted: %s)' % heard.reason
        print('%.2f  %s%s' % (heard.confidence, heard.text or heard.recognition.text or '-',
                              mark), flush=True)


def _listen_microphone(listener, as_json):
    import select

    from lam_ros.voice.audio import Microphone
    mic = Microphone()
    talking = False
    if listener.mode == 'push_to_talk':
        print('press Enter to talk, Enter again to stop; Ctrl-C quits', file=sys.stderr)
    else:
        print('listening; Ctrl-C quits', file=sys.stderr)
    try:
        while True:
            if listener.mode == 'push_to_talk' and select.select([sys.stdin], [], [], 0)[0]:
                sys.stdin.readline()
                talking = not talking
                results = [] if talking else listener.release()
                if talking:
                    listener.press()
                for heard in results:
                    _print(heard, as_json)
            frame = mic.read(timeout=0.5)
            if frame is not None:
                for heard in listener.feed(frame):
                    _print(heard, as_json)
    except KeyboardInterrupt:
        for heard in listener.flush():
            _print(heard, as_json)
    finally:
        mic.close()
    return 0


def run_listen(args, ros_args):
    """Run `lam-ros listen`; exit status 0 if anything was accepted (WAV), 1 if not."""
    from lam_ros.voice.audio import AudioError, read_wav
    from lam_ros.voice.grammar import build_model
    from lam_ros.voice.listener import VoiceListener
    from lam_ros.voice.recognizer import Recognizer, RecognizerError
    from lam_ros.skills.spec import SpecError
    if not 0.0 <= args.threshold <= 1.0:
        print('lam-ros listen: --threshold must be within 0..1', file=sys.stderr)
        return 2
    try:
        listener = VoiceListener(Recognizer(build_model(force=args.rebuild)), mode=args.mode,
                                 threshold=args.threshold)
        if args.wav is None:
            return _listen_microphone(listener, args.json)
        heard = listener.process(read_wav(args.wav))
    except (AudioError, RecognizerError, SpecError, OSError) as err:
        print('lam-ros listen: %s' % err, file=sys.stderr)
        return 2
    for h in heard:
        _print(h, args.json)
    if not heard:
        print('lam-ros listen: no speech found in %s' % args.wav, file=sys.stderr)
    return 0 if any(h.accepted for h in heard) else 1
