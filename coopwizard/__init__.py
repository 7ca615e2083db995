"""coopwizard: the core of the cooperation wizard (never imports textual)."""

__version__ = "0.1.0"
