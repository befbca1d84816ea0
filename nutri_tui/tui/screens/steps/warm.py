"""Lay out and render a hidden step form ahead of time, without painting it, so Next or Back shows it sooner.

Why: the first time a form is shown, Textual sizes every one of its widgets from nothing (each new size
asks for another layout, and a form that needs a scrollbar is laid out a second time once it knows),
then renders every line of it. Measured, that made the first show of a step about 1.6 times as long as
showing it again. Doing that work for each hidden form while the person reads the first step leaves a
switch only what showing an already laid-out form costs, and the first frame of a step is already the
final one (before, a form that scrolls was painted once without its scrollbar, then again with it).

How: the hidden form takes the shown form's place in the screen's compositor for a moment, inside one
synchronous call (so no frame is painted in between): the compositor lays the screen out and renders it,
which sets the form's widgets' sizes and fills their line caches; the frame it renders is dropped. Then
the shown form is put back and laid out again, and the screen is repainted from the caches (the same
frame the terminal already shows). This uses Textual's compositor directly (``Screen._compositor``,
``Widget._size_updated``), as ``Screen._refresh_layout`` does.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget

INTERNALS = {
    "compositor": ("_dirty_regions", "reflow", "render_update", "layers"),
    "widget": ("_size_updated", "_clear_arrangement_cache"),
}
"""The private parts of Textual this uses (checked before anything is touched: warming is only a speed-up)."""

LAYOUT_PASSES = 3
"""A form is laid out until no widget changes size: once for the sizes, once more if it needs a scrollbar
(its widgets get narrower), and a last time to see that nothing changed."""


def supported(screen: Screen[Any]) -> bool:
    """Whether this Textual still has the internals :func:`warm` uses (a new version may rename them: then the
    forms are simply not warmed, and their first show costs what it did before)."""
    compositor = getattr(screen, "_compositor", None)
    return (
        compositor is not None
        and all(hasattr(compositor, name) for name in INTERNALS["compositor"])
        and all(hasattr(Widget, name) for name in INTERNALS["widget"])
    )


def warm(screen: Screen[Any], hidden: Widget, shown: Widget) -> bool:
    """Lay out and render ``hidden`` where ``shown`` is, paint nothing, then put ``shown`` back.

    Returns False (doing nothing) when the screen is not the one on top or has no size yet.
    """
    # The one on top, not only current: a screen under a dialog is "current" in Textual (a background screen).
    if screen.app.screen is not screen or not screen.outer_size or hidden.display or not shown.display:
        return False
    compositor = screen._compositor
    pending = set(compositor._dirty_regions)  # what the next real frame must still repaint
    try:
        _show_instead(hidden, shown)
        _lay_out(screen)
        compositor.render_update(full=True)  # fills the line caches; the frame itself is not written
        # Rendering can change what the layout depends on: a list learns how many lines its options take when it
        # first draws them, and then needs a scrollbar (sized nowhere yet: the list's first show laid the screen
        # out twice more and drew it three times). So the form is laid out again and, if that changed anything,
        # rendered again.
        if _lay_out(screen):
            compositor.render_update(full=True)
    finally:
        _show_instead(shown, hidden)
        _lay_out(screen)
        compositor._dirty_regions.update(pending)
        screen.refresh()  # the same frame again, from the caches: nothing the person sees changes
    return True


def _show_instead(show: Widget, hide: Widget) -> None:
    hide.display = False
    show.display = True
    for node in show.ancestors_with_self:  # the arrangements cached before the swap no longer hold
        if isinstance(node, Widget):
            node._clear_arrangement_cache()


def _lay_out(screen: Screen[Any]) -> bool:
    """The compositor's layout of the screen as it stands now, with every widget told its size; whether any
    widget's size changed."""
    compositor = screen._compositor
    resized = False
    for _ in range(LAYOUT_PASSES):
        compositor.reflow(screen, screen.outer_size)
        changed = False
        for widget, (region, _order, _clip, virtual_size, container_size, _, _) in compositor.layers:
            if widget._size_updated(region.size, virtual_size, container_size, layout=False):
                changed = True
                for node in widget.ancestors_with_self:
                    if isinstance(node, Widget):
                        node._clear_arrangement_cache()
        if not changed:
            return resized
        resized = True
    return resized
