"""The supervisor view: boards, charts and follow-up lists with their actions."""
