"""A first ``bank import`` checks the bank against the bundled notes before it makes
the library of them; the questions checked then are the ones stored, not read again
(a template of 20,000 rows is read once)."""

from __future__ import annotations

from cskexam.cli import main
from tests.cli_helpers import isolate_cli, output

_ROWS = [
    "题型,题干,A,B,C,D,答案,解析,章节",
    "单选,指提供不同的产品以满足相同需求的竞争者是（ ）。,愿望竞争者,普通竞争者,产品形式竞争者,品牌竞争者,B,见教材,",
    "单选,客户服务的核心是（ ）。,产品,价格,客户满意,渠道,C,见教材,",
]


def test_a_first_bank_import_reads_the_rows_once(tmp_path, monkeypatch, capsys):
    import cskexam.core.bank_import as bank_import

    isolate_cli(monkeypatch, tmp_path)
    calls = []
    real = bank_import.import_rows

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(bank_import, "import_rows", counting)
    bank = tmp_path / "题库.csv"
    bank.write_text("\n".join(_ROWS) + "\n", "utf-8")
    assert main(["bank", "import", str(bank), "--allow-unlinked"]) == 0
    out, _ = output(capsys)
    assert "2 题（新增 2，更新 0）" in out
    assert len(calls) == 1
    assert main(["bank", "import", str(bank), "--allow-unlinked"]) == 0  # the library exists: read once again
    out, _ = output(capsys)
    assert "2 题（新增 0，更新 2）" in out and len(calls) == 2
