"""The Admin menu's windows: the data dictionary, people, the audit trail, imports and exports."""
