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


def _layout(seed: str) -> tuple[random.Random, int, int]:
    """The seed's random draws, its gradient's rotation and how many circles it has."""
    rng = random.Random(seed)  # noqa: S311  shapes for a demo picture, not a secret
    rotation = rng.choice((0, 90, 180, 270))
    return rng, rotation, rng.randint(5, 9)


def draw_hero_image(seed: str, section: str) -> bytes:
    """A JPEG of abstract shapes in the section's colours; the same seed draws the same image."""
    rng, rotation, circles = _layout(seed)
    start, end = SECTION_PALETTES.get(section, DEFAULT_PALETTE)
    width, height = SIZE
    gradient = Image.linear_gradient("L").resize(SIZE).rotate(rotation)
    image = Image.composite(Image.new("RGB", SIZE, end), Image.new("RGB", SIZE, start), gradient)
    shapes = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(circles):
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


# What each image shows, per language: its circles, its lines and its gradient's two colours
# (the section palette's, as readers would name them).
DESCRIPTIONS = {
    "vi": "Hình minh hoạ trừu tượng: {count} hình tròn mờ và các vệt sáng"
    " trên nền chuyển từ {start} sang {end}",
    "en": "Abstract illustration: {count} translucent circles and light lines"
    " on a gradient from {start} to {end}",
    "fr": "Illustration abstraite : {count} cercles translucides et des lignes claires"
    " sur un dégradé du {start} au {end}",
    "es": "Ilustración abstracta: {count} círculos translúcidos y líneas claras"
    " sobre un degradado de {start} a {end}",
    "ru": "Абстрактная иллюстрация: {count} полупрозрачных кругов и светлые линии"
    " на градиенте от {start} к {end}",
    "zh-hans": "抽象插图：从{start}渐变到{end}的背景上有{count}个半透明圆形和几道浅色线条",
    "ja": "抽象的なイラスト：{start}から{end}へのグラデーションに、半透明の円が{count}個と明るい線",
    "ko": "추상 일러스트: {start}에서 {end}으로 변하는 바탕 위에 반투명한 원 {count}개와 밝은 선",
    "ar": "رسم تجريدي: {count} دوائر شفافة وخطوط فاتحة على تدرج من {start} إلى {end}",
}
# (start, end) of each palette; Russian names take the cases "от" and "к" ask for.
COLOUR_NAMES = {
    "foreign-affairs": {
        "vi": ("xanh tím than", "xanh nước biển"),
        "en": ("navy", "sea blue"),
        "fr": ("bleu marine", "bleu océan"),
        "es": ("azul marino", "azul mar"),
        "ru": ("тёмно-синего", "голубому"),
        "zh-hans": ("藏青色", "海蓝色"),
        "ja": ("紺色", "海の青"),
        "ko": ("남색", "바다색"),
        "ar": ("الأزرق الداكن", "الأزرق البحري"),
    },
    "trade-integration": {
        "vi": ("đỏ gạch", "màu san hô"),
        "en": ("brick red", "coral"),
        "fr": ("rouge brique", "corail"),
        "es": ("rojo ladrillo", "coral"),
        "ru": ("кирпично-красного", "коралловому"),
        "zh-hans": ("砖红色", "珊瑚色"),
        "ja": ("れんが色", "珊瑚色"),
        "ko": ("벽돌색", "산호색"),
        "ar": ("الأحمر الآجري", "المرجاني"),
    },
    "press-releases": {
        "vi": ("xám đá", "xanh ngọc"),
        "en": ("slate", "jade green"),
        "fr": ("gris ardoise", "vert jade"),
        "es": ("gris pizarra", "verde jade"),
        "ru": ("сине-серого", "нефритово-зелёному"),
        "zh-hans": ("石板灰", "翡翠绿"),
        "ja": ("スレートグレー", "翡翠色"),
        "ko": ("청회색", "비취색"),
        "ar": ("الرمادي الأردوازي", "الأخضر اليشمي"),
    },
    "overseas-community": {
        "vi": ("tím sẫm", "vàng óng"),
        "en": ("deep purple", "golden yellow"),
        "fr": ("violet foncé", "jaune doré"),
        "es": ("morado oscuro", "amarillo dorado"),
        "ru": ("тёмно-фиолетового", "золотисто-жёлтому"),
        "zh-hans": ("深紫色", "金黄色"),
        "ja": ("深い紫", "黄金色"),
        "ko": ("진보라색", "황금색"),
        "ar": ("البنفسجي الداكن", "الأصفر الذهبي"),
    },
}
DEFAULT_COLOUR_NAMES = {
    "vi": ("xám đậm", "xám nhạt"),
    "en": ("dark grey", "light grey"),
    "fr": ("gris foncé", "gris clair"),
    "es": ("gris oscuro", "gris claro"),
    "ru": ("тёмно-серого", "светло-серому"),
    "zh-hans": ("深灰色", "浅灰色"),
    "ja": ("濃い灰色", "薄い灰色"),
    "ko": ("진회색", "연회색"),
    "ar": ("الرمادي الداكن", "الرمادي الفاتح"),
}


def describe_hero_image(seed: str, section: str, language: str) -> str:
    """The text alternative of the image ``draw_hero_image(seed, section)`` draws."""
    _rng, _rotation, circles = _layout(seed)
    start, end = COLOUR_NAMES.get(section, DEFAULT_COLOUR_NAMES)[language]
    return DESCRIPTIONS[language].format(count=circles, start=start, end=end)
