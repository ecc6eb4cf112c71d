"""Rows of a 刷题 spreadsheet: the bytes of a CSV or xlsx file as a list of rows of text.

CSV as Excel and WPS save it (UTF-8 with or without BOM, GBK, "Unicode 文本"
= UTF-16 with tabs, commas or semicolons, Excel's ``sep=`` line, any line
ends); xlsx with limits checked before it is inflated. The header row's
names (``HEADER_ALIASES``) are known here too: they tell which delimiter and
which sheet hold the questions.

Pure: takes the file's bytes, never opens files.
"""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
import zipfile
from typing import Any

from cskexam.core.errors import BankError
from cskexam.core.grading import fold
from cskexam.core.notes.normalize import strip_controls
from cskexam.core.questions import LETTERS

HEADER_ALIASES = {
    "题型": "type", "题目类型": "type", "类型": "type",
    "题干": "stem", "题目": "stem", "试题": "stem", "问题": "stem",
    "答案": "answer", "正确答案": "answer", "标准答案": "answer", "参考答案": "answer",
    "解析": "explanation", "答案解析": "explanation", "试题解析": "explanation",
    "章节": "node", "知识点": "node", "所属章节": "node",
    "难度": "difficulty",
}
_FIELD_NAMES = {"type": "题型", "stem": "题干", "answer": "答案", "explanation": "解析", "node": "章节",
                "difficulty": "难度"}

# Limits for shared files: a real 刷题 file of a few thousand questions is far
# below them; a bomb (a zip that inflates to gigabytes, a sheet declaring
# A1:XFD1048576) is refused before it is expanded.
MAX_ROWS = 20_000
MAX_COLUMNS = 64
MAX_XLSX_UNCOMPRESSED = 48 * 1024 * 1024
MAX_XLSX_MEMBERS = 2_000
# openpyxl builds a Python object per shared string and per cell it parses,
# even for cells past the columns read: a few MB of XML can stand for
# millions of them. Counted in the inflated XML before openpyxl sees it.
MAX_XLSX_STRINGS = 200_000
MAX_XLSX_CELLS = 200_000
_COUNTED_PARTS = {"xl/sharedStrings.xml": (b"<si>", b"<si "), "xl/worksheets/": (b"<c>", b"<c ")}
FIELD_LIMIT = 131_072  # the csv module's own default


def rows_from_csv_bytes(data: bytes, file: str) -> list[list[str]]:
    """The rows of a CSV file as Excel and WPS save it: UTF-8 (with or without BOM), GBK,
    or "Unicode 文本" (UTF-16, tab-separated); commas, tabs or semicolons; any line ends."""
    if data.startswith(b"PK\x03\x04"):  # a zip: an xlsx saved or renamed as .csv
        raise BankError("这是一个 xlsx（压缩）文件，不是文字 CSV 文件：请把扩展名改为 .xlsx 再导入", file)
    text = _csv_text(data, file)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BankError("文件中含有空字符（NUL）：这不是文字 CSV 文件", file, line)
    skipped, delimiter = _csv_dialect(text)
    # newline="": the csv module itself reads \r\n, \n and a lone \r (old Mac files) as line ends.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = [[] for _ in range(skipped)]
    try:
        if skipped:
            next(reader, None)
        for row in reader:
            blank = not any(c.strip() for c in row)
            if len(rows) >= MAX_ROWS:
                if blank:
                    continue  # trailing empty rows are no question; keep nothing of them
                raise BankError(f"行数太多（上限 {MAX_ROWS:,} 行）", file, reader.line_num)
            rows.append(_BLANK_ROW if blank else row[:MAX_COLUMNS])
    except csv.Error as exc:
        reason = f"一个字段超过 {FIELD_LIMIT:,} 个字符" if "field larger" in str(exc) else "CSV 格式错误（引号不配对？）"
        raise BankError(reason, file, reader.line_num) from None
    return rows


_BLANK_ROW: list[str] = []  # shared by every empty row: a million of them cost no memory
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def _csv_text(data: bytes, file: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith(_UTF32_BOMS):
        encodings = ("utf-32",)
    elif data.startswith(_UTF16_BOMS):
        encodings = ("utf-16",)  # Excel's "Unicode 文本"
    elif b"\x00" in data[:4096] and len(data) % 2 == 0:
        encodings = ("utf-16-le", "utf-16-be")  # UTF-16 saved without its BOM
    else:
        encodings = ("utf-8", "gb18030")  # Excel in China saves CSV as GBK
        big5 = _big5_text(data)
        if big5 is not None:
            return big5
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding.startswith("utf-16-") and ("\x00" in text or not _looks_like_text(text)):
            continue
        return text
    if encodings[0].startswith("utf-16") or encodings[0] == "utf-32":
        if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS + _UTF32_BOMS):
            raise BankError("文件中含有空字符（NUL）：这不是文字 CSV 文件", file, 1)
        raise BankError("文件以 UTF-16/UTF-32 标记开头，但内容不是有效的文字（请另存为 UTF-8 的 CSV）", file)
    raise BankError("无法识别的文字编码（既不是 UTF-8 也不是 GBK）", file)


def _big5_text(data: bytes) -> str | None:
    """A CSV saved by Excel in Taiwan or Hong Kong (Big5), with its traditional characters made
    simplified like the notes (單選 → 单选, so types and 章节 are found): only when it is no UTF-8
    and only Big5 makes a header of known columns (as GBK the same bytes are other characters)."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("big5")
    except UnicodeDecodeError:
        return None
    from cskexam.core.grading_hant import to_simplified

    def header_fields(t: str) -> int:
        line = next((x for x in re.split(r"\r\n|\r|\n", t[:65536]) if x.strip()), "")
        return max(len(_header_map(re.split(d, line)[:MAX_COLUMNS])[0]) for d in ("[,]", "\t", ";", "[|]"))

    simplified = to_simplified(text)
    try:
        as_gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        as_gbk = ""
    return simplified if header_fields(simplified) > header_fields(as_gbk) else None


# Characters a header cell may hold without showing them: zero-width spaces and
# joiners, BOMs, direction marks and overrides.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _looks_like_text(text: str) -> bool:
    head = text[:2000]
    return bool(head) and sum(ch.isprintable() or ch in "\r\n\t" for ch in head) >= 0.95 * len(head)


_DELIMITERS = (",", "\t", ";", "|")
_REQUIRED = ("type", "stem", "answer")


def _csv_dialect(text: str) -> tuple[int, str]:
    """(lines to skip, delimiter): Excel's ``sep=;`` first line, else the delimiter
    that splits the header row into the most known columns (a comma on a tie)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].split("\r", 1)[0]
    if first.lower().startswith("sep=") and len(first.strip()) == 5:
        return 1, first.strip()[4]
    header = next((line for line in re.split(r"\r\n|\r|\n", text[:65536]) if line.strip()), "")

    def known(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            return (0, 0)
        cols = _header_map(cells[:MAX_COLUMNS])[0]
        return (sum(k in cols for k in _REQUIRED), len(cols))

    best = max(_DELIMITERS, key=lambda d: (known(d), d == ","))
    return 0, best if known(best)[1] else ","


def rows_from_xlsx_bytes(data: bytes, file: str) -> list[list[str]]:
    """The rows of the sheet holding the questions: the first whose first filled row names
    题型, 题干 and 答案 (else the first sheet). A merged cell's text fills every cell it covers."""
    _check_zip(data, file)
    from openpyxl import load_workbook  # lazy: only imports need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise BankError(_xlsx_reason(exc), file) from None
    try:
        if not book.worksheets:
            raise BankError("xlsx 文件中没有工作表", file)
        sheet = _question_sheet(book.worksheets)
        rows: list[list[str]] = []
        # The sheet's declared dimension may be A1:XFD1048576: only the
        # columns and rows a template can use are read.
        for row in sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True):
            rows.append(["" if c is None else _cell(c) for c in row])
        xml = _sheet_xml(data, sheet.title)
        _refuse_unsaved_formulas(rows, xml, sheet.title, file)
        _fill_merged(rows, _merged_ranges(xml), file)
    except BankError:
        raise
    except Exception as exc:
        raise BankError(_xlsx_reason(exc), file) from None
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise BankError(f"行数太多（上限 {MAX_ROWS:,} 行）", file, MAX_ROWS + 1)
    return rows


_HEADER_SCAN_ROWS = 20


def _question_sheet(sheets: list) -> Any:
    for sheet in sheets:
        for row in sheet.iter_rows(max_row=_HEADER_SCAN_ROWS, max_col=MAX_COLUMNS, values_only=True):
            cells = ["" if c is None else _cell(c) for c in row]
            if any(cells):
                cols = _header_map(cells)[0]
                if all(k in cols for k in ("type", "stem", "answer")):
                    return sheet
                break
    return sheets[0]


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})"')
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATIONSHIP_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""(?:\w+:)?(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _sheet_xml(data: bytes, title: str) -> bytes:
    """The XML of the worksheet ``title`` (b"" when it cannot be found)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = _sheet_part(archive, title)
        try:
            return archive.read(part) if part else b""
        except KeyError:
            return b""


# A formula cell and what it holds. Excel and WPS save each formula's last result in <v>; a file
# written by a program (openpyxl, some exporters) keeps the formula with an empty <v/> or none.
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_SAVED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]|<(?:\w+:)?is\b")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_STRING_RESULT = re.compile(rb'\bt="str"')


def _refuse_unsaved_formulas(rows: list[list[str]], xml: bytes, title: str, file: str) -> None:
    """A formula whose result was never saved reads as an empty cell: say so, naming the cell, instead
    of reporting the row's 题干 or 答案 as missing. Only cells the import reads count: the header row
    and the columns it names (an unused column may hold what it likes)."""
    if not _FORMULA.search(xml):
        return
    from openpyxl.utils.cell import column_index_from_string

    unsaved: list[tuple[int, int, str]] = []
    for m in _CELL.finditer(xml):
        attrs, inner = m.group(1), m.group(2) or b""
        if not _FORMULA.search(inner) or _SAVED_VALUE.search(inner):
            continue
        if _STRING_RESULT.search(attrs):
            continue  # a formula whose saved result is the empty text, as Excel writes =""
        ref = _CELL_REF.search(attrs)
        if ref is None:
            continue
        row, col = int(ref.group(2)) - 1, column_index_from_string(ref.group(1).decode()) - 1
        if row < len(rows) and col < MAX_COLUMNS:
            unsaved.append((row, col, ref.group(1).decode() + ref.group(2).decode()))
    if not unsaved:
        return
    marked = {(r, c) for r, c, _ in unsaved}
    header_at = next((i for i, row in enumerate(rows)
                      if any(row) or any((i, c) in marked for c in range(MAX_COLUMNS))), 0)
    read = set(_header_map(rows[header_at])[0].values()) if header_at < len(rows) else set()
    found = sorted((r, c, name) for r, c, name in unsaved if r <= header_at or c in read)
    if not found:
        return
    names = "、".join(name for _, _, name in found[:5]) + (f" 等 {len(found):,} 个单元格" if len(found) > 5 else " ")
    sheet = strip_controls(title)[:40]
    raise BankError(
        f"工作表「{sheet}」的单元格 {names}是公式，但文件里没有保存公式的计算结果（常见于由程序生成的表格），"
        "导入时读到的是空白：请在 Excel 或 WPS 中打开这个文件并保存一次，或把公式换成它的文字，再导入",
        file, found[0][0] + 1)


def _merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 0-based, of each merged range of a sheet's XML."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    out = []
    for m in _MERGE_REF.finditer(xml):
        (c1, r1), (c2, r2) = (coordinate_from_string(x.decode()) for x in m.groups())
        out.append((r1 - 1, column_index_from_string(c1) - 1, r2 - 1, column_index_from_string(c2) - 1))
    return out


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    """The member of the xlsx holding the worksheet ``title`` ("" when it cannot be told).

    The workbook part lists its sheets by name with a relationship id; its
    relationships part gives each id's target (OOXML, ECMA-376 part 1).
    """
    workbook = "xl/workbook.xml"
    for rel in _tags(archive, "_rels/.rels", _RELATIONSHIP_TAG):
        if rel.get("Type", "").endswith("/officeDocument") and "Target" in rel:
            workbook = _member("", rel["Target"])
    folder = posixpath.dirname(workbook)
    ids = [s.get("id") for s in _tags(archive, workbook, _SHEET_TAG) if s.get("name") == title]
    if not ids:
        return ""
    rels = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    for rel in _tags(archive, rels, _RELATIONSHIP_TAG):
        if rel.get("Id") == ids[0] and "Target" in rel:
            return _member(folder, rel["Target"])
    return ""


def _tags(archive: zipfile.ZipFile, member: str, tag: re.Pattern[bytes]) -> list[dict[str, str]]:
    """The attributes (by local name, unescaped) of each ``tag`` element of ``member``."""
    try:
        xml = archive.read(member)
    except KeyError:
        return []
    return [{k.decode(): html.unescape((v1 or v2).decode("utf-8", "replace"))
             for k, v1, v2 in _ATTRIBUTE.findall(m.group(1))} for m in tag.finditer(xml)]


def _member(folder: str, target: str) -> str:
    """The zip member a relationship's target names, relative to ``folder`` unless absolute."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _fill_merged(rows: list[list[str]], ranges: list[tuple[int, int, int, int]], file: str) -> None:
    """Excel shows a merged cell's text across the whole range; the file keeps it in the first cell only."""
    budget = MAX_XLSX_CELLS  # thousands of overlapping sheet-wide ranges must not cost billions of steps
    for r1, c1, r2, c2 in ranges:
        if r1 >= len(rows) or c1 >= MAX_COLUMNS or c1 >= len(rows[r1]):
            continue
        last = min(r2, len(rows) - 1)
        budget -= (last - r1 + 1) * (min(c2, MAX_COLUMNS - 1) - c1 + 1)
        if budget < 0:
            raise BankError(f"合并单元格太多（合并后超过 {MAX_XLSX_CELLS:,} 个单元格）：请取消合并后再导入", file)
        value = rows[r1][c1]
        for r in range(r1, last + 1):
            row = rows[r]
            for c in range(c1, min(c2, MAX_COLUMNS - 1) + 1):
                if c < len(row) and not row[c]:
                    row[c] = value


def _xlsx_reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return "xlsx 文件不完整：缺少工作簿的组成部分（文件可能已损坏，或是改了扩展名的其他文件）"
    if type(exc).__name__ in ("ParseError", "XMLSyntaxError", "ExpatError"):
        return "xlsx 文件已损坏：其中的表格内容不是有效的 XML"
    if isinstance(exc, (zipfile.BadZipFile, EOFError)):
        return "xlsx 文件已损坏（无法解压）"
    return "无法读取 xlsx 文件：它可能已损坏，或不是 Excel 保存的 .xlsx（请在 Excel 或 WPS 中打开后另存为 .xlsx）"


# An Office file with a password is no zip but an OLE compound file that
# holds the encrypted package (streams named EncryptionInfo / EncryptedPackage).
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


def _check_zip(data: bytes, file: str) -> None:
    """Refuse what is not a zip, or a zip that would inflate beyond the limits, before opening it."""
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in data[:1 << 20]:
        raise BankError("这个 xlsx 文件设了打开密码：请在 Excel 或 WPS 中打开，取消密码后另存为 .xlsx 再导入", file)
    if data.startswith(_OLE_MAGIC):
        raise BankError("这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 再导入", file)
    if not data.startswith(b"PK"):
        raise BankError("这不是 xlsx 文件（xlsx 是 zip 格式；.xls 请先在 Excel 中另存为 .xlsx）", file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise BankError("xlsx 文件已损坏（无法作为 zip 打开）", file) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise BankError(f"xlsx 文件内含 {len(members):,} 个部件，超过上限 {MAX_XLSX_MEMBERS:,}", file)
    # zipfile never inflates a member past its declared size (it fails the
    # CRC instead), so the declared sizes bound the real work.
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise BankError(
            f"xlsx 文件解压后有 {total / 2**20:,.0f} MB，超过上限 {MAX_XLSX_UNCOMPRESSED // 2**20} MB（可能是压缩炸弹）", file)
    strings = cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for m in members:
                if m.filename == "xl/sharedStrings.xml":
                    strings += _count_tags(archive, m, _COUNTED_PARTS["xl/sharedStrings.xml"])
                elif m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
                    cells += _count_tags(archive, m, _COUNTED_PARTS["xl/worksheets/"])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise BankError("xlsx 文件已损坏（无法解压）", file) from None
    if strings > MAX_XLSX_STRINGS or cells > MAX_XLSX_CELLS:
        raise BankError(f"xlsx 文件的单元格太多（{max(strings, cells):,} 个，上限 {MAX_XLSX_CELLS:,} 个）", file)


def _count_tags(archive: zipfile.ZipFile, member: zipfile.ZipInfo, tags: tuple[bytes, ...]) -> int:
    """Occurrences of ``tags`` in a member, read in chunks (a tag cut between two chunks is still counted)."""
    count = 0
    tail = b""
    with archive.open(member) as fh:
        while chunk := fh.read(1 << 20):
            window = tail + chunk
            count += sum(window.count(t) for t in tags)
            tail = window[-3:]
            # A tag wholly inside the kept tail was counted already: take it out again.
            count -= sum(tail.count(t) for t in tags)
    return count


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return str(value).strip()


def _header_map(header: list[str]) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Column of each field, and the fields named by more than one column (with all their columns)."""
    cols: dict[str, int] = {}
    twice: dict[str, list[int]] = {}
    for i, raw in enumerate(header):
        folded = fold(_INVISIBLE.sub("", raw))
        name = folded.upper().replace("选项", "")
        key = HEADER_ALIASES.get(folded)
        if key is None and len(name) == 1 and name in LETTERS:
            key = name
        if key and key not in cols:
            cols[key] = i
        elif key:
            twice.setdefault(key, [cols[key]]).append(i)
    return cols, twice
