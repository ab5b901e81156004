"""The rules of the review: no Qt, no file I/O."""
