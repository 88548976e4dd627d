"""Files only their owner can read (0600), written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(path: Path, raw: bytes) -> None:
    """Write `raw` to a hidden file beside `path` and rename it over `path`: a reader sees the old file
    or the new one, never half of one. Raises OSError; the partial file is removed."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
