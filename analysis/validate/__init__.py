"""Validation against gold annotations: precision/recall/F1 and AUC, agreement between coders, baseline lexicons."""
