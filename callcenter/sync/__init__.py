"""The two stores and the replicator between them: opening stores, first sync, push and pull."""
