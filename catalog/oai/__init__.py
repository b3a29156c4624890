"""OAI-PMH 2.0 for harvesters: the published records as Dublin Core, topics as sets.

``protocol`` checks requests and keeps resumption tokens, ``metadata`` writes the
records' ``oai_dc``, ``views`` answers the six verbs. Deletions: the repository
declares ``deletedRecord`` "no"; an unpublished record is simply not disseminated.
"""
