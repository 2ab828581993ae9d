"""The live preview: every event rendered in memory and served on this computer."""

from __future__ import annotations

from pressgen.preview.server import PreviewServer, serve
from pressgen.preview.state import EventPreview, Preview

__all__ = ["EventPreview", "Preview", "PreviewServer", "serve"]
