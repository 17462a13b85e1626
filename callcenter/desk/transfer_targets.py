"""Where the agent can send a call: the queues by their numbers and the colleagues by their
desks' SIP accounts, named the way the agent knows them."""

from __future__ import annotations

import uuid

from callcenter.platform.context import ServiceContext
from callcenter.platform.directory import people, queues
from callcenter.platform.messages import N_, words


def transfer_targets(ctx: ServiceContext, me: uuid.UUID) -> dict[str, str]:
    """Words shown (``"Queue: Support"``, ``"Agent: Li Wei"``) -> the number or account dialled.

    People without a SIP account, and the agent asking, cannot take a transfer and are left out.
    """
    targets = {
        words(N_("Queue: {name}"), {"name": q.display_name}): q.dialled_number
        for q in queues(ctx)
        if q.dialled_number
    }
    for person in people(ctx):
        if person.sip_username and person.id != me:
            label = words(N_("Agent: {name}"), {"name": person.display_name})
            if label in targets:
                label = f"{label} ({person.username})"
            targets[label] = person.sip_username
    return targets
