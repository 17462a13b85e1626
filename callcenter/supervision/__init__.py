"""Live supervision: the queue and agent boards and the follow-up lists (missed calls, overdue
work).
"""
