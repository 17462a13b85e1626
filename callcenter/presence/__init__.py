"""What supervisors see of a desk: the presence row and its heartbeat in the shared store."""
