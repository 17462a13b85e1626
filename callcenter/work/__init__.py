"""What agents do for customers: interactions, service requests and their SLA, callbacks, call-log
drafts and sync conflicts.
"""
