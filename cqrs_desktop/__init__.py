"""CQRS Desktop: check CQRS vaccination claims against patient records."""

__version__ = "0.1.0"
