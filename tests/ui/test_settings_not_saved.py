"""A settings folder that refuses the settings (a locked profile, a full disk): the review
opens all the same, and the window says the settings were not saved, naming the file."""

from __future__ import annotations

import shutil

from cqrs_desktop import paths
from cqrs_desktop.ui import messages


def test_a_review_opens_and_says_so_when_the_settings_cannot_be_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    folder = paths.config_dir()
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("not a folder", encoding="utf-8")  # a real refusal: mkdir fails
    messages.last_problem.clear()
    try:
        window.open_demo()
        qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=30000)
        assert window.session is not None  # the review is open, not stuck on the start page
        (box,) = messages.last_problem
        assert box.windowTitle() == "Settings not saved"
        assert "settings.json" in box.text() and "could not be saved" in box.text()
        assert "kept only until CQRS Desktop is closed" in box.text()
    finally:
        folder.unlink()
