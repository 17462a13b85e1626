"""Replication between a desk's local store and the shared store (DESIGN.md, two stores).

``outbox`` records every local write in the same transaction; ``push`` applies the outbox to
the shared store idempotently, merging concurrent edits; ``pull`` reads the shared store's
changes through a cursor that cannot skip rows committed out of order.
"""
