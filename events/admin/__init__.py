"""The events app's admin, one module per concern (see README's layout section).

Registered here: participants, evidence, and countries and people with their events. The event
and article admins are defined here and registered by the app that completes them:
``tasks.admin`` (re-extraction) and ``ingestion.admin`` ("Add articles", extraction runs).
"""

from . import evidence, people

__all__ = ["evidence", "people"]
