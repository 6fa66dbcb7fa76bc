"""Combat rules, second part: one attack per defending hex per phase, odds counted past both
ends of the table, retreats searched as whole paths with the owner's preference order, naval
gunfire next to the sea only, previews refused exactly when the attack is, weather shifts.

Numbers come from docs/RULES.md and `scenarios/rules/standard.yaml`: columns 1:3 1:2 1:1 2:1
3:1 4:1 5:1 6:1; infantry attack 6/4/2 defence 7/5/3; city -2; rain and snow -1, blizzard -2.
"""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import engine
from builders import World, assert_refused, attack, events_of, hx, steps, where
from engine import Attack, IllegalOrder, hexgrid

ALL_ROLLS = range(1, 7)
RESULTS = {f"DR{n}": {"description": f"retreat {n}", "defender_retreat": n} for n in (1, 2, 3)}
RESULTS["NE"] = {"description": "no effect"}


def fixed(code: str) -> dict:
    """A combat table whose every cell is `code`."""
    return {"table": {r: [code] * 8 for r in ALL_ROLLS}, "results": RESULTS}


def corridor(terrain: str = ".......", **kw) -> World:
    return World(columns=len(terrain), rows=1, terrain=[terrain], **kw).ignore_supply()


def shifts_of(pv) -> dict[str, int]:
    return {s.reason: s.shift for s in pv.shifts}


# -- 1. one attack per defending hex per phase ---------------------------------------------------
def test_a_hex_is_attacked_at_most_once_per_phase():
    game = (corridor().rules(combat=fixed("NE")).unit("a1", "allies", "0100").unit("a2", "allies", "0300")
            .unit("x1", "axis", "0200", name="1st Grenadiers")).game()
    attack(game, "a1", "0200")
    err = assert_refused(game, Attack(("a2",), hx(game, "0200")), "attack/already_defended", "0200", "1st Grenadiers")
    pv = game.preview(["a2"], hx(game, "0200"))
    assert (pv.allowed, pv.code, pv.reason) == (False, "attack/already_defended", err.message)


def test_every_defender_of_an_attack_is_marked_as_defended():
    game = (corridor().rules(combat=fixed("NE")).unit("a1", "allies", "0100")
            .unit("x1", "axis", "0200").unit("x2", "axis", "0200").unit("x3", "axis", "0400")).game()
    attack(game, "a1", "0200")
    defended = {u.id for u in game.scenario.units if game.state.unit_defended[u.index]}
    assert defended == {"x1", "x2"}


def test_a_unit_retreated_into_another_hex_cannot_be_attacked_again_there():
    # x1 retreats from 0200 into 0300, where x2 (not yet attacked) stands
    game = (corridor().rules(combat=fixed("DR1")).unit("a1", "allies", "0100").unit("a2", "allies", "0400")
            .unit("x1", "axis", "0200").unit("x2", "axis", "0300")).game()
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0300"
    assert_refused(game, Attack(("a2",), hx(game, "0300")), "attack/already_defended", "0300", "x1")


# -- 2. odds past both ends of the table -------------------------------------------------------------
def duel(attack_value: float, defence_value: float, terrain: str = ".....", **rules) -> engine.Game:
    """One-step units: a1 at 0100 attacks x1 at 0200."""
    return (corridor(terrain).rules(**rules).set(air_points={"allies": 2})
            .unit("a1", "allies", "0100", attack=[attack_value], defence=[1])
            .unit("x1", "axis", "0200", attack=[1], defence=[defence_value])).game()


@pytest.mark.parametrize("att,dfn,base,name", [
    (7, 21, 0, "1:3"), (7, 28, -1, "1:4"), (7, 29, -2, "1:5"), (7, 35, -2, "1:5"), (7, 36, -3, "1:6"), (2, 21, -8, "1:11"),
    (42, 7, 7, "6:1"), (48, 7, 7, "6:1"), (49, 7, 8, "7:1"), (56, 7, 9, "8:1"),
])
def test_odds_keep_counting_columns_past_both_ends_of_the_table(att, dfn, base, name):
    game = duel(att, dfn)
    pv = game.preview(["a1"], hx(game, "0200"))
    assert (pv.base_column, pv.base_column_name) == (base, name)
    assert 0 <= pv.column < 8 and pv.column_name == ["1:3", "1:2", "1:1", "2:1", "3:1", "4:1", "5:1", "6:1"][pv.column]


def test_odds_far_below_the_table_are_not_saved_by_a_few_shifts():
    # 2:21 is 1:10.5, column 1:11; +4 (two air points at 2 columns each) reach 1:7, still below 1:3
    game = duel(2, 21, combat={"air_point_shift": 2})
    pv = game.preview(["a1"], hx(game, "0200"), air=2)
    assert pv.total_shift == 4 and pv.base_column == -8
    assert not pv.allowed and pv.code == "attack/odds_too_low"
    assert "1:10.5" in pv.reason and "1:7" in pv.reason and "1:3" in pv.reason
    assert_refused(game, Attack(("a1",), hx(game, "0200"), air=2), "attack/odds_too_low", "1:10.5", "1:7")


def test_odds_just_below_the_table_are_brought_onto_it_by_shifts():
    game = duel(7, 28, combat={"air_point_shift": 1})            # 1:4, one column below 1:3
    pv = game.preview(["a1"], hx(game, "0200"), air=1)
    assert pv.allowed and pv.column_name == "1:3"


def test_odds_above_the_table_count_before_shifts_and_clamp_after():
    game = duel(56, 7, terrain="..c..")          # 8:1 two columns above 6:1; city -2 -> 6:1
    pv = game.preview(["a1"], hx(game, "0200"))
    assert (pv.base_column_name, pv.total_shift, pv.column_name) == ("8:1", -2, "6:1")
    game = duel(49, 7, terrain="..c..")          # 7:1 - 2 -> 5:1
    assert game.preview(["a1"], hx(game, "0200")).column_name == "5:1"
    game = duel(100, 1, combat={"air_point_shift": 1})
    pv = game.preview(["a1"], hx(game, "0200"), air=2)
    assert pv.allowed and pv.column_name == "6:1" and pv.column == 7


# -- 3. retreats searched as whole paths ---------------------------------------------------------------
def test_a_retreat_does_not_walk_into_a_dead_end_when_a_full_retreat_exists():
    # 0200 (the lowest index) leads only to the lake at 0300; 0101 and 0201 lead on
    game = (World(columns=4, rows=3, terrain=["...l", "...l", "...."]).ignore_supply().set(control={"default": "axis"})
            .rules(combat=fixed("DR2")).unit("a1", "allies", "0000").unit("x1", "axis", "0100")).game()
    events = attack(game, "a1", "0100")
    assert not events_of(events, "retreat_blocked")
    assert steps(game, "x1") == 3
    assert events_of(events, "unit_retreated")[0]["path"] == ["0100", "0101", "0102"]


def test_a_short_retreat_never_ends_over_the_stacking_limit():
    # x1 can reach 0300 (full: x2 there, limit 1) but not go on: it stays where it is
    game = (corridor("....l").rules(stacking={"max_units": 1}, combat=fixed("DR2"))
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200").unit("x2", "axis", "0300")).game()
    events = attack(game, "a1", "0200")
    assert where(game, "x1") == "0200" and steps(game, "x1") == 2
    assert events_of(events, "retreat_blocked")[0]["hexes"] == 2


def fork(preference: list[str] | None = None) -> World:
    """x1 at 0100 retreats one hex from a1 at 0000 into 0101 (clear) or 0200 (forest, lower index)."""
    world = (World(columns=3, rows=2, terrain=["..f", "..."]).ignore_supply().set(control={"default": "axis"})
             .rules(combat=fixed("DR1")).unit("a1", "allies", "0000").unit("x1", "axis", "0100"))
    return world.rules(combat={"retreat_preference": preference}) if preference is not None else world


def retreat_end(world: World) -> str:
    game = world.game()
    attack(game, "a1", "0100")
    return where(game, "x1")


def test_the_default_retreat_preference_is_friendly_control_then_fewer_units_then_lowest_index():
    assert engine.scenario.load_rules("standard").model.combat.retreat_preference == ["friendly_control", "fewer_units"]
    assert retreat_end(fork()) == "0200"                                              # lowest index
    assert retreat_end(fork().unit("x2", "axis", "0200")) == "0101"                   # fewer units
    assert retreat_end(fork().set(control={"default": "axis", "hexes": {"allies": ["0200"]}})) == "0101"   # friendly ground


def test_retreat_preference_toward_supply_and_defensive_terrain():
    assert retreat_end(fork(["toward_supply"]).source("axis", "0001")) == "0101"      # 0101 is next to the source
    assert retreat_end(fork(["toward_supply"]).source("axis", "0200")) == "0200"
    assert retreat_end(fork(["defensive_terrain"])) == "0200"                          # forest -1
    world = World(columns=3, rows=2, terrain=["...", "..f"]).ignore_supply().rules(combat=fixed("DR1"))
    world = world.rules(combat={"retreat_preference": ["defensive_terrain"]}).unit("a1", "allies", "0000").unit("x1", "axis", "0100")
    assert retreat_end(world) == "0201"


def test_an_unknown_retreat_preference_is_reported(tmp_path):
    problems = engine.validate(fork(["nearest_pub"]).write(tmp_path))
    assert any("'friendly_control', 'fewer_units', 'toward_supply' or 'defensive_terrain'" in p.message for p in problems), \
        [str(p) for p in problems]


# A property: whenever a full-length retreat exists (found here from the rule text, not the
# engine), the defender makes it and loses nothing.
def nbrs(columns: int, rows: int, i: int) -> list[int]:
    h = hexgrid.from_offset(i % columns, i // columns)
    return [j for j in (hexgrid.index_of(n, columns, rows) for n in hexgrid.neighbors(h)) if j >= 0]


def hex_distance(columns: int, a: int, b: int) -> int:
    return hexgrid.distance(hexgrid.from_offset(a % columns, a // columns), hexgrid.from_offset(b % columns, b // columns))


@st.composite
def retreat_worlds(draw):
    columns, rows = draw(st.integers(3, 6)), draw(st.integers(2, 5))
    n = columns * rows
    terrain = ["".join(draw(st.lists(st.sampled_from("...fl~"), min_size=columns, max_size=columns))) for _ in range(rows)]
    land = [i for i in range(n) if terrain[i // columns][i % columns] not in "l~"]
    defender = draw(st.sampled_from(land)) if land else None
    fronts = [j for j in nbrs(columns, rows, defender) if j in land] if land else []
    if not fronts:
        return None
    attacker = draw(st.sampled_from(fronts))
    limit = draw(st.integers(1, 3))
    others = draw(st.lists(st.tuples(st.sampled_from(land), st.sampled_from(("allies", "axis"))), max_size=6))
    units = {defender: ["axis"], attacker: ["allies"]}
    for i, side in others:
        here = units.setdefault(i, [])
        if (not here or here[0] == side) and len(here) < limit and i != defender:
            here.append(side)
    return columns, rows, terrain, attacker, defender, limit, units, draw(st.sampled_from((1, 2, 2, 3)))


def full_retreat_exists(columns: int, rows: int, terrain: list[str], attacker: int, defender: int, limit: int,
                        units: dict[int, list[str]], length: int) -> bool:
    land = lambda i: terrain[i // columns][i % columns] not in "l~"
    enemy = {i for i, s in units.items() if s and s[0] == "allies"}
    friends = {i: len(s) for i, s in units.items() if s and s[0] == "axis"}
    zoc = {j for i in enemy for j in nbrs(columns, rows, i) if land(j)}

    def walk(i: int, left: int) -> bool:
        if left == 0:
            return i == defender or friends.get(i, 0) < limit
        return any(walk(j, left - 1) for j in nbrs(columns, rows, i)
                   if land(j) and j not in enemy and hex_distance(columns, j, attacker) > hex_distance(columns, i, attacker)
                   and (j not in zoc or j in friends))
    return walk(defender, length)


@settings(max_examples=200)
@given(retreat_worlds())
def test_a_defender_that_can_retreat_the_full_distance_is_never_penalised(spec):
    assume(spec is not None)
    columns, rows, terrain, attacker, defender, limit, units, length = spec
    world = (World(columns=columns, rows=rows, terrain=terrain).ignore_supply()
             .rules(stacking={"max_units": limit}, combat=fixed(f"DR{length}")))
    hid = lambda i: f"{i % columns:02d}{i // columns:02d}"
    for i, sides in units.items():
        for k, side in enumerate(sides):
            uid = {defender: "x1", attacker: "a1"}[i] if k == 0 and i in (defender, attacker) else f"{side[:2]}{i}_{k}"
            world.unit(uid, side, hid(i))
    game = world.game()
    events = attack(game, "a1", hid(defender))
    if full_retreat_exists(*spec):
        assert not events_of(events, "retreat_blocked") and steps(game, "x1") == 3
        assert hex_distance(columns, game.scenario.map.parse(where(game, "x1")), attacker) == 1 + length
    else:
        assert events_of(events, "retreat_blocked")
    here = game.scenario.map.parse(where(game, "x1")) if where(game, "x1") else None
    assert here is None or sum(1 for u in game.units("axis") if where(game, u) == hid(here)) <= limit


# -- 4. naval gunfire next to the sea only ---------------------------------------------------------
def shore(terrain: str) -> engine.Game:
    return (World(columns=6, rows=1, terrain=[terrain]).ignore_supply()
            .special(rule="naval_gunfire", side="allies", until_turn=3, shift=2)
            .unit("a1", "allies", "0200").unit("x1", "axis", "0100")).game()


def test_naval_gunfire_needs_the_sea_and_not_a_lake():
    lake, sea = shore("l....."), shore("~.....")
    assert "naval gunfire support" not in shifts_of(lake.preview(["a1"], hx(lake, "0100")))
    assert not lake.scenario.map.coastal.any()
    assert shifts_of(sea.preview(["a1"], hx(sea, "0100"))) == {"naval gunfire support": 2}
    assert sea.scenario.map.coastal[sea.scenario.map.parse("0100")]


def test_a_rule_set_with_no_terrain_flagged_sea_has_no_coast():
    assert engine.scenario.load_rules("standard").model.terrain["sea"].sea
    game = (World(columns=6, rows=1, terrain=["~....."]).ignore_supply().rules(terrain={"sea": {"sea": False}})
            .special(rule="naval_gunfire", side="allies", until_turn=3, shift=2)
            .unit("a1", "allies", "0200").unit("x1", "axis", "0100")).game()
    assert not game.scenario.map.coastal.any()
    assert shifts_of(game.preview(["a1"], hx(game, "0100"))) == {}


# -- 5. a preview is refused exactly when the attack is ----------------------------------------------
@pytest.fixture
def battle():
    # a1 a2 next to x1 (0200); hq (no attack) next to x1; a9 far away; x2 alone at 0500 next to a9
    world = (World(columns=7, rows=2).ignore_supply().set(air_points={"allies": 1}).rules(combat=fixed("NE"))
             .unit("a1", "allies", "0100").unit("a2", "allies", "0300").unit("hq", "allies", "0201", "headquarters")
             .unit("a9", "allies", "0600").unit("a8", "allies", "0001", "infantry_brigade")
             .unit("x1", "axis", "0200").unit("x2", "axis", "0500").unit("x3", "axis", "0000"))
    return world.game()


CASES = [
    ([], "0200", 0),
    (["a9"], "0200", 0),            # not adjacent
    (["hq"], "0200", 0),            # no strength
    (["a1", "hq"], "0000", 0),
    (["a1"], "0101", 0),            # empty hex
    (["a2"], "0201", 0),            # own units
    (["a2"], "0400", 0),            # already attacked
    (["a1"], "0200", 0),            # already defended
    (["a1"], "0000", 3),            # too much air for one attack (the side's budget is checked by Attack only)
    (["a8"], "0000", 0),            # 2:7, odds below the table
    (["a1"], "0000", 0),            # allowed
    (["a9"], "0500", 1),            # allowed
]


@pytest.mark.parametrize("attackers,target,air", CASES)
def test_preview_and_attack_agree_on_every_refusal(battle, attackers, target, air):
    game = battle
    attack(game, "a2", "0200")      # now a2 has attacked and x1 has defended
    for ids, hex_id, a in [(attackers, target, air), (["a2"], "0100", 0), (["a1"], "0200", 0)]:
        pv = game.preview(ids, hx(game, hex_id), a)
        try:
            game.apply(Attack(tuple(ids), hx(game, hex_id), a))
        except IllegalOrder as err:
            assert (pv.allowed, pv.code, pv.reason) == (False, err.code, err.message), (ids, hex_id)
        else:
            assert pv.allowed and pv.reason == "" and pv.code == "", (ids, hex_id)


def test_preview_refuses_what_attack_refuses(battle):
    game = battle
    attack(game, "a2", "0200")
    for ids, hex_id, code in [(["a1"], "0101", "attack/no_enemy"), (["a9"], "0200", "attack/not_adjacent"),
                              (["hq"], "0200", "attack/no_strength"), (["a2"], "0200", "attack/already_attacked"),
                              (["a1"], "0200", "attack/already_defended"), ([], "0200", "attack/no_attackers")]:
        pv = game.preview(ids, hx(game, hex_id))
        assert (pv.allowed, pv.code) == (False, code), (ids, hex_id, pv.reason)


def test_a_preview_with_a_unit_not_on_the_map_is_refused_as_attack_is():
    game = (corridor().reinforcement(2, "0000", ("late", "allies")).unit("a1", "allies", "0100")
            .unit("x1", "axis", "0200")).game()
    err = assert_refused(game, Attack(("late",), hx(game, "0200")), "attack/not_on_map")
    pv = game.preview(["a1", "late"], hx(game, "0200"))
    assert (pv.allowed, pv.code, pv.reason) == (False, err.code, err.message)


# -- 6. weather in combat ---------------------------------------------------------------------------
@pytest.mark.parametrize("weather,shift", [("clear", 0), ("overcast", 0), ("rain", -1), ("snow", -1), ("blizzard", -2)])
def test_the_weather_shifts_every_attack(weather, shift):
    game = (corridor().set(weather={"schedule": {1: weather}})
            .unit("a1", "allies", "0100", attack=[21], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7])).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == ({weather: shift} if shift else {})
    assert pv.column == pv.base_column + shift


def test_a_weather_type_s_attack_shift_comes_from_the_rules():
    game = (corridor().rules(weather={"mud": {"attack_shift": -3}}).set(weather={"schedule": {1: "mud"}})
            .unit("a1", "allies", "0100", attack=[42], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7])).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == {"mud": -3} and pv.column_name == "3:1"


# -- multi-hex attacks ---------------------------------------------------------------------------
def multi_world(allowed: bool = True, **rules):
    from builders import World

    return (World(columns=6, rows=3, turns=5).ignore_supply()
            .rules(combat={"table": {r: ["DE"] * 8 for r in range(1, 7)}, "multi_hex": allowed, **rules})
            .unit("a1", "allies", "0100").unit("a2", "allies", "0100")
            .unit("x1", "axis", "0200").unit("x2", "axis", "0201").unit("x9", "axis", "0502"))


def test_one_attack_against_two_hexes_where_the_rule_set_allows_it():
    from builders import hx, status

    game = multi_world().game()
    pv = game.preview(["a1", "a2"], hx(game, "0200"), also=[hx(game, "0201")])
    assert pv.allowed and pv.defence == 14 and pv.attack == 12 and len(pv.defenders) == 2
    events = game.apply(engine.Attack(("a1", "a2"), hx(game, "0200"), also=(hx(game, "0201"),)))
    assert status(game, "x1") == status(game, "x2") == "eliminated"
    assert [e for e in events if e.kind == "combat"][0]["defenders"] == ["x1", "x2"]
    assert game.state.advance is not None and game.scenario.map.hex_id(game.state.advance[0]) == "0200"


def test_multi_hex_attacks_are_refused_unless_the_rule_set_allows_them():
    from builders import assert_refused, hx

    game = multi_world(allowed=False).game()
    assert_refused(game, engine.Attack(("a1", "a2"), hx(game, "0200"), also=(hx(game, "0201"),)), "attack/multi_hex")
    assert not game.preview(["a1"], hx(game, "0200"), also=[hx(game, "0201")]).allowed


def test_every_hex_of_a_multi_hex_attack_is_next_to_an_attacker_and_held_by_the_enemy():
    from builders import assert_refused, hx

    game = multi_world().game()
    assert_refused(game, engine.Attack(("a1",), hx(game, "0200"), also=(hx(game, "0502"),)), "attack/not_adjacent", "no attacker")
    assert_refused(game, engine.Attack(("a1",), hx(game, "0200"), also=(hx(game, "0101"),)), "attack/no_enemy")
    assert_refused(game, engine.Attack(("a1",), hx(game, "0200"), also=(hx(game, "0200"),)), "attack/duplicate", "hex is named twice")


def test_a_multi_hex_attack_takes_the_defenders_best_ground():
    from builders import World, hx

    game = (World(columns=6, rows=3, turns=5, terrain=["..c...", "......", "......"]).ignore_supply()
            .rules(combat={"multi_hex": True}).unit("a1", "allies", "0100")
            .unit("x1", "axis", "0200").unit("x2", "axis", "0201")).game()
    pv = game.preview(["a1"], hx(game, "0201"), also=[hx(game, "0200")])
    assert ("defender in city", -2) in [(s.reason, s.shift) for s in pv.shifts]


def test_a_multi_hex_attack_survives_a_save(tmp_path):
    from builders import hx

    game = multi_world().game()
    game.apply(engine.Attack(("a1", "a2"), hx(game, "0200"), also=(hx(game, "0201"),)))
    game.save(tmp_path / "m.json")
    assert engine.Game.load(tmp_path / "m.json").state_hash() == game.state_hash()


def test_the_main_hex_of_a_multi_hex_attack_must_be_next_to_an_attacker_too():
    from builders import assert_refused, hx

    game = multi_world().unit("a3", "allies", "0102").game()
    assert_refused(game, engine.Attack(("a3",), hx(game, "0200"), also=(hx(game, "0201"),)), "attack/not_adjacent", "0200")


# -- last step retreat (`combat.last_step_retreat`) ----------------------------------------------
LOSS_AND_RETREAT = {**RESULTS, "D1R1": {"description": "defender loses 1 step and retreats 1 hex", "defender_steps": 1, "defender_retreat": 1},
                    "D2R1": {"description": "defender loses 2 steps and retreats 1 hex", "defender_steps": 2, "defender_retreat": 1},
                    "D1": {"description": "defender loses 1 step", "defender_steps": 1}}


def last_step(code: str, on: int = 2, terrain: str = ".......") -> World:
    return corridor(terrain).rules(combat={"table": {r: [code] * 8 for r in ALL_ROLLS}, "results": LOSS_AND_RETREAT,
                                           "last_step_retreat": on})


def test_a_unit_at_its_last_step_retreats_one_hex_farther_instead_of_being_eliminated():
    game = last_step("D1R1").unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).game()
    events = attack(game, "a1", "0200")
    assert steps(game, "x1") == 1 and where(game, "x1") == "0400", "kept its step, retreated 1 + 1 hexes"
    retreated = events_of(events, "unit_retreated")[0]
    assert not events_of(events, "step_loss") and retreated["path"] == ["0200", "0300", "0400"]
    from ui.eventlog import describe

    text, _ = describe(retreated, game.scenario)
    assert "kept its last step" in text, "the log says why the unit is still there"
    # without the rule the same result eliminates it
    game = last_step("D1R1", on=0).unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).game()
    attack(game, "a1", "0200")
    assert steps(game, "x1") == 0


def test_a_result_costing_more_steps_than_the_rule_spares_kills_the_last_step():
    # last_step_retreat: 1 spares the last step to results of one step lost (D1R1), not two (D2R1)
    game = last_step("D2R1", on=1).unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).game()
    attack(game, "a1", "0200")
    assert steps(game, "x1") == 0
    game = last_step("D1R1", on=1).unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).game()
    attack(game, "a1", "0200")
    assert steps(game, "x1") == 1 and where(game, "x1") == "0400"


def test_a_unit_with_steps_to_spare_still_loses_them_and_keeps_only_its_last():
    game = last_step("D2R1").unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=2).game()
    attack(game, "a1", "0200")
    assert steps(game, "x1") == 1 and where(game, "x1") == "0400", "one step lost, the last kept by retreating farther"
    game = last_step("D1R1").unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=3).game()
    attack(game, "a1", "0200")
    assert steps(game, "x1") == 2 and where(game, "x1") == "0300", "a step to spare: lost as usual, the usual retreat"


def test_a_last_step_that_cannot_retreat_the_farther_way_is_lost():
    # the corridor ends one hex behind the defender: it can retreat 1 hex but not 2
    game = last_step("D1R1", terrain="...").unit("a1", "allies", "0000").unit("x1", "axis", "0100", steps=1).game()
    events = attack(game, "a1", "0100")
    assert steps(game, "x1") == 0
    assert events_of(events, "retreat_blocked")


def test_the_rule_spares_no_step_to_a_result_without_a_retreat():
    game = last_step("D1").unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).game()
    attack(game, "a1", "0200")
    assert steps(game, "x1") == 0


def test_the_preview_of_losses_knows_the_last_step_is_kept():
    from engine import combat

    game = last_step("D1R1").unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).unit("x2", "axis", "0200", steps=2).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    x1, x2 = game.unit_index("x1"), game.unit_index("x2")
    assert combat.eliminations(game.state, pv)["D1R1"] == ((), ())
    assert combat.defender_steps_lost(game.state, [x1, x2], "D1R1") == 1      # from x2, the unit with the most steps
    assert combat.defender_steps_lost(game.state, [x1], "D1R1") == 0
    plain = last_step("D1R1", on=0).unit("a1", "allies", "0100").unit("x1", "axis", "0200", steps=1).game()
    assert combat.eliminations(plain.state, plain.preview(["a1"], hx(plain, "0200")))["D1R1"] == ((), (plain.unit_index("x1"),))
