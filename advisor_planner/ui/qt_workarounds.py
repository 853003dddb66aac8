"""Workarounds for bugs in the Qt bindings, each with the versions it applies to.

PySide6 6.12.0 on CPython 3.11 and older: every ``SignalInstance.emit()`` called from Python
returns ``True`` without taking a reference to it, so each emit lowers ``True``'s reference
count by one. After a few hundred emits the interpreter aborts with "Fatal Python error:
bool_dealloc: deallocating True or False" (often at exit, during garbage collection).
CPython 3.12 made ``True`` and ``False`` immortal (PEP 683), which hides the bug there; on
older versions ``pin_bool_refcounts`` gives them a reference count no run will exhaust, which
is what 3.12 does by design. Remove once the bindings are fixed and the minimum version moves.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_RESERVE = 1 << 40  # references; an app would need ~10^12 emits to use them up


def pin_bool_refcounts() -> bool:
    """Make ``True``/``False`` effectively immortal on CPython < 3.12; return True if done."""
    global _PINNED
    if _PINNED or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for singleton in (True, False):
        # ob_refcnt is the first field of every CPython object header.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _PINNED = True
    return True
