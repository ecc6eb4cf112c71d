"""The sub-commands of the ``cskexam`` command line, one module each."""

from __future__ import annotations

import argparse
from typing import Any, Protocol


class Subparsers(Protocol):
    """What ``register(sub)`` is given: the result of ``ArgumentParser.add_subparsers()``."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


def print_json(data: Any) -> None:
    """``data`` as indented JSON on the standard output, then a newline.

    Written in blocks of many tokens: ``json.dump`` to the stream makes one write
    per token (millions for a big graph, each through the output's checks), and
    one string of the whole would double the memory a big graph takes."""
    import json
    import sys

    block: list[str] = []
    for token in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(data):
        block.append(token)
        if len(block) >= 10_000:
            sys.stdout.write("".join(block))
            block.clear()
    block.append("\n")
    sys.stdout.write("".join(block))
