"""The press room: every release of a build as one static website."""
