"""Measurements of the tool's quality (the data lives in the repository's evals/)."""
