"""Advisor Planner: a local-first practice for becoming a trusted advisor to the business."""

__version__ = "0.1.0"
APP_NAME = "Advisor Planner"
APP_ID = "advisor-planner"
