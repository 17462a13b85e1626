"""What agents are told and shown beside a call: announcements from supervisors (until each
person acknowledges them), call scripts per queue and request category, knowledge articles."""
