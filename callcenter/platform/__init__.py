"""The ground every capability stands on: configuration, secrets, the signed-in context,
permissions, the audit trail, the directory of people and codes, and the plain records services
return.
"""
