"""Announcements, call scripts and knowledge articles on the desk, and their editors."""
