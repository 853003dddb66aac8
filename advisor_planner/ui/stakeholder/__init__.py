"""One stakeholder's page, in the parts that change apart.

- ``page``: ``StakeholderPage``, which lays the parts out, loads the person and acts on them;
- ``facts``: the header's five panels (contact, engagement, map, health, trust);
- ``tabs``: the profile and the trends charts;
- ``history``: the trust-check, touchpoint, commitment and feedback tables;
- ``forms``: the trust-check and feedback forms (other views open them too);
- ``widgets``: the small pieces the rest are built of.
"""
