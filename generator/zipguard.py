"""Bounds on a ZIP package (DOCX, XLSX), checked from its directory before any member is read.

Python's `zipfile` never inflates a member beyond the size its directory
declares, so checking the declared sizes (each, in total, and against the
compressed size) bounds what reading the package can cost. An encrypted
member, which no Office reader here can open, is refused too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from generator.limits import LimitExceeded, Limits, current

_RATIO_FROM = 1_000_000
"""Small members may deflate very well (runs of one character); only large ones are suspect."""


class BadPackage(Exception):
    """The file is not a ZIP package that can be read safely; `str()` says why, in Vietnamese."""


def check_package(source: str | Path | bytes, limits: Limits | None = None) -> None:
    """Raise `LimitExceeded` or `BadPackage` unless `source` is a package safe to open."""
    limits = limits or current()
    try:
        handle = zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise BadPackage("tệp không phải gói Office Open XML (ZIP)") from exc
    except OSError as exc:
        raise BadPackage(f"không đọc được tệp: {exc.strerror or exc}") from exc
    with handle:
        members = handle.infolist()
        if len(members) > limits.zip_members:
            raise LimitExceeded("zip_members", f"gói có {len(members)} phần, quá nhiều", limits)
        total = 0
        for info in members:
            if info.flag_bits & 0x1:
                raise BadPackage(
                    f"phần `{info.filename}` của gói được mã hóa; mở tệp trong "
                    "Word và lưu lại không đặt mật khẩu"
                )
            if info.file_size > limits.zip_member_bytes:
                raise LimitExceeded(
                    "zip_member_bytes",
                    f"phần `{info.filename}` của gói giải nén ra {info.file_size:,} byte".replace(
                        ",", "."
                    ),
                    limits,
                )
            if info.file_size > _RATIO_FROM and info.file_size > limits.zip_ratio * max(
                info.compress_size, 1
            ):
                raise LimitExceeded(
                    "zip_ratio",
                    f"phần `{info.filename}` của gói nén quá mức "
                    f"({info.file_size // max(info.compress_size, 1)} lần): "
                    "có thể là tệp độc hại",
                    limits,
                )
            total += info.file_size
            if total > limits.zip_total_bytes:
                raise LimitExceeded(
                    "zip_total_bytes",
                    f"gói giải nén ra hơn {total:,} byte".replace(",", "."),
                    limits,
                )


def verify_members(source: str | Path | bytes, names: tuple[str, ...] = ()) -> None:
    """Read every member (or those named), raising `BadPackage` for one that is damaged.

    Call after `check_package`, which bounds the cost.
    """
    try:
        with zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
        ) as handle:
            for info in handle.infolist():
                if names and info.filename not in names:
                    continue
                try:
                    with handle.open(info) as member:
                        while member.read(1 << 20):
                            pass
                except (
                    zipfile.BadZipFile,
                    EOFError,
                    OSError,
                    ValueError,
                    NotImplementedError,
                ) as exc:
                    raise BadPackage(f"phần `{info.filename}` của gói bị hỏng ({exc})") from exc
    except zipfile.BadZipFile as exc:
        raise BadPackage("tệp không phải gói Office Open XML (ZIP)") from exc
