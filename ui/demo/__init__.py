"""The demo's Simulate menu."""
