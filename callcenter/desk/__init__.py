"""The agent's desk: calls from the phone, the screen pop, the agent-state machine and the
softphone settings.
"""
