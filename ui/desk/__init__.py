"""The agent's main window and its parts: call panel, caller panels, record view, log panel, work
lists, search box, phone bridge, headset.
"""
