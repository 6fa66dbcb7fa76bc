"""Scenario files: YAML loading with source positions, the format's models, validation."""
from engine.scenario.load import load_rules, load_scenario, resolve, shipped_scenarios, validate
from engine.scenario.scenario import MapData, Scenario, SupplySourceDef, UnitDef

__all__ = ["MapData", "Scenario", "SupplySourceDef", "UnitDef", "load_rules", "load_scenario", "resolve", "shipped_scenarios", "validate"]
