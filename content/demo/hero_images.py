"""Hero images for demo stories, drawn with Pillow at build time so nothing is downloaded."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

SECTION_PALETTES = {
    "foreign-affairs": ((16, 52, 96), (46, 134, 171)),
    "trade-integration": ((120, 40, 31), (231, 111, 81)),
    "press-releases": ((38, 70, 83), (42, 157, 143)),
    "overseas-community": ((72, 52, 112), (233, 196, 106)),
}
DEFAULT_PALETTE = ((40, 40, 40), (160, 160, 160))
SIZE = (1600, 900)


def _blend(start, end, t):
    return tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))


def draw_hero_image(seed: str, section: str) -> bytes:
    """A JPEG of abstract shapes in the section's colours; the same seed draws the same image."""
    rng = random.Random(seed)  # noqa: S311  shapes for a demo picture, not a secret
    start, end = SECTION_PALETTES.get(section, DEFAULT_PALETTE)
    width, height = SIZE
    gradient = Image.linear_gradient("L").resize(SIZE).rotate(rng.choice((0, 90, 180, 270)))
    image = Image.composite(Image.new("RGB", SIZE, end), Image.new("RGB", SIZE, start), gradient)
    shapes = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(5, 9)):
        radius = rng.randint(80, 420)
        x, y = rng.randint(-100, width), rng.randint(-100, height)
        colour = (*_blend(start, end, rng.random()), rng.randint(60, 140))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    for _ in range(rng.randint(3, 6)):
        y = rng.randint(0, height)
        draw.line((0, y, width, y + rng.randint(-300, 300)), fill=(255, 255, 255, 70), width=6)
    image = Image.alpha_composite(
        image.convert("RGBA"), shapes.filter(ImageFilter.GaussianBlur(2))
    ).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
