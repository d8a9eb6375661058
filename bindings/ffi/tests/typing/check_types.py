"""Compares every TypedDict of jindu/types.py with the JSON Schema object it mirrors.

    python3 check_types.py TYPES_PY SCHEMAS_JSON

SCHEMAS_JSON maps each schema's name (as `jindu schema NAME` takes it) to the schema. Every
TypedDict must be in `SCHEMA_OF`; its keys must be the object's `properties` and its required
keys the object's `required`; every object among the schemas' roots and `$defs` must have a
TypedDict (a `$defs` entry that several schemas share, such as `TaskInput`, has one, named
after it, with the same keys). Prints one line per difference and exits 1 if there is any.
"""

import importlib.util
import json
import sys
import typing


def main() -> int:
    spec = importlib.util.spec_from_file_location("jindu_types", sys.argv[1])
    assert spec is not None and spec.loader is not None
    types = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(types)
    with open(sys.argv[2], encoding="utf-8") as f:
        schemas = json.load(f)
    errors = []
    mirrored = set()
    shapes = set()  # (a $defs name or a TypedDict's, its keys, its required keys)
    for name in sorted(dir(types)):
        td = getattr(types, name)
        if name.startswith("_") or not typing.is_typeddict(td):
            continue
        where = types.SCHEMA_OF.get(name)
        if where is None:
            errors.append(f"{name}: not in SCHEMA_OF")
            continue
        schema, _, pointer = where.partition("#")
        obj = schemas.get(schema)
        for part in [p for p in pointer.split("/") if p]:
            if isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
                obj = obj[int(part)]
            elif isinstance(obj, dict) and part in obj:
                obj = obj[part]
            else:
                obj = None
                break
        if not isinstance(obj, dict) or "properties" not in obj:
            errors.append(f"{name}: {where} is not an object in the schemas")
            continue
        mirrored.add(where)
        shapes.add((pointer.rsplit("/", 1)[-1], frozenset(obj["properties"]), frozenset(obj.get("required", []))))
        shapes.add((name, frozenset(obj["properties"]), frozenset(obj.get("required", []))))
        keys = set(td.__required_keys__) | set(td.__optional_keys__)
        props = set(obj["properties"])
        required = set(obj.get("required", []))
        for k in sorted(props - keys):
            errors.append(f"{name}: no key {k!r} ({where} has it)")
        for k in sorted(keys - props):
            errors.append(f"{name}: key {k!r} is not in {where}")
        for k in sorted((required ^ set(td.__required_keys__)) & keys & props):
            state = "required" if k in required else "optional"
            errors.append(f"{name}: key {k!r} is {state} in {where}")
    for schema, root in schemas.items():
        objects = [("", root)] + [(f"/$defs/{n}", d) for n, d in root.get("$defs", {}).items()]
        for pointer, obj in objects:
            shape = (pointer.rsplit("/", 1)[-1], frozenset(obj.get("properties", [])), frozenset(obj.get("required", [])))
            if "properties" in obj and f"{schema}#{pointer}" not in mirrored and shape not in shapes:
                errors.append(f"{schema}#{pointer}: no TypedDict mirrors it")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
