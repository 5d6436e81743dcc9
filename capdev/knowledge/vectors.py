"""Every chunk vector of the index in memory, once per process, with the fields that
decide who may read each chunk, so one matrix-vector product and a mask answer a query.

The index's version (IndexVersion) changes in the same transaction as every change to
the chunks; a process reloads its copy when the version it loaded with is no longer
the database's. The mask is the access rule itself (a Q object of
capdev.library.access.scope_q, with the search filters) evaluated on those fields, and
search() still reads the final passages through the same rule in SQL: a copy that is
behind can miss a new passage for one query, never show one the user may not read.
"""

import dataclasses
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from capdev.knowledge import embeddings
from capdev.knowledge.models import Chunk, IndexVersion

# Fields a scope or filter may test, as they are loaded: integers (None as -1) or text.
NUMBERS = ("country_id", "owner_id", "year")
TEXTS = ("visibility", "course_ref", "source_type", "kind", "language")
ALIASES = {"country": "country_id", "owner": "owner_id"}
BATCH = 5000  # ids per query, below SQLite's limit on parameters


def index_changed() -> None:
    """Tell every process that the chunks changed (call inside the writing transaction)."""
    token = uuid.uuid4()
    if not IndexVersion.objects.filter(pk=1).update(token=token):
        IndexVersion.objects.update_or_create(pk=1, defaults={"token": token})


def current_version() -> uuid.UUID | None:
    return IndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()


@dataclass(frozen=True)
class Snapshot:
    """The vectors at one version. Rows are only appended to `buffer`, which has room
    to spare; a deleted chunk's row stays, marked dead in `alive`, until the next
    compaction, so a small change to the index copies no vectors."""

    version: uuid.UUID | None
    ids: Any  # int64 array, one per row
    alive: Any  # bool array, one per row
    buffer: Any  # float32 rows of unit length; the first len(ids) are this snapshot's
    fields: dict[str, Any]  # field name -> array, one per row; texts as int codes
    codes: dict[str, dict]  # text field -> {value: code}

    @property
    def matrix(self):
        return self.buffer[: len(self.ids)]

    def mask(self, q: Q):
        """A boolean per row: does the chunk satisfy `q`?"""
        import numpy as np

        result = np.ones(len(self.ids), dtype=bool)
        if q.connector not in (Q.AND, Q.OR):
            raise ValueError(f"Cannot evaluate a {q.connector} condition on vectors.")
        if q.connector == Q.OR and q.children:
            result[:] = False
        for child in q.children:
            if isinstance(child, Q):
                part = self.mask(child)
            elif isinstance(child, tuple) and len(child) == 2:
                part = self._lookup(*child)
            else:
                raise ValueError(f"Cannot evaluate {child!r} on vectors.")
            result = result & part if q.connector == Q.AND else result | part
        return np.logical_not(result) if q.negated else result

    def _lookup(self, key: str, value):
        import numpy as np

        name, _, lookup = key.partition("__")
        name = ALIASES.get(name, name)
        if lookup not in ("", "exact", "in") or name not in self.fields:
            raise ValueError(f"Cannot evaluate {key} on vectors.")
        if lookup == "in":
            if isinstance(value, QuerySet):
                value = value.values_list("pk", flat=True)
            values = list(value)
        else:
            values = [value]
        column = self.fields[name]
        if name in self.codes:
            wanted = [self.codes[name].get(str(v)) for v in values if v is not None]
            wanted = [code for code in wanted if code is not None]
        else:
            field: Any = Chunk._meta.get_field(name)
            wanted = [-1 if v is None else int(field.get_prep_value(v)) for v in values]
        return np.isin(column, np.asarray(wanted, dtype=column.dtype))


def _rows(ids) -> tuple[list, list, dict]:
    """Ids, vectors and access fields of the chunks `ids` that have a vector."""
    import numpy as np

    names = (*NUMBERS, *TEXTS)
    found, vectors = [], []
    columns: dict[str, list] = {name: [] for name in names}
    for start in range(0, len(ids), BATCH):
        rows = (
            Chunk.objects.filter(pk__in=[int(pk) for pk in ids[start : start + BATCH]])
            .exclude(embedding=None)
            .order_by()
            .values_list("pk", "embedding", *names)
        )
        for pk, blob, *values in rows:
            found.append(pk)
            vectors.append(np.frombuffer(bytes(blob), dtype=np.float32))
            for name, value in zip(names, values, strict=True):
                columns[name].append(value)
    return found, vectors, columns


def _empty() -> Snapshot:
    import numpy as np

    return Snapshot(
        None,
        np.zeros(0, np.int64),
        np.zeros(0, bool),
        np.zeros((0, embeddings.DIMENSIONS), np.float32),
        {name: np.zeros(0, np.int64) for name in NUMBERS}
        | {name: np.zeros(0, np.int32) for name in TEXTS},
        {name: {} for name in TEXTS},
    )


def _compact(snapshot: Snapshot, room: int) -> Snapshot:
    """The live rows of `snapshot` in a new buffer with room for `room` more."""
    import numpy as np

    live = np.flatnonzero(snapshot.alive)
    buffer = np.empty((len(live) + room, embeddings.DIMENSIONS), np.float32)
    np.take(snapshot.matrix, live, axis=0, out=buffer[: len(live)])
    return Snapshot(
        snapshot.version,
        snapshot.ids[live],
        np.ones(len(live), bool),
        buffer,
        {name: column[live] for name, column in snapshot.fields.items()},
        snapshot.codes,
    )


def _refresh(previous: Snapshot | None, version: uuid.UUID | None) -> Snapshot:
    """A snapshot at `version` from `previous`: the chunks since deleted marked dead,
    the chunks it lacks appended. Chunks are only ever added and deleted (a changed
    record gets new ones), apart from vectors added to existing chunks by
    embed_missing(), and those chunks are not in `previous` either."""
    import numpy as np

    embeddings.limit_threads()
    previous = previous or _empty()
    present = np.fromiter(Chunk.objects.order_by().values_list("pk", flat=True), np.int64)
    alive = previous.alive & np.isin(previous.ids, present)
    ids, vectors, columns = _rows(np.setdiff1d(present, previous.ids[alive]))
    live = int(alive.sum())
    if len(previous.ids) + len(ids) > len(previous.buffer) or live < 0.75 * len(previous.ids):
        headroom = max(1024, (live + len(ids)) // 10)
        previous = _compact(dataclasses.replace(previous, alive=alive), len(ids) + headroom)
        alive = previous.alive
    start = len(previous.ids)
    if vectors:
        # Past the end of every earlier snapshot's rows: they never see these.
        np.stack(vectors, out=previous.buffer[start : start + len(vectors)])
    fields, codes = {}, {}
    for name in NUMBERS:
        added = np.asarray([-1 if v is None else v for v in columns[name]], np.int64)
        fields[name] = np.concatenate([previous.fields[name], added])
    for name in TEXTS:
        codes[name] = dict(previous.codes[name])
        for value in columns[name]:
            codes[name].setdefault(value, len(codes[name]))
        added = np.asarray([codes[name][v] for v in columns[name]], np.int32)
        fields[name] = np.concatenate([previous.fields[name], added])
    return Snapshot(
        version,
        np.concatenate([previous.ids, np.asarray(ids, np.int64)]),
        np.concatenate([alive, np.ones(len(ids), bool)]),
        previous.buffer,
        fields,
        codes,
    )


class VectorIndex:
    def __init__(self):
        self.snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def current(self) -> Snapshot:
        # Read the version before the rows: a change landing in between then only
        # causes one more reload, never a copy that claims to be newer than it is.
        version = current_version()
        snapshot = self.snapshot
        if snapshot is None or snapshot.version != version:
            with self._lock:
                snapshot = self.snapshot
                if snapshot is None or snapshot.version != version:
                    snapshot = self.snapshot = _refresh(snapshot, version)
        return snapshot

    def top(self, vector, n: int, *, where: Q, floor: float) -> list[tuple[int, float]]:
        """The `n` chunks most similar to `vector` among those satisfying `where`, with
        a cosine similarity of at least `floor`: (id, similarity), best first."""
        import numpy as np

        snapshot = self.current()
        if not len(snapshot.ids) or n <= 0:
            return []
        scores = snapshot.matrix @ np.asarray(vector, dtype=np.float32)
        candidates = np.flatnonzero(snapshot.alive & snapshot.mask(where) & (scores >= floor))
        if len(candidates) > n:
            candidates = candidates[np.argpartition(-scores[candidates], n - 1)[:n]]
        best = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [(int(snapshot.ids[i]), float(scores[i])) for i in best]


VECTORS = VectorIndex()
