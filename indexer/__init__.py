"""baokan's library: parse newspaper pages, index them, search them.

This package never imports Flask; the web layer lives in ``webapp``.
"""
from __future__ import annotations

__version__ = "0.1.0"
