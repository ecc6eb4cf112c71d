"""Study notes → knowledge graph.

``parse_notes([NoteSource(name, text), ...]) -> KnowledgeGraph`` is the whole
public API; ``decode_note_bytes`` turns a file's bytes into text.
"""

from cskexam.core.notes.decode import decode_note_bytes
from cskexam.core.notes.parser import NoteSource, parse_notes

__all__ = ["NoteSource", "parse_notes", "decode_note_bytes"]
