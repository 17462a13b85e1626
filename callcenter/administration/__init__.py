"""The data dictionary and people, edited in the application rather than in SQL.

Admins only (``Action.EDIT_DICTIONARY``, ``Action.MANAGE_USERS``), as the shared database's
grants enforce too. Entries are changed or deactivated, never deleted: old calls and requests
still name them. Each change is an ordinary replicated edit with its audit entry.
"""
