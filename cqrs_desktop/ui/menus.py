"""The main window's menu bar, built from the one shortcut table."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from cqrs_desktop import __version__
from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.messages import show_info

if TYPE_CHECKING:
    from cqrs_desktop.ui.main_window import MainWindow

PAGE_ACTIONS = ("page_sources", "page_overview", "page_walkthrough", "page_results")


def build_menus(window: MainWindow, page_names: tuple[str, ...]) -> None:
    act = shortcuts.make_action
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addAction(act(window, "new_review", "&New review…", window.new_review))
    file_menu.addAction(act(window, "open_review", "&Open review…", window.choose_review))
    demo = file_menu.addAction("Open the &demo")
    demo.triggered.connect(window.open_demo)
    window.save_as_action = act(window, "save_as", "Save a &copy as…", window.save_as)
    file_menu.addAction(window.save_as_action)
    window.print_action = act(
        window, "print", "&Print or save as PDF…", lambda: window.print_or_save()
    )
    file_menu.addAction(window.print_action)
    close = file_menu.addAction("C&lose review")
    close.triggered.connect(window.close_review)
    file_menu.addSeparator()
    practice = file_menu.addAction("Practice de&tails…")
    practice.triggered.connect(lambda: window.edit_practice())
    file_menu.addSeparator()
    quit_action = file_menu.addAction("E&xit")
    quit_action.triggered.connect(window.close)
    go = window.menuBar().addMenu("&Go")
    for index, (action, name) in enumerate(zip(PAGE_ACTIONS, page_names, strict=True)):
        go.addAction(act(window, action, name, partial(window.show_page, index)))
    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addAction(act(window, "help", "&Help", window.show_help))
    help_menu.addAction(act(window, "cheat_sheet", "&Keyboard shortcuts", window.show_cheat_sheet))
    about = help_menu.addAction("&About")
    about.triggered.connect(
        lambda: show_info(
            window, "About", f"CQRS Desktop {__version__}\nPatient data stays on this computer."
        )
    )
