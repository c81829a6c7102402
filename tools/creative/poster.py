"""The offline fallback: a typographic poster card drawn with Pillow in a few milliseconds.

It is honest about what it is: `kind="poster"`, a `fallback_reason`, and a visible "fallback" label
on the card. Personalisation is real but modest: the palette and the motif come from the user's
taste keywords (falling back to the item's genres), and the card lists the keywords it used.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tools.creative.base import CachedGenerator
from tools.creative.cache import ImageCache
from tools.creative.models import ImagePlan, ImageRequest
from tools.creative.sanitize import clean_keywords, clean_title

RGB = tuple[int, int, int]
Draw = ImageDraw.ImageDraw


def _hex(code: str) -> RGB:
    return (int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16))


@dataclass(frozen=True, slots=True)
class Theme:
    """A palette and a motif, chosen by keywords."""

    name: str
    top: RGB
    bottom: RGB
    accent: RGB
    motif: str
    words: tuple[str, ...]


# Order is priority when matching an item's genres: specific looks first, generic ones (action,
# comedy, drama) last, so "Action|Drama|War" reads as war.
THEMES: tuple[Theme, ...] = (
    Theme("space", _hex("#04061a"), _hex("#12337a"), _hex("#5ee7ff"), "stars",
          ("sci-fi", "science fiction", "space", "cyberpunk", "future", "robot", "alien", "dystopia", "neon")),
    Theme("noir", _hex("#0d0e1a"), _hex("#2c1d3f"), _hex("#e9b44c"), "blinds",
          ("noir", "crime", "thriller", "mystery", "heist", "gangster", "detective", "dark", "film-noir")),
    Theme("blood", _hex("#080808"), _hex("#3d0909"), _hex("#e0263a"), "moon",
          ("horror", "gore", "zombie", "vampire", "slasher", "supernatural", "creepy")),
    Theme("romance", _hex("#3a0b2c"), _hex("#b8365f"), _hex("#ffd3de"), "bokeh",
          ("romance", "love", "romantic", "wedding", "paris")),
    Theme("fairy", _hex("#22134f"), _hex("#6f4fa5"), _hex("#ffe66d"), "sparkles",
          ("animation", "children", "family", "fantasy", "magic", "fairy tale", "musical")),
    Theme("desert", _hex("#3d1b0a"), _hex("#d0762c"), _hex("#ffe2a8"), "sun",
          ("western", "desert", "adventure", "road trip", "cowboy", "frontier")),
    Theme("field", _hex("#161c14"), _hex("#4b5a3a"), _hex("#dcc98c"), "chevrons",
          ("war", "military", "history", "historical", "soldier", "epic")),
    Theme("archive", _hex("#0f161d"), _hex("#2e4255"), _hex("#f7653b"), "grid",
          ("documentary", "music", "biography", "true story", "journalism")),
    Theme("action", _hex("#150b0b"), _hex("#a8320c"), _hex("#ffcc1a"), "burst",
          ("action", "martial arts", "superhero", "explosion", "car chase", "revenge")),
    Theme("sunny", _hex("#ff8c42"), _hex("#ffd25e"), _hex("#2b2d42"), "confetti",
          ("comedy", "funny", "feel-good", "quirky", "satire", "parody")),
    Theme("rain", _hex("#16222d"), _hex("#4b6b7b"), _hex("#f2e8cf"), "rain",
          ("drama", "melancholy", "indie", "coming of age", "slow burn", "bittersweet")),
)


def pick_theme(taste: Sequence[str], genres: Sequence[str]) -> Theme:
    """The theme of the user's strongest matching taste keyword, else the item's most specific genre."""
    for keyword in taste:
        for theme in THEMES:
            if _matches(theme, keyword):
                return theme
    for theme in THEMES:
        if any(_matches(theme, genre) for genre in genres):
            return theme
    return _hashed_theme("|".join((*taste, *genres)))


def _matches(theme: Theme, keyword: str) -> bool:
    parts = keyword.replace("-", " ").split()
    return any(word == keyword or word in parts or (" " in word and word in keyword) for word in theme.words)


def _hashed_theme(text: str) -> Theme:
    hue = hashlib.sha256(text.encode()).digest()[0] / 255
    from colorsys import hls_to_rgb

    def rgb(h: float, light: float, sat: float) -> RGB:
        return tuple(int(255 * c) for c in hls_to_rgb(h % 1, light, sat))  # type: ignore[return-value]

    return Theme("hashed", rgb(hue, 0.10, 0.5), rgb(hue + 0.08, 0.35, 0.55), rgb(hue + 0.5, 0.72, 0.9), "arcs", ())


# Fonts -----------------------------------------------------------------------------------------
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF", "/Library/Fonts", "C:/Windows/Fonts")


@cache
def _font_file(bold: bool) -> str | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:  # matplotlib (a dependency) ships DejaVu, so this works without system fonts
        import matplotlib

        candidate = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
        if candidate.is_file():
            return str(candidate)
    except ImportError:
        pass
    for folder in _FONT_DIRS:
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return None


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu at `size` px, or Pillow's built-in font when no TTF can be found."""
    path = _font_file(bold)
    if path:
        return ImageFont.truetype(path, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only the fixed bitmap font
        return ImageFont.load_default()


def _px(face: ImageFont.ImageFont) -> int:
    return int(getattr(face, "size", 11))  # the bitmap default font has no size attribute


def _text_width(draw: Draw, text: str, face: ImageFont.ImageFont) -> float:
    return draw.textlength(text, font=face)


def _wrap(draw: Draw, text: str, face: ImageFont.ImageFont, width: float, max_lines: int) -> list[str] | None:
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(draw, f"{lines[-1]} {word}", face) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif _text_width(draw, word, face) <= width:
            lines.append(word)
        else:
            return None
    return lines if len(lines) <= max_lines else None


def _fit_title(draw: Draw, title: str, width: float, start: int) -> tuple[ImageFont.ImageFont, list[str]]:
    size = start
    while size > 12:
        face = font(size, bold=True)
        lines = _wrap(draw, title, face, width, max_lines=3)
        if lines:
            return face, lines
        size = int(size * 0.88)
    face = font(12, bold=True)
    return face, [title[:40]]


# Motifs: each draws on an RGBA layer with the theme's accent -----------------------------------
def _stars(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    for _ in range(140):
        x, y, r = rng.uniform(0, s), rng.uniform(0, s * 0.7), rng.choice((0.6, 0.8, 1.0, 1.6))
        d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randint(90, 230)))
    cx, cy, r = s * rng.uniform(0.55, 0.75), s * 0.28, s * 0.16
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*c, 70), outline=(*c, 220), width=max(2, s // 160))
    d.ellipse((cx - 2.0 * r, cy - 0.35 * r, cx + 2.0 * r, cy + 0.35 * r), outline=(*c, 160), width=max(2, s // 200))


def _blinds(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    step = s // 14
    for i in range(-s, s * 2, step):
        d.polygon([(i, 0), (i + step // 2, 0), (i + step // 2 + s // 2, s * 0.75), (i + s // 2, s * 0.75)],
                  fill=(*c, 34))
    d.ellipse((s * 0.62, s * 0.08, s * 0.9, s * 0.36), outline=(*c, 150), width=max(2, s // 170))


def _moon(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    cx, cy, r = s * 0.68, s * 0.26, s * 0.15
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(240, 232, 220, 210))
    d.ellipse((cx - r * 0.6, cy - r * 1.1, cx + r * 1.4, cy + r * 0.9), fill=(0, 0, 0, 0))
    for _ in range(9):
        x, length = rng.uniform(0, s), rng.uniform(0.05, 0.22) * s
        w = rng.uniform(2, 6) * s / 512
        d.rounded_rectangle((x, -10, x + w, length), radius=w / 2, fill=(*c, 200))


def _bokeh(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    for _ in range(26):
        x, y, r = rng.uniform(0, s), rng.uniform(0, s * 0.7), rng.uniform(0.02, 0.09) * s
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*c, rng.randint(25, 70)))


def _confetti(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    colours = (c, (255, 255, 255), (230, 57, 70), (29, 53, 87))
    for _ in range(70):
        x, y, r = rng.uniform(0, s), rng.uniform(0, s * 0.66), rng.uniform(3, 9) * s / 512
        colour = rng.choice(colours)
        if rng.random() < 0.5:
            d.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 220))
        else:
            d.rectangle((x - r, y - r / 2, x + r * 1.6, y + r / 2), fill=(*colour, 220))


def _sparkles(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    for _ in range(22):
        x, y, r = rng.uniform(0, s), rng.uniform(0, s * 0.66), rng.uniform(3, 11) * s / 512
        d.polygon([(x, y - 2.5 * r), (x + r / 2, y), (x, y + 2.5 * r), (x - r / 2, y)], fill=(*c, 210))
        d.polygon([(x - 2.5 * r, y), (x, y - r / 2), (x + 2.5 * r, y), (x, y + r / 2)], fill=(*c, 210))
    cx, cy, r = s * 0.74, s * 0.2, s * 0.1
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*c, 230))
    d.ellipse((cx - r * 0.55, cy - r * 1.15, cx + r * 1.45, cy + r * 0.85), fill=(0, 0, 0, 0))


def _sun(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    cx, cy, r = s * 0.62, s * 0.3, s * 0.17
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*c, 235))
    for k in range(6):  # horizontal cuts through the sun, thicker towards the horizon
        y = cy + r * (0.1 + 0.15 * k)
        d.rectangle((cx - r - 2, y, cx + r + 2, y + (k + 1) * s / 300), fill=(0, 0, 0, 0))
    ridge = [(0, s * 0.5)] + [(x, s * (0.4 + 0.07 * rng.random())) for x in np.linspace(0, s, 9)] + [(s, s * 0.5)]
    d.polygon(ridge + [(s, s), (0, s)], fill=(25, 10, 5, 230))


def _chevrons(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    step, w = s / 9, max(3, s // 64)
    for k in range(8):
        y = s * 0.08 + k * step * 0.7
        d.line([(s * 0.15, y + step), (s * 0.5, y), (s * 0.85, y + step)], fill=(*c, 40 + 18 * k), width=w)


def _burst(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    cx, cy = s * 0.5, s * 0.38
    for k in range(24):
        a0 = (k / 24) * 2 * np.pi
        a1 = a0 + np.pi / 48
        far = s * 1.2
        points = [(cx, cy), (cx + far * np.cos(a0), cy + far * np.sin(a0)), (cx + far * np.cos(a1), cy + far * np.sin(a1))]
        d.polygon(points, fill=(*c, 60 if k % 2 else 30))


def _grid(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    step = s / 24
    for i in range(24):
        for j in range(17):
            r = step * 0.38 * (1 - j / 17) * (0.6 + 0.4 * np.sin(i / 3 + j / 4) ** 2)
            x, y = (i + 0.5) * step, (j + 0.5) * step
            d.ellipse((x - r, y - r, x + r, y + r), fill=(*c, 130))


def _rain(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    for _ in range(120):
        x, y = rng.uniform(-s * 0.1, s), rng.uniform(-s * 0.1, s * 0.7)
        length = rng.uniform(0.03, 0.08) * s
        d.line([(x, y), (x + length * 0.25, y + length)], fill=(*c, rng.randint(40, 120)), width=1)
    cx, cy = s * 0.3, s * 0.3
    for k in range(5):
        r = s * (0.05 + 0.05 * k)
        d.ellipse((cx - r, cy - r * 0.35, cx + r, cy + r * 0.35), outline=(*c, 110 - 18 * k), width=max(1, s // 256))


def _arcs(d: Draw, s: int, c: RGB, rng: random.Random) -> None:
    cx, cy = s * rng.uniform(0.6, 0.9), s * rng.uniform(0.1, 0.3)
    for k in range(9):
        r = s * (0.08 + 0.09 * k)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*c, 170 - 15 * k), width=max(2, s // 128))


MOTIFS: dict[str, Callable[[Draw, int, RGB, random.Random], None]] = {
    "stars": _stars, "blinds": _blinds, "moon": _moon, "bokeh": _bokeh, "confetti": _confetti,
    "sparkles": _sparkles, "sun": _sun, "chevrons": _chevrons, "burst": _burst, "grid": _grid,
    "rain": _rain, "arcs": _arcs,
}


# The card --------------------------------------------------------------------------------------
def _gradient(s: int, top: RGB, bottom: RGB) -> Image.Image:
    t = np.linspace(0.0, 1.0, s, dtype=np.float32)[:, None, None] ** 1.2
    rows = (1 - t) * np.array(top, np.float32) + t * np.array(bottom, np.float32)  # (s, 1, 3)
    return Image.fromarray(np.broadcast_to(rows, (s, s, 3)).astype(np.uint8), "RGB").convert("RGBA")


@cache
def _shade(s: int) -> Image.Image:
    """Black that rises from the bottom so the text always reads, whatever the motif did."""
    alpha = np.clip((np.linspace(0.0, 1.0, s, dtype=np.float32) - 0.42) / 0.5, 0, 1) ** 1.1 * 215
    column = np.zeros((s, 1, 4), np.uint8)
    column[:, 0, 3] = alpha.astype(np.uint8)
    return Image.fromarray(np.broadcast_to(column, (s, s, 4)).copy(), "RGBA")


_INK: RGB = (250, 246, 238)


def _meta_colour(theme: Theme) -> RGB:
    """The accent when it reads on the dark shade, else a warm light tone."""
    r, g, b = theme.accent
    return theme.accent if (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.25 else (255, 214, 150)


@dataclass(frozen=True, slots=True)
class PosterText:
    """What the card says."""

    title: str
    year: int | None
    genres: tuple[str, ...]
    taste: tuple[str, ...]


def draw_poster(text: PosterText, theme: Theme, size: int, seed: int) -> Image.Image:
    """Render the card: gradient, motif, shade, label chip, title, meta line, taste line."""
    s = size
    image = _gradient(s, theme.top, theme.bottom)
    layer = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    MOTIFS[theme.motif](ImageDraw.Draw(layer), s, theme.accent, random.Random(seed))
    image.alpha_composite(layer)
    image.alpha_composite(_shade(s))

    d = ImageDraw.Draw(image)
    m, ink = round(s * 0.07), _INK
    label = font(max(9, s // 40), bold=True)
    chip = "FALLBACK POSTER · NO IMAGE MODEL"
    cw = _text_width(d, chip, label)
    pad = s // 80 + 2
    d.rounded_rectangle((m - pad, m - pad, m + cw + pad, m + _px(label) + pad), radius=pad + 2,
                        fill=(0, 0, 0, 150), outline=(*theme.accent, 255), width=1)
    d.text((m, m), chip, font=label, fill=(*ink, 255))

    taste_face = font(max(9, s // 34))
    meta_face = font(max(10, s // 28), bold=True)
    y = s - m
    if text.taste:
        line = "for you: " + " · ".join(text.taste[:4])
        while len(line) > 12 and _text_width(d, line, taste_face) > s - 2 * m:
            line = line[: line.rfind(" · ")] if " · " in line else line[:-2]
        y -= _px(taste_face)
        d.text((m, y), line, font=taste_face, fill=(*ink, 190))
        y -= round(s * 0.03)
    meta = " · ".join(p for p in (str(text.year) if text.year else "", *text.genres[:3]) if p).upper()
    if meta:
        y -= _px(meta_face)
        d.text((m, y), meta, font=meta_face, fill=(*_meta_colour(theme), 255))
        y -= round(s * 0.025)
    y -= max(2, s // 170) + round(s * 0.02)
    d.rectangle((m, y, m + s * 0.12, y + max(2, s // 170)), fill=(*_meta_colour(theme), 255))
    face, lines = _fit_title(d, text.title, s - 2 * m, start=round(s * 0.105))
    step = round(_px(face) * 1.08)
    y -= round(s * 0.025) + step * len(lines)
    for k, line in enumerate(lines):
        d.text((m, y + k * step), line, font=face, fill=(*ink, 255))
    return image.convert("RGB")


class PosterGenerator(CachedGenerator):
    """Pillow poster card; the honest fallback when no image model is available."""

    kind = "poster"
    model = "poster-v1"
    inline = True

    def __init__(self, cache: ImageCache, *, fallback_reason: str | None = None) -> None:
        super().__init__(cache, fallback_reason=fallback_reason)

    def warm_up(self) -> None:
        """Load the fonts (~0.2 s once per process) so the first poster is as fast as the rest."""
        draw_poster(PosterText("Muse", None, (), ()), THEMES[0], 64, 0)

    def render(self, plan: ImagePlan, request: ImageRequest) -> Image.Image:
        genres = clean_keywords(request.item.genres, 8)
        banned = set(plan.dislike_keywords)
        taste = tuple(k for k in clean_keywords(request.like_keywords, 16) if k not in banned)
        theme = pick_theme(taste, genres)
        text = PosterText(
            title=clean_title(request.item.title) or "Untitled",
            year=request.item.year,
            genres=tuple(g.title() for g in genres),
            taste=tuple(k for k in taste if k not in genres),
        )
        return draw_poster(text, theme, plan.size, plan.seed)
