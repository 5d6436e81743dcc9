"""Every chunk vector of the index in memory, once per process, with the fields that
decide who may read each chunk, so one matrix-vector product and a mask answer a query.

The index's version (IndexVersion) changes in the same transaction as every change to
the chunks; a process reloads its copy when the version it loaded with is no longer
the database's. The mask is the access rule itself (a Q object of
capdev.library.access.scope_q, with the search filters) evaluated on those fields, and
search() still reads the final passages through the same rule in SQL: a copy that is
behind can miss a new passage for one query, never show one the user may not read.
"""

import threading
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from capdev.knowledge import embeddings
from capdev.knowledge.models import Chunk, IndexVersion

# Fields a scope or filter may test, as they are loaded: integers (None as -1) or text.
NUMBERS = ("country_id", "owner_id", "year")
TEXTS = ("visibility", "course_ref", "source_type", "kind", "language")
ALIASES = {"country": "country_id", "owner": "owner_id"}


def index_changed() -> None:
    """Tell every process that the chunks changed (call inside the writing transaction)."""
    token = uuid.uuid4()
    if not IndexVersion.objects.filter(pk=1).update(token=token):
        IndexVersion.objects.update_or_create(pk=1, defaults={"token": token})


def current_version() -> uuid.UUID | None:
    return IndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()


@dataclass(frozen=True)
class Snapshot:
    version: uuid.UUID | None
    ids: object  # int64 array, one per row of the matrix
    matrix: object  # float32, rows of unit length
    fields: dict  # field name -> array; texts as int codes, see `codes`
    codes: dict  # text field -> {value: code}

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
        return ~result if q.negated else result

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
            field = Chunk._meta.get_field(name)
            wanted = [-1 if v is None else int(field.get_prep_value(v)) for v in values]
        return np.isin(column, np.asarray(wanted, dtype=column.dtype))


def _load(version: uuid.UUID | None) -> Snapshot:
    import numpy as np

    embeddings.limit_threads()

    names = (*NUMBERS, *TEXTS)
    rows = Chunk.objects.exclude(embedding=None).values_list("pk", "embedding", *names)
    ids, vectors = [], []
    columns: dict[str, list] = {name: [] for name in names}
    for pk, blob, *values in rows.iterator(chunk_size=5000):
        ids.append(pk)
        vectors.append(np.frombuffer(bytes(blob), dtype=np.float32))
        for name, value in zip(names, values, strict=True):
            columns[name].append(value)
    fields, codes = {}, {}
    for name in NUMBERS:
        fields[name] = np.asarray([-1 if v is None else v for v in columns[name]], np.int64)
    for name in TEXTS:
        codes[name] = {value: code for code, value in enumerate(sorted(set(columns[name])))}
        fields[name] = np.asarray([codes[name][v] for v in columns[name]], np.int32)
    matrix = np.vstack(vectors) if vectors else np.zeros((0, embeddings.DIMENSIONS), np.float32)
    return Snapshot(version, np.asarray(ids, np.int64), matrix, fields, codes)


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
                    snapshot = self.snapshot = _load(version)
        return snapshot

    def top(self, vector, n: int, *, where: Q, floor: float) -> list[tuple[int, float]]:
        """The `n` chunks most similar to `vector` among those satisfying `where`, with
        a cosine similarity of at least `floor`: (id, similarity), best first."""
        import numpy as np

        snapshot = self.current()
        if not len(snapshot.ids) or n <= 0:
            return []
        scores = snapshot.matrix @ np.asarray(vector, dtype=np.float32)
        candidates = np.flatnonzero(snapshot.mask(where) & (scores >= floor))
        if len(candidates) > n:
            candidates = candidates[np.argpartition(-scores[candidates], n - 1)[:n]]
        best = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [(int(snapshot.ids[i]), float(scores[i])) for i in best]


VECTORS = VectorIndex()
