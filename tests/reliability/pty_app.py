"""The real program in a pseudo-terminal, for the tests of « nothing typed is ever lost »."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

from coopwizard import store


class Terminal(pexpect.spawn):
    """A pexpect child whose output also feeds a terminal emulator (pyte): `see(text)`
    waits for text on the screen as a user sees it (Textual redraws only what changed,
    so the raw output rarely holds a typed word in one piece)."""

    def __init__(self, *args, dimensions: tuple[int, int], **kwargs) -> None:
        super().__init__(*args, dimensions=dimensions, **kwargs)
        self.screen = pyte.Screen(dimensions[1], dimensions[0])
        self.stream = pyte.Stream(self.screen)

    def read_nonblocking(self, size: int = 1, timeout: float | None = -1) -> str:
        data = super().read_nonblocking(size, timeout)
        self.stream.feed(data)
        return data

    def drain(self) -> None:
        """Read what the program wrote (a full pty would block it)."""
        try:
            while True:
                self.read_nonblocking(65536, timeout=0)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def words(self) -> str:
        """The screen's words, borders and line breaks left out (a toast wraps its text)."""
        texte = "".join(" " if "\u2500" <= c <= "\u259f" else c for c in self.text())
        return " ".join(texte.split())

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def see(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        wanted = " ".join(text.split())
        # a toast or a dialog wraps its text: look in the screen's words as well
        while text not in self.text() and wanted not in self.words():
            if time.monotonic() > deadline:
                raise AssertionError(f"not on screen: {text!r}\n{self.text()}")
            try:
                self.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                continue


def spawn(path: Path, home: Path, *, size: tuple[int, int] = (32, 100),
          expect: str = "coopwizard · ") -> Terminal:
    """`coopwizard open path` in a pty, once its first screen shows `expect`."""
    env = dict(os.environ, COOPWIZARD_HOME=str(home), TERM="xterm-256color")
    for name in ("NO_COLOR", "COLUMNS", "LINES"):  # xdist sets 80x24: the pty's size must rule
        env.pop(name, None)
    child = Terminal(
        sys.executable, ["-m", "coopwizard", "open", str(path)],
        env=env, dimensions=size, encoding="utf-8", timeout=30,
    )
    child.see(expect)
    return child


def wait_exit(child: pexpect.spawn, timeout: float = 20.0) -> int:
    """The exit status of the program (it is killed if it does not exit)."""
    try:
        child.expect(pexpect.EOF, timeout=timeout)
    except (pexpect.TIMEOUT, OSError):
        child.kill(signal.SIGKILL)
        raise
    finally:
        child.close()
    return child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0)


def wait_pid(pid: int, timeout: float = 20.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("coopwizard did not exit")


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    """Poll until `condition()` holds: waits for an event, the timeout is only a safety net."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except (store.ProjectFileError, OSError):
            pass  # the file is being replaced: look again
        time.sleep(0.02)
    return condition()


def loads_nom(path: Path) -> str:
    try:
        return store.load(path).nom
    except store.ProjectFileError:
        return ""
