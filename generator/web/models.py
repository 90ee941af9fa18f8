"""The API's JSON shapes (they document themselves at `/docs`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class LocationOut(BaseModel):
    """Where: in the content sent (`content`), or in the document made from it (`docx`:
    `part`, `paragraph`, `table`, `row`, `column`, `label`, `style`)."""

    model_config = ConfigDict(extra="allow")

    kind: Literal["content", "docx"]
    file: str | None = Field(None, description="Tên nội dung (`noi-dung.yaml`)")
    line: int | None = Field(None, description="Dòng trong nội dung đã gửi")
    column: int | None = Field(None, description="Cột trong nội dung đã gửi")
    path: str | None = Field(None, description="Trường có lỗi, ví dụ `signatories[0].authority`")
    column_name: str | None = None


class ProblemOut(BaseModel):
    """One diagnostic, as `vanban … --json` gives it."""

    code: str = Field(description="Mã ổn định của loại lỗi, ví dụ `content.required`")
    severity: Literal["error", "warning"]
    message: str
    hint: str | None = None
    location: LocationOut | None = None
    excerpt: str = ""
    text: str = Field(description="Cả dòng báo lỗi, như dòng lệnh in ra")


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
    stage: Literal["documents", "pdf"] = Field(
        description="`documents` khi đang tạo văn bản, `pdf` khi đang chuyển sang PDF"
    )
    done: int
    total: int | None
    failed: int = Field(description="Số hàng lỗi")
    problems: list[ProblemOut] = Field(description="Các lỗi của lô, mỗi lỗi ghi hàng và cột")


class IssuedFile(BaseModel):
    name: str = Field(description="Tên tệp, ví dụ `phat_dong-ctdp-05-2024.docx`")
    url: str = Field(description="Địa chỉ tải tệp")
    type: str = Field(description="`docx`, `pdf` hoặc `json` (tệp thông tin Phụ lục VI)")


class IssuedOut(BaseModel):
    number: int = Field(description="Số đã cấp")
    code: str = Field(description="Số, ký hiệu như ghi trong sổ, ví dụ `05/PĐTĐ-CTĐP`")
    date: str = Field(description="Ngày ban hành, năm-tháng-ngày")
    date_shown: str = Field(description="Ngày ban hành, ngày/tháng/năm")
    issuer: str = Field(description="Chữ viết tắt của cơ quan ban hành")
    year: int
    files: list[IssuedFile]


class RegisterRow(BaseModel):
    number: int
    code: str
    issuer: str
    year: int
    date: str = Field(description="Ngày ban hành, năm-tháng-ngày")
    cells: list[str] = Field(description="Mười cột của sổ, theo thứ tự của `headers`")
    files: list[IssuedFile]


class RegisterOut(BaseModel):
    headers: list[str] = Field(description="Tên mười cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP")
    rows: list[RegisterRow]
