"""Preloaded by the fork server that starts the index build's helper process.

Importing this module loads pypinyin's dictionaries (0.2–0.3 s) into the
server once, so that the helper of every build is forked with them already
in memory and is ready in milliseconds (see
``cskexam.services.search_index._PinyinHelper``). Nothing else imports it.
"""

from cskexam.services.search_index import _pinyin_converter

_pinyin_converter()
