"""The Qt-free translation hook the domain and services speak through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from advisor_planner import translation


@pytest.fixture
def restored() -> Iterator[None]:
    yield
    translation.use(None)


def test_words_come_back_as_written_until_the_ui_installs_a_translator(restored) -> None:
    assert translation.translate("Cadence", "due in {0} days").format(3) == "due in 3 days"
    assert translation.QT_TRANSLATE_NOOP("Cadence", "never contacted") == "never contacted"


def test_an_installed_translator_is_asked_with_the_context(restored) -> None:
    asked: list[tuple[str, str]] = []

    def german(context: str, text: str) -> str:
        asked.append((context, text))
        return {"due in {0} days": "fällig in {0} Tagen"}.get(text, text)

    translation.use(german)
    assert translation.translate("Cadence", "due in {0} days").format(3) == "fällig in 3 Tagen"
    assert asked == [("Cadence", "due in {0} days")]
    translation.use(None)
    assert translation.translate("Cadence", "due in {0} days") == "due in {0} days"
