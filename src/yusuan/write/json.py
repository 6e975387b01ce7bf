"""A Document → JSON: the model as plain data (``serialize.to_data``), Decimals as exact strings."""

from __future__ import annotations

import json
from pathlib import Path

from yusuan.model.document import Document
from yusuan.model.serialize import to_data


def dumps(document: Document) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=2)


def write(document: Document, path: Path) -> Path:
    """Write the document's model as UTF-8 JSON."""
    path.write_text(dumps(document) + "\n", encoding="utf-8")
    return path
