"""Extract Times New Roman advance widths from Liberation Serif (metric-compatible).

Run once when the character set changes:
    python tools/extract_metrics.py > generator/data/tnr_widths.json
Needs fontTools and Debian's fonts-liberation2.
"""

import json
import sys
import unicodedata

from fontTools.ttLib import TTFont

FONT_DIR = "/usr/share/fonts/truetype/liberation2"
FACES = {
    "regular": "LiberationSerif-Regular",
    "bold": "LiberationSerif-Bold",
    "italic": "LiberationSerif-Italic",
    "bold_italic": "LiberationSerif-BoldItalic",
}
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def charset() -> list[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= set("“”‘’–—…•·\u00a0\u2002\u2003")
    for base in VIETNAMESE + VIETNAMESE.upper():
        for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            chars.add(unicodedata.normalize("NFC", base + mark))
    return sorted(c for c in chars if len(c) == 1)


def main() -> None:
    table: dict[str, object] = {"units_per_em": 2048}
    for face, name in FACES.items():
        font = TTFont(f"{FONT_DIR}/{name}.ttf")
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        table[face] = {c: metrics[cmap[ord(c)]][0] for c in charset() if ord(c) in cmap}
    json.dump(table, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
