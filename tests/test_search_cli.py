"""``cskexam search`` on the bundled notes, in a temporary database."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cskexam.cli import main

KEYS = ["id", "kind", "title", "path", "snippet", "score"]


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "lib.sqlite3"
    return f"sqlite:///{path}"


def run_json(capsys, db_url, *args):
    code = main(["--db", db_url, "search", *args, "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_first_search_imports_the_bundled_notes_and_finds_the_competitor_types(capsys, db_url, bundled_graph):
    results = run_json(capsys, db_url, "竞争者", "--limit", "8")
    assert all(list(r) == KEYS for r in results)
    titles = [r["title"] for r in results]
    assert {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"} <= set(titles)
    for r in results:
        assert r["id"] in bundled_graph.nodes
        assert r["path"] == bundled_graph.path_titles(r["id"])
        assert isinstance(r["score"], float)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_five_characteristics_and_dress_code(capsys, db_url):
    assert run_json(capsys, db_url, "五大特性")[0]["title"] == "客户服务的五大特性"
    dress = run_json(capsys, db_url, "着装")
    assert any("客户服务着装第一要素是整洁" in r["snippet"] or "客户服务着装第一要素" in r["title"] for r in dress[:2])


def test_two_character_words_typos_and_pinyin(capsys, db_url):
    assert run_json(capsys, db_url, "投诉")
    assert run_json(capsys, db_url, "营消环境")[0]["title"] == "营销环境"
    assert run_json(capsys, db_url, "shichang", "renkou")[0]["title"] == "市场人口"
    assert run_json(capsys, db_url, "hgfx")[0]["title"] == "宏观环境分析"


@pytest.mark.parametrize("typo", ["竞挣者", "竟争者"])
def test_one_wrong_character_in_the_bundled_notes(capsys, db_url, typo):
    assert run_json(capsys, db_url, typo)[0]["title"] == "竞争者环境"


def test_two_characters_with_one_wrong(capsys, db_url):
    assert any(r["title"] == "竞争者环境" for r in run_json(capsys, db_url, "竞挣", "--limit", "5"))
    assert main(["--db", db_url, "search", "竞挣"]) == 0
    assert "（近似）" in capsys.readouterr().out


def test_limit(capsys, db_url):
    assert len(run_json(capsys, db_url, "客户", "--limit", "3")) == 3


def test_plain_output_shows_rank_path_and_snippet(capsys, db_url):
    assert main(["--db", db_url, "search", "普通竞争者"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith(" 1. 普通竞争者")
    assert "竞争者环境" in out and "›" in out
    assert "指提供不同的产品以满足相同需求的竞争者" in out


def test_nothing_found(capsys, db_url):
    assert main(["--db", db_url, "search", "zzzzqqq"]) == 0
    assert "没有找到" in capsys.readouterr().out
    assert run_json(capsys, db_url, "zzzzqqq") == []


@pytest.mark.parametrize("bad", ["0", "-1", "abc"])
def test_bad_limit_is_a_clear_error(capsys, db_url, bad):
    with pytest.raises(SystemExit) as exc:
        main(["--db", db_url, "search", "客户", "--limit", bad])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--limit 需要正整数" in err and "Traceback" not in err


def test_corrupt_database_names_the_file(tmp_path):
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "cskexam", "--db", f"sqlite:///{bad}", "search", "客户"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert str(bad) in result.stderr and "错误" in result.stderr
    assert "Traceback" not in result.stderr
