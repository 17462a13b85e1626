"""Dialogs for the agent's work: service requests, callbacks, manual logs, sync conflicts."""
