"""``{{convert}}`` for the common units, as English Wikipedia's Module:Convert shows them.

``{{convert|10|km|mi}}`` shows ``10 kilometres (6.2 mi)``: the input with its unit
spelled out (singular for 1), then the conversion abbreviated in parentheses;
``abbr=on`` abbreviates the input too; ``disp=or`` writes ``10 km or 6.2 mi``.  The
default precision keeps as many significant figures as the input has, at least two,
which gives the module's output for ordinary values (``6.2 mi``, ``62 mi``, ``3,300 ft``).
Units outside the table return ``None``, and the caller shows nothing rather than guess.
"""

from __future__ import annotations

import math
import re
from typing import Final, NamedTuple

__all__ = ["convert"]


class _Unit(NamedTuple):
    symbol: str
    singular: str
    plural: str
    #: Size in the base unit of its dimension, and the dimension.
    factor: float
    dimension: str
    #: The unit shown when the call names no output unit.
    default: str


_UNITS: Final = {
    unit.symbol: unit
    for unit in (
        _Unit("km", "kilometre", "kilometres", 1000, "length", "mi"),
        _Unit("m", "metre", "metres", 1, "length", "ft"),
        _Unit("cm", "centimetre", "centimetres", 0.01, "length", "in"),
        _Unit("mm", "millimetre", "millimetres", 0.001, "length", "in"),
        _Unit("mi", "mile", "miles", 1609.344, "length", "km"),
        _Unit("ft", "foot", "feet", 0.3048, "length", "m"),
        _Unit("in", "inch", "inches", 0.0254, "length", "cm"),
        _Unit("yd", "yard", "yards", 0.9144, "length", "m"),
        _Unit("km2", "square kilometre", "square kilometres", 1e6, "area", "sqmi"),
        _Unit("sqmi", "square mile", "square miles", 2589988.110336, "area", "km2"),
        _Unit("ha", "hectare", "hectares", 1e4, "area", "acre"),
        _Unit("acre", "acre", "acres", 4046.8564224, "area", "ha"),
        _Unit("kg", "kilogram", "kilograms", 1, "mass", "lb"),
        _Unit("lb", "pound", "pounds", 0.45359237, "mass", "kg"),
        _Unit("t", "tonne", "tonnes", 1000, "mass", "LT"),
        _Unit("km/h", "kilometre per hour", "kilometres per hour", 1 / 3.6, "speed", "mph"),
        _Unit("mph", "mile per hour", "miles per hour", 0.44704, "speed", "km/h"),
        _Unit("L", "litre", "litres", 0.001, "volume", "USgal"),
        _Unit("USgal", "US gallon", "US gallons", 0.003785411784, "volume", "L"),
    )
}
#: Displayed symbols where they differ from the call's code.
_SHOWN: Final = {"km2": "km2", "sqmi": "sq mi", "USgal": "US gal", "LT": "long tons"}
_TEMPERATURES: Final = {
    "C": ("degree Celsius", "degrees Celsius", "°C"),
    "F": ("degree Fahrenheit", "degrees Fahrenheit", "°F"),
}
_NUMBER: Final = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


def convert(params: list[str], named: dict[str, str]) -> str | None:
    """The text of ``{{convert|value|from|to|…}}``, or ``None`` for an unknown unit."""
    if len(params) < 2 or not _NUMBER.match(params[0].strip()):
        return None
    written = params[0].strip()
    value = float(written.replace(",", ""))
    source = params[1].strip()
    target = params[2].strip() if len(params) > 2 and params[2].strip() else ""
    abbreviated = named.get("abbr", "").strip() == "on"
    if source in ("C", "F"):
        if source == "C":
            converted, target = value * 9 / 5 + 32, "F"
        else:
            converted, target = (value - 32) * 5 / 9, "C"
        shown = f"{written} {_TEMPERATURES[source][2]}"  # symbols by default for degrees
        result = f"{_round(converted, written)} {_TEMPERATURES[target][2]}"
        return _join(shown, result, named)
    unit = _UNITS.get(source)
    if unit is None:
        return None
    target = target or unit.default
    out = _UNITS.get(target)
    if out is None or out.dimension != unit.dimension:
        if target == "LT" and unit.symbol == "t":
            result = f"{_round(value * 1000 / 1016.0469088, written)} long tons"
            return _join(_input(written, value, unit, abbreviated), result, named)
        return None
    converted = value * unit.factor / out.factor
    result = f"{_round(converted, written)} {_SHOWN.get(out.symbol, out.symbol)}"
    return _join(_input(written, value, unit, abbreviated), result, named)


def _input(written: str, value: float, unit: _Unit, abbreviated: bool) -> str:
    if abbreviated:
        return f"{written} {_SHOWN.get(unit.symbol, unit.symbol)}"
    return f"{written} {unit.singular if value == 1 else unit.plural}"


def _join(shown: str, result: str, named: dict[str, str]) -> str:
    display = named.get("disp", "").strip()
    if display == "or":
        return f"{shown} or {result}"
    if display in ("output only", "out"):
        return result
    return f"{shown} ({result})"


def _round(value: float, written: str) -> str:
    """``value`` to the input's significant figures (at least two), with thousands commas."""
    digits = written.replace(",", "").replace("-", "").lstrip("0").replace(".", "")
    figures = max(2, len(digits.rstrip("0")) if "." not in written else len(digits))
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, figures - 1 - magnitude)
    rounded = round(value, figures - 1 - magnitude)
    return f"{rounded:,.{decimals}f}"
