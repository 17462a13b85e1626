"""The customer record's own dialogs: editing a customer and how they are reached."""
