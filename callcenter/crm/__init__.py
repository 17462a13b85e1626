"""The customer record: customers, their numbers and e-mails, the 360° view, caller lookup, search
and CSV import.
"""
