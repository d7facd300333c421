"""The `re` functions the language rules use, with a pattern cache that never evicts.

The parser's rules build several hundred distinct patterns (many from word lists). Python's
own `re` cache holds 512 and drops the oldest first, so once the rules outgrow it every
command recompiles most of them (about 3 ms a command). Here each pattern is compiled once
per process. Use as `from lam_ros.language import rx` and call `rx.sub(...)` like `re.sub`.
"""

import functools
import re

IGNORECASE = re.IGNORECASE
escape = re.escape


@functools.lru_cache(maxsize=None)
def compile(pattern, flags=0):          # noqa: A001  (the name re uses)
    """Return the compiled pattern, compiled once."""
    return re.compile(pattern, flags)


def sub(pattern, repl, string, count=0, flags=0):
    """Like re.sub."""
    return compile(pattern, flags).sub(repl, string, count)


def search(pattern, string, flags=0):
    """Like re.search."""
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    """Like re.match."""
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    """Like re.fullmatch."""
    return compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    """Like re.findall."""
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    """Like re.finditer."""
    return compile(pattern, flags).finditer(string)


def split(pattern, string, maxsplit=0, flags=0):
    """Like re.split."""
    return compile(pattern, flags).split(string, maxsplit)
