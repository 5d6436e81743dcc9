"""Cutting passages into chunks small enough for the embedding model (256 word-pieces),
with some overlap so that a sentence cut at a boundary is whole in one of the two."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from capdev.knowledge.sources import Passage

MAX_WORDS = 160
OVERLAP_WORDS = 30
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


@dataclass
class ChunkText:
    text: str
    heading: str
    page: int | None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def chunk_passage(
    passage: Passage, *, max_words: int = MAX_WORDS, overlap: int = OVERLAP_WORDS
) -> Iterator[ChunkText]:
    """Chunks of whole sentences, each under max_words (a longer sentence is cut)."""
    window: list[str] = []
    count = 0
    for sentence in _sentences(passage.text):
        words = sentence.split()
        while len(words) > max_words:  # one very long "sentence" (a table, say)
            if window:
                yield ChunkText(" ".join(window), passage.heading, passage.page)
                window, count = [], 0
            yield ChunkText(" ".join(words[:max_words]), passage.heading, passage.page)
            words = words[max_words - overlap :]
        if count + len(words) > max_words and window:
            yield ChunkText(" ".join(window), passage.heading, passage.page)
            # Carry the last sentences, up to `overlap` words, into the next chunk.
            carried: list[str] = []
            carried_words = 0
            for previous in reversed(window):
                size = len(previous.split())
                if carried_words + size > overlap:
                    break
                carried.insert(0, previous)
                carried_words += size
            window, count = carried, carried_words
        window.append(" ".join(words))
        count += len(words)
    if window:
        yield ChunkText(" ".join(window), passage.heading, passage.page)


def chunk_passages(passages: Iterable[Passage]) -> Iterator[ChunkText]:
    for passage in passages:
        if passage.text.strip():
            yield from chunk_passage(passage)
