"""Test data shared across test modules (plan texts with their hand derivations)."""
