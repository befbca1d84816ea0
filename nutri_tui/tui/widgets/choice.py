"""A question and its answer in one widget, and a yes/no/not-sure question.

Why not Textual's ``Select``: a compact ``Select`` is seven widgets (its label, the current value
with three statics, and an overlay list), and a wizard step has up to eleven of them. Styling and
laying out those widgets was most of the time it took to show a step (see docs/performance.md).
``Choice`` is one widget that draws the question, the chosen answer and, when opened, the list of
answers, so a step shows in a fraction of the time and every answer is still one keypress away.

Keys, when focused: Enter or Space opens the list (Up/Down/Home/End move, Enter or Space picks,
Escape closes without changing anything); Left/Right step through the answers without opening
it; typing a letter or digit jumps to the next answer that starts with it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from nutri_tui.tui.widgets.answer_row import AnswerRow, OptionRow
from nutri_tui.tui.widgets.question_layout import box_offset, box_width, question_height, question_with_box

PLACEHOLDER = "Choose…"
OPEN_ONLY = frozenset({"cursor", "cursor_to", "close"})
"""Actions that apply only while the list is open; otherwise the key goes on (Up/Down scroll, Escape is Back)."""


class Choice(Widget, can_focus=True):
    """A question on the left, its answer on the right; ``value`` is the stored value or None."""

    DEFAULT_CSS = """
    Choice { height: auto; width: 1fr; padding: 0 1 0 0; }
    Choice > .choice--value { background: $panel; }
    Choice > .choice--placeholder { background: $panel; color: $text-muted; }
    Choice:focus { background: $boost; }
    Choice:focus > .choice--value, Choice:focus > .choice--placeholder, Choice > .choice--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "choice--value",
        "choice--placeholder",
        "choice--cursor",
    }
    BINDINGS: ClassVar = [
        Binding("enter,space", "toggle", "Choose", show=False),
        Binding("left", "step(-1)", "Previous answer", show=False),
        Binding("right", "step(1)", "Next answer", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
        Binding("escape", "close", show=False),
    ]

    value: reactive[str | None] = reactive(None)
    expanded: reactive[bool] = reactive(False, layout=True)
    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        """The person chose a different answer (never posted for the initial value)."""

        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, question: str, field: str, options: dict[str, str], value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.field = field
        self.options = options
        self._keys = list(options)
        self.set_reactive(Choice.value, value if value in options else None)

    # --- keys and mouse ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.expanded if action in OPEN_ONLY else True

    def action_toggle(self) -> None:
        if self.expanded:
            self._choose(self._keys[self.cursor])
            self.expanded = False
        else:
            self.cursor = self._keys.index(self.value) if self.value in self._keys else 0
            self.expanded = True
            self.call_after_refresh(self.scroll_visible)

    def action_close(self) -> None:
        self.expanded = False

    def action_step(self, step: int) -> None:
        if self.expanded:
            self.action_cursor(step)
            return
        here = self._keys.index(self.value) if self.value in self._keys else (-1 if step > 0 else len(self._keys))
        self._choose(self._keys[max(0, min(len(self._keys) - 1, here + step))])

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(len(self._keys) - 1, self.cursor + step))

    def action_cursor_to(self, index: int) -> None:
        self.cursor = index % len(self._keys)

    def on_key(self, event: events.Key) -> None:
        """A letter or digit jumps to the next answer starting with it."""
        if not event.is_printable or not event.character or not event.character.isalnum():
            return
        start = self.cursor if self.expanded else (self._keys.index(self.value) if self.value in self._keys else -1)
        wanted = event.character.casefold()
        for offset in range(1, len(self._keys) + 1):
            index = (start + offset) % len(self._keys)
            if self.options[self._keys[index]].casefold().startswith(wanted):
                event.stop()
                if self.expanded:
                    self.cursor = index
                else:
                    self._choose(self._keys[index])
                return

    def on_blur(self) -> None:
        self.expanded = False

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        option = offset.y - question_height(self.question, self.content_region.width)
        if self.expanded and 0 <= option < len(self._keys):
            self.cursor = option
        self.focus()
        self.action_toggle()

    def _choose(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))

    # --- drawing -----------------------------------------------------------------------------

    @property
    def box_region(self) -> Region:
        """Where the answer box is on the screen (next to the question, or under it when narrow)."""
        area = self.content_region
        x, y = box_offset(self.question, area.width)
        return Region(area.x + x, area.y + y, box_width(area.width), 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return question_height(self.question, width) + (len(self._keys) if self.expanded else 0)

    def render(self) -> Text:
        width = max(self.content_region.width, 10)
        chosen = self.options.get(self.value) if self.value is not None else None
        style = self.get_component_rich_style("choice--value" if chosen else "choice--placeholder", partial=True)
        size = box_width(width)
        box = Text(f" {chosen or PLACEHOLDER}"[: size - 3].ljust(size - 3) + (" ▴ " if self.expanded else " ▾ "))
        box.stylize(style)
        out = question_with_box(self.question, width, box)
        if self.expanded:
            cursor_style = self.get_component_rich_style("choice--cursor", partial=True)
            for index, key in enumerate(self._keys):
                mark = "•" if key == self.value else " "
                pointer = "›" if index == self.cursor else " "  # the cursor shows without colour too
                line = f"{pointer} ({mark}) {self.options[key]}"[:width].ljust(width)
                out.append("\n")
                out.append(line, style=cursor_style if index == self.cursor else Style())
        return out


YES_NO_KEYS = {"y": "yes", "n": "no", "s": "dont_know", "?": "dont_know"}


class YesNoQuestion(AnswerRow):
    """A question answered Yes, No or Not sure (keys y, n, s, or left/right), in one widget.

    ``options`` words the three answers (``yes``, ``no``, ``dont_know``); the caller says how.
    """

    DEFAULT_CSS = """
    YesNoQuestion { height: auto; width: 1fr; margin-bottom: 1; }
    """
    advance = True  # twenty-odd warning signs: N, N, Y... answers each and moves on; arrows change without moving

    def __init__(
        self, question: str, key: str, options: dict[str, str], value: str | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("id", f"flag-{key}")
        super().__init__(options, value, keys=YES_NO_KEYS, question=question, **kwargs)
        self.key = key


class ScaleQuestion(OptionRow):
    """One question of a questionnaire, answered by a key (``keys``: key -> option) or Left/Right, in one widget.

    Answering by its key moves on to the next question, as a warning sign's row does; the arrows change an
    answer without moving. Not an :class:`AnswerRow`: nothing that looks for warning signs finds it.
    """

    DEFAULT_CSS = """
    ScaleQuestion { height: auto; width: 1fr; margin-bottom: 1; }
    """
    advance = True

    def __init__(
        self,
        question: str,
        key: str,
        options: dict[str, str],
        keys: dict[str, str],
        value: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(options, value, keys=keys, question=question, **kwargs)
        self.key = key
