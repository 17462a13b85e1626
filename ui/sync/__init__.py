"""Replication state as the desktop shows it."""
