"""pressgen: German press releases and newsletter emails from one YAML file per event."""

__version__ = "0.1.0"
