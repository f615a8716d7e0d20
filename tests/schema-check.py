#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validate every scenario of the suite and every complete example of the
language reference against docs/scenario.schema.json, so that the schema
editors use cannot fall behind the language.  Files are read as YAML 1.1
(PyYAML), as most editor extensions do.  Exit status 1 on any mismatch."""
import glob
import json
import re
import sys

import jsonschema
import yaml

SCHEMA = "docs/scenario.schema.json"
DOC = "docs/scenario-language.md"


def documents():
    for path in sorted(glob.glob("scenarios/**/*.yaml", recursive=True)):
        if "/expectations/" in path:
            continue
        with open(path) as f:
            for i, doc in enumerate(yaml.safe_load_all(f)):
                yield "%s (document %d)" % (path, i + 1), doc
    with open(DOC) as f:
        text = f.read()
    for n, m in enumerate(re.finditer(r"^```yaml\n(.*?)^```", text,
                                      re.M | re.S)):
        for doc in yaml.safe_load_all(m.group(1)):
            yield "%s (example %d)" % (DOC, n + 1), doc


def main():
    with open(SCHEMA) as f:
        check = jsonschema.Draft202012Validator(json.load(f))
    bad = total = 0
    for where, doc in documents():
        total += 1
        for err in check.iter_errors(doc):
            bad += 1
            loc = "/".join(str(p) for p in err.absolute_path)
            print("%s: at /%s: %s" % (where, loc, err.message[:200]))
    print("schema: %d documents checked, %d problems" % (total, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
