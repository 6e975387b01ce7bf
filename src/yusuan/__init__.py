"""yusuan 预算: read, check and publish Chinese government budget disclosures.

The package follows the data flow: ``read`` (files → Document) → ``model`` → ``check``
(Document → Report of findings). ``read()`` and ``check()`` are the public API.
"""

from yusuan.check import check
from yusuan.read import read

__version__ = "0.1.0"
__all__ = ["__version__", "check", "read"]
