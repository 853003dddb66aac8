"""The context's error message: what failed, quoted as given, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from advisor_planner.ui.context import AppContext


def _shown(monkeypatch, context: AppContext, action: str) -> tuple[str, str]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    context.show_error(action, ValueError("the disk is full"))
    return shown[0]


def test_the_title_quotes_the_action_with_its_own_capitals(qapp, monkeypatch, context) -> None:
    title, text = _shown(monkeypatch, context, "Delete 3 touchpoints")
    assert (title, text) == ("“Delete 3 touchpoints” failed", "the disk is full")
    assert _shown(monkeypatch, context, "")[0] == "Could not save"
