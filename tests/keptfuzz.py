"""Random small workspaces and random edits of them, for a differential test of kept results.

A workspace is a model (modules of classes, enums, exceptions and functions, and a spec),
rendered to text; an edit changes the model, and the files whose text changed are given
to the two incremental paths:

- the editor's (``test_engine_editing.Editor``: open documents changed by one LSP change
  each, the others re-read from disk), compared with a fresh ``Workspace``;
- the CLI's disk cache (``check_paths`` with a ``Cache`` of the last run), compared with a
  check without a cache.

Everything is drawn from a ``random.Random``: hypothesis gives one (``st.randoms``) and
shrinks it, ``benchmarks/kept_fuzz.py`` gives seeded ones.
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from specls import run
from specls.cache import Cache
from specls.config import load_settings
from specls.engine import Workspace
from specls.findings import Finding
from specls.run import check_edited, check_paths
from test_engine_editing import Editor, _whole

ATTRS = ["items", "names", "count", "label", "state", "tags", "size"]
METHODS = ["add", "get", "run", "total", "reset", "show"]
CLASSES = ["Base", "Item", "Cart", "Store", "Box", "TagMixin"]
ENUMS = ["Color", "Mode"]
ERRORS = ["Empty", "Bad"]
FUNCS = ["helper", "audit", "pair", "totals"]
MEMBERS = ["RED", "BLUE", "OPEN"]
KINDS = ["list", "dict", "str", "int", "enum", "inst", "none"]
#: What a module function returns (R107 reads its callers' uses of it).
RESULTS = [
    "return (obj, 1)",
    "return obj, 1, 2",
    "return [obj, 1]",
    'return "x"',
    'return {"a": obj, "b": 1}',
    'return {"a": obj}',
    "return None",
    "if obj:\n    return (obj, 1)\nreturn None",
    'if obj:\n    return {"a": 1}\nreturn (obj, 2)',
    "return obj.items",
]
#: A use of a module function's result (``{f}``: how it is called; ``{o}``: its argument).
USES = [
    'r = {f}({o})\nreturn r["x"]',
    'return {f}({o})["x"]',
    "a, b = {f}({o})\nreturn a",
    "a, b, c = {f}({o})\nreturn c",
    "return {f}({o})[0]",
    "r = {f}({o})\nreturn r[0]",
    "return {f}({o})",
]
PKG = "pkg"

Model = dict[str, Any]


def _value(rng: Random, kind: str) -> str:
    if kind == "enum":
        return f"{rng.choice(ENUMS)}.{rng.choice(MEMBERS)}"
    if kind == "inst":
        return f"{rng.choice(CLASSES)}()"
    return {"list": "[]", "dict": "{}", "str": '"x"', "int": "0", "none": "None"}[kind]


def _use(rng: Random, arg: str, indent: str, fn: str | None = None, misuse: bool = False) -> str:
    """Statements calling a module function (``fn``, else any) and using its result (by
    key, by position, unpacked; ``misuse``: by key or unpacked), the function called by
    its name or through its module."""
    fn = fn or rng.choice(FUNCS)
    called = f"{fn}_mod.{fn}" if rng.random() < 0.25 else fn
    text = rng.choice(USES[:4] if misuse else USES).format(f=called, o=arg)
    return text.replace("\n", "\n" + indent)


def _line(rng: Random, own: list[str] | None = None) -> str:
    """One statement (or a few) of a method body, reading or writing ``self`` (``own``:
    the class's attributes, read more often than others)."""
    if rng.random() < 0.12:
        return _use(rng, "self", "        ")
    a, b = rng.choice(own if own and rng.random() < 0.6 else ATTRS), rng.choice(ATTRS)
    m, err, fn = rng.choice(METHODS), rng.choice(ERRORS), rng.choice(FUNCS)
    return rng.choice(
        [
            f"self.{a}.append(1)",
            f'self.{a}["k"] = 1',
            f"return self.{a}.keys()",
            f"return self.{a} + 1",
            f"return self.{a}.upper()",
            f'return self.{a} == "x"',
            f"return self.{a}.value",
            f"return self.{a}",
            f"self.{a} = {_value(rng, rng.choice(KINDS))}",
            f"return super().{m}() + 1",
            f"self.{m}().append(1)",
            f'x = self.{m}()\n        return x["k"]',
            f"raise {err}()",
            f"if not self.{a}:\n            raise {err}()\n        return self.{a}.pop()",
            f"return self.{a}.{b}",
            f"self.{a}.{b}.append(1)",
            f"return {fn}(self)",
            f"return {rng.choice(ENUMS)}.{rng.choice(MEMBERS)}.{m}()",
            f"self.{a}.append((1, 2))",
            f'return self.{a}[0]["k"]',
            f"return self.{m}(1)",
            f"return self.{m}()[0]",
            f"x, y = self.{m}()\n        return x",
            f"return self.{a}.{b}.{rng.choice(ATTRS)}",
            f"self.{a}.{b} = {_value(rng, rng.choice(KINDS))}",
        ]
    )


def _method(rng: Random, own: list[str] | None = None) -> dict[str, Any]:
    other = rng.choice(CLASSES) if rng.random() < 0.2 else None
    lines = [_line(rng, own) for _ in range(rng.randint(1, 2))]
    if other is not None:
        lines.append(f"return other.{rng.choice(ATTRS)}")
    arg = rng.random() < 0.2 and other is None
    return {"name": rng.choice(METHODS), "other": other, "lines": lines, "arg": arg}


def _class(rng: Random, name: str) -> dict[str, Any]:
    bases = rng.sample(CLASSES, rng.choice([0, 0, 1, 1, 2]))
    bases = [b for b in bases if b != name]
    attrs = {a: rng.choice(KINDS) for a in rng.sample(ATTRS, rng.randint(0, 3))}
    values = {a: _value(rng, k) for a, k in attrs.items()}
    methods = [_method(rng, list(attrs)) for _ in range(rng.randint(0, 3))]
    annotated = {
        a: rng.choice(["list", "dict[str, int]", "str", "int"])
        for a in rng.sample(ATTRS, rng.choice([0, 0, 0, 1]))
    }
    plain = {
        a: _value(rng, rng.choice(["str", "int", "none"]))
        for a in rng.sample(ATTRS, rng.choice([0, 0, 0, 1]))
    }
    return {
        "t": "class",
        "name": name,
        "bases": bases,
        "attrs": values,
        "methods": methods,
        "annotated": annotated,
        "plain": plain,
    }


def _enum(rng: Random, name: str) -> dict[str, Any]:
    members = rng.sample(MEMBERS, rng.randint(1, 3))
    methods = rng.sample(METHODS, rng.choice([0, 0, 1]))
    return {
        "t": "enum",
        "name": name,
        "str": rng.random() < 0.4,
        "members": members,
        "methods": methods,
    }


def _function(rng: Random, name: str) -> dict[str, Any]:
    a, b = rng.choice(ATTRS), rng.choice(ATTRS)
    r = rng.random()
    if r < 0.35:
        body = rng.choice(
            [
                f"return obj.{a} + 1",
                f"obj.{a}.append(1)\n    return obj.{b}",
                f'return obj.{a}["k"]',
                f"return obj.{a}.{b}",
            ]
        )
    elif r < 0.8:
        body = rng.choice(RESULTS).replace("\n", "\n    ")
    else:
        body = _use(rng, "obj", "    ")
    return {"t": "func", "name": name, "body": body}


def _make(rng: Random, name: str) -> dict[str, Any]:
    """A definition of ``name`` (a class, enum, exception or function, by its name)."""
    if name in CLASSES:
        item = _class(rng, name)
    elif name in ENUMS:
        item = _enum(rng, name)
    elif name in ERRORS:
        item = {"t": "exc", "name": name, "base": rng.choice(["Exception", "ValueError", *ERRORS])}
    else:
        item = _function(rng, name)
    item["pad"] = 0
    return item


def generate(rng: Random) -> Model:
    """A workspace: 2-4 modules of a package, each name defined once, and a spec."""
    n = rng.randint(2, 4)
    modules: list[dict[str, Any]] = [{"name": f"m{i}", "pad": 0, "items": []} for i in range(n)]
    names = [
        *rng.sample(CLASSES, rng.randint(2, 5)),
        *rng.sample(ENUMS, rng.randint(0, 2)),
        *rng.sample(ERRORS, rng.randint(0, 2)),
        *rng.sample(FUNCS, rng.randint(0, 3)),
    ]
    for name in names:
        modules[rng.randrange(n)]["items"].append(_make(rng, name))
    funcs = [it for mod in modules for it in mod["items"] if it["t"] == "func"]
    if funcs and rng.random() < 0.6:  # (a function's result used, most often elsewhere)
        f = rng.choice(funcs)
        f["body"] = rng.choice(RESULTS[:6]).replace("\n", "\n    ")  # (no None in them)
        classes = [it for mod in modules for it in mod["items"] if it["t"] == "class"]
        for cls in rng.sample(classes, min(len(classes), rng.randint(1, 2))):
            line = _use(rng, "self", "        ", f["name"], misuse=True)
            method = {"name": rng.choice(METHODS), "other": None, "arg": False, "lines": [line]}
            cls["methods"].insert(rng.randint(0, len(cls["methods"])), method)
    model: Model = {"modules": modules, "spec": [], "gone": {}, "next": n, "config": None}
    for _ in range(rng.choice([0, 1, 2, 3])):
        _add_decision(rng, model)
    if rng.random() < 0.3:
        model["config"] = {"select": [], "ignore": [], "severity": {}}
        _config_edit(rng, model)
    model["open"] = [m["name"] for m in modules if rng.random() < 0.6]
    model["spec_open"] = rng.random() < 0.5
    return model


# -- rendering -------------------------------------------------------------------------------


def _where(model: Model, name: str) -> int | None:
    for i, mod in enumerate(model["modules"]):
        if any(it["name"] == name for it in mod["items"]):
            return i
    return None


def _render_item(item: dict[str, Any]) -> list[str]:
    t = item["t"]
    out = ["# pad"] * item["pad"]
    if t == "exc":
        return [*out, f"class {item['name']}({item['base']}):", "    pass"]
    if t == "func":
        return [*out, f"def {item['name']}(obj):", f"    {item['body']}"]
    if t == "enum":
        bases = "str, Enum" if item["str"] else "Enum"
        out += [f"class {item['name']}({bases}):"]
        out += [f'    {m} = "{m.lower()}"' for m in item["members"]]
        for m in item["methods"]:
            out += ["", f"    def {m}(self):", "        return self.value"]
        return out
    bases = ", ".join(item["bases"])
    out.append(f"class {item['name']}({bases}):" if bases else f"class {item['name']}:")
    body: list[str] = [f"    {a}: {t}" for a, t in item["annotated"].items()]
    body += [f"    {a} = {v}" for a, v in item["plain"].items()]
    if item["attrs"]:
        body += ["    def __init__(self):"]
        if item["bases"]:
            body += ["        super().__init__()"]
        body += [f"        self.{a} = {v}" for a, v in item["attrs"].items()]
    for m in item["methods"]:
        if body:
            body.append("")
        params = f'self, other: "{m["other"]}"' if m["other"] else "self"
        params += ", n" if m["arg"] else ""
        body.append(f"    def {m['name']}({params}):")
        body += [f"        {line}" for line in m["lines"]]
    return out + (body or ["    pass"])


def render(model: Model) -> dict[str, str]:
    """The files of the workspace (relative paths) and their texts."""
    files = {f"{PKG}/__init__.py": ""}
    for i, mod in enumerate(model["modules"]):
        blocks = ["\n".join(_render_item(it)) for it in mod["items"]]
        body = "\n\n\n".join(blocks)
        local = {it["name"] for it in mod["items"]}
        imports = []
        if "Enum" in body:
            imports.append("from enum import Enum")
        for name in [*CLASSES, *ENUMS, *ERRORS, *FUNCS]:
            qualified = f"{name}_mod.{name}("  # (a function called through its module)
            plain = re.search(rf"\b{name}\b", body.replace(qualified, ""))
            if not plain and qualified not in body:
                continue
            at = _where(model, name)
            # (a definition whose module was deleted is still imported from there)
            home = model["modules"][at]["name"] if at is not None else model["gone"].get(name)
            if home is None:
                continue
            if qualified in body:
                imports.append(f"from {PKG} import {home} as {name}_mod")
            if plain and name not in local:
                imports.append(f"from {PKG}.{home} import {name}")
        head = ["# pad"] * mod["pad"] + [f'"""Module {i}."""', ""]
        text = "\n".join(head + imports) + ("\n\n\n" if imports else "\n\n") + body + "\n"
        if mod.get("broken"):
            text += "\n\ndef oops(:\n    pass\n"
        files[f"{PKG}/{mod['name']}.py"] = text
    if model["spec"]:
        files["spec.toml"] = "[spec]\nversion = 1\n\n" + "\n".join(model["spec"])
    config = model["config"]
    if config is not None:
        lines = ["[project]", 'name = "pkg"', "", "[tool.specls]"]
        for key in ("select", "ignore"):
            if config[key]:
                lines.append(f"{key} = [" + ", ".join(f'"{c}"' for c in config[key]) + "]")
        if config["severity"]:
            lines += ["", "[tool.specls.severity]"]
            lines += [f'{c} = "{v}"' for c, v in sorted(config["severity"].items())]
        files["pyproject.toml"] = "\n".join(lines) + "\n"
    return files


# -- edits -----------------------------------------------------------------------------------


def _items(model: Model, t: str) -> list[dict[str, Any]]:
    return [it for mod in model["modules"] for it in mod["items"] if it["t"] == t]


def _add_decision(rng: Random, model: Model) -> bool:
    classes = _items(model, "class")
    n = len(model["spec"])
    kind = rng.choice(["representation", "behaviour", "naming", "pattern"])
    if kind == "pattern":
        model["spec"].append(
            f'[decision.d{n}]\nkind = "naming"\npattern = "^[a-m_]+$"\n'
            f'applies_to = ["{rng.choice(["attribute", "method", "class"])}"]\n'
        )
        return True
    if kind == "naming":
        prefer, avoid = rng.sample(ATTRS + METHODS, 2)
        model["spec"].append(
            f'[decision.d{n}]\nkind = "naming"\nprefer = "{prefer}"\navoid = ["{avoid}"]\n'
            'applies_to = ["attribute", "method", "parameter", "function"]\n'
        )
        return True
    if not classes:
        return False
    cls = rng.choice(classes)
    mod = _where(model, cls["name"])
    short = rng.random() < 0.3  # (``Cart.items``: whatever class of that name)
    where = cls["name"] if short else f"{PKG}.m{mod}.{cls['name']}"
    if kind == "representation":
        attr = rng.choice(list(cls["attrs"]) or ATTRS)
        typ = rng.choice(["list", "dict", "str", "int", "list[str]", "dict[str, int]"])
        model["spec"].append(
            f'[decision.d{n}]\nkind = "representation"\ntarget = "{where}.{attr}"\ntype = "{typ}"\n'
        )
        return True
    meth = rng.choice([m["name"] for m in cls["methods"]] or METHODS)
    what = rng.choice([f'raises = "{rng.choice([*ERRORS, "IndexError"])}"', 'returns = "None"'])
    model["spec"].append(
        f'[decision.d{n}]\nkind = "behaviour"\ntarget = "{where}.{meth}"\n'
        f'when = "it is empty"\n{what}\n'
    )
    return True


def _edit_spec(rng: Random, model: Model) -> bool:
    spec = model["spec"]
    choice = rng.random()
    if spec and choice < 0.3:
        spec.pop(rng.randrange(len(spec)))
        return True
    if spec and choice < 0.6:
        i = rng.randrange(len(spec))
        old = spec[i]
        for a, b in [
            ('"list"', '"dict"'),
            ('"dict"', '"str"'),
            ('"str"', '"int"'),
            ('"int"', '"list"'),
            ('returns = "None"', 'raises = "Empty"'),
            ('raises = "Empty"', 'returns = "None"'),
        ]:
            if a in old:
                spec[i] = old.replace(a, b, 1)
                return True
        return False
    return _add_decision(rng, model)


def _rename_attr(rng: Random, model: Model) -> bool:
    classes = [c for c in _items(model, "class") if c["attrs"]]
    if not classes:
        return False
    cls = rng.choice(classes)
    old = rng.choice(list(cls["attrs"]))
    new = rng.choice([a for a in ATTRS if a not in cls["attrs"]] or [old + "s"])
    cls["attrs"] = {(new if a == old else a): v for a, v in cls["attrs"].items()}
    return True


def _attr_kind(rng: Random, model: Model) -> bool:
    classes = [c for c in _items(model, "class") if c["attrs"]]
    if not classes:
        return False
    cls = rng.choice(classes)
    cls["attrs"][rng.choice(list(cls["attrs"]))] = _value(rng, rng.choice(KINDS))
    return True


def _add_attr(rng: Random, model: Model) -> bool:
    cls = rng.choice(_items(model, "class"))
    cls["attrs"][rng.choice(ATTRS)] = _value(rng, rng.choice(KINDS))
    return True


def _method_edit(rng: Random, model: Model) -> bool:
    cls = rng.choice(_items(model, "class"))
    ms = cls["methods"]
    r = rng.random()
    if ms and r < 0.3:
        ms.pop(rng.randrange(len(ms)))
    elif ms and r < 0.6:
        m = rng.choice(ms)
        m["lines"][rng.randrange(len(m["lines"]))] = _line(rng, list(cls["attrs"]))
    elif ms and r < 0.7:
        rng.choice(ms)["name"] = rng.choice(METHODS)
    elif ms and r < 0.8:
        m = rng.choice(ms)
        m["arg"] = not m["arg"]
    else:
        ms.insert(rng.randint(0, len(ms)), _method(rng, list(cls["attrs"])))
    return True


def _base_edit(rng: Random, model: Model) -> bool:
    cls = rng.choice(_items(model, "class"))
    if cls["bases"] and rng.random() < 0.5:
        cls["bases"].pop(rng.randrange(len(cls["bases"])))
        return True
    new = rng.choice([b for b in [*CLASSES, "Unknown"] if b != cls["name"]])
    if new in cls["bases"]:
        return False
    cls["bases"].insert(rng.randint(0, len(cls["bases"])), new)
    return True


def _enum_edit(rng: Random, model: Model) -> bool:
    enums = _items(model, "enum")
    if not enums:
        return False
    e = rng.choice(enums)
    r = rng.random()
    if r < 0.35:
        e["str"] = not e["str"]
    elif r < 0.7:
        if e["methods"]:
            e["methods"].pop()
        else:
            e["methods"].append(rng.choice(METHODS))
    else:
        rest = [m for m in MEMBERS if m not in e["members"]]
        if rest:
            e["members"].append(rng.choice(rest))
        elif len(e["members"]) > 1:
            e["members"].pop(rng.randrange(len(e["members"])))
    return True


def _function_edit(rng: Random, model: Model) -> bool:
    funcs = _items(model, "func")
    missing = [f for f in FUNCS if _where(model, f) is None]
    if missing and (not funcs or rng.random() < 0.5):
        name = rng.choice(missing)
        rng.choice(model["modules"])["items"].append({**_function(rng, name), "pad": 0})
        return True
    if not funcs:
        return False
    f = rng.choice(funcs)
    f.update(_function(rng, f["name"]))
    return True


def _result_edit(rng: Random, model: Model) -> bool:
    """What a module function returns changed (a tuple, a dict, None, ...)."""
    funcs = _items(model, "func")
    if not funcs:
        return False
    f = rng.choice(funcs)
    body = rng.choice(RESULTS).replace("\n", "\n    ")
    if body == f["body"]:
        return False
    f["body"] = body
    return True


def _call_edit(rng: Random, model: Model) -> bool:
    """A method or a function calling a module function (most often one defined) and using
    its result."""
    funcs = _items(model, "func")
    fn = rng.choice(funcs)["name"] if funcs and rng.random() < 0.8 else None
    if funcs and rng.random() < 0.4:
        f = rng.choice(funcs)
        f["body"] = _use(rng, "obj", "    ", fn if fn != f["name"] else None)
        return True
    cls = rng.choice(_items(model, "class"))
    cls["methods"].insert(
        rng.randint(0, len(cls["methods"])),
        {
            "name": rng.choice(METHODS),
            "other": None,
            "arg": False,
            "lines": [_use(rng, "self", "        ", fn)],
        },
    )
    return True


def _move_function_or_caller(rng: Random, model: Model) -> bool:
    """A module function moved to another module (its callers' imports follow), or lines
    inserted above (or taken from above) a class that calls one (its body moves)."""
    mods = model["modules"]
    if rng.random() < 0.5:
        homes = [m for m in mods if any(it["t"] == "func" for it in m["items"])]
        if not homes:
            return False
        src = rng.choice(homes)
        f = rng.choice([it for it in src["items"] if it["t"] == "func"])
        src["items"].remove(f)
        dst = rng.choice(mods)
        dst["items"].insert(rng.randint(0, len(dst["items"])), f)
        return True
    callers = [
        c
        for c in _items(model, "class")
        if any(
            re.search(r"\b(" + "|".join(FUNCS) + r")\(", line)
            for m in c["methods"]
            for line in m["lines"]
        )
    ]
    if not callers:
        return False
    cls = rng.choice(callers)
    cls["pad"] = 0 if cls["pad"] else rng.randint(1, 3)
    return True


def _new_module_name(rng: Random, model: Model) -> str:
    """A module name no module has: one deleted earlier, or a new one."""
    taken = {m["name"] for m in model["modules"]}
    again = sorted(set(model["gone"].values()) - taken)
    if again and rng.random() < 0.4:
        return rng.choice(again)
    model["next"] += 1
    return f"m{model['next'] - 1}"


def _module_file_edit(rng: Random, model: Model) -> bool:
    """A module file deleted (imports of its definitions elsewhere dangle), renamed (they
    resolve to the new file), or added (empty, with definitions that were deleted, so that
    such imports resolve again, or with new ones)."""
    mods = model["modules"]
    r = rng.random()
    if r < 0.35:
        i = rng.randrange(len(mods))
        rest = [it for j, m in enumerate(mods) if j != i for it in m["items"]]
        if not any(it["t"] == "class" for it in rest):
            return False
        mod = mods.pop(i)
        for it in mod["items"]:
            model["gone"][it["name"]] = mod["name"]
        model["open"] = [n for n in model["open"] if n != mod["name"]]
        return True
    if r < 0.6:
        mod = rng.choice(mods)
        old, mod["name"] = mod["name"], _new_module_name(rng, model)
        model["open"] = sorted(mod["name"] if n == old else n for n in model["open"])
        return True
    name = _new_module_name(rng, model)
    gone = sorted(n for n in model["gone"] if _where(model, n) is None)
    names = rng.sample(gone, min(len(gone), rng.randint(0, 2)))
    free = [n for n in [*CLASSES, *FUNCS] if _where(model, n) is None and n not in names]
    names += rng.sample(free, min(len(free), rng.randint(0, 1)))
    mods.append({"name": name, "pad": 0, "items": [_make(rng, n) for n in names]})
    if rng.random() < 0.5:
        model["open"] = sorted([*model["open"], name])
    return True


#: Codes and prefixes ``[tool.specls]`` selects or ignores; codes given a severity.
SELECTED = ["R", "R1", "N", "S", "I", "R101", "R102", "R105", "R106", "R107", "N101", "N102"]
GRADED = ["R101", "R102", "R103", "R105", "R106", "R107", "N101", "N102", "S001", "S003"]


def _config_edit(rng: Random, model: Model) -> bool:
    """``pyproject.toml``'s ``[tool.specls]`` added, taken away, or one of its select,
    ignore or severity entries toggled."""
    config = model["config"]
    if config is None:
        config = model["config"] = {"select": [], "ignore": [], "severity": {}}
    elif rng.random() < 0.15:
        model["config"] = None
        return True
    key = rng.choice(["select", "ignore", "severity", "severity"])
    if key == "severity":
        code = rng.choice(GRADED)
        if code in config["severity"] and rng.random() < 0.4:
            del config["severity"][code]
        else:
            config["severity"][code] = rng.choice(["error", "warning", "info", "hint"])
        return True
    code = rng.choice(SELECTED)
    if code in config[key]:
        config[key].remove(code)
    else:
        config[key].append(code)
    return True


def _pass_self(rng: Random, model: Model) -> bool:
    cls = rng.choice(_items(model, "class"))
    cls["methods"].append(
        {
            "name": rng.choice(METHODS),
            "other": None,
            "arg": False,
            "lines": [f"return {rng.choice(FUNCS)}(self)"],
        }
    )
    return True


def _pad(rng: Random, model: Model) -> bool:
    mod = rng.choice(model["modules"])
    if mod["items"] and rng.random() < 0.6:
        it = rng.choice(mod["items"])
        it["pad"] = 0 if it["pad"] else rng.randint(1, 2)
    else:
        mod["pad"] = 0 if mod["pad"] else rng.randint(1, 3)
    return True


def _syntax_error(rng: Random, model: Model) -> bool:
    """A syntax error at a module's end, or that error mended."""
    mod = rng.choice(model["modules"])
    mod["broken"] = not mod.get("broken")
    return True


def _rename_class(rng: Random, model: Model) -> bool:
    cls = rng.choice(_items(model, "class"))
    free = [c for c in CLASSES if _where(model, c) is None]
    if not free:
        return False
    cls["name"] = rng.choice(free)
    return True


def _exception_edit(rng: Random, model: Model) -> bool:
    excs = _items(model, "exc")
    missing = [e for e in ERRORS if _where(model, e) is None]
    if missing and (not excs or rng.random() < 0.4):
        rng.choice(model["modules"])["items"].append(
            {"t": "exc", "name": rng.choice(missing), "base": "Exception", "pad": 0}
        )
        return True
    if not excs:
        return False
    e = rng.choice(excs)
    e["base"] = rng.choice(
        [b for b in ["Exception", "ValueError", "IndexError", *ERRORS] if b != e["name"]]
    )
    return True


def _class_body_edit(rng: Random, model: Model) -> bool:
    cls = rng.choice(_items(model, "class"))
    key = rng.choice(["annotated", "plain"])
    name = rng.choice(ATTRS)
    if name in cls[key]:
        del cls[key][name]
    elif key == "annotated":
        cls[key][name] = rng.choice(["list", "dict[str, int]", "str", "int"])
    else:
        cls[key][name] = _value(rng, rng.choice(["str", "int", "none"]))
    return True


def _copy_class(rng: Random, model: Model) -> bool:
    """The same class name defined in a second module (or that copy taken away)."""
    seen: dict[str, int] = {}
    for mod in model["modules"]:
        for i, it in enumerate(mod["items"]):
            if it["t"] == "class" and it["name"] in seen:
                mod["items"].pop(i)
                return True
            seen[it["name"]] = 1
    cls = copy.deepcopy(rng.choice(_items(model, "class")))
    cls["attrs"] = {a: _value(rng, rng.choice(KINDS)) for a in cls["attrs"]}
    rng.choice(model["modules"])["items"].append(cls)
    return True


def _open_or_close(rng: Random, model: Model) -> bool:
    """An editor's document closed (saved), or a closed module opened (the editor's path
    only: the texts stay)."""
    i = rng.randrange(len(model["modules"]))
    model["open"] = sorted(set(model["open"]) ^ {model["modules"][i]["name"]})
    return True


def _move_item(rng: Random, model: Model) -> bool:
    mods = model["modules"]
    src = rng.choice(mods)
    if not src["items"]:
        return False
    item = src["items"].pop(rng.randrange(len(src["items"])))
    rng.choice(mods)["items"].append(item)
    return True


EDITS = {
    "rename an attribute": _rename_attr,
    "change an attribute's kind": _attr_kind,
    "add an attribute": _add_attr,
    "add, remove, rename or change a method": _method_edit,
    "add or remove a base": _base_edit,
    "change an enum": _enum_edit,
    "add or change a module function": _function_edit,
    "pass self to a function": _pass_self,
    "insert or remove lines above": _pad,
    "rename a class": _rename_class,
    "add or rebase an exception": _exception_edit,
    "move a definition to another module": _move_item,
    "edit the spec": _edit_spec,
    "annotate or assign in a class body": _class_body_edit,
    "define a class twice, or once again": _copy_class,
    "make or mend a syntax error": _syntax_error,
    "open or close a document": _open_or_close,
    "change what a function returns": _result_edit,
    "move a function, or lines above a class calling one": _move_function_or_caller,
    "use a function's result": _call_edit,
    "delete, rename or add a module file": _module_file_edit,
    "edit pyproject.toml's [tool.specls]": _config_edit,
}


def edit(rng: Random, model: Model) -> str | None:
    """Change ``model`` by one random edit; its name, or None if the drawn one did nothing."""
    name = rng.choice(sorted(EDITS))
    return name if EDITS[name](rng, model) else None


# -- the two paths ---------------------------------------------------------------------------


def _common(a: str, b: str) -> tuple[int, int, int]:
    """One change turning ``a`` into ``b``: its start, its end in ``a`` and in ``b``."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    return start, len(a) - end, len(b) - end


class EditorPath:
    """The editor's path over a workspace, and a fresh workspace of the same texts."""

    def __init__(self, root: Path, files: dict[str, str], model: Model) -> None:
        self.root = root
        opened = {f"{PKG}/{name}.py" for name in model["open"]}
        self.spec_open = model["spec_open"]
        for rel in ("spec.toml", "pyproject.toml"):  # (before the workspace reads them)
            if rel in files:
                (root / rel).write_text(files[rel])
        closed = {r: t for r, t in files.items() if r not in opened and r.endswith(".py")}
        self.editor = Editor(root, closed, {r: t for r, t in files.items() if r in opened})
        self.texts = dict(files)

    def apply(self, files: dict[str, str], opened: list[str] | None = None) -> None:
        """Give the editor ``files`` (one change per open document that changed), then
        open or close (saved) the documents ``opened`` names (modules) or not."""
        ed = self.editor
        for rel in sorted(set(files) | set(self.texts)):
            old, new = self.texts.get(rel), files.get(rel)
            if old == new:
                continue
            path = self.root / rel
            if rel == "pyproject.toml":  # (the server's ``reconfigure``)
                if new is None:
                    path.unlink()
                else:
                    path.write_text(new)
                ed.engine.settings = load_settings(self.root)
            elif rel == "spec.toml":
                if new is None:
                    path.unlink()
                    ed.engine.load_spec()
                else:
                    path.write_text(new)
                    if self.spec_open:
                        ed.engine.set_spec_text(new)
                    else:
                        ed.engine.load_spec()
            elif new is None:  # a module deleted (closed first, if open)
                ed.docs.pop(rel, None)
                ed.files = {r: t for r, t in ed.files.items() if r != rel}
                path.unlink()
                ed.engine.remove_file(path)
            elif rel in ed.docs:
                start, end_a, end_b = _common(old or "", new or "")
                ed.change(rel, start, end_a, (new or "")[start:end_b])
            else:
                path.write_text(new)
                ed.files = {**ed.files, rel: new}
                ed.engine.update_file(path)
        self.texts = dict(files)
        wanted = {f"{PKG}/{name}.py" for name in opened} if opened is not None else set(ed.docs)
        for rel in sorted(set(ed.docs) - wanted):  # (saved, then closed: read from disk)
            (self.root / rel).write_bytes(ed.docs.pop(rel).data)
            ed.files = {**ed.files, rel: files[rel]}
            ed.engine.update_file(self.root / rel)
        for rel in sorted(wanted - set(ed.docs)):
            if rel in files:
                ed.files = {r: t for r, t in ed.files.items() if r != rel}
                ed.open(rel)

    def compare(self) -> tuple[int, str | None]:
        """How many findings were compared, and a description of the first difference."""
        ed = self.editor
        fresh = Workspace(load_settings(self.root), reuse_findings=False)
        fresh.load_spec()
        for rel, data in ed.texts().items():
            fresh.update_file(self.root / rel, data)
        only = frozenset(str(self.root / rel) for rel in ed.docs)
        count = 0
        for scope in (only, None):
            kept = _whole(ed.engine.findings(only=scope))
            again = _whole(fresh.findings(only=scope))
            count += len(again)
            if kept != again:
                return count, "editor" + (" (open documents)" if scope else "") + ": " + _diff(
                    [k[0] for k in kept], [a[0] for a in again], kept, again
                )
        return count, None


def _diff(kept: list[Finding], again: list[Finding], wk: list, wa: list) -> str:
    extra = [f for f in kept if f not in again]
    missing = [f for f in again if f not in kept]
    lines = [f"kept only: {_show(f)}" for f in extra] + [f"fresh only: {_show(f)}" for f in missing]
    if not lines:
        lines = [f"kept: {k!r}\nfresh: {a!r}" for k, a in zip(wk, wa, strict=False) if k != a][:2]
        lines = lines or [f"order or count: {len(wk)} vs {len(wa)}"]
    return "; ".join(lines)


def _show(f: Finding) -> str:
    return f"{f.code} {Path(f.path).name}:{f.span.line + 1} {f.message}"


def _write(root: Path, old: dict[str, str], files: dict[str, str]) -> None:
    """Delete the files of ``old`` not in ``files``, write those that changed."""
    for rel in set(old) - set(files):
        (root / rel).unlink()
    for rel, text in files.items():
        if old.get(rel) != text:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)


class CachePath:
    """The CLI's check with the disk cache of the last run, and without a cache. With
    ``partial`` (a Random), some checks are of the files changed, or of the package, alone
    (``specls check pkg/m0.py``, as a pre-commit hook runs it), not the workspace."""

    def __init__(self, root: Path, files: dict[str, str], partial: Random | None = None) -> None:
        self.root = root / "ws"
        self.cache_dir = root / "cache"
        self.texts: dict[str, str] = {}
        self.partial = partial
        self.paths = [self.root]
        self.apply(files)
        self._run(Cache(self.cache_dir, workspace=self.root))

    def apply(self, files: dict[str, str], opened: list[str] | None = None) -> None:
        """Write the files that changed (``opened``: the editor's only)."""
        changed = sorted(r for r in files if r.endswith(".py") and files[r] != self.texts.get(r))
        _write(self.root, self.texts, files)
        self.texts = dict(files)
        self.paths = [self.root]
        if self.partial is not None and (r := self.partial.random()) < 0.6:
            self.paths = [self.root / PKG] if r < 0.2 or not changed else []
            self.paths += [self.root / rel for rel in changed]

    def _run(self, cache: Cache | None) -> list[Finding]:
        try:
            return check_paths(self.paths, load_settings(self.root), cache, 1).findings
        finally:
            if cache is not None:
                cache.close()

    def compare(self) -> tuple[int, str | None]:
        kept = self._run(Cache(self.cache_dir, workspace=self.root))
        again = self._run(None)
        if kept != again:
            where = [str(p.relative_to(self.root)) for p in self.paths]
            return len(again), f"cache {where}: " + _diff(kept, again, kept, again)
        return len(again), None


class HookPath:
    """The hook's check after an edit (``check_edited``, the files the edit changed) with
    a cache kept across edits, and without a cache. ``share``: on the CLI path's workspace
    and cache (an agent's hook and ``specls check`` between its edits), else its own.
    ``stdin``: the edited files' texts given, not yet on disk (``specls check
    --stdin-filename``), then saved."""

    def __init__(
        self, root: Path, files: dict[str, str], share: CachePath | None, stdin: bool = False
    ) -> None:
        self.share = share
        self.stdin = stdin
        self.unsaved: dict[str, str] = {}
        if share is None:
            self.root, self.cache_dir = root / "ws", root / "cache"
            _write(self.root, {}, files)
        else:
            self.root, self.cache_dir = share.root, share.cache_dir
        self.texts = dict(files)
        self.edited: list[str] = sorted(r for r in files if r.endswith(".py"))[:1]
        self.compare()  # (the first edit's check: the cache filled)

    def apply(self, files: dict[str, str], opened: list[str] | None = None) -> None:
        """Write the files that changed (unless shared: the CLI path writes them), and
        take those that still exist as the edited ones."""
        changed = sorted(r for r in files if r.endswith(".py") and files[r] != self.texts.get(r))
        if self.share is None:
            self.unsaved = {r: files[r] for r in changed} if self.stdin else {}
            # (the unsaved files as they were; a new one not written yet)
            old = {**self.texts, **{r: self.texts.get(r, "") for r in self.unsaved}}
            _write(self.root, old, {**files, **{r: old[r] for r in self.unsaved}})
        # (a change of the spec or the settings only: the hook after the next edit of a file)
        self.edited = changed or sorted(r for r in files if r.endswith(".py"))[:1]
        self.texts = dict(files)

    def _run(self, cache: Cache | None) -> tuple[list[Finding], int]:
        paths = [self.root / rel for rel in self.edited]
        texts = {self.root / rel: text.encode() for rel, text in self.unsaved.items()}
        try:
            got = check_edited(paths, load_settings(self.root), cache, texts or None)
        finally:
            if cache is not None:
                cache.close()
        return got.findings, got.files

    def compare(self) -> tuple[int, str | None]:
        kept, count = self._run(Cache(self.cache_dir, workspace=self.root))
        again, fresh_count = self._run(None)
        for rel, text in self.unsaved.items():  # (saved)
            (self.root / rel).write_text(text)
        self.unsaved = {}
        if kept != again:
            return len(again), f"hook {self.edited}: " + _diff(kept, again, kept, again)
        if count != fresh_count:
            return len(again), f"hook {self.edited}: {count} files checked, not {fresh_count}"
        return len(again), None


@contextmanager
def _folding(on: bool) -> Iterator[None]:
    """With ``on``, the CLI's check keeps its facts' bodies pickled whatever the size of
    the workspace (as it does for a big one), one body unpickled at a time."""
    saved = run.FOLD_BYTES, run.FOLD_OPEN
    if on:
        run.FOLD_BYTES, run.FOLD_OPEN = 0, 1
    try:
        yield
    finally:
        run.FOLD_BYTES, run.FOLD_OPEN = saved


@dataclass
class Outcome:
    """What one example did: edits made, findings compared (by path), the first failure."""

    edits: int = 0
    compared: int = 0
    found_any: bool = False
    failure: str | None = None
    steps: list[str] = field(default_factory=list)
    by_path: dict[str, int] = field(default_factory=dict)
    variant: str = ""


def run_example(rng: Random, edits: int = 8, cli: bool = True, hook: bool = True) -> Outcome:
    """Generate a workspace, make up to ``edits`` random edits, compare after each (the
    variant, drawn too: whether the CLI's check folds bodies, the hook shares its cache)."""
    model = generate(rng)
    out = Outcome()
    fold = cli and rng.random() < 0.3
    shared = cli and hook and rng.random() < 0.4
    first = shared and rng.random() < 0.5  # (the hook's check before the CLI's, on its cache)
    stdin = hook and not shared and rng.random() < 0.3
    partial = Random(rng.random()) if cli and rng.random() < 0.3 else None
    variants = [("fold", fold), ("shared", shared), ("hook first", first), ("stdin", stdin)]
    variants.append(("partial", partial is not None))
    out.variant = ",".join(n for n, on in variants if on)
    with tempfile.TemporaryDirectory() as tmp, _folding(fold):
        base = Path(tmp)
        (base / "ed").mkdir()
        files = render(model)
        out.steps.append(_dump(files))
        paths: dict[str, Any] = {"editor": EditorPath(base / "ed", files, model)}
        if cli:
            paths["cache"] = CachePath(base / "cli", files, partial)
        if hook:
            share = paths.get("cache") if shared else None
            paths["hook"] = HookPath(base / "hook", files, share, stdin)
        if first:
            paths = {"hook": paths["hook"], **paths}
        for _ in range(edits):
            before = copy.deepcopy(model)
            name = edit(rng, model)
            files = render(model)
            if name is None or (files == render(before) and model["open"] == before["open"]):
                continue
            out.edits += 1
            out.steps.append(f"-- edit: {name}\n" + _dump(files))
            for path in paths.values():
                path.apply(files, model["open"])
            for label, path in paths.items():
                count, failure = path.compare()
                out.compared += count
                out.by_path[label] = out.by_path.get(label, 0) + count
                out.found_any |= count > 0
                if failure is not None:
                    out.failure = failure
                    return out
        shutil.rmtree(base, ignore_errors=True)
    return out


def _dump(files: dict[str, str]) -> str:
    return "\n".join(f"## {rel}\n{text}" for rel, text in sorted(files.items()) if text)
