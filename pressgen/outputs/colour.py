"""Colour contrast (WCAG 2) for the newsletter's dark mode."""

from __future__ import annotations

# The lightest background of the newsletter in dark mode (the facts box, newsletter.mjml.j2):
# a colour readable on it is readable on the darker card (#1e1e1e) too.
DARK_BACKGROUND = "#1d2a36"


def _channels(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(digit * 2 for digit in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(color: str) -> float:
    """Relative luminance, as WCAG 2 defines it."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def for_dark_background(color: str, background: str = DARK_BACKGROUND, ratio: float = 4.5) -> str:
    """`color` lightened (mixed with white) until text in it is readable on `background`.

    The brand colour stays recognisable: it is lightened only as far as needed.
    """
    r, g, b = _channels(color)
    for step in range(21):
        share = step / 20
        mixed = "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in (r, g, b))
        if contrast(mixed, background) >= ratio:
            return mixed
    return "#ffffff"
