"""Translating words made below the UI, without Qt: one hook the UI fills in.

The domain and services write sentences a person reads (a formula's explanation, "due in
3 days", why a value was refused); they have no Qt, so they cannot call ``tr()``. They call
:func:`translate` here instead, with a literal context, and mark table entries with
:func:`QT_TRANSLATE_NOOP`: ``pyside6-lupdate`` finds both by name, so one translation file
covers every layer. Until the UI installs Qt's translation (``ui.i18n`` does, with
``QCoreApplication.translate``, which is thread-safe, so workers may call it too), the text
comes back as written: the command line and the tests below the UI read English.

A sentence with values is translated whole, its values filled in afterwards:
``translate("Cadence", "due in {0} days").format(days)``.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str, str], str]


def _as_written(context: str, text: str) -> str:
    return text


_active: Translate = _as_written


def use(translator: Translate | None) -> None:
    """Translate through ``translator`` from now on (``None``: back to the text as written)."""
    global _active
    _active = translator or _as_written


def translate(context: str, text: str) -> str:
    """``text`` in the user's language (``context`` groups it for the translator)."""
    return _active(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate finds
    """Marks ``text`` for translation in ``context`` and returns it as written.

    For text held in a table made at import, before a translator may be installed: translate
    it where it is shown, ``translate(context, text)``. (PySide6 has a marker of this name,
    typed as returning ``object``; this one is typed as it behaves, and has no Qt.)
    """
    return text
