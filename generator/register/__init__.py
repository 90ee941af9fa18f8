"""The outgoing register (sổ đăng ký văn bản đi): numbers, issuing, the register's export.

`issue()` gives documents their numbers and writes them; `Register` stores the rows
(SQLite or PostgreSQL); `export` writes the register with the ND30 Phụ lục IV columns.
"""
