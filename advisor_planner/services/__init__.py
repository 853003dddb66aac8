"""The application's API: keyword-only functions that return plain dataclasses; no Qt.

``ui``, ``charts``, ``reports`` and ``interchange`` reach the data only through here. Every
write validates first and raises one ``ValidationError`` naming the field and the problem, and
writes inside one transaction, so a failure leaves the database as it was.
"""

from advisor_planner.services.errors import NotFoundError, ServiceError, ValidationError

__all__ = ["NotFoundError", "ServiceError", "ValidationError"]
