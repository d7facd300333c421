"""Typing slips: a word the planner has never seen, a slip away from one it knows, is read as it.

Operators type fast ("rotaet the red blcok to the left") and a speech recogniser spells what
it heard. A word is corrected only when all of these hold:
- the planner does not know it (not in its vocabulary, nor a plural or inflection of a word
  in it);
- it is no English word the text encoder knows whole (its word-piece vocabulary): "clock"
  and "lock" are words of their own, never slips for "block";
- it has at least MIN_LENGTH letters, and one known word is nearest to it: one insertion,
  deletion, substitution or swap of neighbouring letters away (two for words of LONG_WORD
  letters or more, where two slips are common and a second match is rare). Among equally
  near words, right after a determiner or a colour ("the drawr", "pink blok") the one
  noun of the desk wins ("drawer", not "drawn"; "block", not "book"); then the one that
  starts with the slip's first letter ("yelow" is "yellow", not "below"), is as long (a
  mistyped or swapped letter: "opne" is "open", not "one") and ends with its last letter
  ("trun" is "turn", not "true"; "grean" is "green", not "great"); where that leaves
  several, none does. Right before a block noun a colour of the desk wins ("the bule
  block" is "blue", not "bulb"), and a colour of the desk wins over one the desk does not
  have ("gren" is "green", not "grey").
- a word of three letters is corrected only where swapping two neighbouring letters gives a
  known word ("rde" is "red").
Targets include the words the planner refuses ("smahs" is "smash", and still refused).
Anything else stays as typed, so the planner's unknown-word checks see it.
"""

import json
import re

MIN_LENGTH = 4
LONG_WORD = 8
WORD = re.compile(r'[A-Za-z]+')


def distance(a: str, b: str) -> int:
    """Return the optimal string alignment distance: Damerau-Levenshtein, no repeated edits."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def _deletions(word: str, depth: int) -> set:
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def encoder_words(tokenizer_json) -> frozenset:
    """Whole lower-case words of a word-piece tokenizer's vocabulary (tokenizer.json)."""
    vocab = json.loads(tokenizer_json.read_text())['model']['vocab']
    return frozenset(w for w in vocab if w.isalpha() and w.islower())


class Speller:
    """Corrects typing slips against the planner's vocabulary."""

    def __init__(self, known, english=frozenset(), stems=None, nouns=frozenset(),
                 before_noun=frozenset(), colours=frozenset(), block_nouns=frozenset(),
                 other_colours=frozenset()):
        """Index `known` (words to correct to); `english` words are never corrected.

        stems: a function from a word to its base forms ("blocks" -> ["block"]).
        nouns: the known words that win a tie right after a word of `before_noun`.
        colours: the desk's colour words, which win a tie right before a word of
        `block_nouns`, and a tie with `other_colours` (colours the desk does not have).
        """
        self.known = frozenset(w for w in known if w.isalpha())
        self.english = frozenset(english)
        self.stems = stems or (lambda word: [])
        self.nouns = frozenset(nouns) & self.known
        self.before_noun = frozenset(before_noun)
        self.colours = frozenset(colours) & self.known
        self.block_nouns = frozenset(block_nouns)
        self.other_colours = frozenset(other_colours)
        self._index = {}
        for word in self.known:
            if len(word) >= MIN_LENGTH - 1:
                for key in _deletions(word, 2 if len(word) >= LONG_WORD - 1 else 1):
                    self._index.setdefault(key, set()).add(word)

    def fix(self, word: str, after: str = '', before: str = ''):
        """Return the known word a slip stands for, or None (lower-case word).

        after: the word before it, lower-case ("" at the start); before: the word after it.
        """
        if word in self.known or word in self.english or any(
                s in self.known for s in self.stems(word)):
            return None
        if len(word) == MIN_LENGTH - 1:
            swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(2)}
            found = sorted(w for w in swaps if w in self.known)
            return found[0] if len(found) == 1 else None
        if len(word) < MIN_LENGTH:
            return None
        depth = 2 if len(word) >= LONG_WORD else 1
        near = set()
        for key in _deletions(word, depth):
            near |= self._index.get(key, set())
        scored = {}
        for candidate in near:
            d = distance(word, candidate)
            if d <= depth:
                scored.setdefault(d, []).append(candidate)
        if not scored:
            return None
        best = scored[min(scored)]
        if len(best) > 1 and (before in self.block_nouns or (
                set(best) & self.colours and set(best) & self.other_colours)):
            best = [c for c in best if c in self.colours] or best
        if len(best) > 1 and after in self.before_noun:
            best = [c for c in best if c in self.nouns] or best
        # then the one that starts as the slip does, is as long, ends as it does
        for keep in (lambda c: c[0] == word[0], lambda c: len(c) == len(word),
                     lambda c: c[-1] == word[-1]):
            if len(best) > 1:
                best = [c for c in best if keep(c)] or best
        return best[0] if len(best) == 1 else None

    def correct(self, text: str):
        """Return (text with slips corrected, [(slip, word)])."""
        matches = list(WORD.finditer(text))
        words = [m.group(0).lower() for m in matches]
        parts, fixes, end = [], [], 0
        for i, match in enumerate(matches):
            fixed = self.fix(words[i], words[i - 1] if i else '',
                             words[i + 1] if i + 1 < len(words) else '')
            if fixed is not None:
                parts += [text[end:match.start()], fixed]
                end = match.end()
                fixes.append((match.group(0), fixed))
        return ''.join(parts) + text[end:], fixes
