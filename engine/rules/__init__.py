"""Rule data: terrain effects, hexside features, unit types and the combat table, from YAML."""
from engine.rules.model import RuleSetModel
from engine.rules.ruleset import HEXSIDE_KINDS, RuleError, RuleSet, UnitType, compile_rules, deep_merge, parse_odds

__all__ = ["HEXSIDE_KINDS", "RuleError", "RuleSet", "RuleSetModel", "UnitType", "compile_rules", "deep_merge", "parse_odds"]
