"""The baseline TUI: a Static and a five-item ListView, nothing else.

The benchmark times its first frame the same way as coopwizard's, so the
ratio between the two holds on a noisy machine.
"""

from textual.app import App, ComposeResult
from textual.widgets import Label, ListItem, ListView, Static

EXPECTED = "Element 5"  # ASCII: what the harness waits for on screen


class MinimalApp(App):
    def compose(self) -> ComposeResult:
        yield Static("Application minimale")
        yield ListView(*(ListItem(Label(f"Element {n}")) for n in range(1, 6)))


if __name__ == "__main__":
    MinimalApp().run()
