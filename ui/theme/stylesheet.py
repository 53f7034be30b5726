"""The kiosk's one style sheet, generated from a palette and metrics.

Widgets say what they are with a ``role`` property (primary, secondary, tile,
choice, key, bar; title, heading, muted, error, number…); the sheet says how
each role looks. There are deliberately no ``:hover`` rules: a touch screen
has no hover, and a highlight that follows a stray finger confuses.

A chosen choice is filled with the primary colour (≥ 3:1 against the unchosen
ones' surface) and carries a check mark (`widgets/buttons.py`); the labels inside
a chosen `WrapButton` are marked ``onDark``.
"""

from __future__ import annotations

from ui.theme.metrics import Metrics
from ui.theme.palette import Palette


def build_stylesheet(p: Palette, m: Metrics, family: str) -> str:
    """The QSS for the main window and everything in it."""
    b = p.border_px
    return f"""
* {{ font-family: "{family}"; font-size: {m.body}px; color: {p.text}; }}
QMainWindow, QWidget#KioskBody {{ background: {p.window}; }}
QWidget#Screen, QWidget#Page, QScrollArea, QScrollArea > QWidget > QWidget {{
  background: {p.window}; }}
QWidget#Card {{ background: {p.surface}; border: {b}px solid {p.disabled};
  border-radius: {m.radius}px; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {m.title}px; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {m.heading}px; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.muted}; font-size: {m.body}px; }}
QLabel[role="small"] {{ color: {p.muted}; font-size: {m.small}px; }}
QLabel[role="error"] {{ color: {p.danger}; font-size: {m.body}px; font-weight: bold; }}
QLabel[role="ok"] {{ color: {p.ok}; font-size: {m.body}px; font-weight: bold; }}
QLabel[role="number"] {{ font-size: {m.number}px; font-weight: bold; color: {p.text};
  letter-spacing: 2px; }}
QLabel[role="banner"] {{ background: {p.danger}; color: {p.danger_text};
  padding: {m.padding}px; border-radius: {m.radius}px; font-weight: bold; }}
QLabel[role="notice"] {{ background: {p.selected}; color: {p.selected_text};
  padding: {m.padding}px; border-radius: {m.radius}px; }}
QLabel[role="step"] {{ color: {p.selected_text}; background: {p.selected};
  font-size: {m.body}px; font-weight: bold; padding: 6px {m.padding}px;
  border-radius: {m.radius}px; }}
QPushButton {{ min-height: {m.target}px; min-width: {m.target}px; font-size: {m.button}px;
  padding: 0 {m.padding + 6}px; border-radius: {m.radius}px;
  background: {p.surface}; color: {p.secondary_text};
  border: {b}px solid {p.secondary_border}; }}
QPushButton:pressed {{ background: {p.selected}; }}
QPushButton:disabled {{ background: {p.disabled}; color: {p.disabled_text};
  border-color: {p.disabled}; }}
QPushButton[role="primary"] {{ background: {p.primary}; color: {p.primary_text};
  border: {b}px solid {p.primary}; font-size: {m.primary}px; font-weight: bold;
  min-height: {m.primary_target}px; padding: 0 {m.padding * 2}px; }}
QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed}; }}
QPushButton[role="primary"]:disabled {{ background: {p.disabled}; color: {p.disabled_text};
  border-color: {p.disabled}; }}
QPushButton[role="tile"] {{ font-size: {m.heading}px; font-weight: bold;
  min-height: {m.primary_target}px; text-align: center; }}
QPushButton[role="theme"] {{ font-size: {m.button}px; font-weight: bold;
  min-height: {m.target + 16}px; padding: 0 {m.padding // 2}px; }}
QPushButton[role="choice"] {{ color: {p.text}; text-align: left;
  padding-left: {m.padding * 2}px; }}
QPushButton[role="choice"]:checked {{ background: {p.primary}; color: {p.primary_text};
  border: {b + 2}px solid {p.primary}; font-weight: bold; }}
QLabel[onDark="true"] {{ color: {p.primary_text}; }}
QPushButton[role="key"] {{ font-size: {m.title}px; font-weight: bold; color: {p.text};
  min-height: {m.target + 8}px; min-width: {m.target + 24}px; padding: 0; }}
QPushButton[role="danger"] {{ background: {p.surface}; color: {p.danger};
  border: {b}px solid {p.danger}; }}
QWidget#TopBar {{ background: {p.surface}; border-bottom: {b}px solid {p.disabled}; }}
QPushButton[role="bar"] {{ font-size: {m.button}px; padding: 0 {m.padding}px; }}
QPushButton[role="bar"]:checked {{ background: {p.primary}; color: {p.primary_text};
  border-color: {p.primary}; }}
QLineEdit, QPlainTextEdit {{ background: {p.surface}; color: {p.text};
  border: {b}px solid {p.muted}; border-radius: {m.radius}px; padding: {m.padding // 2}px;
  font-size: {m.button}px; min-height: {m.target - 8}px;
  selection-background-color: {p.primary}; selection-color: {p.primary_text};
  placeholder-text-color: {p.placeholder}; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: {b + 2}px solid {p.primary}; }}
QLineEdit[invalid="true"] {{ border: {b + 2}px solid {p.danger}; }}
QWidget#StatusStrip {{ background: {p.strip}; }}
QLabel[role="strip"] {{ color: {p.strip_text}; font-size: {m.small}px; }}
QLabel[role="stripAlert"] {{ color: {p.strip_alert}; font-size: {m.small}px;
  font-weight: bold; }}
QWidget#Overlay {{ background: rgba(0, 0, 0, 150); }}
QWidget#Dialog {{ background: {p.surface}; border: {b + 1}px solid {p.text};
  border-radius: {m.radius * 2}px; }}
QScrollBar:vertical {{ width: {m.padding * 2}px; background: {p.disabled}; margin: 0; }}
QScrollBar::handle:vertical {{ background: {p.muted}; min-height: {m.target}px;
  border-radius: {m.padding}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
QScrollBar:horizontal {{ height: 0; }}
"""
