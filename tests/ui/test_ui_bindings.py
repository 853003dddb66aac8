"""Guards against known defects in the Qt bindings the app depends on."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(str)


def test_emitting_signals_keeps_reference_counts_of_true_intact(qtbot):
    # PySide6 6.12.0 lost a reference to True per emit, aborting CPython < 3.12 after about a
    # thousand signals; pyproject.toml excludes it. On 3.12+ True is immortal and its count
    # is fixed, so the comparison holds there too.
    emitter = _Emitter()
    received: list[str] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(3000):
        emitter.fired.emit("x")
    assert len(received) == 3000
    assert sys.getrefcount(True) >= before - 10
