"""The first screen: what nutri-tui does, what it does not, and how to leave."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from nutri_tui.content import load_content

INTRO = (
    "nutri-tui walks you through the things that can leave you short of vitamin D, calcium, "
    "magnesium, potassium, omega-3, vitamin B12, iron, zinc, selenium and folate: sun, diet, "
    "medicines, age, gut health and alcohol. It checks your back pain for warning signs first, "
    "then shows which nutrients may be worth checking with a blood test, foods that supply them, "
    "supplement cautions for you, and exercises with the best evidence for back pain.\n\n"
    "Everything stays on this computer.\n\n"
    "The step-by-step questions are being built. Today you can already assess an answers file:\n"
    "  nutri-tui assess examples/vegan.toml"
)


class WelcomeScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        content = load_content()
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static("Welcome to nutri-tui", classes="title")
            yield Static(INTRO, markup=False)
            yield Static(content.manifest.disclaimer, classes="disclaimer", markup=False)
        yield Footer()
