"""The API's JSON shapes (they document themselves at `/docs`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ProblemOut(BaseModel):
    path: str = Field(description="Trường có lỗi, ví dụ `signatories[0].authority`")
    line: int | None = Field(description="Dòng trong nội dung đã gửi")
    column: int | None = Field(description="Cột trong nội dung đã gửi")
    message: str
    hint: str | None = None


class ValidateOut(BaseModel):
    ok: bool
    problems: list[ProblemOut]


class ProblemsOut(BaseModel):
    problems: list[ProblemOut]


class KindOut(BaseModel):
    name: str = Field(description="Tên loại, ghi vào trường `kind`")
    label: str
    title: str
    type_abbr: str
    headings: dict[str, str]
    required: list[str]
    starter: dict[str, Any] = Field(description="Nội dung mẫu của loại văn bản")


class ParseOut(BaseModel):
    data: Any = None
    problems: list[ProblemOut]


class BatchStarted(BaseModel):
    id: str


class BatchStatus(BaseModel):
    state: Literal["running", "done", "failed"]
    done: int
    total: int | None
    failed: int = Field(description="Số hàng lỗi")
    problems: list[str] = Field(description="Các hàng lỗi, mỗi lỗi ghi hàng và cột")
