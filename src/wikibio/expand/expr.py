"""``{{#expr:}}``: the ParserFunctions extension's expression language.

The rules (ParserFunctions' ``ExprParser``): numbers are runs of digits and dots read as
floats (``1.2.3`` is 1.2); words are case-insensitive; ``e`` and ``pi`` are constants
where an operand is expected and ``e`` is ``*10^`` between operands; ``+``/``-`` before an
operand are signs.  Precedence, high to low: signs, ``e`` (10); ``not`` and the functions
``sin cos tan asin acos atan exp ln abs floor ceil trunc sqrt`` (9); ``^`` (8);
``* / div mod fmod`` (7); ``+ -`` (6); ``round`` (5); comparisons ``= <> != < > <= >=``
(4); ``and`` (3); ``or`` (2).  Binary operators are left-associative.  Comparisons,
``and``/``or``/``not``, ``mod`` and ``trunc`` give integers; the rest floats, written as
PHP writes a float (14 significant digits, ``1.0E+20`` past 10^15, ``-0``, ``INF``).
Errors raise ``ExprError`` carrying MediaWiki's English message.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

__all__ = ["ExprError", "evaluate", "php_number"]

Number = int | float


class ExprError(Exception):
    """An expression MediaWiki refuses; ``str()`` is its visible message."""


_NUMBER_CHARS: Final = frozenset("0123456789.")
_WS: Final = frozenset(" \t\r\n")
_UNARY: Final = {
    "not": 9, "sin": 9, "cos": 9, "tan": 9, "asin": 9, "acos": 9, "atan": 9, "exp": 9,
    "ln": 9, "abs": 9, "floor": 9, "trunc": 9, "ceil": 9, "sqrt": 9,
}  # fmt: skip
_BINARY_WORDS: Final = {"mod": 7, "fmod": 7, "div": 7, "and": 3, "or": 2, "round": 5, "e": 10}
_PRECEDENCE: Final = {
    "neg": 10, "pos": 10, "e": 10, **_UNARY, "^": 8, "*": 7, "/": 7, "div": 7, "mod": 7,
    "fmod": 7, "+": 6, "-": 6, "round": 5, "=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4,
    "<>": 4, "!=": 4, "and": 3, "or": 2, "(": -1,
}  # fmt: skip
_NAMES: Final = {"neg": "-", "pos": "+", "<>": "<>"}
_MAX_STACK: Final = 100


def _message(key: str, arg: str = "") -> str:
    return {
        "stack": "Expression error: Stack exhausted.",
        "number": "Expression error: Unexpected number.",
        "word": f'Expression error: Unrecognized word "{arg}".',
        "operator": f"Expression error: Unexpected {arg} operator.",
        "operand": f"Expression error: Missing operand for {arg}.",
        "closing": "Expression error: Unexpected closing bracket.",
        "punctuation": f'Expression error: Unrecognized punctuation character "{arg}".',
        "unclosed": "Expression error: Unclosed bracket.",
        "zero": "Division by zero.",
        "trig": f"Invalid argument for {arg}: < -1 or > 1.",
        "ln": "Invalid argument for ln: <= 0.",
        "nan": "Result is not a number.",
    }[key]


def evaluate(expression: str) -> str:
    """The value of ``expression`` as ``{{#expr:}}`` writes it ("" for an empty one).

    Raises:
        ExprError: when MediaWiki shows an expression error instead of a value.
    """
    operands: list[Number] = []
    operators: list[str] = []
    expecting_operand = True
    p = 0
    n = len(expression)
    while p < n:
        if len(operands) > _MAX_STACK or len(operators) > _MAX_STACK:
            raise ExprError(_message("stack"))
        char = expression[p]
        if char in _WS:
            p += 1
            continue
        if char in _NUMBER_CHARS:
            if not expecting_operand:
                raise ExprError(_message("number"))
            q = p
            while q < n and expression[q] in _NUMBER_CHARS:
                q += 1
            operands.append(_php_float(expression[p:q]))
            p = q
            expecting_operand = False
            continue
        if char.isascii() and char.isalpha():
            q = p
            while q < n and expression[q].isascii() and expression[q].isalpha():
                q += 1
            word = expression[p:q].lower()
            p = q
            if word in ("e", "pi") and expecting_operand:
                operands.append(math.e if word == "e" else math.pi)
                expecting_operand = False
                continue
            if word in _UNARY:
                if not expecting_operand:
                    raise ExprError(_message("operator", word))
                operators.append(word)
                continue
            if word not in _BINARY_WORDS:
                raise ExprError(_message("word", word))
            op = word
        elif char in "+-":
            p += 1
            if expecting_operand:
                operators.append("pos" if char == "+" else "neg")
                continue
            op = char
        elif char in "*/^":
            p += 1
            op = char
        elif char == "(":
            if not expecting_operand:
                raise ExprError(_message("operator", "("))
            operators.append("(")
            p += 1
            continue
        elif char == ")":
            q = len(operators) - 1
            while q >= 0 and operators[q] != "(":
                q -= 1
            if q < 0:
                raise ExprError(_message("closing"))
            while operators[-1] != "(":
                _apply(operators.pop(), operands)
            operators.pop()
            expecting_operand = False
            p += 1
            continue
        elif char in "=<>!":
            two = expression[p : p + 2]
            if two in ("<=", ">=", "<>", "!="):
                op = two
                p += 2
            elif char == "!":
                raise ExprError(_message("punctuation", "!"))
            else:
                op = char
                p += 1
        else:
            raise ExprError(_message("punctuation", char))
        # A binary operator.
        if expecting_operand:
            raise ExprError(_message("operator", _NAMES.get(op, op)))
        precedence = _PRECEDENCE[op]
        while operators and precedence <= _PRECEDENCE[operators[-1]]:
            _apply(operators.pop(), operands)
        operators.append(op)
        expecting_operand = True
    while operators:
        op = operators.pop()
        if op == "(":
            raise ExprError(_message("unclosed"))
        _apply(op, operands)
    return "<br />\n".join(php_number(value) for value in operands)


def _php_float(text: str) -> float:
    """PHP's ``(float)`` of a run of digits and dots: the longest valid prefix."""
    head, dot, rest = text.partition(".")
    digits = rest.split(".", 1)[0] if dot else ""
    literal = (head or "0") + ("." + digits if digits else "")
    return float(literal)


def _apply(op: str, stack: list[Number]) -> None:
    name = _NAMES.get(op, op)
    if op in _UNARY or op in ("neg", "pos"):
        if not stack:
            raise ExprError(_message("operand", name))
        stack.append(_unary(op, stack.pop()))
        return
    if len(stack) < 2:
        raise ExprError(_message("operand", name))
    right = stack.pop()
    left = stack.pop()
    stack.append(_binary(op, left, right))


def _unary(op: str, arg: Number) -> Number:
    if op == "neg":
        return -arg
    if op == "pos":
        return arg
    if op == "not":
        return int(not arg)
    if op in ("asin", "acos") and not -1 <= arg <= 1:
        raise ExprError(_message("trig", op))
    if op == "ln":
        if arg <= 0:
            raise ExprError(_message("ln"))
        return math.log(arg)
    if op == "sqrt":
        if arg < 0:
            raise ExprError(_message("nan"))
        return math.sqrt(arg)
    if op == "trunc":
        return _php_int(arg)
    if op == "abs":
        return abs(arg)
    if op in ("floor", "ceil"):
        if math.isinf(arg) or math.isnan(arg):
            return arg
        return float(math.floor(arg) if op == "floor" else math.ceil(arg))
    if op == "exp":
        try:
            return math.exp(arg)
        except OverflowError:
            return math.inf
    function = {"sin": math.sin, "cos": math.cos, "tan": math.tan, "asin": math.asin,
                "acos": math.acos, "atan": math.atan}[op]  # fmt: skip
    try:
        return function(arg)
    except ValueError as error:
        raise ExprError(_message("nan")) from error


def _php_int(value: Number) -> int:
    if isinstance(value, int):
        return value
    if math.isnan(value) or math.isinf(value):
        return 0
    return int(value)


def _binary(op: str, left: Number, right: Number) -> Number:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op in ("/", "div"):
        if right == 0:
            raise ExprError(_message("zero"))
        return left / right
    if op == "mod":
        a, b = _php_int(left), _php_int(right)
        if b == 0:
            raise ExprError(_message("zero"))
        result = abs(a) % abs(b)
        return -result if a < 0 else result
    if op == "fmod":
        if right == 0:
            raise ExprError(_message("zero"))
        return math.fmod(left, right)
    if op == "^":
        try:
            value: object = float(left) ** float(right)
        except ZeroDivisionError as error:
            raise ExprError(_message("zero")) from error
        except OverflowError:
            return math.inf
        return value if isinstance(value, float) else math.nan
    if op == "e":
        try:
            return left * 10.0**right
        except OverflowError:
            return math.inf if left > 0 else -math.inf if left < 0 else math.nan
    if op == "round":
        return _php_round(left, _php_int(right))
    if op == "=":
        return int(left == right)
    if op in ("<>", "!="):
        return int(left != right)
    if op == "<":
        return int(left < right)
    if op == ">":
        return int(left > right)
    if op == "<=":
        return int(left <= right)
    if op == ">=":
        return int(left >= right)
    if op == "and":
        return int(bool(left) and bool(right))
    if op == "or":
        return int(bool(left) or bool(right))
    raise ExprError(f"Expression error: Unknown error ({op}).")  # pragma: no cover


def _php_round(value: Number, places: int) -> float:
    """PHP's ``round``: half away from zero, on the shortest decimal form of the float."""
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return value
    try:
        exponent = Decimal(1).scaleb(-places)
        rounded = Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return float(value)
    return float(rounded)


def php_number(value: Number) -> str:
    """A number as PHP 8 writes it with ``precision=14`` (``(string)$float``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    value = float(value)
    if math.isnan(value):
        return "NAN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exp = f"{abs(value):.13e}".partition("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    decpt = int(exp) + 1
    if decpt < -3 or decpt > 14:
        tail = digits[1:] or "0"
        power = decpt - 1
        return f"{sign}{digits[0]}.{tail}E{'+' if power >= 0 else '-'}{abs(power)}"
    if decpt <= 0:
        return f"{sign}0.{'0' * -decpt}{digits}"
    if decpt >= len(digits):
        return sign + digits + "0" * (decpt - len(digits))
    return f"{sign}{digits[:decpt]}.{digits[decpt:]}"
