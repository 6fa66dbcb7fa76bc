"""The scenario editor (`wargame edit`): the draft model, the validation worker, the editor screen."""
