"""``cskexam graph``: the CLI contract other parts depend on."""

import json

from cskexam.cli import main


def test_graph_json_contract(capsys):
    assert main(["graph", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {n["id"] for n in data["nodes"]}
    macro = next(n for n in data["nodes"] if n["title"] == "宏观环境分析")
    items = [n["title"] for n in data["nodes"] if n["parent"] == macro["id"]]
    assert items == ["市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"]
    assert macro["mnemonic"] == "宏五" and macro["page"] == "P4" and macro["count"] == 5
    assert all(e["source"] in ids and e["target"] in ids and e["kind"] == "related" for e in data["edges"])
    assert all(d["node"] in ids for d in data["definitions"])


def test_graph_outline_of_a_given_file(tmp_path, capsys):
    f = tmp_path / "我的笔记.txt"
    f.write_text("服务特性\n服务特性\n客户服务的五大特性:无形性、不可分性、易消失性、有偿性、易变性", encoding="utf-8")
    assert main(["graph", str(f)]) == 0
    out = capsys.readouterr().out
    assert "无形性" in out and "易变性" in out


def test_graph_of_a_gbk_file(tmp_path, capsys):
    f = tmp_path / "gbk.txt"
    f.write_bytes("职业道德\n职业道德\n1、职业道德的三大特点:甲;乙;丙".encode("gbk"))
    assert main(["graph", "--json", str(f)]) == 0
    assert "职业道德的三大特点" in capsys.readouterr().out


def test_graph_bad_inputs_exit_2_naming_the_file(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "pic.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    for path in (empty, binary, nothing, tmp_path / "missing.txt"):
        assert main(["graph", str(path)]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "Traceback" not in err


def test_graph_json_prints_flags_on_every_node(tmp_path, capsys):
    f = tmp_path / "特性.txt"
    f.write_text("服务特性\n服务特性\n1、服务的四大特性:无形性、不可分性、易消失性\n2、顾客满意", encoding="utf-8")
    assert main(["graph", "--json", str(f)]) == 0
    nodes = json.loads(capsys.readouterr().out)["nodes"]
    assert all(isinstance(n["flags"], list) for n in nodes)
    flagged = next(n for n in nodes if n["title"] == "服务的四大特性")
    assert flagged["flags"] == [{"kind": "count_mismatch", "stated": 4, "found": 3}]
    assert next(n for n in nodes if n["title"] == "顾客满意")["flags"] == []
