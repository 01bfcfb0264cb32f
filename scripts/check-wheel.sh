#!/usr/bin/env bash
# Build the wheel and install it into a fresh virtual environment, as a user would; then run
# the console script, import the optional strategies with their extra, and check that a
# missing extra fails with an ImportError naming it. The wheel is the compiled one (setup.py):
# its reading core must load as extension modules. `make test-compiled` then runs the whole
# test suite against this installation.
#
# Offline and fast: the wheel is built without build isolation (setuptools comes from the
# test environment), installed with --no-deps, and the fresh environment finds the
# dependencies (attrs, mwparserfromhell, Hypothesis) through a .pth file pointing at the
# test environment's site-packages, *after* its own: `import wikibio` loads the wheel.
set -euo pipefail
python=${1:-.venv/bin/python}
out=build/wheel-check
rm -rf "$out" build/lib build/lib.* build/temp.* build/bdist.* build/mypyc  # no stale modules
mkdir -p "$out"
"$python" -m build --wheel --no-isolation --outdir "$out/dist" . >"$out/build.log" 2>&1 || {
    cat "$out/build.log"; exit 1; }
if grep -qi "deprecat" "$out/build.log"; then
    grep -i "deprecat" "$out/build.log"; echo "check-wheel: the build warns (above)"; exit 1
fi
wheel=$(ls "$out"/dist/wikibio-*.whl)
"$python" -m venv --without-pip "$out/venv"
"$python" -m pip --python "$out/venv/bin/python" install --quiet --no-deps "$wheel"
deps=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
fresh=$("$out/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$deps" >"$fresh/test-dependencies.pth"
cd "$out"  # away from src/, so nothing but the installed wheel is importable as wikibio
venv/bin/python - <<'PY'
import importlib, re, subprocess, sys, sysconfig
import wikibio
from wikibio.records import record_schema

where = wikibio.__file__
assert where.startswith(sysconfig.get_paths()["purelib"]), f"wikibio came from {where}"
assert record_schema()["title"] == "wikibio record", "the JSON Schema is in the wheel"
compiled = [m for m in re.findall(r'"src/(wikibio/[\w/]+)\.py"', open("../../setup.py").read())]
assert compiled, "setup.py lists the compiled modules"
for path in compiled:
    module = importlib.import_module(path.replace("/", ".").removesuffix(".__init__"))
    assert module.__file__.endswith(".so"), f"{module.__name__} is not compiled: {module.__file__}"
version = subprocess.run(["venv/bin/wikibio", "--version"], capture_output=True, text=True)
assert version.stdout == f"wikibio {wikibio.__version__}\n", version
import wikibio.strategies  # with the extra (Hypothesis) installed
code = "import sys; sys.modules['hypothesis'] = None; import wikibio.strategies"
missing = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
assert "pip install 'wikibio[strategies]'" in missing.stderr, missing.stderr
from importlib import resources
lua = resources.files("wikibio.scribunto").joinpath("lua")
for name in ("runtime.lua", "mw.lua", "mw.title.lua", "mw.text.lua", "mw.html.lua"):
    assert lua.joinpath(name).is_file(), f"the wheel lacks wikibio/scribunto/lua/{name}"
hello = {"Module:H": "return { f = function(frame) return 'Lua ' .. frame.args[1] end }"}
assert wikibio.expand("{{#invoke:H|f|runs}}", templates=hello) == "Lua runs", "the Lua runtime"
print(f"check-wheel: {version.stdout.strip()} installs from its wheel and runs,"
      f" {len(compiled)} modules compiled")
PY
