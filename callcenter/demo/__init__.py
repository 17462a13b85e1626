"""The demo: realistic generated data and the simulated callers that ring the desktop."""
