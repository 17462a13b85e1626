"""What every window shares: item models, tables, form helpers and formatting."""
