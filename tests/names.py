"""Names of bodies written with `_` joining the syllables of one word, as a reader splits them.

The word boundaries here are written by hand, apart from vanban's vocabulary, so that the
tests of line breaks (tests/test_linebreak.py, tests/pdf/test_pdf_names.py) check the
breaks against what a reader knows, not against the code's own lists.
"""

from __future__ import annotations

PROVINCES_2025 = [
    "Hà_Nội", "Huế", "Lai_Châu", "Điện_Biên", "Sơn_La", "Lạng_Sơn", "Quảng_Ninh",
    "Thanh_Hóa", "Nghệ_An", "Hà_Tĩnh", "Cao_Bằng", "Tuyên_Quang", "Lào_Cai", "Thái_Nguyên",
    "Phú_Thọ", "Bắc_Ninh", "Hưng_Yên", "Hải_Phòng", "Ninh_Bình", "Quảng_Trị", "Đà_Nẵng",
    "Quảng_Ngãi", "Gia_Lai", "Khánh_Hòa", "Lâm_Đồng", "Đắk_Lắk", "Hồ_Chí_Minh", "Đồng_Nai",
    "Tây_Ninh", "Cần_Thơ", "Vĩnh_Long", "Đồng_Tháp", "Cà_Mau", "An_Giang",
]  # fmt: skip
"""The 34 provinces and cities after the 2025 merger (Nghị quyết 202/2025/QH15)."""
CITIES = {"Hà_Nội", "Huế", "Hải_Phòng", "Đà_Nẵng", "Hồ_Chí_Minh", "Cần_Thơ"}


def level(place: str) -> str:
    return "thành_phố" if place in CITIES else "tỉnh"


def plain(gold: str) -> str:
    """The name as an author writes it."""
    return gold.replace("_", " ")


def words(gold: str) -> list[str]:
    """The words of a name: syllables joined by `_` belong to one word."""
    return gold.split()


def syllables(gold: str) -> list[str]:
    return plain(gold).split()


def inside_word(gold: str) -> set[int]:
    """Indexes of the syllables that continue a word (`Mau` in `Cà_Mau`): no line starts there."""
    out, count = set(), 0
    for word in words(gold):
        parts = word.split("_")
        out.update(range(count + 1, count + len(parts)))
        count += len(parts)
    return out


def per_province(pattern: str) -> list[str]:
    """`pattern` with `{L}` (level) and `{P}` (place) for each province of the 2025 map."""
    return [pattern.format(L=level(p), P=p) for p in PROVINCES_2025]


UNITS = per_province("Sở Công_Thương {L} {P}")
PEOPLES_COMMITTEES = per_province("Ủy_ban nhân_dân {L} {P}")
UNIONS = per_province("Công_đoàn ngành Giáo_dục {L} {P}")
OTHER_NAMES = [
    "Cục Công_Thương địa_phương",
    "Công_đoàn Cục Công_Thương địa_phương",
    "Công_đoàn Bộ Công_Thương",
    "Công_đoàn ngành Giáo_dục",
    "Cục Kỹ_thuật an_toàn và Môi_trường công_nghiệp",
    "Cổng Thông_tin điện_tử Chính_phủ",
    "Cục Hành_chính - Quản_trị II",
    "Ban Chấp_hành Công_đoàn Cục Công_Thương địa_phương",
    "Ủy_ban nhân_dân xã Thanh_Trì",
    "Ủy_ban nhân_dân phường Hoàn_Kiếm",
    "Ủy_ban nhân_dân xã Mường_Nhé",
    "Hội_đồng nhân_dân đặc_khu Phú_Quốc",
    "Sở Giáo_dục và Đào_tạo tỉnh Thanh_Hóa",
    "Sở Văn_hóa, Thể_thao và Du_lịch tỉnh Lâm_Đồng",
    "Ban Thi_đua - Khen_thưởng tỉnh Quảng_Ngãi",
    "Liên_đoàn Lao_động thành_phố Hồ_Chí_Minh",
    "Phó Chủ_tịch Ủy_ban nhân_dân tỉnh Khánh_Hòa",
    "TM. Ủy_ban nhân_dân thành_phố Hồ_Chí_Minh",
    "KT. Giám_đốc Sở Công_Thương tỉnh Cà_Mau",
    "TM. Ban Chấp_hành Công_đoàn ngành Giáo_dục tỉnh Đồng_Nai",
    # Party committees and Youth Union bodies named by their level: `Tỉnh_ủy` is one word.
    "Tỉnh_ủy Bà_Rịa - Vũng_Tàu",
    "Ủy_ban Kiểm_tra Huyện_ủy Lạc_Dương",
    "Thành_ủy thành_phố Hồ_Chí_Minh",
    "Ban Thường_vụ Tỉnh_đoàn Quảng_Trị",
    "Thành_đoàn thành_phố Hồ_Chí_Minh",
]

MORE_WORDS = [
    "Chính_phủ", "Văn_phòng", "Tổ_chức", "cán_bộ", "thi_đua", "Quản_trị", "Hành_chính",
    "Thông_tin", "điện_tử", "Cục_trưởng", "Vụ_trưởng", "Giám_đốc", "Chủ_tịch", "Khối_trưởng",
    "Cụm_trưởng", "Chấp_hành", "Kỹ_thuật", "an_toàn", "Môi_trường", "công_nghiệp", "Hóa_chất",
    "Hậu_Giang", "Bạc_Liêu", "Kiên_Giang", "Bình_Giang", "Hải_Dương", "Nam_Định", "Thái_Bình",
    "Quảng_Bình", "Quảng_Nam", "phát_động", "phong_trào", "giao_ước", "kế_hoạch", "yêu_nước",
    "giai_đoạn", "Đào_tạo", "Lao_động", "Liên_đoàn", "toàn_quốc", "Công_đoàn", "Bến_Thành",
]  # fmt: skip
"""Further words of the examples' capitalised blocks."""


def gold_words() -> set[tuple[str, ...]]:
    """Every word of several syllables above, as a tuple of case-folded syllables."""
    names = UNITS + PEOPLES_COMMITTEES + UNIONS + OTHER_NAMES + MORE_WORDS
    return {
        tuple(word.casefold().split("_")) for name in names for word in words(name) if "_" in word
    }
