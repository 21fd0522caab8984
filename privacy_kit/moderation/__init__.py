"""Comment moderation triage: signals beyond personal data, and decisions under a policy pack."""

from __future__ import annotations

from privacy_kit.moderation.comments import Comment, FieldNames, read_comments
from privacy_kit.moderation.triage import Decision, ModerationResult, moderate_export, triage

__all__ = ["Comment", "Decision", "FieldNames", "ModerationResult", "moderate_export", "read_comments", "triage"]
