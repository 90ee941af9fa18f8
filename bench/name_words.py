"""Word knowledge for line breaks: vanban's vocabulary against Vietnamese word segmenters.

    .venv/bin/python bench/name_words.py [--caps]

A name may be broken between two syllables only where no word goes on, so what
matters is: on names of bodies, how often does a method put a word boundary
inside a word (`CÀ / MAU`)? The names below are written with `_` joining the
syllables of one word; a method is run on the name without them. Measured for
vanban's vocabulary (`generator/linebreak.py`) and for each segmenter that is
installed in the interpreter running this script (pip install pyvi, or
underthesea): names with a word split, words split, the time to import and to
segment every name. `--caps` gives the methods the names in capitals, as an
author who types them that way would.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROVINCES_2025 = [
    "Hà_Nội",
    "Huế",
    "Lai_Châu",
    "Điện_Biên",
    "Sơn_La",
    "Lạng_Sơn",
    "Quảng_Ninh",
    "Thanh_Hóa",
    "Nghệ_An",
    "Hà_Tĩnh",
    "Cao_Bằng",
    "Tuyên_Quang",
    "Lào_Cai",
    "Thái_Nguyên",
    "Phú_Thọ",
    "Bắc_Ninh",
    "Hưng_Yên",
    "Hải_Phòng",
    "Ninh_Bình",
    "Quảng_Trị",
    "Đà_Nẵng",
    "Quảng_Ngãi",
    "Gia_Lai",
    "Khánh_Hòa",
    "Lâm_Đồng",
    "Đắk_Lắk",
    "Hồ_Chí_Minh",
    "Đồng_Nai",
    "Tây_Ninh",
    "Cần_Thơ",
    "Vĩnh_Long",
    "Đồng_Tháp",
    "Cà_Mau",
    "An_Giang",
]
CITIES = {"Hà_Nội", "Huế", "Hải_Phòng", "Đà_Nẵng", "Hồ_Chí_Minh", "Cần_Thơ"}
PATTERNS = [
    "Ủy_ban nhân_dân {L} {P}",
    "Hội_đồng nhân_dân {L} {P}",
    "Sở Công_Thương {L} {P}",
    "Sở Giáo_dục và Đào_tạo {L} {P}",
    "Công_đoàn ngành Giáo_dục {L} {P}",
    "Ban Thi_đua - Khen_thưởng {L} {P}",
    "Liên_đoàn Lao_động {L} {P}",
    "Phó Chủ_tịch Ủy_ban nhân_dân {L} {P}",
    "Giám_đốc Sở Nội_vụ {L} {P}",
]
# Communes and wards are not in vanban's vocabulary: the rules must carry them.
OTHERS = [
    "Cục Công_Thương địa_phương",
    "Công_đoàn Cục Công_Thương địa_phương",
    "Cục Kỹ_thuật an_toàn và Môi_trường công_nghiệp",
    "Cục Hóa_chất",
    "Cục Công_nghiệp",
    "Vụ Tổ_chức cán_bộ",
    "Cục Quản_trị",
    "Cục Hành_chính - Quản_trị II",
    "Cổng Thông_tin điện_tử Chính_phủ",
    "Văn_phòng Chính_phủ",
    "Bộ Công_Thương",
    "Công_đoàn Bộ Công_Thương",
    "Ban Chấp_hành Công_đoàn Cục Công_Thương địa_phương",
    "Khối thi_đua số V",
    "Cụm thi_đua số XI",
    "Ủy_ban nhân_dân xã Thanh_Trì",
    "Ủy_ban nhân_dân phường Hoàn_Kiếm",
    "Ủy_ban nhân_dân xã Đông_Anh",
    "Ủy_ban nhân_dân phường Bến_Thành",
    "Ủy_ban nhân_dân đặc_khu Phú_Quốc",
    "Ủy_ban nhân_dân xã Mường_Nhé",
    "Hội_đồng nhân_dân phường Long_Biên",
    "Ủy_ban nhân_dân xã Tân_Phú",
    "Ủy_ban nhân_dân phường Thủ_Dầu_Một",
    "Ủy_ban nhân_dân xã Bình_Chánh",
    "Trường Trung_học phổ_thông Chu_Văn_An",
    "Trung_tâm Khuyến_công và Tư_vấn phát_triển công_nghiệp",
    "Chi_cục Quản_lý thị_trường tỉnh Nghệ_An",
    "Ban Quản_lý các khu công_nghiệp tỉnh Bắc_Ninh",
    "Đoàn Thanh_niên Cộng_sản Hồ_Chí_Minh",
    "Sở Nông_nghiệp và Môi_trường thành_phố Hà_Nội",
    "Sở Khoa_học và Công_nghệ tỉnh Quảng_Ngãi",
    "Sở Văn_hóa, Thể_thao và Du_lịch tỉnh Lâm_Đồng",
    "Bộ Chỉ_huy Quân_sự tỉnh Đồng_Tháp",
]


def gold_names() -> list[str]:
    names = []
    for pattern in PATTERNS:
        for place in PROVINCES_2025:
            level = "thành_phố" if place in CITIES else "tỉnh"
            names.append(pattern.format(L=level, P=place))
    return names + OTHERS


def inner_boundaries(gold: str) -> tuple[list[str], set[int]]:
    """The name's syllables and the indexes of those that continue a word (`MAU` in `CÀ_MAU`)."""
    syllables, inside = [], set()
    for word in gold.split():
        parts = word.split("_")
        for j, part in enumerate(parts):
            if j:
                inside.add(len(syllables))
            syllables.append(part)
    return syllables, inside


def vanban_method() -> Callable[[list[str]], set[int]]:
    from generator.linebreak import NEVER, break_costs, vocabulary

    vocabulary()

    def allowed(syllables: list[str]) -> set[int]:
        costs = break_costs(syllables)
        return {i for i in range(1, len(syllables)) if costs[i] < NEVER}

    return allowed


def boundaries_of(tokens: list[str]) -> set[int]:
    out, count = set(), 0
    for token in tokens:
        if count:
            out.add(count)
        count += len(token.replace("_", " ").split())
    return out


def pyvi_method() -> Callable[[list[str]], set[int]]:
    from pyvi import ViTokenizer

    return lambda syllables: boundaries_of(ViTokenizer.tokenize(" ".join(syllables)).split())


def underthesea_method() -> Callable[[list[str]], set[int]]:
    from underthesea import word_tokenize

    return lambda syllables: boundaries_of(word_tokenize(" ".join(syllables)))


METHODS = {
    "vanban vocabulary": vanban_method,
    "pyvi": pyvi_method,
    "underthesea": underthesea_method,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--caps", action="store_true", help="names typed in capitals")
    args = parser.parse_args()
    names = [inner_boundaries(g) for g in gold_names()]
    if args.caps:
        names = [([s.upper() for s in syl], inside) for syl, inside in names]
    words = sum(len(inside) for _, inside in names)
    print(
        f"{len(names)} names, {words} places inside a word"
        + (", typed in capitals" if args.caps else "")
    )
    print(f"{'method':20}{'names split':>13}{'words split':>13}{'import s':>10}{'ms/name':>9}")
    for label, make in METHODS.items():
        started = time.perf_counter()
        try:
            method = make()
        except ImportError:
            print(f"{label:20}  not installed")
            continue
        imported = time.perf_counter() - started
        started = time.perf_counter()
        splits = [(syl, method(syl) & inside) for syl, inside in names]
        per_name = (time.perf_counter() - started) / len(names) * 1000
        bad = [(syl, found) for syl, found in splits if found]
        print(
            f"{label:20}{len(bad):13}{sum(len(f) for _, f in bad):13}{imported:10.2f}"
            f"{per_name:9.3f}"
        )
        for syl, found in bad[:4]:
            shown = " ".join(("| " if i in found else "") + s for i, s in enumerate(syl))
            print(f"{'':22}e.g. {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
